"""Part 3 (multi-class: top-label and classwise ECE): hidden tests. Parts 1 and 2 keep running."""
import math

import numpy as np

import solution
from mlprep_harness.checks import as_scalar as _as_scalar


def multiclass_ece(y_true, probs, *args, **kwargs):
    """Your multiclass_ece, its result checked to be a float."""
    fn = getattr(solution, "multiclass_ece", None)
    assert callable(fn), "define multiclass_ece(y_true, probs, n_bins=10, kind='top-label') in solution.py (part 3)"
    return _as_scalar(fn(y_true, probs, *args, **kwargs), "multiclass_ece result")


def _binary_ece(y, p, n_bins):
    """Loop version of part 1 (right-inclusive equal-width bins)."""
    n = len(p)
    members = [[] for _ in range(n_bins)]
    for t, q in zip(y, p):
        b = 0 if q == 0.0 else min(max(math.ceil(q * n_bins) - 1, 0), n_bins - 1)
        members[b].append((float(t), float(q)))
    return sum(len(m) / n * abs(sum(t for t, _ in m) / len(m) - sum(q for _, q in m) / len(m)) for m in members if m)


def _ref(y, P, n_bins, kind):
    y = [int(v) for v in y]
    P = [[float(v) for v in row] for row in P]
    K = len(P[0])
    if kind == "top-label":
        pred = [max(range(K), key=lambda c: (row[c], -c)) for row in P]   # lowest index on ties
        return _binary_ece([int(a == b) for a, b in zip(pred, y)], [row[c] for row, c in zip(P, pred)], n_bins)
    return sum(_binary_ece([int(t == c) for t in y], [row[c] for row in P], n_bins) for c in range(K)) / K


def _check(got, expected, what):
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9, err_msg=what)


def _softmax_data(rng, n, k, temp=1.0):
    logits = rng.normal(0, 2.0, size=(n, k))
    P = np.exp(logits / temp)
    P /= P.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(k, p=row ** 1.3 / (row ** 1.3).sum()) for row in P])  # overconfident model
    return y, P


def test_top_label_matches_reference():
    rng = np.random.default_rng(130)
    for n, k, n_bins in ((40, 3, 5), (500, 5, 10), (800, 10, 15), (300, 2, 7)):
        y, P = _softmax_data(rng, n, k)
        _check(multiclass_ece(y, P, n_bins=n_bins, kind="top-label"), _ref(y, P, n_bins, "top-label"),
               f"top-label ECE, n={n}, K={k}, n_bins={n_bins}")


def test_classwise_matches_reference():
    rng = np.random.default_rng(131)
    for n, k, n_bins in ((40, 3, 5), (500, 5, 10), (800, 10, 15)):
        y, P = _softmax_data(rng, n, k)
        _check(multiclass_ece(y, P, n_bins=n_bins, kind="classwise"), _ref(y, P, n_bins, "classwise"),
               f"classwise ECE, n={n}, K={k}, n_bins={n_bins}")


def test_statement_example_and_defaults():
    y = [0, 1, 2, 1]
    P = [[0.7, 0.2, 0.1], [0.5, 0.5, 0.0], [0.25, 0.25, 0.5], [0.1, 0.8, 0.1]]
    _check(multiclass_ece(y, P, n_bins=4), 0.125, "the statement's example (top-label is the default kind)")
    _check(multiclass_ece(y, P, n_bins=4, kind="classwise"), _ref(y, P, 4, "classwise"), "the statement's example, classwise")
    rng = np.random.default_rng(132)
    y, P = _softmax_data(rng, 200, 4)
    _check(multiclass_ece(y, P), _ref(y, P, 10, "top-label"), "defaults: n_bins=10, kind='top-label'")


def test_top_label_confidence_is_the_max_probability():
    # a confident mistake: the model says class 0 with 0.9, the truth is class 1 (prob 0.05)
    y, P = [1], [[0.9, 0.05, 0.05]]
    _check(multiclass_ece(y, P, n_bins=4), 0.9, "confidence is the top probability 0.9 and the prediction is wrong: gap 0.9")
    y, P = [2, 2], [[0.1, 0.3, 0.6], [0.2, 0.7, 0.1]]
    _check(multiclass_ece(y, P, n_bins=4), _ref(y, P, 4, "top-label"), "the confidence is of the predicted class, not of the true class")


def test_argmax_ties_go_to_the_lowest_class():
    # rows tied between classes 0 and 1 at 0.45: predicted class 0
    P = [[0.45, 0.45, 0.1]] * 4
    _check(multiclass_ece([0, 0, 0, 1], P, n_bins=4), abs(0.75 - 0.45), "tied top probabilities: class 0 is predicted (3 of 4 right)")
    _check(multiclass_ece([1, 1, 1, 0], P, n_bins=4), abs(0.25 - 0.45), "tied top probabilities: class 0 is predicted (1 of 4 right)")


def test_classwise_averages_over_all_k_columns():
    # class 3 never occurs in y_true but the model gives it probability: it counts as one of K=4
    y = [0, 1, 2, 0, 1, 2]
    P = [[0.6, 0.05, 0.05, 0.3]] * 2 + [[0.05, 0.6, 0.05, 0.3]] * 2 + [[0.05, 0.05, 0.6, 0.3]] * 2
    P = [P[0], P[2], P[4], P[1], P[3], P[5]]
    _check(multiclass_ece(y, P, n_bins=4, kind="classwise"), _ref(y, P, 4, "classwise"),
           "classwise ECE is the mean over all K = 4 columns, including a class absent from y_true")
    _check(multiclass_ece(y, P, n_bins=4, kind="classwise"), (3 * (2 * 0.4 + 4 * 0.05) / 6 + 0.3) / 4,
           "classes 0-2 have ECE 1/6 each, class 3 (never true, always 0.3) has 0.3: mean over 4")


def test_errors():
    P = np.full((3, 3), 1 / 3)
    cases = [(([0, 1, 2], P), {"kind": "toplabel"}, "an unknown kind"),
             (([0, 1, 3], P), {}, "a label equal to K"),
             (([0, -1, 2], P), {}, "a negative label"),
             (([0, 1], P), {}, "fewer labels than rows"),
             (([0, 1, 2], [0.2, 0.5, 0.9]), {}, "1-D probs")]
    for args, kwargs, what in cases:
        try:
            solution.multiclass_ece(*args, **kwargs)
        except ValueError:
            continue
        raise AssertionError(f"multiclass_ece must raise ValueError for {what}")


def test_stable_lists_and_inputs_untouched():
    rng = np.random.default_rng(133)
    y, P = _softmax_data(rng, 120, 6, temp=0.05)      # near one-hot rows, many probabilities 0.0 or 1.0
    y_copy, P_copy = y.copy(), P.copy()
    for kind in ("top-label", "classwise"):
        with np.errstate(all="raise"):
            got = multiclass_ece(y, P, n_bins=20, kind=kind)
        _check(got, _ref(y, P, 20, kind), f"near one-hot probabilities ({kind})")
        _check(multiclass_ece(y.tolist(), P.tolist(), n_bins=20, kind=kind), got, f"lists of lists ({kind})")
    np.testing.assert_array_equal(y, y_copy, err_msg="y_true was modified")
    np.testing.assert_array_equal(P, P_copy, err_msg="probs was modified")
