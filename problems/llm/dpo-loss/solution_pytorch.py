import torch
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    """DPO loss (Rafailov et al., 2023) with torch ops (reference, CPU).

    Returns (0-d tensor mean of -logsigmoid(z), beta * (pc - rc), beta * (pr - rr)).
    Raises ValueError on different shapes or an empty batch."""
    pc, pr, rc, rr = policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps
    if any(t.shape != pc.shape for t in (pr, rc, rr)) or pc.dim() != 1:
        raise ValueError("the four log-prob tensors must be 1-D with the same shape")
    if pc.numel() == 0:
        raise ValueError("empty batch")
    chosen_rewards = beta * (pc - rc)
    rejected_rewards = beta * (pr - rr)
    loss = -F.logsigmoid(chosen_rewards - rejected_rewards).mean()
    return loss, chosen_rewards, rejected_rewards
