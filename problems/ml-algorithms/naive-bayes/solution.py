import numpy as np


def fit_gaussian_nb(X, y, var_smoothing=1e-9):
    """Fit Gaussian naive Bayes (reference)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    classes = np.unique(y)                                   # sorted
    eps = var_smoothing * np.var(X, axis=0).max()
    means = np.empty((len(classes), X.shape[1]))
    variances = np.empty((len(classes), X.shape[1]))
    priors = np.empty(len(classes))
    for k, c in enumerate(classes):
        Xc = X[y == c]
        means[k] = Xc.mean(axis=0)
        variances[k] = Xc.var(axis=0) + eps                  # biased (ddof=0) + smoothing
        priors[k] = len(Xc) / len(X)
    return {"classes": classes, "priors": priors, "means": means, "vars": variances}


def predict_gaussian_nb(model, X):
    """Predict labels with a fitted Gaussian naive Bayes model (reference)."""
    X = np.asarray(X, dtype=np.float64)
    means, variances = model["means"], model["vars"]
    # joint log-likelihood, shape (m, K): log prior + sum_j log N(x_j; mean_kj, var_kj)
    log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * variances), axis=1)                 # (K,)
    sq = ((X[:, None, :] - means[None, :, :]) ** 2 / variances[None, :, :]).sum(axis=2)  # (m, K)
    jll = np.log(model["priors"]) + log_norm - 0.5 * sq
    return np.asarray(model["classes"])[np.argmax(jll, axis=1)]   # ties -> first (smallest) class
