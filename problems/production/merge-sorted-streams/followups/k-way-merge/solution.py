import numpy as np


def _merged(a, b):
    """Lazily merge two timestamp-sorted streams of (timestamp, vector); ties: a first."""
    it_a, it_b = iter(a), iter(b)
    done = object()
    x = next(it_a, done)
    y = next(it_b, done)
    while x is not done and y is not done:
        if y[0] < x[0]:          # strict: on equal timestamps the item from a goes first
            yield y
            y = next(it_b, done)
        else:
            yield x
            x = next(it_a, done)
    while x is not done:
        yield x
        x = next(it_a, done)
    while y is not done:
        yield y
        y = next(it_b, done)


def _deduplicated(items):
    """Drop an item when an item with an equal timestamp and an equal vector was already yielded.
    The output is timestamp-ordered, so only the vectors yielded at the current timestamp are kept."""
    current_ts, seen = None, []
    for item in items:
        ts, vec = item
        if not seen or ts != current_ts:
            current_ts, seen = ts, []
        if any(np.array_equal(vec, v) for v in seen):
            continue
        seen.append(vec)
        yield item


def merge_streams(a, b, dedupe=False):
    """Merge two sorted streams lazily; with dedupe=True equal (timestamp, vector) events once."""
    merged = _merged(a, b)
    return _deduplicated(merged) if dedupe else merged


def merge_k_streams(streams, dedupe=False):
    """Lazily merge k timestamp-sorted streams with a heap of one head per stream.

    Heap entries are (timestamp, stream index, item): the stream index breaks timestamp ties (lower
    index first) and is unique in the heap, so vectors are never compared. Memory O(k): one
    unyielded item per stream. O(log k) per item."""
    import heapq

    iterators = [iter(s) for s in streams]

    def merged():
        heap = []
        for i, it in enumerate(iterators):
            for item in it:
                heap.append((item[0], i, item))
                break
        heapq.heapify(heap)
        while heap:
            _, i, item = heap[0]
            yield item
            for nxt in iterators[i]:
                heapq.heapreplace(heap, (nxt[0], i, nxt))
                break
            else:
                heapq.heappop(heap)

    return _deduplicated(merged()) if dedupe else merged()
