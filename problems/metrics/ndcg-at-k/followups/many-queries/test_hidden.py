import math

import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar
from mlprep_harness.timing import assert_relative_speed, load_reference
import solution


def _user_mean_ndcg(*args, **kwargs):
    """Your mean_ndcg_at_k, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "mean_ndcg_at_k", None)
    assert callable(fn), "define mean_ndcg_at_k(query_ids, y_true, y_score, k) in solution.py (part 3)"
    return fn(*args, **kwargs)


def mean_ndcg_at_k(q, y_true, y_score, k):
    return _as_scalar(_user_mean_ndcg(q, y_true, y_score, k), "mean_ndcg_at_k")


def _ndcg_one(rel, score, k):
    """Part 1 for one query, slow: stable descending order of score (input order on ties)."""
    n = len(rel)
    order = sorted(range(n), key=lambda i: (-score[i], i))
    m = min(k, n)
    dcg = sum((2.0 ** rel[order[p]] - 1) / math.log2(p + 2) for p in range(m))
    ideal = sorted(rel, reverse=True)
    idcg = sum((2.0 ** ideal[p] - 1) / math.log2(p + 2) for p in range(m))
    return None if idcg == 0 else dcg / idcg


def _ref(q, y_true, y_score, k):
    groups = {}
    for i, g in enumerate(q):
        groups.setdefault(g, []).append(i)
    vals = [_ndcg_one([float(y_true[i]) for i in ix], [float(y_score[i]) for i in ix], k) for ix in groups.values()]
    vals = [v for v in vals if v is not None]
    return sum(vals) / len(vals) if vals else 0.0


def _data(seed, n, n_queries, levels=4, tie_scores=False):
    rng = np.random.default_rng(seed)
    q = rng.integers(0, n_queries, size=n)
    y_true = rng.integers(0, levels, size=n)
    y_score = rng.integers(0, 5, size=n).astype(float) if tie_scores else rng.normal(size=n)
    return q, y_true, y_score


def _check(got, want, what):
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9, err_msg=what)


def test_matches_per_query_ndcg():
    for seed, (n, nq, k) in enumerate([(300, 20, 5), (500, 7, 10), (80, 40, 1), (400, 30, 1000)]):
        q, yt, ys = _data(seed, n, nq)
        _check(mean_ndcg_at_k(q, yt, ys, k), _ref(q.tolist(), yt, ys, k), f"n={n}, {nq} queries, k={k}")


def test_interleaved_rows_and_string_query_ids():
    q, yt, ys = _data(10, 400, 25)
    names = np.array(["q%02d" % i for i in range(25)], dtype=object)[q]
    _check(mean_ndcg_at_k(names, yt, ys, 5), _ref(names.tolist(), yt, ys, 5), "string query ids, rows interleaved")
    _check(mean_ndcg_at_k(names.tolist(), yt.tolist(), ys.tolist(), 5), _ref(names.tolist(), yt, ys, 5), "lists")


def test_ties_keep_input_order_within_query():
    # the same tied scores in two queries; input order decides inside each query only
    q = [1, 2, 1, 2, 1, 2]
    yt = [0, 3, 3, 0, 1, 1]
    ys = [0.5, 0.5, 0.5, 0.5, 0.1, 0.1]
    _check(mean_ndcg_at_k(q, yt, ys, 1), _ref(q, yt, ys, 1),
           "equal scores: the earlier row of the query ranks first (query 1: relevance 0 first, query 2: relevance 3 first)")
    q, yt, ys = _data(11, 600, 30, tie_scores=True)
    _check(mean_ndcg_at_k(q, yt, ys, 4), _ref(q.tolist(), yt, ys, 4), "random data with many tied scores")


def test_queries_without_relevant_items_are_skipped():
    q = [0, 0, 1, 1, 2, 2]
    yt = [1, 0, 0, 0, 0, 2]
    ys = [0.9, 0.1, 0.5, 0.4, 0.8, 0.2]
    # query 0: NDCG 1; query 1: no relevant item (skipped, not 0); query 2: 3 / log2(3) / 3
    want = (1.0 + 1 / math.log2(3)) / 2
    _check(mean_ndcg_at_k(q, yt, ys, 2), want, "query 1 has no relevant item and must not count as 0 in the mean")
    assert mean_ndcg_at_k([0, 1], [0, 0], [0.3, 0.2], 3) == 0.0, "no query with a relevant item: 0.0"


def test_single_query_equals_part_one_and_errors():
    rng = np.random.default_rng(12)
    yt, ys = rng.integers(0, 4, 50), rng.normal(size=50)
    _check(mean_ndcg_at_k(np.zeros(50, dtype=int), yt, ys, 7), _ndcg_one(yt.tolist(), ys.tolist(), 7), "one query")
    for args, what in [(([0, 1], [1], [0.5, 0.2]), "different lengths"), (([], [], []), "empty input")]:
        try:
            _user_mean_ndcg(*args, 3)
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")


# Scale tests last.
def test_scale_on_30k_queries():
    q, yt, ys = _data(2024, 200_000, 30_000)
    reference = load_reference(__file__).mean_ndcg_at_k
    out = assert_relative_speed(
        candidate=lambda: mean_ndcg_at_k(q, yt, ys, 10), reference=lambda: reference(q, yt, ys, 10),
        factor=10, slack_ms=50, key="ndcg-at-k/mean-200k-rows",
        what="on 200,000 rows in 30,000 queries, must run within 10x the time of a vectorised reference "
             "plus 50 ms (group the rows once; a mask over all rows per query is O(rows x queries))")
    _check(out, reference(q, yt, ys, 10), "200,000 rows")
