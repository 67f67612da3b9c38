"""Bug: queries without a relevant item count as NDCG 0 in the mean instead of being skipped. Caught by test_queries_without_relevant_items_are_skipped."""
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
    """Mean NDCG@k over queries, vectorised (one sort for the predicted order, one for the ideal).

    Rows with the same query id form one query; part 1's rules per query (stable ties: input order
    within the query). Queries without any positive relevance are skipped; 0.0 if none is left."""
    codes = np.unique(np.asarray(query_ids), return_inverse=True)[1].reshape(-1)
    y_true = np.asarray(y_true, dtype=float).reshape(-1)
    y_score = np.asarray(y_score, dtype=float).reshape(-1)
    n = codes.size
    if not (y_true.size == y_score.size == n):
        raise ValueError("query_ids, y_true and y_score must have the same length")
    if n == 0:
        raise ValueError("empty input")
    idx = np.arange(n)
    pred = np.lexsort((idx, -y_score, codes))            # by query, score descending, input order
    ideal = np.lexsort((-y_true, codes))                 # by query, relevance descending
    q = codes[pred]                                      # the same query sequence for both orders
    starts = np.flatnonzero(np.r_[True, q[1:] != q[:-1]])
    pos = idx - np.repeat(starts, np.diff(np.r_[starts, n]))
    disc = np.where(pos < k, 1.0 / np.log2(pos + 2.0), 0.0)
    dcg = np.add.reduceat((np.power(2.0, y_true[pred]) - 1.0) * disc, starts)
    idcg = np.add.reduceat((np.power(2.0, y_true[ideal]) - 1.0) * disc, starts)
    return float(np.mean(np.where(idcg > 0, dcg / np.where(idcg > 0, idcg, 1.0), 0.0)))
