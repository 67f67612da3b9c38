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
    classes, inv = np.unique(np.concatenate([t, p]), return_inverse=True)
    inv = inv.ravel()
    k = classes.size
    ti, pi = inv[: t.size], inv[t.size:]
    tp = np.bincount(ti[ti == pi], minlength=k).astype(np.float64)
    support = np.bincount(ti, minlength=k).astype(np.float64)   # TP + FN
    predicted = np.bincount(pi, minlength=k).astype(np.float64)  # TP + FP
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


def best_fbeta_threshold(y_true, y_score, beta=1.0):
    """The decision threshold that maximises F-beta (reference, part 3).

    Predict positive iff score >= threshold; the candidates are the distinct scores. With TP, FP,
    FN at a threshold, F_beta = (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP) (0.0 when TP = 0).
    F-beta values within 1e-12 of the maximum tie; the largest tied threshold wins. One sort:
    O(n log n) time, O(n) memory. Returns (threshold, fbeta) as Python floats. Raises ValueError
    for different lengths, no positive label (includes empty input), beta not finite and > 0, or
    a NaN score.
    """
    y = np.asarray(y_true).ravel() == 1
    s = np.asarray(y_score, dtype=np.float64).ravel()
    if y.shape != s.shape:
        raise ValueError("y_true and y_score must have the same length")
    beta = float(beta)
    if not np.isfinite(beta) or beta <= 0:
        raise ValueError("beta must be a finite number > 0")
    if np.any(np.isnan(s)):
        raise ValueError("scores must not be NaN")
    n_pos = int(np.count_nonzero(y))
    if n_pos == 0:
        raise ValueError("F-beta is 0 at every threshold without a positive label")
    levels, inv = np.unique(s, return_inverse=True)   # increasing distinct scores
    inv = inv.ravel()
    pos_at = np.bincount(inv, weights=y.astype(np.float64), minlength=levels.size)
    all_at = np.bincount(inv, minlength=levels.size).astype(np.float64)
    # predicting positive for score >= levels[j]: suffix sums from level j upwards
    tp = np.cumsum(pos_at[::-1])[::-1]
    pred = np.cumsum(all_at[::-1])[::-1]
    fp = pred - tp
    fn = n_pos - tp
    b2 = beta * beta
    num = (1.0 + b2) * tp
    den = num + b2 * fn + fp          # > 0 since n_pos > 0
    f = num / den
    best = float(f.max())
    j = int(np.flatnonzero(f >= best - 1e-12)[-1])   # largest threshold among the ties
    return float(levels[j]), float(f[j])
