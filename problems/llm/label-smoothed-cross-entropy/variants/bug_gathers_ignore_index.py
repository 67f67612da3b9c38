"""Bug: gathers log p[target] for every row before masking, so a target of -100 is used as a column index
(IndexError when V < 100, silently wrong column otherwise). Caught by test_smoothing_matches_reference_with_ignored_positions
and test_ignored_positions_change_nothing."""
import numpy as np


def label_smoothed_cross_entropy(logits, targets, epsilon=0.0, ignore_index=-100):
    """Mean label-smoothed cross-entropy over the positions whose target is not ignore_index
    (reference; the conventions of torch.nn.CrossEntropyLoss(label_smoothing=..., ignore_index=...),
    except that no kept position gives 0.0 instead of nan).

    logits: (N, V) float; targets: (N,) int. Returns a float. Raises ValueError on bad shapes."""
    z = np.asarray(logits, dtype=np.float64)
    t = np.asarray(targets)
    if z.ndim != 2 or t.ndim != 1 or t.shape[0] != z.shape[0]:
        raise ValueError("expected logits (N, V) and targets (N,)")
    keep = t != ignore_index
    if not np.any(keep):
        return 0.0
    picked = z[np.arange(z.shape[0]), t]               # BUG: indexes with the ignore index
    z, t = z[keep], t[keep].astype(np.int64)
    v = z.shape[1]
    m = z.max(axis=1, keepdims=True)
    with np.errstate(under="ignore"):                   # exp(z - m) may underflow to 0: fine
        lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    nll = lse - z[np.arange(z.shape[0]), t]             # -log p[target]
    smooth = lse - z.mean(axis=1)                       # -(1/V) sum_j log p[j]
    per_token = (1.0 - epsilon) * nll + epsilon * smooth
    return float(per_token.mean())
