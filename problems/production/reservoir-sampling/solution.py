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
