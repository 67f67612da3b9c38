"""Bug: off-by-one stride. The next chunk starts at end - overlap + 1, so consecutive chunks share
overlap - 1 tokens. Caught by test_fixed_size_matches_reference_and_properties and
test_stride_is_budget_minus_overlap."""


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
            for j in range(end - 1, end - boundary_window - 1, -1):
                if tokens[j] in boundaries:
                    end = j + 1
                    break
        spans.append((start, end))
        start = end - overlap + 1
    return spans
