"""Bug: log(softmax(z)) (softmax itself max-subtracted): probabilities that underflow to 0 give log(0).
Caught by test_extreme_logits_are_stable_and_exact."""
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
    z, t = z[keep], t[keep].astype(np.int64)           # drop ignored rows before indexing
    v = z.shape[1]
    m = z.max(axis=1, keepdims=True)
    with np.errstate(under="ignore"):                   # exp(z - m) may underflow to 0: fine
        lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    with np.errstate(under='ignore'):
        p = np.exp(z - m) / np.exp(z - m).sum(axis=1, keepdims=True)
    logp = np.log(p)                                    # BUG: log(0) for logits 2e4 below the max
    nll = -logp[np.arange(z.shape[0]), t]
    smooth = -logp.mean(axis=1)
    per_token = (1.0 - epsilon) * nll + epsilon * smooth
    return float(per_token.mean())
