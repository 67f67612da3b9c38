import math
import numpy as np
from solution import stratified_split as _user_stratified_split


def stratified_split(y, *args, **kwargs):
    """Your stratified_split, with its result checked to be a tuple (train_idx, test_idx) of 1-D
    integer arrays before a test uses it."""
    tr, te = _as_tuple(_user_stratified_split(y, *args, **kwargs), 2, ("train_idx", "test_idx"),
                       "stratified_split result")
    return _as_array(tr, (None,), "train_idx", kinds="iu"), _as_array(te, (None,), "test_idx", kinds="iu")


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


def _split(y, test_size, seed=0):
    out = stratified_split(y, test_size, seed=seed)
    assert isinstance(out, tuple) and len(out) == 2, "must return a tuple (train_idx, test_idx)"
    tr, te = np.asarray(out[0]), np.asarray(out[1])
    assert tr.ndim == 1 and te.ndim == 1, f"indices must be 1-D, got shapes {tr.shape} and {te.shape}"
    return tr, te


def _expected_counts(y, test_size):
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    return {lab: math.floor(test_size * int(c) + 0.5) for lab, c in zip(labels.tolist(), counts.tolist())}


def _test_counts(y, te):
    labels, counts = np.unique(np.asarray(y)[te], return_counts=True)
    return dict(zip(labels.tolist(), counts.tolist()))


def _interleaved_labels(rng, sizes):
    y = np.repeat(np.arange(len(sizes)), sizes)
    return y[rng.permutation(len(y))]


def test_train_and_test_partition_all_indices():
    rng = np.random.default_rng(123)
    y = _interleaved_labels(rng, [40, 7, 113, 1, 2, 60])
    tr, te = _split(y, 0.3, seed=4)
    both = np.concatenate([tr, te])
    assert len(np.intersect1d(tr, te)) == 0, "an index appears in both train and test"
    assert len(both) == len(y), f"train + test hold {len(both)} indices, expected {len(y)} (duplicates or missing)"
    assert np.array_equal(np.sort(both), np.arange(len(y))), "train and test together must be exactly 0..n-1"


def test_per_class_counts_round_half_up():
    rng = np.random.default_rng(5)
    sizes = [5, 10, 6, 3, 1, 2]
    y = _interleaved_labels(rng, sizes)
    # test_size 0.5: 2.5->3, 5, 3, 1.5->2, 0.5->1, 1 ; test_size 0.25: 1.25->1, 2.5->3, 1.5->2, 0.75->1, 0.25->0, 0.5->1
    for ts, expected in [(0.5, [3, 5, 3, 2, 1, 1]), (0.25, [1, 3, 2, 1, 0, 1])]:
        tr, te = _split(y, ts, seed=0)
        got = np.bincount(y[te], minlength=len(sizes)).tolist()
        assert got == expected, f"test_size={ts}: per-class test counts {got}, expected {expected} (round half up per class)"
        got_tr = np.bincount(y[tr], minlength=len(sizes)).tolist()
        assert got_tr == [s - e for s, e in zip(sizes, expected)], f"test_size={ts}: per-class train counts {got_tr} are wrong"


def test_per_class_counts_many_classes():
    rng = np.random.default_rng(77)
    sizes = rng.integers(1, 300, size=40)
    y = _interleaved_labels(rng, sizes)
    for ts in (0.1, 0.2, 0.3, 0.7):
        tr, te = _split(y, ts, seed=3)
        exp = _expected_counts(y, ts)
        got = _test_counts(y, te)
        wrong = [c for c in exp if got.get(c, 0) != exp[c]]
        assert not wrong, f"test_size={ts}: wrong test count for {len(wrong)} classes, e.g. class {wrong[0]}: got {got.get(wrong[0], 0)}, expected {exp[wrong[0]]}"
        assert len(tr) + len(te) == len(y)


def test_indices_sorted_integer_and_refer_to_original_positions():
    rng = np.random.default_rng(8)
    y = _interleaved_labels(rng, [30, 50, 20])
    tr, te = _split(y, 0.4, seed=2)
    for name, a in (("train_idx", tr), ("test_idx", te)):
        assert np.issubdtype(a.dtype, np.integer), f"{name} must have an integer dtype, got {a.dtype}"
        assert np.all(np.diff(a) > 0), f"{name} must be sorted ascending without duplicates"
    # class counts computed from the original y prove the indices are positions into y
    assert np.bincount(y[te], minlength=3).tolist() == [12, 20, 8], "test indices do not point at the right samples of y"


def test_same_seed_gives_same_split():
    rng = np.random.default_rng(21)
    y = _interleaved_labels(rng, [100, 35, 65])
    a_tr, a_te = _split(y, 0.3, seed=42)
    b_tr, b_te = _split(y, 0.3, seed=42)
    assert np.array_equal(a_tr, b_tr) and np.array_equal(a_te, b_te), "same seed must give the same split"


def test_different_seeds_give_different_splits():
    rng = np.random.default_rng(22)
    y = _interleaved_labels(rng, [100, 35, 65])
    splits = {tuple(_split(y, 0.3, seed=s)[1].tolist()) for s in range(5)}
    assert len(splits) >= 4, f"5 different seeds gave only {len(splits)} distinct test sets: is the seed used?"


def test_selection_is_uniform_within_class():
    # over many seeds, every sample of a class should land in test about n_test_c / n_c of the time
    y = np.array([0] * 12 + [1] * 8)
    freq = np.zeros(len(y))
    n_seeds = 400
    for s in range(n_seeds):
        _, te = _split(y, 0.25, seed=s)
        freq[te] += 1
    freq /= n_seeds
    expected = np.where(y == 0, 3 / 12, 2 / 8)
    worst = int(np.argmax(np.abs(freq - expected)))
    assert np.all(np.abs(freq - expected) < 0.12), \
        f"sample {worst} is in test {freq[worst]:.2f} of the time, expected about {expected[worst]:.2f}: selection is not uniform"


def test_string_labels_and_list_input_not_modified():
    y = ["cat", "dog", "cat", "bird", "dog", "cat", "cat", "dog", "bird", "cat"] * 3
    y_copy = list(y)
    tr, te = _split(y, 0.2, seed=0)
    # cat: 15 -> 3, dog: 9 -> floor(2.3) = 2, bird: 6 -> floor(1.7) = 1
    got = _test_counts(y, te)
    assert got == {"bird": 1, "cat": 3, "dog": 2}, f"per-class test counts {got} are wrong for string labels"
    assert len(tr) == 24
    assert y == y_copy, "the input list was modified"
    arr = np.array(y)
    arr_copy = arr.copy()
    _split(arr, 0.2, seed=0)
    assert np.array_equal(arr, arr_copy), "the input array was modified"


def test_invalid_test_size_raises():
    y = np.array([0, 1, 0, 1, 0, 1])
    for ts in (0, 0.0, 1, 1.0, -0.2, 1.5):
        try:
            stratified_split(y, ts, seed=0)
        except ValueError:
            continue
        raise AssertionError(f"test_size={ts} must raise ValueError")
