"""Bug: `for start in range(0, n, stride)` keeps going after a chunk has reached the end, emitting
chunks that lie entirely inside the previous one (10 tokens, max 6, overlap 2 gives an extra
(8, 10)). Caught by test_no_chunk_inside_the_previous_one."""


def chunk_tokens(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
    if max_tokens < 1 or overlap < 0 or overlap >= max_tokens:
        raise ValueError("need 0 <= overlap < max_tokens, max_tokens >= 1")
    if boundary_window < 0 or boundary_window > max_tokens - overlap:
        raise ValueError("boundary_window out of range")
    n = len(tokens)
    stride = max_tokens - overlap
    return [(s, min(s + max_tokens, n)) for s in range(0, n, stride)]
