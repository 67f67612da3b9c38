"""Bug: weights updated in place (w -= ...), so the stored best weights are the same array as the current ones. Caught by test_returns_parameters_of_best_validation_epoch."""
import numpy as np


def _sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def predict_proba(X, weights, bias):
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    return _sigmoid(X @ w + float(bias))


def _mean_log_loss(X, y, w, b):
    """Mean binary cross-entropy from logits, stable: log(1 + e^-z) for y=1, log(1 + e^z) for y=0."""
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z)))


def fit_logistic_regression(X, y, lr=0.1, epochs=1000, l2=0.0, X_val=None, y_val=None, patience=10):
    if l2 < 0:
        raise ValueError("l2 must be >= 0, got %r" % (l2,))
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val, or neither")
    if X_val is not None and (int(patience) != patience or patience < 1):
        raise ValueError("patience must be an integer >= 1, got %r" % (patience,))
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    if X_val is not None:
        X_val = np.asarray(X_val, dtype=np.float64)
        y_val = np.asarray(y_val, dtype=np.float64)
        best_loss, best_w, best_b, since_best = _mean_log_loss(X_val, y_val, w, b), w, b, 0
    for _ in range(epochs):
        err = _sigmoid(X @ w + b) - y          # (n,)
        grad_w = X.T @ err / n + l2 * w      # penalty (l2 / 2) * ||w||^2; the bias is not penalised
        grad_b = err.mean()
        w -= lr * grad_w
        b = b - lr * grad_b
        if X_val is not None:
            loss = _mean_log_loss(X_val, y_val, w, b)   # no penalty term in the validation loss
            if loss < best_loss:
                best_loss, best_w, best_b, since_best = loss, w, b, 0
            else:
                since_best += 1
                if since_best == patience:
                    break
    if X_val is not None:
        return best_w, float(best_b)
    return w, float(b)
