def merge_streams(a, b):
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
