import math

import numpy as np
from solution import ndcg_at_k
from mlprep_harness.checks import as_scalar as _as_scalar


def _ref_ndcg(y_true, y_score, k):
    """Slow, loop-based reference."""
    y_true = [float(v) for v in y_true]
    y_score = [float(v) for v in y_score]
    n = len(y_true)
    # stable descending sort by score: key (-score, original index)
    order = sorted(range(n), key=lambda i: (-y_score[i], i))
    m = min(k, n)
    dcg = sum((2.0 ** y_true[order[p]] - 1.0) / math.log2(p + 2) for p in range(m))
    ideal = sorted(y_true, reverse=True)
    idcg = sum((2.0 ** ideal[p] - 1.0) / math.log2(p + 2) for p in range(m))
    return 0.0 if idcg == 0 else dcg / idcg


def _check(got, expected, what):
    np.testing.assert_allclose(_as_scalar(got, what), expected, rtol=1e-6, atol=1e-9, err_msg=what)


def test_matches_reference_on_random_queries():
    rng = np.random.default_rng(123)
    for trial in range(30):
        n = int(rng.integers(1, 60))
        y_true = rng.integers(0, 5, size=n)
        y_score = rng.normal(size=n)
        k = int(rng.integers(1, n + 3))
        _check(ndcg_at_k(y_true, y_score, k), _ref_ndcg(y_true, y_score, k),
               f"random query #{trial} (n={n}, k={k})")


def test_gain_is_exponential_not_linear():
    # relevances 3 then 1 in predicted order, ideal is the same multiset
    y_true = [1, 3, 0]
    y_score = [0.9, 0.5, 0.1]
    # exponential: (1 + 7/log2(3)) / (7 + 1/log2(3)); linear gain would give a different value
    expected = (1.0 + 7.0 / math.log2(3)) / (7.0 + 1.0 / math.log2(3))
    _check(ndcg_at_k(y_true, y_score, 3), expected, "gain must be 2**rel - 1")


def test_discount_uses_log2_of_position_plus_one():
    # one relevant item (rel 1, gain 1) at 1-based position 3 -> DCG = 1/log2(4) = 0.5, IDCG = 1
    y_true = [0, 0, 1, 0]
    y_score = [0.9, 0.8, 0.7, 0.6]
    _check(ndcg_at_k(y_true, y_score, 4), 0.5, "item at position 3 must be discounted by log2(4)")
    # at position 2 -> 1/log2(3)
    _check(ndcg_at_k([0, 1], [0.9, 0.8], 2), 1.0 / math.log2(3),
           "item at position 2 must be discounted by log2(3)")


def test_ideal_uses_items_outside_top_k():
    # the model puts the only highly relevant item last; the ideal must still contain it
    y_true = [1, 0, 0, 3]
    y_score = [0.9, 0.8, 0.7, 0.1]
    k = 2
    expected = (1.0) / (7.0 + 1.0 / math.log2(3))
    _check(ndcg_at_k(y_true, y_score, k), expected,
           "IDCG@k must be built from all relevances sorted, not the top-k of the predicted list")


def test_ties_keep_original_order():
    # all scores equal -> the ranking is the input order
    y_true = [0, 1, 2, 3]
    y_score = [0.5, 0.5, 0.5, 0.5]
    _check(ndcg_at_k(y_true, y_score, 2), _ref_ndcg(y_true, y_score, 2),
           "equal scores must keep input order (stable sort)")
    # larger query with many tied groups (defeats non-stable sorts on long arrays)
    rng = np.random.default_rng(7)
    n = 300
    y_true = rng.integers(0, 4, size=n)
    y_score = rng.integers(0, 5, size=n).astype(float)
    for k in (1, 5, 20, 300):
        _check(ndcg_at_k(y_true, y_score, k), _ref_ndcg(y_true, y_score, k),
               f"many tied scores, k={k}: ties must be broken by input order")


def test_k_larger_than_n_uses_all_items():
    y_true = [2, 0, 1]
    y_score = [0.1, 0.2, 0.3]
    _check(ndcg_at_k(y_true, y_score, 10), _ref_ndcg(y_true, y_score, 3), "k > n must behave like k = n")


def test_zero_ideal_returns_zero_without_warnings():
    with np.errstate(all="raise"):
        got = ndcg_at_k(np.zeros(5), np.arange(5.0), 3)
    got = _as_scalar(got, "all-zero relevance")
    assert got == 0.0, f"all-zero relevance must give 0.0 (not nan), got {got}"


def test_invariant_to_monotone_score_transform():
    rng = np.random.default_rng(11)
    y_true = rng.integers(0, 4, size=40)
    y_score = rng.normal(size=40)
    base = _as_scalar(ndcg_at_k(y_true, y_score, 10), "NDCG@10 of the original scores")
    transformed = _as_scalar(ndcg_at_k(y_true, np.exp(3.0 * y_score) + 5.0, 10), "NDCG@10 of exp(3 s) + 5")
    np.testing.assert_allclose(transformed, base, rtol=1e-9, atol=1e-12,
                               err_msg="NDCG must depend only on the order of the scores")


def test_float_relevance_and_inputs_not_modified():
    y_true = np.array([0.5, 2.0, 1.5, 0.0, 3.0])
    y_score = np.array([0.2, 0.9, 0.4, 0.8, 0.1])
    t_copy, s_copy = y_true.copy(), y_score.copy()
    got = ndcg_at_k(y_true, y_score, 3)
    _check(got, _ref_ndcg(t_copy, s_copy, 3), "float relevances")
    np.testing.assert_array_equal(y_true, t_copy, err_msg="y_true was modified")
    np.testing.assert_array_equal(y_score, s_copy, err_msg="y_score was modified")
