"""Bug: the window is searched forwards and the FIRST boundary token is taken instead of the last
(largest position). Caught by test_boundary_picks_the_last_boundary_in_the_window."""


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
        if end == n:
            spans.append((start, n))
            break
        if boundaries and boundary_window > 0:
            for j in range(end - boundary_window, end):
                if tokens[j] in boundaries:
                    end = j + 1
                    break
        spans.append((start, end))
        start = end - overlap
    return spans
