def merge_streams(a, b):
    """Lazily merge two timestamp-sorted streams.

    Args:
        a, b: iterables (possibly one-shot generators, possibly endless) of
            (timestamp, vector) tuples; timestamp is an int or float, vector a 1-D
            np.ndarray. Each stream is sorted by timestamp, non-decreasing.

    Yields:
        Every item of a and b, unchanged, in non-decreasing timestamp order.
        Equal timestamps: items from a come before items from b; within one stream the
        original order is kept. Only timestamps are compared, never vectors.

    Must be lazy: read each stream one item at a time, at most one item ahead of what
    has been yielded; never call list()/sorted() on the inputs.
    """
    raise NotImplementedError
