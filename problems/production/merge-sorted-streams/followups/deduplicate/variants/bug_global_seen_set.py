"""Bug: remembers every event ever yielded (a global set of (timestamp, bytes)), so memory grows with the stream. Caught by test_memory_stays_bounded_on_a_long_stream."""
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
    seen = set()
    for item in items:
        ts, vec = item
        key = (ts, np.asarray(vec).shape, np.asarray(vec).tobytes())
        if key in seen:
            continue
        seen.add(key)
        yield item


def merge_streams(a, b, dedupe=False):
    """Merge two sorted streams lazily; with dedupe=True equal (timestamp, vector) events once."""
    merged = _merged(a, b)
    return _deduplicated(merged) if dedupe else merged
