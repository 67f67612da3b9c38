import math
import numpy as np
from solution import log_loss
from mlprep_harness.checks import as_scalar as _as_scalar

RTOL, ATOL = 1e-7, 1e-12
RTOL_CLIPPED = 1e-4


def _ref_binary(y, p, eps=1e-15):
    total = 0.0
    for yi, pi in zip(y, p):
        pi = min(max(pi, eps), 1 - eps)
        total += -(yi * math.log(pi) + (1 - yi) * math.log(1 - pi))
    return total / len(y)


def _ref_multi(y, P, eps=1e-15):
    total = 0.0
    for yi, row in zip(y, P):
        total += -math.log(min(max(row[yi], eps), 1 - eps))
    return total / len(y)


def _scalar(got, what):
    got = _as_scalar(got, what)
    assert np.isfinite(got), f"{what}: loss is {got}, must be finite"
    return got


def _softmax_rows(rng, n, k):
    z = rng.normal(size=(n, k)) * 2
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_binary_matches_reference():
    rng = np.random.default_rng(123)
    y = (rng.random(500) < 0.4).astype(int)
    p = rng.uniform(0.01, 0.99, 500)
    got = _scalar(log_loss(y, p), "binary")
    np.testing.assert_allclose(got, _ref_binary(y.tolist(), p.tolist()), rtol=RTOL, atol=ATOL,
                               err_msg="binary log loss (y_prob of shape (n,)) is wrong")


def test_multiclass_matches_reference():
    rng = np.random.default_rng(7)
    P = _softmax_rows(rng, 400, 5)
    y = rng.integers(0, 5, 400)
    got = _scalar(log_loss(y, P), "multi-class")
    np.testing.assert_allclose(got, _ref_multi(y.tolist(), P.tolist()), rtol=RTOL, atol=ATOL,
                               err_msg="multi-class log loss (y_prob of shape (n, K)) is wrong")


def test_mean_over_samples_not_sum():
    y = np.array([1, 0, 1, 1])
    p = np.array([0.8, 0.3, 0.6, 0.9])
    one = _scalar(log_loss(y, p), "4 samples")
    rep = _scalar(log_loss(np.tile(y, 5), np.tile(p, 5)), "same 4 samples repeated 5 times")
    np.testing.assert_allclose(rep, one, rtol=RTOL, atol=ATOL,
                               err_msg="repeating the data must not change the loss (mean, not sum)")
    np.testing.assert_allclose(one, _ref_binary(y.tolist(), p.tolist()), rtol=RTOL, atol=ATOL)


def test_uses_natural_log():
    got = _scalar(log_loss([1, 0], [0.5, 0.5]), "p = 0.5")
    np.testing.assert_allclose(got, math.log(2), rtol=RTOL, atol=ATOL,
                               err_msg="p = 0.5 must give ln(2) = 0.6931... (natural log)")


def test_probabilities_of_exactly_zero_and_one_are_finite():
    y = np.array([1, 0, 1, 0, 1])
    p = np.array([0.0, 1.0, 1.0, 0.0, 0.5])
    with np.errstate(all="raise"):
        got_b = _scalar(log_loss(y, p), "binary with p in {0, 1}")
    np.testing.assert_allclose(got_b, _ref_binary(y.tolist(), p.tolist()), rtol=RTOL_CLIPPED,
                               err_msg="binary: probabilities 0 and 1 must be clipped to [eps, 1 - eps]")
    P = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.5, 0.5, 0.0]])
    yk = np.array([1, 1, 0, 2])
    with np.errstate(all="raise"):
        got_m = _scalar(log_loss(yk, P), "multi-class with zeros")
    np.testing.assert_allclose(got_m, _ref_multi(yk.tolist(), P.tolist()), rtol=RTOL_CLIPPED,
                               err_msg="multi-class: zero probabilities must be clipped, not give inf/nan")


def test_eps_argument_is_used():
    y = [1, 0, 1]
    p = [0.0, 1.0, 0.7]
    for eps in (1e-3, 1e-7):
        got = _scalar(log_loss(y, p, eps=eps), f"eps={eps}")
        np.testing.assert_allclose(got, _ref_binary(y, p, eps=eps), rtol=RTOL_CLIPPED,
                                   err_msg=f"clipping must use the eps argument (eps={eps})")


def test_binary_vector_equals_two_column_form():
    rng = np.random.default_rng(11)
    y = (rng.random(300) < 0.5).astype(int)
    p = rng.uniform(0.05, 0.95, 300)
    a = _scalar(log_loss(y, p), "binary (n,)")
    b = _scalar(log_loss(y, np.column_stack([1 - p, p])), "binary as (n, 2)")
    np.testing.assert_allclose(a, b, rtol=RTOL, atol=ATOL,
                               err_msg="(n,) with P(class 1) and (n, 2) with [P(0), P(1)] must give the same loss")


def test_label_is_column_index_even_if_classes_missing():
    # only classes 0 and 3 appear in y_true, but K = 4: label 3 means column 3
    P = np.array([[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25]])
    y = np.array([3, 0, 3])
    got = _scalar(log_loss(y, P), "classes missing from y_true")
    np.testing.assert_allclose(got, -(math.log(0.4) + math.log(0.4) + math.log(0.25)) / 3, rtol=RTOL, atol=ATOL,
                               err_msg="y_true values are column indices of y_prob, whatever classes occur")


def test_rows_are_not_renormalised():
    P = np.array([[0.2, 0.2], [0.1, 0.6]])  # rows do not sum to 1
    got = _scalar(log_loss([0, 1], P), "unnormalised rows")
    np.testing.assert_allclose(got, -(math.log(0.2) + math.log(0.6)) / 2, rtol=RTOL, atol=ATOL,
                               err_msg="rows must not be renormalised; use the given probability of the true class")


def test_inputs_not_modified_and_lists_accepted():
    p = np.array([0.0, 0.3, 1.0, 0.8])
    y = np.array([0, 1, 1, 0])
    p_copy, y_copy = p.copy(), y.copy()
    got = _scalar(log_loss(y, p), "arrays")
    assert np.array_equal(p, p_copy), "y_prob was modified in place (clip with out=?)"
    assert np.array_equal(y, y_copy), "y_true was modified"
    got_list = _scalar(log_loss(y.tolist(), p.tolist()), "lists")
    np.testing.assert_allclose(got_list, got, rtol=RTOL, atol=ATOL, err_msg="lists must give the same loss as arrays")
    P = [[0.0, 1.0], [0.6, 0.4]]
    P_copy = [row[:] for row in P]
    _scalar(log_loss([0, 0], P), "list of lists")
    assert P == P_copy, "the list-of-lists y_prob was modified"
