def chunk_tokens(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
    """Split a token sequence into overlapping chunks (reference).

    Returns a list of half-open spans (start, end) of Python ints; see the statement for the
    boundary rule. Raises ValueError on invalid budgets.
    """
    if max_tokens < 1:
        raise ValueError("max_tokens must be an integer >= 1")
    if overlap < 0 or overlap >= max_tokens:
        raise ValueError("overlap must satisfy 0 <= overlap < max_tokens")
    if boundary_window < 0 or boundary_window > max_tokens - overlap:
        raise ValueError("boundary_window must satisfy 0 <= boundary_window <= max_tokens - overlap")
    n = len(tokens)
    boundaries = set(boundary_tokens) if boundary_tokens else set()
    spans = []
    start = 0
    while start < n:
        end = min(start + max_tokens, n)
        if end == n:
            spans.append((start, n))
            break
        if boundaries and boundary_window > 0:
            for j in range(end - 1, end - boundary_window - 1, -1):
                if tokens[j] in boundaries:
                    end = j + 1
                    break
        spans.append((start, end))
        start = end - overlap
    return spans
