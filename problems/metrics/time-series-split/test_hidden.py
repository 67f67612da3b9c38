import numpy as np
from solution import time_series_split as _user_time_series_split
from mlprep_harness.checks import describe as _describe, as_array as _as_array, as_tuple as _as_tuple


def time_series_split(n, n_splits, *args, **kwargs):
    """Your time_series_split (arguments passed on as given, so gap's default is tested), with its
    result checked, for valid arguments, to be a list of n_splits (train_idx, test_idx) tuples of
    1-D integer arrays of the stated sizes before a test uses it. (Invalid arguments are returned
    as is, for the tests that expect a ValueError to say so.)"""
    got = _user_time_series_split(n, n_splits, *args, **kwargs)
    gap = args[0] if args else kwargs.get("gap", 0)
    ts = n // (n_splits + 1) if n_splits >= 1 else 0
    if not (n_splits >= 1 and gap >= 0 and n_splits + 1 <= n and n - n_splits * ts - gap > 0):
        return got
    assert isinstance(got, list) and len(got) == n_splits, \
        "time_series_split(%d, %d, gap=%d): expected a list of %d (train_idx, test_idx) tuples, got %s" % (
            n, n_splits, gap, n_splits, _describe(got))
    for i, pair in enumerate(got):
        start = n - (n_splits - i) * ts
        tr, te = _as_tuple(pair, 2, ("train_idx", "test_idx"), "split %d" % i)
        _as_array(tr, (start - gap,), "split %d train_idx" % i, "iu")
        _as_array(te, (ts,), "split %d test_idx" % i, "iu")
    return got


def _ref(n, n_splits, gap):
    ts = n // (n_splits + 1)
    out = []
    for i in range(n_splits):
        start = n - (n_splits - i) * ts
        out.append((list(range(0, start - gap)), list(range(start, start + ts))))
    return out


def _splits(n, n_splits, gap=0):
    out = time_series_split(n, n_splits, gap=gap)
    assert isinstance(out, list), f"must return a list, got {type(out).__name__}"
    assert len(out) == n_splits, f"n={n}, n_splits={n_splits}: expected {n_splits} splits, got {len(out)}"
    res = []
    for i, pair in enumerate(out):
        assert len(pair) == 2, f"split {i} must be a (train_idx, test_idx) pair"
        tr, te = np.asarray(pair[0]), np.asarray(pair[1])
        assert tr.ndim == 1 and te.ndim == 1, f"split {i}: indices must be 1-D, got {tr.shape} / {te.shape}"
        res.append((tr, te))
    return res


CONFIGS = [(10, 3, 0), (11, 3, 0), (13, 4, 1), (100, 5, 0), (101, 5, 3), (7, 6, 0), (50, 1, 0), (50, 1, 10), (97, 4, 7)]


def test_test_size_is_n_div_splits_plus_one():
    for n, s, g in CONFIGS:
        sizes = [len(te) for _, te in _splits(n, s, g)]
        assert sizes == [n // (s + 1)] * s, f"n={n}, n_splits={s}: test sizes {sizes}, expected all {n // (s + 1)}"


def test_test_blocks_are_consecutive_and_end_at_last_sample():
    for n, s, g in CONFIGS:
        ts = n // (s + 1)
        allte = np.concatenate([te for _, te in _splits(n, s, g)])
        assert np.array_equal(allte, np.arange(n - s * ts, n)), \
            f"n={n}, n_splits={s}: the test blocks must be consecutive and end at index n-1 (remainder goes to the first train set)"


def test_expanding_window_train_starts_at_zero_and_grows():
    for n, s, g in CONFIGS:
        ts = n // (s + 1)
        prev = None
        for i, (tr, _) in enumerate(_splits(n, s, g)):
            assert len(tr) > 0 and np.array_equal(tr, np.arange(len(tr))), \
                f"n={n}, n_splits={s}, gap={g}: train of split {i} must be the contiguous range 0..{len(tr) - 1}"
            if prev is not None:
                assert len(tr) == prev + ts, f"n={n}, n_splits={s}: train must grow by test_size={ts} per split"
            prev = len(tr)


def test_gap_drops_exactly_gap_samples_before_test():
    for n, s, g in [(20, 3, 1), (20, 3, 2), (100, 4, 5), (40, 2, 0)]:
        for i, (tr, te) in enumerate(_splits(n, s, g)):
            assert tr[-1] == te[0] - g - 1, \
                f"n={n}, n_splits={s}, gap={g}: split {i} train ends at {tr[-1]}, test starts at {te[0]}; expected exactly {g} samples between"


def test_no_future_leakage():
    rng = np.random.default_rng(123)
    for _ in range(40):
        s = int(rng.integers(1, 8))
        n = int(rng.integers(s + 1, 400))
        ts = n // (s + 1)
        max_gap = n - s * ts - 1
        g = int(rng.integers(0, max_gap + 1))
        for i, (tr, te) in enumerate(_splits(n, s, g)):
            assert tr.max() + g < te.min(), \
                f"n={n}, n_splits={s}, gap={g}, split {i}: train index {tr.max()} is within gap of (or after) test start {te.min()}"
            assert len(np.intersect1d(tr, te)) == 0, f"split {i}: train and test overlap"


def test_matches_sklearn_convention_exactly():
    rng = np.random.default_rng(7)
    configs = CONFIGS + [(int(rng.integers(30, 300)), int(rng.integers(2, 6)), int(rng.integers(0, 4))) for _ in range(10)]
    for n, s, g in configs:
        got = [(tr.tolist(), te.tolist()) for tr, te in _splits(n, s, g)]
        exp = _ref(n, s, g)
        for i, (a, b) in enumerate(zip(got, exp)):
            assert a[1] == b[1], f"n={n}, n_splits={s}, gap={g}: split {i} test indices differ (expected {b[1][0]}..{b[1][-1]})"
            assert a[0] == b[0], f"n={n}, n_splits={s}, gap={g}: split {i} train indices differ (expected 0..{b[0][-1]})"


def test_integer_sorted_arrays():
    for i, (tr, te) in enumerate(_splits(30, 4, 1)):
        for name, a in (("train_idx", tr), ("test_idx", te)):
            assert np.issubdtype(a.dtype, np.integer), f"split {i} {name}: dtype must be integer, got {a.dtype}"
            assert np.all(np.diff(a) > 0), f"split {i} {name} must be sorted ascending"


def test_too_many_splits_or_too_large_gap_raise():
    for n, s, g in [(5, 5, 0), (3, 10, 0), (10, 3, 4), (10, 3, 5), (20, 1, 10)]:
        try:
            time_series_split(n, s, gap=g)
        except ValueError:
            continue
        raise AssertionError(f"time_series_split({n}, {s}, gap={g}) must raise ValueError (empty test or first train set)")


def test_invalid_arguments_raise():
    for n, s, g in [(10, 0, 0), (10, 2, -1)]:
        try:
            time_series_split(n, s, gap=g)
        except ValueError:
            continue
        raise AssertionError(f"time_series_split({n}, {s}, gap={g}) must raise ValueError")
