import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    """Direct Preference Optimisation loss (Rafailov et al., 2023).

    Args:
        policy_chosen_logps, policy_rejected_logps: float64 arrays (B,), summed log-probs of the
            chosen / rejected responses under the policy.
        ref_chosen_logps, ref_rejected_logps: float64 arrays (B,), the same under the reference.
        beta: float > 0.

    Returns:
        (loss, chosen_rewards, rejected_rewards):
            loss: float, mean over the batch of -log sigmoid(z_i) with
                z_i = beta * ((pc_i - rc_i) - (pr_i - rr_i)); stable for |z| = 1e4.
            chosen_rewards = beta * (pc - rc), rejected_rewards = beta * (pr - rr): float64 (B,).
        Different shapes or an empty batch raise ValueError. Inputs are not modified.
    """
    raise NotImplementedError
