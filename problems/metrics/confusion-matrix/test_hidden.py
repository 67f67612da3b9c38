import numpy as np
from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import confusion_matrix as _user_confusion_matrix


def confusion_matrix(y_true, y_pred, *args, **kwargs):
    """Your confusion_matrix, with its result checked to be a tuple (matrix, labels): an integer
    (L, L) array and a 1-D array of L labels."""
    m, lab = _as_tuple(_user_confusion_matrix(y_true, y_pred, *args, **kwargs), 2, ("matrix", "labels"),
                       "confusion_matrix result")
    assert isinstance(lab, np.ndarray) and lab.ndim == 1, "labels: expected a 1-D array, got %s" % _describe(lab)
    return _as_array(m, (len(lab), len(lab)), "matrix", kinds="iu"), lab


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


def _ref(yt, yp, labels):
    pos = {lab: i for i, lab in enumerate(labels)}
    C = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for a, b in zip(yt, yp):
        if a in pos and b in pos:
            C[pos[a], pos[b]] += 1
    return C


def _call(yt, yp, labels=None):
    out = confusion_matrix(yt, yp, labels=labels) if labels is not None else confusion_matrix(yt, yp)
    assert isinstance(out, tuple) and len(out) == 2, "must return a tuple (C, labels)"
    C, lab = np.asarray(out[0]), np.asarray(out[1])
    assert C.ndim == 2 and C.shape[0] == C.shape[1] == lab.shape[0], \
        f"C must be (K, K) with K = len(labels); got C {C.shape}, labels {lab.shape}"
    assert np.issubdtype(C.dtype, np.integer), f"C must have an integer dtype, got {C.dtype}"
    return C, lab


def _check_C(C, expected, what):
    assert C.shape == expected.shape, f"{what}: C has shape {C.shape}, expected {expected.shape}"
    if not np.array_equal(C, expected):
        i, j = np.argwhere(C != expected)[0]
        raise AssertionError(f"{what}: C[{i}, {j}] = {C[i, j]}, expected {expected[i, j]} "
                             f"({int((C != expected).sum())} cells differ)")


def test_matches_loop_reference_on_random_labels():
    rng = np.random.default_rng(123)
    classes = np.array([-3, 4, 10, 11, 250])
    yt = classes[rng.integers(0, 5, 800)]
    yp = np.where(rng.random(800) < 0.6, yt, classes[rng.integers(0, 5, 800)])
    C, lab = _call(yt, yp)
    assert lab.tolist() == classes.tolist(), f"labels_out {lab.tolist()} should be {classes.tolist()}"
    _check_C(C, _ref(yt.tolist(), yp.tolist(), classes.tolist()), "random labels")


def test_rows_are_true_columns_are_predicted():
    C, lab = _call(np.array([0, 0, 0, 1]), np.array([1, 1, 1, 1]))
    _check_C(C, np.array([[0, 3], [0, 1]]), "rows must be true labels and columns predicted labels (transposed?)")


def test_default_labels_are_sorted_union_of_both_inputs():
    C, lab = _call(np.array([30, 1, 30]), np.array([7, 1, -2]))
    assert lab.tolist() == [-2, 1, 7, 30], f"labels_out {lab.tolist()} should be the sorted union [-2, 1, 7, 30]"
    _check_C(C, _ref([30, 1, 30], [7, 1, -2], [-2, 1, 7, 30]), "labels only seen in y_pred need their own column")


def test_given_labels_keep_their_order():
    rng = np.random.default_rng(5)
    yt = rng.integers(0, 4, 300)
    yp = rng.integers(0, 4, 300)
    order = [3, 1, 0, 2]
    C, lab = _call(yt, yp, labels=order)
    assert lab.tolist() == order, f"labels_out {lab.tolist()} must be the given labels in the given order"
    _check_C(C, _ref(yt.tolist(), yp.tolist(), order), "given label order [3, 1, 0, 2]")


def test_given_labels_may_include_unseen_classes():
    C, lab = _call([1, 2, 2], [1, 2, 1], labels=[0, 1, 2, 9])
    assert lab.tolist() == [0, 1, 2, 9]
    _check_C(C, np.array([[0, 0, 0, 0], [0, 1, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]]), "unseen labels 0 and 9")


def test_samples_outside_given_labels_are_ignored():
    yt = [5, 6, 7, 5, 8, 6]
    yp = [5, 7, 6, 8, 5, 6]
    C, lab = _call(yt, yp, labels=[6, 5])
    # kept pairs (both labels in {5, 6}): (5,5), (6,6)
    _check_C(C, np.array([[1, 0], [0, 1]]), "samples whose true or predicted label is not in labels must be ignored")


def test_string_labels():
    rng = np.random.default_rng(9)
    names = np.array(["zebra", "ant", "cat", "dog"])
    yt = names[rng.integers(0, 4, 200)]
    yp = names[rng.integers(0, 3, 200)]
    C, lab = _call(yt.tolist(), yp.tolist())
    exp_labels = sorted(set(yt.tolist()) | set(yp.tolist()))
    assert lab.tolist() == exp_labels, f"labels_out {lab.tolist()} should be {exp_labels}"
    _check_C(C, _ref(yt.tolist(), yp.tolist(), exp_labels), "string labels")


def test_empty_input():
    C, lab = _call(np.array([], dtype=np.int64), np.array([], dtype=np.int64), labels=[0, 1, 2])
    _check_C(C, np.zeros((3, 3), dtype=np.int64), "empty input with labels given")
    C2, lab2 = _call(np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    assert C2.shape == (0, 0), f"empty input without labels must give a (0, 0) matrix, got {C2.shape}"


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_50k_samples_300_classes_and_inputs_unchanged():
    rng = np.random.default_rng(2024)
    n, k = 50_000, 300
    classes = np.sort(rng.choice(np.arange(-50_000, 50_000), size=k, replace=False))  # not 0..K-1
    ti = rng.integers(0, k, n)
    pi = np.where(rng.random(n) < 0.5, ti, rng.integers(0, k, n))
    yt, yp = classes[ti], classes[pi]
    yt_copy, yp_copy = yt.copy(), yp.copy()
    reference = load_reference(__file__).confusion_matrix
    out = assert_relative_speed(
        candidate=lambda: confusion_matrix(yt, yp), reference=lambda: reference(yt, yp),
        factor=10, slack_ms=50, key="confusion-matrix/50k-samples-300-classes",
        what="on 50,000 samples of 300 classes, must run within 10x the time of a vectorised "
             "reference plus 50 ms (map labels to indices once; no loop over label pairs)")
    assert isinstance(out, tuple) and len(out) == 2, "must return a tuple (C, labels)"
    C, lab = np.asarray(out[0]), np.asarray(out[1])
    assert np.array_equal(lab, classes), "labels_out must be the sorted distinct labels"
    expected = np.bincount(ti * k + pi, minlength=k * k).reshape(k, k)
    _check_C(C, expected, "50k samples, 300 classes")
    assert np.array_equal(yt, yt_copy) and np.array_equal(yp, yp_copy), "the inputs were modified"
