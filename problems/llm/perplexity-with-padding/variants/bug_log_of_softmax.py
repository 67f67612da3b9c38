"""Bug: log(softmax(z)): probabilities that underflow to 0 give log(0) (np.errstate(divide='raise') fails it).
Caught by test_extreme_logits_are_stable and test_padding_content_is_ignored (junk logits of ±1e4 at padding)."""
import numpy as np


def perplexity(logits, tokens, mask):
    """Corpus-level and per-sequence perplexity of a padded batch (reference).

    logits (B, T, V) float; tokens (B, T) int; mask (B, T) bool, True = real token.
    logits[b, t] predicts tokens[b, t + 1]; the prediction counts when mask[b, t] and mask[b, t + 1].
    Returns (exp(total NLL / counted predictions), per-sequence exp(mean NLL) with nan where a
    sequence has no counted prediction). Raises ValueError on bad shapes or no counted prediction."""
    z = np.asarray(logits, dtype=np.float64)
    tok = np.asarray(tokens)
    m = np.asarray(mask, dtype=bool)
    if z.ndim != 3 or tok.shape != z.shape[:2] or m.shape != z.shape[:2]:
        raise ValueError("expected logits (B, T, V), tokens (B, T) and mask (B, T)")
    z, target = z[:, :-1], tok[:, 1:]                    # position t predicts token t + 1
    counted = m[:, :-1] & m[:, 1:]                       # both the input and the target are real
    if not counted.any():
        raise ValueError("no counted prediction in the batch")
    zmax = z.max(axis=-1, keepdims=True)
    with np.errstate(under="ignore"):
        lse = zmax[..., 0] + np.log(np.exp(z - zmax).sum(axis=-1))
    with np.errstate(under='ignore'):
        p = np.exp(z - zmax) / np.exp(z - zmax).sum(axis=-1, keepdims=True)
    picked = np.take_along_axis(p, target[..., None].astype(np.int64), axis=-1)[..., 0]
    nll = np.where(counted, -np.log(picked), 0.0)      # BUG: log of a probability that can be 0
    per_count = counted.sum(axis=1)
    per_total = nll.sum(axis=1)
    per_seq = np.full(z.shape[0], np.nan)
    has = per_count > 0
    per_seq[has] = np.exp(per_total[has] / per_count[has])
    corpus = float(np.exp(per_total.sum() / per_count.sum()))
    return corpus, per_seq
