"""Bug: np.array_split(X_test, batch_size) splits the test rows into batch_size batches instead of batches of batch_size rows, so a small batch_size gives huge blocks. Caught by test_memory_bounded_by_batch_size (batch_size 2)."""
import numpy as np


def knn_predict(X_train, y_train, X_test, k, weights="uniform", batch_size=512):
    """k-NN classification, brute force (reference for parts 1-3).

    weights="uniform": one vote per neighbour (part 1). weights="distance": each of the k
    neighbours votes with weight 1 / (Euclidean distance); if any neighbour is at distance exactly
    0, only the zero-distance neighbours vote, one vote each (scikit-learn's rule). Equal distances:
    lower training index first; equal totals: the smallest label. Returns int64 (n_test,).

    batch_size (part 3): the test rows are processed in consecutive chunks of at most batch_size
    rows, so the extra memory is O(batch_size * n_train) (one block of distances and its argsort)
    whatever n_test is. Raises ValueError when batch_size < 1.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError("batch_size must be an int >= 1")
    if weights not in ("uniform", "distance"):
        raise ValueError("weights must be 'uniform' or 'distance'")
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    y_train = np.asarray(y_train)
    classes, codes = np.unique(y_train, return_inverse=True)   # classes sorted ascending
    codes = codes.reshape(-1)
    n_classes = len(classes)
    train_sq = (X_train ** 2).sum(axis=1)
    out = np.empty(len(X_test), dtype=np.int64)
    start = 0
    # BUG: array_split makes batch_size pieces, not pieces of batch_size rows
    for Q in np.array_split(X_test, min(int(batch_size), len(X_test))):
        d2 = (Q ** 2).sum(axis=1)[:, None] - 2.0 * Q @ X_train.T + train_sq[None, :]
        np.maximum(d2, 0.0, out=d2)
        # stable sort: equal distances keep training order, so the lower index comes first
        nn = np.argsort(d2, axis=1, kind="stable")[:, :k]
        rows = np.repeat(np.arange(len(Q)), k)
        if weights == "uniform":
            w = np.ones(nn.shape)
        else:
            # exact distances of the k neighbours only (the expansion above is not exactly 0 for
            # identical points): an (chunk, k, d) difference, small
            dist = np.sqrt(((Q[:, None, :] - X_train[nn]) ** 2).sum(axis=2))
            zero = dist == 0.0
            has_zero = zero.any(axis=1, keepdims=True)
            inv = np.divide(1.0, dist, out=np.zeros_like(dist), where=~zero)
            w = np.where(has_zero, zero.astype(np.float64), inv)
        votes = np.zeros((len(Q), n_classes), dtype=np.float64)
        np.add.at(votes, (rows, codes[nn].ravel()), w.ravel())
        out[start:start + len(Q)] = votes.argmax(axis=1)   # first maximum = smallest label
        start += len(Q)
    return classes[out]
