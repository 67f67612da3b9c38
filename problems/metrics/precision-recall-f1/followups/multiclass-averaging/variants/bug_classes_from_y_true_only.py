"""Bug: the classes are the labels of y_true only, so a label that is only predicted is dropped
from the macro mean (and its false positives vanish). Caught by test_label_only_in_predictions_is_a_class."""
import numpy as np


def precision_recall_f1(y_true, y_pred):
    """Binary precision, recall, F1 of the positive class 1 (part 1); 0.0 for every 0/0."""
    t = np.asarray(y_true).ravel() == 1
    p = np.asarray(y_pred).ravel() == 1
    if t.shape != p.shape:
        raise ValueError("y_true and y_pred must have the same length")
    tp = int(np.count_nonzero(t & p))
    fp = int(np.count_nonzero(~t & p))
    fn = int(np.count_nonzero(t & ~p))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


def _safe_div(num, den):
    """num / den elementwise, 0.0 where den == 0 (no warning)."""
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    out = np.zeros(np.broadcast(num, den).shape, dtype=np.float64)
    np.divide(num, den, out=out, where=den != 0)
    return out


def multiclass_precision_recall_f1(y_true, y_pred, average="macro"):
    """Multi-class precision, recall, F1 averaged over classes (reference, part 2).

    Classes: the sorted union of the labels in y_true and y_pred. Per class c (one-vs-rest):
    TP_c, FP_c, FN_c and P_c, R_c, F1_c as in part 1 (0.0 for 0/0).
    average: "macro" (plain mean of the per-class values; macro F1 is the mean of the F1_c),
    "weighted" (mean weighted by the support #{y_true == c}), "micro" (from the summed counts;
    equals the accuracy). Empty input gives (0.0, 0.0, 0.0). Raises ValueError for another
    average or inputs of different lengths. Returns three Python floats.
    """
    if average not in ("macro", "micro", "weighted"):
        raise ValueError("average must be 'macro', 'micro' or 'weighted'")
    t = np.asarray(y_true).ravel()
    p = np.asarray(y_pred).ravel()
    if t.shape != p.shape:
        raise ValueError("y_true and y_pred must have the same length")
    if t.size == 0:
        return 0.0, 0.0, 0.0
    classes, ti = np.unique(t, return_inverse=True)
    ti = ti.ravel()
    k = classes.size
    pi = np.searchsorted(classes, p)
    known = (pi < k) & (classes[np.minimum(pi, k - 1)] == p)
    pi = np.where(known, pi, -1)
    pi_valid = pi[known]
    tp = np.bincount(ti[ti == pi], minlength=k).astype(np.float64)
    support = np.bincount(ti, minlength=k).astype(np.float64)   # TP + FN
    predicted = np.bincount(pi_valid, minlength=k).astype(np.float64)  # TP + FP of known classes
    if average == "micro":
        prec = float(_safe_div(tp.sum(), predicted.sum()))
        rec = float(_safe_div(tp.sum(), support.sum()))
        f1 = float(_safe_div(2 * prec * rec, prec + rec))
        return prec, rec, f1
    prec_c = _safe_div(tp, predicted)
    rec_c = _safe_div(tp, support)
    f1_c = _safe_div(2 * prec_c * rec_c, prec_c + rec_c)
    if average == "macro":
        w = np.full(k, 1.0 / k)
    else:
        w = support / support.sum()
    return float(np.dot(w, prec_c)), float(np.dot(w, rec_c)), float(np.dot(w, f1_c))
