import torch


def _unit_rows(a):
    """Rows scaled to unit L2 norm; all-zero rows stay zero (their cosine with anything is 0)."""
    norms = torch.linalg.vector_norm(a, dim=1, keepdim=True)
    return a / torch.where(norms == 0, torch.ones_like(norms), norms)


def cosine_top_k(queries, corpus, k):
    """Indices of the k corpus rows most cosine-similar to each query (PyTorch reference).

    queries (Q, d), corpus (N, d) float tensors; returns int64 (Q, min(k, N)), best first, ties by
    lower index; a zero vector has cosine 0 with everything.
    """
    if k < 1:
        raise ValueError("k must be >= 1")
    scores = _unit_rows(queries) @ _unit_rows(corpus).T
    kk = min(k, corpus.shape[0])
    order = torch.sort(scores, dim=1, descending=True, stable=True).indices
    return order[:, :kk]


def recall_at_k(retrieved, relevant):
    """Mean recall of retrieved rows against relevant sets over queries that have any relevant
    document; 0.0 when no query has one. `retrieved` may be a tensor or a list of lists."""
    rows = retrieved.tolist() if isinstance(retrieved, torch.Tensor) else retrieved
    total, counted = 0.0, 0
    for row, rel in zip(rows, relevant):
        rel = {int(r) for r in rel}
        if not rel:
            continue
        total += len({int(r) for r in row} & rel) / len(rel)
        counted += 1
    return total / counted if counted else 0.0
