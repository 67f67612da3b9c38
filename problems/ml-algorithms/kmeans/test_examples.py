import numpy as np
from solution import kmeans


def _sorted_rows(C):
    C = np.asarray(C, dtype=float)
    return C[np.lexsort(C.T[::-1])]


def test_statement_example():
    X = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 10.0], [12.0, 10.0]])
    centroids, labels = kmeans(X, k=2)
    centroids, labels = np.asarray(centroids), np.asarray(labels)
    assert centroids.shape == (2, 2), f"centroids shape {centroids.shape}, expected (2, 2)"
    assert labels.shape == (4,), f"labels shape {labels.shape}, expected (4,)"
    np.testing.assert_allclose(_sorted_rows(centroids), [[0.0, 1.0], [11.0, 10.0]], rtol=1e-6, atol=1e-8)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2], \
        f"points 0,1 and points 2,3 should form the two clusters, got labels {labels.tolist()}"


def test_integer_input_gives_float_centroids():
    X = [[0, 0], [0, 1], [9, 9], [9, 10]]
    centroids, _ = kmeans(X, k=2)
    np.testing.assert_allclose(_sorted_rows(centroids), [[0.0, 0.5], [9.0, 9.5]], rtol=1e-6, atol=1e-8,
                               err_msg="centroids of integer input must be float means (0.5, not 0)")
