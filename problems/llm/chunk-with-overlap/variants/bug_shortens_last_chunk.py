"""Bug: the boundary rule is applied to the chunk that reaches the end too, so a trailing chunk is
cut at a boundary and another chunk follows. Caught by test_last_chunk_is_never_shortened."""


def chunk_tokens(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
    if max_tokens < 1 or overlap < 0 or overlap >= max_tokens:
        raise ValueError("need 0 <= overlap < max_tokens, max_tokens >= 1")
    if boundary_window < 0 or boundary_window > max_tokens - overlap:
        raise ValueError("boundary_window out of range")
    n = len(tokens)
    boundaries = set(boundary_tokens) if boundary_tokens else set()
    spans = []
    start = 0
    while start < n:
        end = min(start + max_tokens, n)
        if boundaries and boundary_window > 0:
            for j in range(end - 1, max(end - boundary_window, start) - 1, -1):
                if tokens[j] in boundaries:
                    end = j + 1
                    break
        spans.append((start, end))
        if end == n:
            break
        start = end - overlap
    return spans
