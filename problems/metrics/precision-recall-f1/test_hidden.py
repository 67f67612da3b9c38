import numpy as np
from solution import precision_recall_f1
from mlprep_harness.checks import describe as _describe, as_scalar as _as_scalar


def _reference(t, p):
    tp = fp = fn = 0
    for a, b in zip(t, p):
        if a == 1 and b == 1:
            tp += 1
        elif a == 0 and b == 1:
            fp += 1
        elif a == 1 and b == 0:
            fn += 1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def _as_triple(got):
    assert isinstance(got, (tuple, list)) and len(got) == 3, \
        f"expected a tuple (precision, recall, f1), got {_describe(got)}"
    vals = []
    for name, v in zip(("precision", "recall", "f1"), got):
        v = _as_scalar(v, name)
        assert np.isfinite(v), f"{name} is {v}; undefined ratios must be 0.0"
        vals.append(v)
    return tuple(vals)


def _check(got, expected, what):
    got = _as_triple(got)
    for name, g, e in zip(("precision", "recall", "f1"), got, expected):
        np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-12, err_msg=f"{what}: {name} is wrong")


def test_matches_reference_on_random_labels():
    rng = np.random.default_rng(123)
    for n, pt, pp in [(10, 0.5, 0.5), (1000, 0.2, 0.3), (5000, 0.7, 0.4)]:
        t = (rng.random(n) < pt).astype(int)
        p = np.where(rng.random(n) < 0.7, t, 1 - t)
        p = np.where(rng.random(n) < pp * 0.3, 1, p)
        _check(precision_recall_f1(t, p), _reference(t.tolist(), p.tolist()), f"random labels n={n}")


def test_output_order_precision_then_recall():
    # TP=1, FP=3, FN=0: precision 0.25, recall 1.0 (a swap is visible)
    t = [1, 0, 0, 0, 0]
    p = [1, 1, 1, 1, 0]
    _check(precision_recall_f1(t, p), (0.25, 1.0, 0.4),
           "precision must come first, recall second (and y_true is the first argument)")


def test_f1_is_harmonic_not_arithmetic_mean():
    t = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
    p = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]  # precision 1.0, recall 0.1
    _check(precision_recall_f1(t, p), (1.0, 0.1, 2 * 0.1 / 1.1), "f1 must be 2PR/(P+R)")


def test_no_predicted_positive_gives_zero_precision():
    with np.errstate(all="raise"):
        got = precision_recall_f1(np.array([1, 0, 1, 0]), np.array([0, 0, 0, 0]))
    _check(got, (0.0, 0.0, 0.0), "nothing predicted positive")


def test_no_actual_positive_gives_zero_recall():
    with np.errstate(all="raise"):
        got = precision_recall_f1(np.array([0, 0, 0, 0]), np.array([1, 0, 1, 0]))
    _check(got, (0.0, 0.0, 0.0), "no actual positive (precision is 0/2, recall undefined)")


def test_all_negative_and_empty_give_zeros():
    with np.errstate(all="raise"):
        _check(precision_recall_f1(np.zeros(6, dtype=int), np.zeros(6, dtype=int)), (0.0, 0.0, 0.0),
               "all labels and predictions negative")
        _check(precision_recall_f1(np.array([], dtype=int), np.array([], dtype=int)), (0.0, 0.0, 0.0),
               "empty input")


def test_true_negatives_do_not_count():
    # adding many true negatives must change nothing (precision/recall ignore TN)
    t = np.array([1, 1, 0, 0, 1])
    p = np.array([1, 0, 1, 0, 1])
    base = _as_triple(precision_recall_f1(t, p))
    t2 = np.concatenate([t, np.zeros(1000, dtype=int)])
    p2 = np.concatenate([p, np.zeros(1000, dtype=int)])
    _check(precision_recall_f1(t2, p2), base, "appending true negatives changed the result")
    _check(base, (2 / 3, 2 / 3, 2 / 3), "TP=2, FP=1, FN=1")


def test_accepts_bools_and_lists_without_modifying_inputs():
    rng = np.random.default_rng(9)
    t = rng.random(300) < 0.4
    p = rng.random(300) < 0.5
    expected = _reference(t.astype(int).tolist(), p.astype(int).tolist())
    t_copy, p_copy = t.copy(), p.copy()
    _check(precision_recall_f1(t, p), expected, "bool arrays as input")
    _check(precision_recall_f1(t.astype(int).tolist(), p.astype(int).tolist()), expected, "lists as input")
    assert np.array_equal(t, t_copy) and np.array_equal(p, p_copy), "the inputs were modified"
