import numpy as np
from mlprep_harness.timing import assert_relative_speed, load_reference
from solution import roc_auc
from mlprep_harness.checks import as_scalar as _as_scalar

RTOL, ATOL = 1e-7, 1e-9


def _pairwise_auc(y, s):
    """Slow O(P*N) reference straight from the definition."""
    y = np.asarray(y)
    s = np.asarray(s, dtype=float)
    sp = s[y == 1]
    sn = s[y == 0]
    gt = (sp[:, None] > sn[None, :]).sum()
    eq = (sp[:, None] == sn[None, :]).sum()
    return (gt + 0.5 * eq) / (len(sp) * len(sn))


def _tied_data(rng, n, p=0.4, decimals=1):
    y = (rng.random(n) < p).astype(int)
    s = np.round(rng.normal(loc=0.7 * y, scale=1.0), decimals)  # heavy ties
    return y, s


def _check(got, expected, what):
    np.testing.assert_allclose(_as_scalar(got, what), expected, rtol=RTOL, atol=ATOL, err_msg=what)


def test_matches_pairwise_definition_with_heavy_ties():
    rng = np.random.default_rng(123)
    for trial, n in enumerate([7, 50, 400, 1500]):
        y, s = _tied_data(rng, n, p=0.3 + 0.1 * trial)
        if y.min() == y.max():
            y[0] = 1 - y[0]
        _check(roc_auc(y, s), _pairwise_auc(y, s), f"AUC differs from the pairwise definition (n={n}, tied scores)")


def test_all_equal_scores_give_half():
    for y in ([1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 0, 0, 0, 0], [0, 1, 1, 1, 1]):
        _check(roc_auc(np.array(y), np.full(len(y), 0.42)), 0.5,
               f"all-equal scores must give 0.5 whatever the label order (labels {y})")


def test_ties_count_half():
    # one positive tied with one of two negatives, above the other
    _check(roc_auc([0, 1, 0], [0.5, 0.5, 0.1]), 0.75, "a tied (pos, neg) pair must count 0.5")
    # positives placed before negatives inside the tied group must not matter
    _check(roc_auc([1, 1, 0, 0, 0], [2.0, 1.0, 1.0, 1.0, 0.0]), (3 + 1 + 0.5 * 2) / 6,
           "tied group with positives listed first")
    _check(roc_auc([0, 0, 0, 1, 1], [0.0, 1.0, 1.0, 1.0, 2.0]), (3 + 1 + 0.5 * 2) / 6,
           "tied group with positives listed last")


def test_invariant_to_sample_order():
    rng = np.random.default_rng(7)
    y, s = _tied_data(rng, 3000, decimals=1)
    base = roc_auc(y, s)
    for _ in range(3):
        perm = rng.permutation(len(y))
        _check(roc_auc(y[perm], s[perm]), base, "AUC changed when the samples were shuffled (tie handling depends on order?)")


def test_invariant_under_monotone_rescaling():
    rng = np.random.default_rng(11)
    y, s = _tied_data(rng, 2000, decimals=2)
    base = roc_auc(y, s)
    expected = _pairwise_auc(y, s)
    _check(base, expected, "AUC of the original scores")
    for name, t in [("3*s + 7", 3 * s + 7), ("exp(s)", np.exp(s)), ("s**3", s ** 3),
                    ("dense ranks", np.unique(s, return_inverse=True)[1].ravel().astype(float))]:
        _check(roc_auc(y, t), expected, f"AUC must not change under the monotone transform {name}")


def test_negated_scores_give_complement():
    rng = np.random.default_rng(5)
    y, s = _tied_data(rng, 1000, decimals=1)
    a = _as_scalar(roc_auc(y, s), "AUC of the scores (tied)")
    b = _as_scalar(roc_auc(y, -s), "AUC of the negated scores (tied)")
    np.testing.assert_allclose(a + b, 1.0, rtol=0, atol=1e-9, err_msg="AUC(-s) must equal 1 - AUC(s)")


def test_perfect_and_inverted_ranking():
    y = np.array([0, 1, 0, 1, 1, 0, 0])
    s = np.where(y == 1, 5.0, -5.0) + np.arange(7) * 0.01
    _check(roc_auc(y, s), 1.0, "perfect separation must give 1.0")
    _check(roc_auc(1 - y, s), 0.0, "perfectly inverted ranking must give 0.0")


def test_single_class_raises_value_error():
    for y in ([1, 1, 1, 1], [0, 0, 0], [True, True]):
        try:
            roc_auc(y, list(np.linspace(0, 1, len(y))))
        except ValueError:
            continue
        raise AssertionError(f"expected ValueError for single-class y_true of length {len(y)}")
    rule = "rule: an empty input has no positive and no negative, so it raises ValueError"
    try:
        got = roc_auc([], [])
    except ValueError:
        return
    except Exception as e:  # noqa: BLE001 - any other exception breaks the stated rule too
        raise AssertionError(f"{rule}; got {type(e).__name__}: {e}") from None
    raise AssertionError(f"{rule}; got the result {got!r}")


def test_accepts_lists_bools_floats_and_does_not_modify_inputs():
    rng = np.random.default_rng(3)
    y, s = _tied_data(rng, 200)
    expected = _pairwise_auc(y, s)
    _check(roc_auc(y.tolist(), s.tolist()), expected, "lists as input (scores with ties: each tied pair counts 0.5)")
    _check(roc_auc(y.astype(bool), s), expected, "bool labels as input (scores with ties: each tied pair counts 0.5)")
    _check(roc_auc(y.astype(float), s), expected, "float labels 0.0/1.0 as input (scores with ties: each tied pair counts 0.5)")
    y_copy, s_copy = y.copy(), s.copy()
    roc_auc(y, s)
    assert np.array_equal(y, y_copy), "y_true was modified in place"
    assert np.array_equal(s, s_copy), "y_score was modified in place (sorted in place?)"


# Scale tests last: the cheap correctness tests above report first.
def test_scale_n_log_n_on_100k_tied_samples():
    rng = np.random.default_rng(2024)
    n = 100_000
    y = (rng.random(n) < 0.3).astype(np.int64)
    s = np.round(rng.normal(loc=0.5 * y, scale=1.0), 2)  # ~1000 distinct values: many ties
    reference = load_reference(__file__).roc_auc
    got = assert_relative_speed(
        candidate=lambda: roc_auc(y, s), reference=lambda: reference(y, s),
        factor=10, slack_ms=50, key="roc-auc/100k-tied",
        what="on 100,000 samples with many tied scores, must run within 10x the time of an "
             "O(n log n) reference plus 50 ms (comparing all positive/negative pairs is O(P*N))")
    # independent reference: count positives / negatives per distinct score level
    levels, inv = np.unique(s, return_inverse=True)
    inv = inv.ravel()
    pos_per = np.bincount(inv, weights=(y == 1), minlength=len(levels))
    neg_per = np.bincount(inv, weights=(y == 0), minlength=len(levels))
    neg_below = np.cumsum(neg_per) - neg_per
    expected = float((pos_per * (neg_below + 0.5 * neg_per)).sum() / (pos_per.sum() * neg_per.sum()))
    _check(got, expected, "AUC on 1e5 tied samples")
