"""Part 2 (multi-class averaging): hidden tests. Part 1's tests keep running beside these."""
import numpy as np

import solution
from mlprep_harness.checks import describe as _describe, as_scalar as _as_scalar

AVERAGES = ("macro", "micro", "weighted")


def multiclass_precision_recall_f1(y_true, y_pred, *args, **kwargs):
    """Your multiclass_precision_recall_f1, its result checked to be three finite floats."""
    fn = getattr(solution, "multiclass_precision_recall_f1", None)
    assert callable(fn), "define multiclass_precision_recall_f1(y_true, y_pred, average='macro') in solution.py (part 2)"
    got = fn(y_true, y_pred, *args, **kwargs)
    assert isinstance(got, (tuple, list)) and len(got) == 3, \
        f"expected a tuple (precision, recall, f1), got {_describe(got)}"
    vals = []
    for name, v in zip(("precision", "recall", "f1"), got):
        v = _as_scalar(v, name)
        assert np.isfinite(v), f"{name} is {v}; undefined ratios must be 0.0"
        vals.append(v)
    return tuple(vals)


def _per_class(t, p):
    """Loop reference: {class: (P, R, F1, support)} over the union of labels."""
    out = {}
    for c in sorted(set(t) | set(p)):
        tp = sum(1 for a, b in zip(t, p) if a == c and b == c)
        fp = sum(1 for a, b in zip(t, p) if a != c and b == c)
        fn = sum(1 for a, b in zip(t, p) if a == c and b != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[c] = (prec, rec, f1, tp + fn)
    return out


def _ref(t, p, average):
    t, p = list(t), list(p)
    if not t:
        return (0.0, 0.0, 0.0)
    pc = _per_class(t, p)
    if average == "micro":
        tp = sum(1 for a, b in zip(t, p) if a == b)
        acc = tp / len(t)
        return (acc, acc, acc)
    if average == "macro":
        w = {c: 1.0 / len(pc) for c in pc}
    else:
        w = {c: v[3] / len(t) for c, v in pc.items()}
    return tuple(sum(w[c] * pc[c][i] for c in pc) for i in range(3))


def _check(got, expected, what):
    for name, g, e in zip(("precision", "recall", "f1"), got, expected):
        np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-12, err_msg=f"{what}: {name} is wrong")


def _random(rng, n, k, acc=0.6):
    t = rng.integers(0, k, size=n)
    noise = rng.integers(0, k, size=n)
    p = np.where(rng.random(n) < acc, t, noise)
    return t, p


def test_matches_reference_on_random_multiclass_labels():
    rng = np.random.default_rng(200)
    for n, k in ((12, 3), (300, 5), (2000, 7)):
        t, p = _random(rng, n, k)
        for avg in AVERAGES:
            _check(multiclass_precision_recall_f1(t, p, average=avg), _ref(t.tolist(), p.tolist(), avg),
                   f"average={avg!r}, n={n}, {k} classes")


def test_default_is_macro():
    rng = np.random.default_rng(201)
    t, p = _random(rng, 200, 4)
    _check(multiclass_precision_recall_f1(t, p), _ref(t.tolist(), p.tolist(), "macro"), "the default average must be 'macro'")


def test_macro_f1_is_mean_of_per_class_f1():
    # class 0: P=1, R=0.25 (F1=0.4); class 1: P=0.25, R=1 (F1=0.4): macro P = macro R = 0.625
    t = [0, 0, 0, 0, 1]
    p = [0, 1, 1, 1, 1]
    got = multiclass_precision_recall_f1(t, p, average="macro")
    _check(got, (0.625, 0.625, 0.4), "macro F1 is the mean of the per-class F1 (0.4), not 2PR/(P+R) of the macro P and R (0.625)")


def test_label_only_in_predictions_is_a_class():
    # class 2 is never true but predicted once: it joins the macro mean with P = R = F1 = 0,
    # and weighs 0 in the weighted average (support 0)
    t = [0, 0, 1, 1]
    p = [0, 0, 1, 2]
    _check(multiclass_precision_recall_f1(t, p, average="macro"), ((1 + 1 + 0) / 3, (1 + 0.5 + 0) / 3, (1 + 2 / 3 + 0) / 3),
           "a label that appears only in y_pred is a class (P, R, F1 all 0.0 for it)")
    _check(multiclass_precision_recall_f1(t, p, average="weighted"), (1.0, 0.75, (1 + 2 / 3) / 2),
           "weighted: a class with support 0 weighs 0")
    # class 3 is true once, never predicted: its precision is 0/0 -> 0.0
    t = [0, 3, 0]
    p = [0, 0, 0]
    with np.errstate(all="raise"):
        got = multiclass_precision_recall_f1(t, p, average="macro")
    _check(got, ((2 / 3 + 0) / 2, (1 + 0) / 2, (0.8 + 0) / 2), "a class never predicted has precision 0.0 (0/0)")


def test_weighted_uses_true_support_not_predicted_counts():
    t = [0, 0, 0, 0, 0, 0, 1, 1]
    p = [0, 0, 0, 1, 1, 1, 1, 1]  # class 0: P=1, R=0.5; class 1: P=0.4, R=1; supports 6 and 2
    _check(multiclass_precision_recall_f1(t, p, average="weighted"),
           (0.75 * 1 + 0.25 * 0.4, 0.75 * 0.5 + 0.25 * 1, 0.75 * (2 / 3) + 0.25 * (0.8 / 1.4)),
           "weights are the true supports 6/8 and 2/8")


def test_micro_equals_accuracy():
    rng = np.random.default_rng(202)
    for k in (2, 3, 9):
        t, p = _random(rng, 500, k, acc=0.4)
        acc = float(np.mean(t == p))
        _check(multiclass_precision_recall_f1(t, p, average="micro"), (acc, acc, acc),
               f"micro P, R and F1 of single-label predictions all equal the accuracy ({k} classes)")


def test_string_labels_and_renaming_classes():
    t = ["cat", "dog", "cat", "bird"]
    p = ["cat", "cat", "cat", "fish"]
    _check(multiclass_precision_recall_f1(t, p, average="macro"), (1 / 6, 0.25, 0.2), "the statement's example (macro)")
    _check(multiclass_precision_recall_f1(t, p, average="weighted"), (1 / 3, 0.5, 0.4), "the statement's example (weighted)")
    _check(multiclass_precision_recall_f1(t, p, average="micro"), (0.5, 0.5, 0.5), "the statement's example (micro)")
    rng = np.random.default_rng(203)
    ti, pi = _random(rng, 400, 6)
    names = np.array(["z", "a", "m", "b", "y", "c"])
    for avg in AVERAGES:
        _check(multiclass_precision_recall_f1(names[ti], names[pi], average=avg),
               multiclass_precision_recall_f1(ti, pi, average=avg), f"renaming the classes must not matter ({avg})")


def test_order_of_samples_does_not_matter_and_inputs_untouched():
    rng = np.random.default_rng(204)
    t, p = _random(rng, 300, 4)
    t_copy, p_copy = t.copy(), p.copy()
    perm = rng.permutation(300)
    for avg in AVERAGES:
        base = multiclass_precision_recall_f1(t, p, average=avg)
        _check(multiclass_precision_recall_f1(t[perm], p[perm], average=avg), base, f"shuffled samples ({avg})")
        _check(multiclass_precision_recall_f1(t.tolist(), p.tolist(), average=avg), base, f"lists as input ({avg})")
    assert np.array_equal(t, t_copy) and np.array_equal(p, p_copy), "the inputs were modified"


def test_edge_cases_without_nan_or_warnings():
    with np.errstate(all="raise"):
        for avg in AVERAGES:
            _check(multiclass_precision_recall_f1(np.array([], dtype=int), np.array([], dtype=int), average=avg),
                   (0.0, 0.0, 0.0), f"empty input ({avg})")
            _check(multiclass_precision_recall_f1([4, 4, 4], [4, 4, 4], average=avg), (1.0, 1.0, 1.0),
                   f"one class, all correct ({avg})")
            _check(multiclass_precision_recall_f1([0, 1], [1, 0], average=avg), (0.0, 0.0, 0.0),
                   f"all wrong ({avg})")


def test_invalid_arguments_raise_value_error():
    for args, kwargs, what in ((([0, 1], [0, 1]), {"average": "binary"}, "average='binary'"),
                               (([0, 1], [0, 1]), {"average": "Macro"}, "average='Macro'"),
                               (([0, 1, 2], [0, 1]), {}, "inputs of different lengths")):
        try:
            solution.multiclass_precision_recall_f1(*args, **kwargs)
        except ValueError:
            continue
        raise AssertionError(f"expected ValueError for {what}")
