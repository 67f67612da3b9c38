"""Bug: only full-size chunks are emitted (range stops at n - max_tokens), so the tail of the
sequence is lost when (n - max_tokens) is not a multiple of the stride. Caught by
test_tail_is_kept and test_fixed_size_matches_reference_and_properties."""


def chunk_tokens(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
    if max_tokens < 1 or overlap < 0 or overlap >= max_tokens:
        raise ValueError("need 0 <= overlap < max_tokens, max_tokens >= 1")
    if boundary_window < 0 or boundary_window > max_tokens - overlap:
        raise ValueError("boundary_window out of range")
    n = len(tokens)
    if n <= max_tokens:
        return [(0, n)] if n else []
    stride = max_tokens - overlap
    return [(s, s + max_tokens) for s in range(0, n - max_tokens + 1, stride)]
