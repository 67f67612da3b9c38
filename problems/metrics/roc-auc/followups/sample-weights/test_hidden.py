"""Part 2 (sample weights): hidden tests. Part 1's tests keep running beside these."""
import numpy as np

from solution import roc_auc
from mlprep_harness.checks import as_scalar as _as_scalar

RTOL, ATOL = 1e-7, 1e-9


def _weighted_pairwise_auc(y, s, w):
    """Slow O(P*N) reference straight from the definition."""
    y, s, w = np.asarray(y), np.asarray(s, dtype=float), np.asarray(w, dtype=float)
    sp, sn, wp, wn = s[y == 1], s[y == 0], w[y == 1], w[y == 0]
    pair_w = wp[:, None] * wn[None, :]
    wins = (pair_w * (sp[:, None] > sn[None, :])).sum() + 0.5 * (pair_w * (sp[:, None] == sn[None, :])).sum()
    return wins / (wp.sum() * wn.sum())


def _check(got, expected, what):
    np.testing.assert_allclose(_as_scalar(got, what), expected, rtol=RTOL, atol=ATOL, err_msg=what)


def _data(rng, n, decimals=1):
    y = (rng.random(n) < 0.4).astype(int)
    y[0], y[1] = 0, 1
    s = np.round(rng.normal(loc=0.8 * y, scale=1.0), decimals)  # heavy ties
    w = rng.gamma(0.7, 2.0, size=n)  # positive, skewed
    return y, s, w


def test_matches_weighted_pairwise_definition_with_ties():
    rng = np.random.default_rng(41)
    for n in (6, 40, 300, 1200):
        y, s, w = _data(rng, n)
        _check(roc_auc(y, s, sample_weight=w), _weighted_pairwise_auc(y, s, w),
               f"weighted AUC differs from the pairwise definition (n={n}, tied scores)")


def test_tied_pair_counts_half_its_weight():
    # the only (pos, neg) pair that is not a clear win is a tie with weight 2 * 3 = 6 -> counts 3
    _check(roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8], sample_weight=[1, 3, 2, 1]), 9 / 12,
           "a tied (pos, neg) pair must count 0.5 * w_pos * w_neg")
    _check(roc_auc([1, 0, 1, 0], [0.5] * 4, sample_weight=[5, 1, 2, 7]), 0.5, "all scores tied: the AUC is 0.5 whatever the weights")


def test_integer_weights_equal_repeated_samples():
    rng = np.random.default_rng(42)
    y, s, _ = _data(rng, 200)
    w = rng.integers(0, 5, size=200)
    w[0] = w[1] = 1
    _check(roc_auc(y, s, sample_weight=w), _as_scalar(roc_auc(np.repeat(y, w), np.repeat(s, w)), "unweighted AUC"),
           "integer weights must give the AUC of the data with each sample repeated w times")


def test_zero_weight_samples_are_ignored():
    rng = np.random.default_rng(43)
    y, s, w = _data(rng, 150)
    w2 = w.copy()
    drop = rng.random(150) < 0.3
    drop[:2] = False
    w2[drop] = 0.0
    keep = ~drop
    _check(roc_auc(y, s, sample_weight=w2), _weighted_pairwise_auc(y[keep], s[keep], w[keep]),
           "samples with weight 0 must be as if absent")


def test_none_and_constant_weights_equal_part_1():
    rng = np.random.default_rng(44)
    y, s, w = _data(rng, 120)
    plain = _as_scalar(roc_auc(y, s), "roc_auc without weights")
    _check(roc_auc(y, s, sample_weight=None), plain, "sample_weight=None must give the unweighted AUC")
    _check(roc_auc(y, s, sample_weight=np.full(120, 3.5)), plain, "equal weights must give the unweighted AUC")
    a = _as_scalar(roc_auc(y, s, sample_weight=w), "weighted AUC")
    _check(roc_auc(y, s, sample_weight=w * 1e3), a, "scaling every weight by 1000 must not change the AUC")


def test_weights_matter_beyond_counts():
    # a heavy negative scored above every positive pulls the AUC down; unweighted it is 2/3
    y, s, w = [1, 1, 0, 0, 0], [0.6, 0.7, 0.9, 0.1, 0.2], [1, 1, 10, 1, 1]
    _check(roc_auc(y, s, sample_weight=w), _weighted_pairwise_auc(y, s, w), "the weights of negatives must count")
    y, s, w = [1, 1, 0, 0], [0.9, 0.1, 0.5, 0.5], [9, 1, 1, 1]
    _check(roc_auc(y, s, sample_weight=w), _weighted_pairwise_auc(y, s, w), "the weights of positives must count")


def test_properties_hold_with_weights():
    rng = np.random.default_rng(45)
    y, s, w = _data(rng, 250)
    a = _as_scalar(roc_auc(y, s, sample_weight=w), "weighted AUC")
    perm = rng.permutation(250)
    _check(roc_auc(y[perm], s[perm], sample_weight=w[perm]), a, "permuting the samples (with their weights) must not change the AUC")
    _check(roc_auc(y, np.exp(s) * 3 + 1, sample_weight=w), a, "a strictly increasing transform of the scores must not change the AUC")
    _check(roc_auc(y, -s, sample_weight=w), 1 - a, "negated scores must give 1 - AUC")


def test_invalid_weights_raise_value_error():
    y, s = [0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4]
    cases = [
        ([1, 1, 1], "sample_weight of a different length"),
        ([1, -0.5, 1, 1], "a negative weight"),
        ([1, np.nan, 1, 1], "a NaN weight"),
        ([1, 0, 1, 0], "zero total weight on the positives"),
        ([0, 1, 0, 1], "zero total weight on the negatives"),
    ]
    for w, what in cases:
        try:
            roc_auc(y, s, sample_weight=w)
        except ValueError:
            continue
        raise AssertionError(f"expected ValueError for {what} (sample_weight={w})")


def test_lists_accepted_and_inputs_untouched():
    y = np.array([0, 1, 1, 0, 1])
    s = np.array([0.2, 0.9, 0.2, 0.5, 0.7])
    w = np.array([2.0, 1.0, 0.5, 1.0, 3.0])
    copies = (y.copy(), s.copy(), w.copy())
    a = _as_scalar(roc_auc(y, s, sample_weight=w), "weighted AUC")
    for before, after, name in zip(copies, (y, s, w), ("y_true", "y_score", "sample_weight")):
        np.testing.assert_array_equal(after, before, err_msg=f"roc_auc modified {name}")
    _check(roc_auc(y.tolist(), s.tolist(), sample_weight=w.tolist()), a, "lists must give the same AUC as arrays")
    _check(a, _weighted_pairwise_auc(y, s, w), "weighted AUC on a small example")


def test_large_input_sorted_once():
    # 200,000 samples: a pair loop in numpy blocks takes minutes; sorting takes milliseconds.
    rng = np.random.default_rng(46)
    y, s, w = _data(rng, 200_000, decimals=2)
    order = np.argsort(s, kind="stable")
    ys, ss, ws = y[order], s[order], w[order]
    # reference via tied groups on the sorted arrays, written independently of the statement's hint
    bounds = np.flatnonzero(np.diff(ss)) + 1
    starts = np.concatenate([[0], bounds])
    wp = np.add.reduceat(np.where(ys == 1, ws, 0.0), starts)
    wn = np.add.reduceat(np.where(ys == 0, ws, 0.0), starts)
    expected = np.sum(wp * (np.cumsum(wn) - wn + 0.5 * wn)) / (wp.sum() * wn.sum())
    _check(roc_auc(y, s, sample_weight=w), expected, "weighted AUC on 200,000 samples")
