"""Bug: weight-0 items get the lowest possible key instead of being skipped, so they fill the sample when there are fewer than k positive weights. Caught by test_zero_weights_and_short_streams."""
import random


def reservoir_sample(stream, k, seed=0):
    """Algorithm R: uniform sample of k items from a stream in one pass and O(k) memory."""
    if k < 0:
        raise ValueError("k must be >= 0")
    rng = random.Random(seed)
    reservoir = []
    for i, item in enumerate(stream):
        if i < k:
            reservoir.append(item)
        else:
            j = rng.randint(0, i)          # uniform over 0..i inclusive
            if j < k:
                reservoir[j] = item
    return reservoir


def weighted_reservoir_sample(stream, k, seed=0):
    """A-Res (Efraimidis & Spirakis, 2006): weighted sampling without replacement in one pass.

    stream yields (item, weight) pairs. Each item with weight w > 0 gets the key u ** (1 / w),
    u uniform in (0, 1]; the k largest keys are kept (min-heap). Computed as log(u) / w, which
    orders the same way and neither underflows for tiny weights nor rounds to 1 for huge ones.
    Weight 0: never sampled. Fewer than k positive-weight items: all of them, in stream order."""
    import heapq
    import math

    if k < 0:
        raise ValueError("k must be >= 0")
    rng = random.Random(seed)
    heap = []                                 # (key, stream index, item)
    for i, (item, w) in enumerate(stream):
        w = float(w)
        if not (w >= 0 and math.isfinite(w)):
            raise ValueError("weights must be finite and >= 0, got %r" % (w,))
        if k == 0:
            continue
        key = -math.inf if w == 0 else math.log(1.0 - rng.random()) / w
        if len(heap) < k:
            heapq.heappush(heap, (key, i, item))
        elif key > heap[0][0]:
            heapq.heapreplace(heap, (key, i, item))
    if len(heap) < k:
        return [item for _, _, item in sorted(heap, key=lambda e: e[1])]
    return [item for _, _, item in heap]
