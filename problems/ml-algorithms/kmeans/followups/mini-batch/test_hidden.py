import numpy as np
from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple
import solution


def _user_step(*args, **kwargs):
    """Your minibatch_step, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "minibatch_step", None)
    assert callable(fn), "define minibatch_step(C, counts, batch) in solution.py (part 3)"
    return fn(*args, **kwargs)


def _user_mbk(*args, **kwargs):
    """Your minibatch_kmeans, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "minibatch_kmeans", None)
    assert callable(fn), "define minibatch_kmeans(X, k, batch_size=100, n_steps=50, seed=0) in solution.py (part 3)"
    return fn(*args, **kwargs)


def minibatch_step(C, counts, batch):
    """Your minibatch_step, with its result checked: a tuple (float (k, d) array, integer (k,) array)."""
    k, d = np.shape(C)
    c, n = _as_tuple(_user_step(C, counts, batch), 2, ("centroids", "counts"), "minibatch_step result")
    return _as_array(c, (k, d), "centroids"), _as_array(n, (k,), "counts", kinds="iu")


def minibatch_kmeans(X, k, **kw):
    n, d = np.shape(X)
    c, lab = _as_tuple(_user_mbk(X, k, **kw), 2, ("centroids", "labels"), "minibatch_kmeans result")
    return _as_array(c, (k, d), "centroids"), _as_array(lab, (n,), "labels", kinds="iu")


def _expected_step(C, counts, batch):
    """Sculley's per-point update, one point at a time, with the assignment cached at the start."""
    C = np.array(C, dtype=float)
    v = np.array(counts, dtype=float)
    batch = np.asarray(batch, dtype=float)
    labels = ((batch[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    for x, j in zip(batch, labels):
        v[j] += 1
        C[j] += (x - C[j]) / v[j]
    return C, v


def test_step_matches_per_point_update():
    rng = np.random.default_rng(4)
    for trial in range(5):
        C = rng.normal(size=(4, 3)) * 3
        counts = rng.integers(0, 20, size=4)
        batch = rng.normal(size=(30, 3)) * 3
        want_C, want_n = _expected_step(C, counts, batch)
        got_C, got_n = minibatch_step(C, counts, batch)
        np.testing.assert_array_equal(got_n, want_n, err_msg=f"trial {trial}: counts must grow by the number of batch points assigned to each centre")
        np.testing.assert_allclose(got_C, want_C, rtol=1e-9, atol=1e-12, err_msg=(
            f"trial {trial}: centre j must become (counts[j]*C[j] + sum of its batch points) / (counts[j] + m_j)"))


def test_zero_counts_give_batch_means_and_unhit_centres_stay():
    C = np.array([[0.0, 0.0], [10.0, 10.0], [50.0, 50.0]])
    batch = np.array([[1.0, 0.0], [0.0, 3.0], [9.0, 9.0], [11.0, 12.0], [10.0, 9.0]])
    got_C, got_n = minibatch_step(C, np.zeros(3, dtype=np.int64), batch)
    np.testing.assert_allclose(got_C, [[0.5, 1.5], [10.0, 10.0], [50.0, 50.0]], rtol=1e-12, atol=1e-12,
                               err_msg="with counts 0 a centre becomes the mean of its batch points; a centre with none stays")
    np.testing.assert_array_equal(got_n, [2, 3, 0], err_msg="counts after the step")


def test_assignment_uses_centroids_from_start_of_step():
    # C = [0], [10] with counts 1, 1 and batch 6, 4.6: at the start 4.6 is nearer 0; re-assigning
    # after 6 moved centre 1 to 8 would send 4.6 to centre 1
    got_C, got_n = minibatch_step(np.array([[0.0], [10.0]]), np.array([1, 1]), np.array([[6.0], [4.6]]))
    np.testing.assert_allclose(got_C, [[2.3], [8.0]], rtol=1e-12, atol=1e-12, err_msg=(
        "every batch point is assigned with the centroids as they were at the START of the step"))
    np.testing.assert_array_equal(got_n, [2, 2], err_msg="counts after the step")


def test_tie_goes_to_lower_index_and_int_inputs():
    got_C, got_n = minibatch_step([[0, 0], [2, 0]], [0, 0], [[1, 0], [3, 0]])
    np.testing.assert_allclose(got_C, [[1.0, 0.0], [3.0, 0.0]], rtol=1e-12, atol=1e-12, err_msg=(
        "point (1, 0) is exactly between the centres and goes to the lower index; integer inputs give float centroids"))
    np.testing.assert_array_equal(got_n, [1, 1], err_msg="counts after the step")


def test_step_does_not_modify_inputs():
    C = np.array([[0.0], [10.0]])
    counts = np.array([3, 4])
    batch = np.array([[1.0], [9.0], [12.0]])
    C0, n0, b0 = C.copy(), counts.copy(), batch.copy()
    minibatch_step(C, counts, batch)
    np.testing.assert_array_equal(C, C0, err_msg="minibatch_step modified C")
    np.testing.assert_array_equal(counts, n0, err_msg="minibatch_step modified counts")
    np.testing.assert_array_equal(batch, b0, err_msg="minibatch_step modified batch")


def test_minibatch_kmeans_finds_tight_blobs():
    # each centre ends as the mean of the sampled points of its blob: within 0.1 of the blob mean
    rng = np.random.default_rng(8)
    centres = np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 100.0]])
    sizes = [300, 100, 100]
    X = np.vstack([rng.normal(c, 0.1, (m, 2)) for c, m in zip(centres, sizes)])
    truth = np.repeat([0, 1, 2], sizes)
    want = np.vstack([X[truth == j].mean(axis=0) for j in range(3)])
    want = want[np.lexsort(np.round(want).T[::-1])]   # sorted by rounded rows: noise must not decide the order
    for seed in range(5):
        C, labels = minibatch_kmeans(X, 3, batch_size=50, n_steps=20, seed=seed)
        np.testing.assert_allclose(C[np.lexsort(np.round(C).T[::-1])], want, atol=0.1, rtol=0,
                                   err_msg=f"seed={seed}: sorted centroids should be within 0.1 of the blob means")
        assert (labels[:, None] == labels[None, :]).sum() == sum(m * m for m in sizes), \
            f"seed={seed}: labels must group the points by blob (nearest returned centroid)"


def test_minibatch_kmeans_same_seed_and_labels_nearest():
    X = np.random.default_rng(2).uniform(-5, 5, size=(400, 2))
    before = X.copy()
    C1, l1 = minibatch_kmeans(X, 4, batch_size=32, n_steps=10, seed=3)
    C2, l2 = minibatch_kmeans(X, 4, batch_size=32, n_steps=10, seed=3)
    np.testing.assert_array_equal(C1, C2, err_msg="same seed gave different centroids")
    np.testing.assert_array_equal(l1, l2, err_msg="same seed gave different labels")
    np.testing.assert_array_equal(X, before, err_msg="minibatch_kmeans modified X")
    d2 = ((X[:, None, :] - C1[None, :, :]) ** 2).sum(axis=2)
    gap = d2[np.arange(len(X)), l1] - d2.min(axis=1)
    assert (gap <= 1e-9).all(), "labels must be the nearest returned centroid"
