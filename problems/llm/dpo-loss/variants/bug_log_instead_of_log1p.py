"""Bug: softplus as max(x, 0) + log(1 + e^-|x|): no overflow, but losses below 1e-16 round to 0.
Caught by test_tiny_losses_keep_relative_precision."""
import numpy as np


def _softplus(x):
    """log(1 + e^x) elementwise without overflow: max(x, 0) + log1p(e^-|x|)."""
    with np.errstate(under="ignore"):          # e^-|x| may underflow to 0: exact enough
        return np.maximum(x, 0.0) + np.log(1.0 + np.exp(-np.abs(x)))  # BUG: log, not log1p


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    """DPO loss (Rafailov et al., 2023, eq. 7) and the implicit rewards (reference solution).

    Returns (mean of -log sigmoid(z), beta * (pc - rc), beta * (pr - rr)); shapes (), (B,), (B,).
    Raises ValueError on different shapes or an empty batch."""
    arrays = [np.asarray(a, dtype=np.float64) for a in
              (policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps)]
    pc, pr, rc, rr = arrays
    if any(a.shape != pc.shape for a in arrays) or pc.ndim != 1:
        raise ValueError("the four log-prob arrays must be 1-D with the same shape")
    if pc.size == 0:
        raise ValueError("empty batch")
    chosen_rewards = beta * (pc - rc)
    rejected_rewards = beta * (pr - rr)
    z = chosen_rewards - rejected_rewards
    loss = float(np.mean(_softplus(-z)))       # -log sigmoid(z) = softplus(-z)
    return loss, chosen_rewards, rejected_rewards
