import torch


def cosine_top_k(queries, corpus, k):
    """Top-k documents by cosine similarity for each query.

    Args:
        queries: float64 tensor (Q, d). corpus: float64 tensor (N, d). Not modified.
        k: int >= 1 (ValueError otherwise); if k > N all N documents are returned.

    Returns:
        int64 tensor (Q, min(k, N)): indices into corpus, most similar first; equal
        similarities in increasing index order. A zero vector has similarity 0 with everything
        (no division by zero, no nan).
    """
    raise NotImplementedError


def recall_at_k(retrieved, relevant):
    """Mean recall@k over the queries that have at least one relevant document.

    Args:
        retrieved: int64 tensor (Q, k) (or list of lists) of retrieved indices per query.
        relevant: list of Q collections of relevant indices (may be empty).

    Returns:
        float: mean over queries with a non-empty relevant set of
        |distinct retrieved ∩ relevant| / |relevant|; 0.0 if no query has a relevant document.
    """
    raise NotImplementedError
