"""Correct but slow: for every query a boolean mask over ALL rows (q == g), so the work grows as
rows x queries. Passes every correctness test; fails test_scale_on_30k_queries."""
import numpy as np


def _dcg(rel_in_rank_order, k):
    rel = np.asarray(rel_in_rank_order, dtype=float)[:k]
    discounts = np.log2(np.arange(2, rel.size + 2))
    return float(np.sum((np.power(2.0, rel) - 1.0) / discounts))


def _tie_averaged_dcg(y_true, y_score, k):
    """DCG@k where every group of equal scores gives each position it spans the group's mean gain
    (McSherry & Najork, 2008): the expected DCG over all orders of the tied items."""
    order = np.argsort(-y_score, kind="stable")
    gains = np.power(2.0, y_true[order]) - 1.0
    s = y_score[order]
    n = s.size
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    ends = np.r_[starts[1:], n]
    group_mean = np.add.reduceat(gains, starts) / (ends - starts)
    per_position = np.repeat(group_mean, ends - starts)[:k]
    return float(np.sum(per_position / np.log2(np.arange(2, per_position.size + 2))))


def ndcg_at_k(y_true, y_score, k, ties="stable"):
    if ties not in ("stable", "average"):
        raise ValueError("ties must be 'stable' or 'average', got %r" % (ties,))
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_score = np.asarray(y_score, dtype=float).ravel()
    if y_true.shape != y_score.shape:
        raise ValueError("y_true and y_score must have the same length")
    idcg = _dcg(np.sort(y_true)[::-1], k)
    if idcg == 0.0:
        return 0.0
    if ties == "average":
        dcg = _tie_averaged_dcg(y_true, y_score, k)
    else:
        dcg = _dcg(y_true[np.argsort(-y_score, kind="stable")], k)
    return float(dcg / idcg)


def mean_ndcg_at_k(query_ids, y_true, y_score, k):
    q = np.asarray(query_ids)
    y_true = np.asarray(y_true, dtype=float)
    y_score = np.asarray(y_score, dtype=float)
    if not (q.size == y_true.size == y_score.size):
        raise ValueError("query_ids, y_true and y_score must have the same length")
    if q.size == 0:
        raise ValueError("empty input")
    vals = []
    for g in np.unique(q):
        m = q == g                                   # O(rows) per query
        if np.any(y_true[m] > 0):
            vals.append(ndcg_at_k(y_true[m], y_score[m], k))
    return float(np.mean(vals)) if vals else 0.0
