"""Bug: dot products instead of cosine similarities (rows not L2-normalised).
Caught by test_matches_reference and test_invariant_to_scaling_rows_by_positive_constants."""
import numpy as np


def _mean_diagonal_nll(s):
    """Mean over rows i of -log softmax(s[i, :])[i], with the row maximum subtracted."""
    m = s.max(axis=1, keepdims=True)
    with np.errstate(under="ignore"):                    # exp of very negative numbers -> 0: fine
        lse = m[:, 0] + np.log(np.exp(s - m).sum(axis=1))
    return float(np.mean(lse - np.diagonal(s)))


def info_nce_loss(a, b, temperature=0.07):
    """Symmetric InfoNCE / CLIP contrastive loss between paired embeddings (reference).

    a, b: (N, d) float arrays, row i of a and row i of b form the positive pair. Rows are
    L2-normalised, s = a_n @ b_n.T / temperature, and the loss is the mean of the a->b cross-entropy
    (softmax over each row of s) and the b->a one (softmax over each column), diagonal = targets.
    Raises ValueError on different or non-2-D shapes, N = 0, a zero row, or temperature <= 0."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.ndim != 2 or a.shape != b.shape or a.shape[0] == 0:
        raise ValueError("expected a and b of the same shape (N, d) with N >= 1")
    if not temperature > 0:
        raise ValueError("temperature must be positive")
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    if np.any(na == 0) or np.any(nb == 0):
        raise ValueError("zero embedding row")
    s = a @ b.T / temperature                            # BUG: no normalisation
    return 0.5 * (_mean_diagonal_nll(s) + _mean_diagonal_nll(s.T))
