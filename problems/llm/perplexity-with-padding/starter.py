import numpy as np


def perplexity(logits, tokens, mask):
    """Corpus-level and per-sequence perplexity of a padded batch from a causal LM's logits.

    Args:
        logits: float64 array (B, T, V); logits[b, t] predicts tokens[b, t + 1].
        tokens: int64 array (B, T), ids in 0..V-1 (padding positions hold a valid id too).
        mask: bool array (B, T), True = real token (padding on the left or the right).

    Returns:
        (corpus_ppl, per_sequence_ppl):
            corpus_ppl: float, exp(total NLL / number of counted predictions);
            per_sequence_ppl: float64 array (B,), exp(mean NLL per sequence), nan when a
                sequence has no counted prediction.
        A prediction counts when mask[b, t] and mask[b, t + 1]. Natural log. Stable for logits
        of ±1e4. Raises ValueError on bad shapes or when nothing is counted. Inputs unmodified.
    """
    raise NotImplementedError
