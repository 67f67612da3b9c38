"""Bug: divides by the norms without guarding zero vectors: 0/0 gives nan (a FloatingPointError
under np.errstate(all='raise')). Caught by test_zero_vectors_score_zero_without_warnings."""
import numpy as np


def _unit_rows(a):
    """Rows scaled to unit L2 norm; all-zero rows stay zero (their cosine with anything is 0)."""
    norms = np.linalg.norm(a, axis=1, keepdims=True)
    return a / norms


def cosine_top_k(queries, corpus, k):
    """Indices of the k corpus rows most cosine-similar to each query (reference).

    queries (Q, d), corpus (N, d) float arrays; returns int64 (Q, min(k, N)), best first, ties by
    lower index; a zero vector has cosine 0 with everything.
    """
    queries = np.asarray(queries, dtype=np.float64)
    corpus = np.asarray(corpus, dtype=np.float64)
    if k < 1:
        raise ValueError("k must be >= 1")
    scores = _unit_rows(queries) @ _unit_rows(corpus).T
    kk = min(k, corpus.shape[0])
    order = np.argsort(-scores, axis=1, kind="stable")
    return order[:, :kk].astype(np.int64)


def recall_at_k(retrieved, relevant):
    """Mean recall of retrieved rows against relevant sets over queries that have any relevant
    document (reference); 0.0 when no query has one."""
    total, counted = 0.0, 0
    for row, rel in zip(retrieved, relevant):
        rel = {int(r) for r in rel}
        if not rel:
            continue
        hits = len({int(r) for r in row} & rel)
        total += hits / len(rel)
        counted += 1
    return total / counted if counted else 0.0
