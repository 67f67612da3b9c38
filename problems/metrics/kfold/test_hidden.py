import numpy as np
from solution import kfold_indices as _user_kfold_indices
from mlprep_harness.checks import describe as _describe, as_array as _as_array, as_tuple as _as_tuple


def kfold_indices(n, k, *args, **kwargs):
    """Your kfold_indices (arguments passed on as given, so the defaults are tested), with its
    result checked, for valid n and k, to be a list of k (train_idx, test_idx) tuples of 1-D
    integer arrays of the stated sizes before a test uses it. (Invalid k is returned as is, for
    the test that expects a ValueError to say so.)"""
    got = _user_kfold_indices(n, k, *args, **kwargs)
    if not (isinstance(n, int) and isinstance(k, int) and 2 <= k <= n):
        return got
    assert isinstance(got, list) and len(got) == k, \
        "kfold_indices(%d, %d): expected a list of %d (train_idx, test_idx) tuples, got %s" % (n, k, k, _describe(got))
    for i, pair in enumerate(got):
        size = n // k + 1 if i < n % k else n // k
        tr, te = _as_tuple(pair, 2, ("train_idx", "test_idx"), "fold %d" % i)
        _as_array(tr, (n - size,), "fold %d train_idx" % i, "iu")
        _as_array(te, (size,), "fold %d test_idx" % i, "iu")
    return got


def _folds(n, k, shuffle=False, seed=0):
    out = kfold_indices(n, k, shuffle=shuffle, seed=seed)
    assert isinstance(out, list), f"must return a list, got {type(out).__name__}"
    assert len(out) == k, f"expected {k} folds, got {len(out)}"
    res = []
    for i, pair in enumerate(out):
        assert len(pair) == 2, f"fold {i} must be a (train_idx, test_idx) pair"
        tr, te = np.asarray(pair[0]), np.asarray(pair[1])
        assert tr.ndim == 1 and te.ndim == 1, f"fold {i}: indices must be 1-D, got {tr.shape} / {te.shape}"
        res.append((tr, te))
    return res


def _expected_sizes(n, k):
    return [n // k + 1 if i < n % k else n // k for i in range(k)]


def test_first_remainder_folds_get_one_extra():
    for n, k in [(10, 3), (11, 4), (17, 5), (7, 7), (100, 6), (12, 4)]:
        for shuffle in (False, True):
            sizes = [len(te) for _, te in _folds(n, k, shuffle=shuffle, seed=1)]
            assert sizes == _expected_sizes(n, k), \
                f"n={n}, k={k}, shuffle={shuffle}: fold sizes {sizes}, expected {_expected_sizes(n, k)}"


def test_unshuffled_folds_are_contiguous_blocks_in_order():
    for n, k in [(23, 5), (9, 2), (50, 7)]:
        start = 0
        for i, (tr, te) in enumerate(_folds(n, k)):
            size = _expected_sizes(n, k)[i]
            assert np.array_equal(te, np.arange(start, start + size)), \
                f"n={n}, k={k}: fold {i} test must be range({start}, {start + size}), got {te[:3].tolist()}...{te[-2:].tolist()}"
            start += size


def test_test_folds_partition_all_indices():
    for shuffle in (False, True):
        n, k = 103, 6
        tests = [te for _, te in _folds(n, k, shuffle=shuffle, seed=3)]
        allte = np.concatenate(tests)
        assert len(allte) == n, f"shuffle={shuffle}: test folds hold {len(allte)} indices in total, expected {n}"
        assert np.array_equal(np.sort(allte), np.arange(n)), \
            f"shuffle={shuffle}: test folds must cover 0..n-1 exactly once (duplicates or missing indices)"


def test_train_is_exact_complement_of_test():
    for shuffle in (False, True):
        n = 37
        for i, (tr, te) in enumerate(_folds(n, 4, shuffle=shuffle, seed=5)):
            assert len(np.intersect1d(tr, te)) == 0, f"shuffle={shuffle}, fold {i}: train and test overlap"
            assert len(tr) + len(te) == n, f"shuffle={shuffle}, fold {i}: |train| + |test| = {len(tr) + len(te)}, expected {n}"
            assert np.array_equal(np.sort(np.concatenate([tr, te])), np.arange(n)), \
                f"shuffle={shuffle}, fold {i}: train must be every index not in test"


def test_indices_sorted_integer_arrays():
    for shuffle in (False, True):
        for i, (tr, te) in enumerate(_folds(40, 3, shuffle=shuffle, seed=9)):
            for name, a in (("train_idx", tr), ("test_idx", te)):
                assert np.issubdtype(a.dtype, np.integer), f"fold {i} {name}: dtype must be integer, got {a.dtype}"
                assert np.all(np.diff(a) > 0), f"shuffle={shuffle}, fold {i}: {name} must be sorted ascending"


def test_shuffle_is_deterministic_for_a_seed():
    a = _folds(60, 4, shuffle=True, seed=42)
    b = _folds(60, 4, shuffle=True, seed=42)
    for i in range(4):
        assert np.array_equal(a[i][1], b[i][1]) and np.array_equal(a[i][0], b[i][0]), \
            f"fold {i} differs between two calls with the same seed"


def test_shuffle_depends_on_seed_and_is_not_contiguous():
    n, k = 60, 4
    contiguous = [te.tolist() for _, te in _folds(n, k)]
    firsts = set()
    for s in range(5):
        folds = [te.tolist() for _, te in _folds(n, k, shuffle=True, seed=s)]
        assert folds != contiguous, f"shuffle=True with seed={s} gave the unshuffled folds"
        firsts.add(tuple(folds[0]))
    assert len(firsts) >= 4, f"5 seeds gave only {len(firsts)} distinct first folds: is the seed used?"


def test_leave_one_out_when_k_equals_n():
    n = 6
    for i, (tr, te) in enumerate(_folds(n, n)):
        assert te.tolist() == [i], f"k=n: fold {i} test must be [{i}], got {te.tolist()}"
        assert tr.tolist() == [j for j in range(n) if j != i], f"k=n: fold {i} train is wrong"


def test_invalid_k_raises_value_error():
    for n, k in [(10, 1), (10, 0), (5, 6)]:
        try:
            kfold_indices(n, k)
        except ValueError:
            continue
        raise AssertionError(f"kfold_indices({n}, {k}) must raise ValueError")
