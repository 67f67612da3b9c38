import numpy as np
from solution import kmeans as _user_kmeans


def kmeans(X, k, *args, **kwargs):
    """Your kmeans (arguments passed on as given), with its result checked to be a tuple
    (centroids, labels): a float (k, d) array and an integer (n,) array."""
    n, d = np.shape(X)
    c, lab = _as_tuple(_user_kmeans(X, k, *args, **kwargs), 2, ("centroids", "labels"), "kmeans result")
    return _as_array(c, (k, d), "centroids"), _as_array(lab, (n,), "labels", kinds="iu")


def _describe(x):
    """What came back, for messages: 'an array of shape (1, 1) (dtype <U32)', 'a list of length 3'."""
    if isinstance(x, np.ndarray):
        return "an array of shape %s (dtype %s)" % (x.shape, x.dtype)
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s" % type(x).__name__


def _as_array(got, shape, what, kinds="f"):
    """`got` if it is a NumPy array of `shape` (None matches any length on that axis) whose dtype
    kind is one of `kinds` ('f' float, 'iu' integer), else an AssertionError naming what came back
    (before any test does arithmetic on it)."""
    dims = ["n" if d is None else str(d) for d in shape]
    want = "an array of shape (%s)" % (dims[0] + "," if len(dims) == 1 else ", ".join(dims))
    assert isinstance(got, np.ndarray), "%s: expected %s, got %s" % (what, want, _describe(got))
    ok = got.ndim == len(shape) and all(d is None or d == g for d, g in zip(shape, got.shape))
    assert ok, "%s: expected %s, got %s" % (what, want, _describe(got))
    assert got.dtype.kind in kinds, "%s: expected a %s array, got dtype %s" % (
        what, "float" if kinds == "f" else "integer", got.dtype)
    return got


def _as_tuple(got, n, names, what):
    """`got` if it is a tuple (or list) of `n` items, else an AssertionError naming what came back."""
    assert isinstance(got, (tuple, list)) and len(got) == n, \
        "%s: expected a tuple (%s), got %s" % (what, ", ".join(names), _describe(got))
    return tuple(got)


def _sorted_rows(C):
    C = np.asarray(C, dtype=float)
    return C[np.lexsort(C.T[::-1])]


def _two_blobs():
    rng = np.random.default_rng(123)
    X = np.vstack([rng.normal([0.0, 0.0, 0.0], 1.0, (40, 3)),
                   rng.normal([12.0, -8.0, 5.0], 1.0, (60, 3))])
    truth = np.repeat([0, 1], [40, 60])
    return X, truth


def _uniform_data():
    rng = np.random.default_rng(7)
    return rng.uniform(-5, 5, size=(300, 2))


def _fit(X, k, **kw):
    C, labels = kmeans(X, k, **kw)
    return np.asarray(C), np.asarray(labels)


def test_output_shapes_and_dtypes():
    X = _uniform_data()
    C, labels = _fit(X, 4)
    assert C.shape == (4, 2), f"centroids shape {C.shape}, expected (4, 2)"
    assert labels.shape == (300,), f"labels shape {labels.shape}, expected (300,)"
    assert np.issubdtype(C.dtype, np.floating), f"centroids dtype {C.dtype}, expected float"
    assert np.issubdtype(labels.dtype, np.integer), f"labels dtype {labels.dtype}, expected integer"
    assert labels.min() >= 0 and labels.max() < 4, "labels must lie in 0..k-1"


def test_two_blobs_sorted_centroids_are_blob_means():
    # with two far-apart blobs every initialisation from data rows converges to the blobs
    X, truth = _two_blobs()
    C, _ = _fit(X, 2)
    expected = np.vstack([X[truth == 0].mean(axis=0), X[truth == 1].mean(axis=0)])
    np.testing.assert_allclose(_sorted_rows(C), _sorted_rows(expected), rtol=1e-6, atol=1e-8,
                               err_msg="sorted centroids differ from the means of the two blobs")


def test_two_blobs_co_membership():
    X, truth = _two_blobs()
    _, labels = _fit(X, 2, seed=5)
    same_pred = labels[:, None] == labels[None, :]
    same_true = truth[:, None] == truth[None, :]
    wrong = int((same_pred != same_true).sum()) // 2
    assert wrong == 0, f"{wrong} point pairs are grouped differently from the two true blobs"


def test_labels_are_nearest_returned_centroid():
    X = _uniform_data()
    C, labels = _fit(X, 4, max_iters=10_000, seed=3)
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    own = d2[np.arange(len(X)), labels]
    gap = own - d2.min(axis=1)
    bad = int((gap > 1e-9).sum())
    assert bad == 0, f"{bad} points are not assigned to their nearest returned centroid (max gap {gap.max():.3g})"


def test_centroids_are_means_of_their_points():
    X = _uniform_data()
    C, labels = _fit(X, 4, max_iters=10_000, seed=11)
    for j in range(4):
        mask = labels == j
        if mask.any():
            np.testing.assert_allclose(C[j], X[mask].mean(axis=0), rtol=1e-6, atol=1e-8,
                                       err_msg=f"centroid {j} is not the mean of the points labelled {j}")


def test_integer_input_gives_float_centroids():
    Xi = np.array([[0, 0], [0, 1], [1, 0], [1, 1],
                   [20, 20], [20, 21], [21, 20], [21, 21], [20, 22], [22, 20]], dtype=np.int64)
    C, _ = _fit(Xi, 2)
    assert np.issubdtype(C.dtype, np.floating), f"centroids dtype {C.dtype}, expected float"
    expected = np.vstack([Xi[:4].mean(axis=0), Xi[4:].mean(axis=0)])  # [0.5, 0.5], [20.67, 20.67]
    np.testing.assert_allclose(_sorted_rows(C), expected, rtol=1e-6, atol=1e-8,
                               err_msg="integer input: centroid means were truncated or wrong")


def test_empty_cluster_keeps_finite_centroid():
    # only two distinct locations but k=3: at least one cluster ends up empty
    X = np.array([[0.0, 0.0]] * 5 + [[10.0, 10.0]] * 5)
    for seed in range(4):
        with np.errstate(invalid="ignore", divide="ignore"):
            C, labels = _fit(X, 3, seed=seed)
        assert C.shape == (3, 2), f"centroids shape {C.shape}, expected (3, 2)"
        assert np.all(np.isfinite(C)), f"seed={seed}: centroid of an empty cluster became NaN/inf"
        assert len(set(labels[:5].tolist())) == 1 and len(set(labels[5:].tolist())) == 1 \
            and labels[0] != labels[5], f"seed={seed}: the two locations should form two clusters"
        np.testing.assert_allclose(C[labels[0]], [0.0, 0.0], atol=1e-8, err_msg=f"seed={seed}: centroid of [0,0] group")
        np.testing.assert_allclose(C[labels[5]], [10.0, 10.0], atol=1e-8, err_msg=f"seed={seed}: centroid of [10,10] group")


def _lloyd_1d(X, k, seed, lower_index_wins):
    """The stated algorithm (init from rng.choice, assign, update, stop on an unchanged assignment),
    with exact distance ties going to the lower (or, for contrast, the higher) centroid index."""
    X = np.asarray(X, dtype=float)
    C = X[np.random.default_rng(seed).choice(len(X), size=k, replace=False)].copy()
    labels = None
    for _ in range(100):
        d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
        new = d2.argmin(axis=1) if lower_index_wins else k - 1 - d2[:, ::-1].argmin(axis=1)
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        for j in range(k):
            if (labels == j).any():
                C[j] = X[labels == j].mean(axis=0)
    return C


def test_exact_distance_tie_goes_to_lower_centroid_index():
    # rule: on an exact tie the point goes to the lower centroid index. With points -2, 0, 1 and
    # centroids -1 and 1 the point 0 is exactly 1 from both: the tie decides between the fixed
    # points {-1, 1} and {-2, 0.5}. Seeds where the two tie rules end differently are chosen here.
    X = np.array([[-2.0], [0.0], [1.0]])
    seeds = [s for s in range(40)
             if not np.array_equal(_sorted_rows(_lloyd_1d(X, 2, s, True)), _sorted_rows(_lloyd_1d(X, 2, s, False)))]
    assert seeds, "test setup: some seed must make the tie matter"
    for s in seeds[:5]:
        want = _sorted_rows(_lloyd_1d(X, 2, s, True))
        C, _ = _fit(X, 2, seed=s)
        np.testing.assert_allclose(_sorted_rows(C), want, rtol=0, atol=1e-12, err_msg=(
            f"seed={s}: rule: a point exactly as far from two centroids goes to the lower centroid index "
            f"(here the sorted centroids must be {want.ravel().tolist()})"))


def test_single_cluster_is_global_mean():
    X = _uniform_data()
    C, labels = _fit(X, 1)
    assert C.shape == (1, 2), f"centroids shape {C.shape}, expected (1, 2)"
    np.testing.assert_allclose(C[0], X.mean(axis=0), rtol=1e-6, atol=1e-8, err_msg="k=1 centroid must be the mean of X")
    assert np.all(labels == 0), "k=1: every label must be 0"


def test_same_seed_same_result_and_input_untouched():
    X = _uniform_data()
    X_before = X.copy()
    C1, l1 = _fit(X, 5, seed=42)
    C2, l2 = _fit(X, 5, seed=42)
    np.testing.assert_array_equal(C1, C2, err_msg="same seed gave different centroids")
    np.testing.assert_array_equal(l1, l2, err_msg="same seed gave different labels")
    np.testing.assert_array_equal(X, X_before, err_msg="kmeans modified its input X")
