"""Bug: natural-log NLL exponentiated with base 2.
Caught by test_uniform_model_has_perplexity_v (2 ** ln 7 = 3.85, not 7) and the reference tests."""
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
    picked = np.take_along_axis(z, target[..., None].astype(np.int64), axis=-1)[..., 0]
    nll = np.where(counted, lse - picked, 0.0)          # natural log; padded positions contribute 0
    per_count = counted.sum(axis=1)
    per_total = nll.sum(axis=1)
    per_seq = np.full(z.shape[0], np.nan)
    has = per_count > 0
    per_seq[has] = 2.0 ** (per_total[has] / per_count[has])    # BUG: 2 ** (nats)
    corpus = float(2.0 ** (per_total.sum() / per_count.sum()))
    return corpus, per_seq
