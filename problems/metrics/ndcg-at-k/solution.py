import numpy as np


def _dcg(rel_in_rank_order, k):
    rel = np.asarray(rel_in_rank_order, dtype=float)[:k]
    discounts = np.log2(np.arange(2, rel.size + 2))
    return float(np.sum((np.power(2.0, rel) - 1.0) / discounts))


def ndcg_at_k(y_true, y_score, k):
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_score = np.asarray(y_score, dtype=float).ravel()
    if y_true.shape != y_score.shape:
        raise ValueError("y_true and y_score must have the same length")
    order = np.argsort(-y_score, kind="stable")
    dcg = _dcg(y_true[order], k)
    idcg = _dcg(np.sort(y_true)[::-1], k)
    if idcg == 0.0:
        return 0.0
    return float(dcg / idcg)
