"""Bug: no check that overlap < max_tokens. With overlap == max_tokens the next start equals the
current one and the loop never ends (overlap > max_tokens walks backwards forever).
Caught by test_overlap_not_smaller_than_budget_raises (the call is stopped after 2 s)."""


def chunk_tokens(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
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
