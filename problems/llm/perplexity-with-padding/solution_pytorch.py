import torch


def perplexity(logits, tokens, mask):
    """Corpus-level and per-sequence perplexity with torch ops (reference, CPU).

    logits (B, T, V) float64; tokens (B, T) int64; mask (B, T) bool. logits[b, t] predicts
    tokens[b, t + 1], counted when mask[b, t] and mask[b, t + 1]. Returns (float, (B,) tensor with
    nan for sequences without a counted prediction). Raises ValueError on bad shapes / nothing counted."""
    if logits.dim() != 3 or tuple(tokens.shape) != tuple(logits.shape[:2]) or tuple(mask.shape) != tuple(logits.shape[:2]):
        raise ValueError("expected logits (B, T, V), tokens (B, T) and mask (B, T)")
    mask = mask.bool()
    counted = mask[:, :-1] & mask[:, 1:]
    if not bool(counted.any()):
        raise ValueError("no counted prediction in the batch")
    logp = torch.log_softmax(logits[:, :-1], dim=-1)
    nll = -logp.gather(-1, tokens[:, 1:].long().unsqueeze(-1)).squeeze(-1)
    nll = torch.where(counted, nll, torch.zeros_like(nll))
    per_total, per_count = nll.sum(dim=1), counted.sum(dim=1).to(nll.dtype)
    per_seq = torch.exp(per_total / per_count)            # 0/0 = nan for empty sequences
    corpus = torch.exp(per_total.sum() / per_count.sum())
    return float(corpus), per_seq
