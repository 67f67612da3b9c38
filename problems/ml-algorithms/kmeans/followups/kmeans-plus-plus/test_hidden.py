import numpy as np
from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple
from solution import kmeans as _user_kmeans


def kmeans(X, k, *args, **kwargs):
    """Your kmeans (arguments passed on as given), with its result checked to be a tuple
    (centroids, labels): a float (k, d) array and an integer (n,) array."""
    n, d = np.shape(X)
    c, lab = _as_tuple(_user_kmeans(X, k, *args, **kwargs), 2, ("centroids", "labels"), "kmeans result")
    return _as_array(c, (k, d), "centroids"), _as_array(lab, (n,), "labels", kinds="iu")


def _init(X, k, seed):
    """The k-means++ initial centroids: with max_iters=0 no Lloyd iteration runs."""
    C, _ = kmeans(X, k, max_iters=0, seed=seed, init="k-means++")
    return C


def _row_index(X, c):
    hits = np.flatnonzero(np.all(X == c, axis=1))
    return int(hits[0]) if len(hits) else -1


def test_initial_centroids_are_rows_of_X():
    X = np.random.default_rng(3).normal(size=(60, 3))
    for seed in range(5):
        C = _init(X, 4, seed)
        idx = [_row_index(X, c) for c in C]
        assert min(idx) >= 0, f"seed={seed}: with max_iters=0 every centroid must be a row of X (the k-means++ picks)"
        assert len(set(idx)) == 4, f"seed={seed}: k-means++ picked the same row twice: rows {idx}"


def test_one_centre_per_location_when_points_repeat():
    # 3 locations, 5 copies each: once a location is chosen its copies have squared distance 0,
    # so k-means++ can never pick it again; random init, or a distance to the first / last chosen
    # centre only, picks a location twice for many seeds
    X = np.repeat(np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 30.0]]), 5, axis=0)
    for seed in range(40):
        C = _init(X, 3, seed)
        got = sorted(map(tuple, C.tolist()))
        assert got == [(0.0, 0.0), (0.0, 30.0), (10.0, 0.0)], (
            f"seed={seed}: initial centroids {got}: a point at squared distance 0 from a chosen centre "
            "(distance to the NEAREST chosen centre) must have probability 0")


def test_pick_probabilities_are_squared_distances():
    # points 0, 1, 10 with k=2: P({0,10}) = (100/101 + 100/181)/3, P({1,10}) = (81/82 + 81/181)/3,
    # P({0,1}) = (1/101 + 1/82)/3, over 2000 seeds each frequency within 5 standard deviations
    # (+0.003); distance instead of squared distance gives P({0,1}) = 0.064, farthest-first 0
    X = np.array([[0.0], [1.0], [10.0]])
    want = {(0.0, 10.0): (100 / 101 + 100 / 181) / 3, (1.0, 10.0): (81 / 82 + 81 / 181) / 3,
            (0.0, 1.0): (1 / 101 + 1 / 82) / 3}
    N = 2000
    counts = dict.fromkeys(want, 0)
    for seed in range(N):
        key = tuple(sorted(_init(X, 2, seed).ravel().tolist()))
        assert key in counts, f"seed={seed}: initial centroids {key} are not two distinct points of X"
        counts[key] += 1
    for key, p in want.items():
        f = counts[key] / N
        bound = 5 * np.sqrt(p * (1 - p) / N) + 0.003
        assert abs(f - p) <= bound, (
            f"initial pair {key} chosen in {f:.3f} of {N} seeds, expected {p:.3f} (+-{bound:.3f}): each "
            "next centre must be drawn with probability proportional to its SQUARED distance to the nearest chosen centre")


def test_fewer_distinct_points_than_k():
    # two locations, k=3: after two picks every squared distance is 0, the third centre is drawn
    # uniformly among the rows not chosen yet (no 0/0 probabilities)
    X = np.repeat(np.array([[0.0, 0.0], [10.0, 10.0]]), 5, axis=0)
    for seed in range(10):
        with np.errstate(invalid="ignore", divide="ignore"):
            C = _init(X, 3, seed)
        assert np.all(np.isfinite(C)), f"seed={seed}: initial centroids not finite: {C.tolist()}"
        got = set(map(tuple, C.tolist()))
        assert got == {(0.0, 0.0), (10.0, 10.0)}, f"seed={seed}: both locations must be among the initial centroids, got {sorted(got)}"
        with np.errstate(invalid="ignore", divide="ignore"):
            C2, labels = kmeans(X, 3, seed=seed, init="k-means++")
        assert np.all(np.isfinite(C2)), f"seed={seed}: centroids after Lloyd not finite"
        assert labels[0] != labels[5], f"seed={seed}: the two locations must end in different clusters"


def test_full_run_finds_unbalanced_blobs():
    # tight blobs of 80, 10 and 10 points far apart: random init often puts two centres in the big
    # blob; k-means++ puts one in each (a wrong pick has probability about 1e-6) and Lloyd ends at the blob means
    rng = np.random.default_rng(8)
    centres = np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 100.0]])
    sizes = [80, 10, 10]
    X = np.vstack([rng.normal(c, 0.1, (m, 2)) for c, m in zip(centres, sizes)])
    truth = np.repeat([0, 1, 2], sizes)
    want = np.vstack([X[truth == j].mean(axis=0) for j in range(3)])
    want = want[np.lexsort(want.T[::-1])]
    for seed in range(15):
        C, labels = kmeans(X, 3, seed=seed, init="k-means++")
        C = C[np.lexsort(C.T[::-1])]
        np.testing.assert_allclose(C, want, rtol=1e-6, atol=1e-8,
                                   err_msg=f"seed={seed}: k-means++ then Lloyd should end at the three blob means")
        assert (labels[:, None] == labels[None, :]).sum() == sum(m * m for m in sizes), \
            f"seed={seed}: points are not grouped by blob"


def test_same_seed_same_result_and_input_untouched():
    X = np.random.default_rng(5).uniform(-5, 5, size=(200, 2))
    before = X.copy()
    C1, l1 = kmeans(X, 5, seed=9, init="k-means++")
    C2, l2 = kmeans(X, 5, seed=9, init="k-means++")
    np.testing.assert_array_equal(C1, C2, err_msg="same seed gave different centroids")
    np.testing.assert_array_equal(l1, l2, err_msg="same seed gave different labels")
    np.testing.assert_array_equal(X, before, err_msg="kmeans modified its input X")


def test_integer_input_and_unknown_init():
    Xi = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [20, 20], [20, 21], [21, 20], [21, 21]], dtype=np.int64)
    C, _ = kmeans(Xi, 2, seed=1, init="k-means++")
    np.testing.assert_allclose(C[np.lexsort(C.T[::-1])], [[0.5, 0.5], [20.5, 20.5]], rtol=1e-6, atol=1e-8,
                               err_msg="integer input with k-means++: centroid means truncated or wrong")
    try:
        _user_kmeans(Xi, 2, init="kmeans+++")
    except ValueError:
        pass
    else:
        raise AssertionError("init='kmeans+++' must raise ValueError (only 'random' and 'k-means++' are valid)")
