import torch


def chunk_tokens(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
    """Split a sequence of token ids into overlapping chunks (PyTorch reference).

    Args:
        tokens: 1-D int64 tensor of n >= 0 token ids. Not modified.
        max_tokens: int >= 1, the most tokens one chunk may hold.
        overlap: int, 0 <= overlap < max_tokens, tokens shared by consecutive chunks.
        boundary_tokens: None or a 1-D int64 tensor of the ids that end a sentence (empty: none).
        boundary_window: int, 0 <= boundary_window <= max_tokens - overlap: a chunk that does not
            reach the end ends right after the last boundary among the last `boundary_window`
            positions of its full-size span, if there is one.

    Returns:
        int64 tensor of shape (m, 2): row i = (start, end) of chunk i, the half-open span
        tokens[start:end]; shape (0, 2) for an empty sequence.

    Without boundaries the spans have a closed form: chunk i starts at i * (max_tokens - overlap)
    and the last chunk is the first that reaches n, so it is one `arange`. With boundaries, a
    running maximum (`torch.cummax`) over the positions of boundary tokens gives, for every
    position j, the last boundary at or before j; each chunk then needs one lookup, and only
    the walk from chunk to chunk (each start depends on the previous end) stays a Python loop.

    Raises:
        ValueError: max_tokens < 1, overlap < 0, overlap >= max_tokens, or boundary_window
            outside [0, max_tokens - overlap] (checked first, also for an empty sequence).
    """
    if max_tokens < 1:
        raise ValueError("max_tokens must be an integer >= 1")
    if overlap < 0 or overlap >= max_tokens:
        raise ValueError("overlap must satisfy 0 <= overlap < max_tokens")
    if boundary_window < 0 or boundary_window > max_tokens - overlap:
        raise ValueError("boundary_window must satisfy 0 <= boundary_window <= max_tokens - overlap")
    tokens = torch.as_tensor(tokens).reshape(-1)
    n = tokens.numel()
    if n == 0:
        return torch.empty((0, 2), dtype=torch.int64)
    stride = max_tokens - overlap
    use_boundaries = boundary_tokens is not None and boundary_tokens.numel() > 0 and boundary_window > 0

    if not use_boundaries:
        count = 1 if n <= max_tokens else (n - max_tokens + stride - 1) // stride + 1
        starts = torch.arange(count, dtype=torch.int64) * stride
        return torch.stack([starts, (starts + max_tokens).clamp(max=n)], dim=1)

    is_boundary = torch.isin(tokens, boundary_tokens.to(tokens.dtype))
    positions = torch.arange(n, dtype=torch.int64)
    last_boundary = torch.cummax(torch.where(is_boundary, positions, torch.full_like(positions, -1)), dim=0)
    last_boundary = last_boundary.values.tolist()            # last boundary at or before j, -1 if none
    spans, start = [], 0
    while True:
        end = start + max_tokens
        if end >= n:                                          # the last chunk: never shortened
            spans.append((start, n))
            break
        j = last_boundary[end - 1]
        if j >= end - boundary_window:                        # a boundary inside the window
            end = j + 1
        spans.append((start, end))
        start = end - overlap
    return torch.tensor(spans, dtype=torch.int64)
