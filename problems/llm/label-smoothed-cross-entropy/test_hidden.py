import math

import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar
from mlprep_harness.frameworks import user_function
from solution import label_smoothed_cross_entropy as _user_lsce

RTOL, ATOL = 1e-7, 1e-10
_user = user_function(_user_lsce)


def lsce(logits, targets, *args, **kwargs):
    """Your function under np.errstate (overflow, division by zero and invalid operations raise;
    underflow is allowed), its result checked to be a float."""
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        got = _user(logits, targets, *args, **kwargs)
    return _as_scalar(got, "label_smoothed_cross_entropy result")


def _reference(logits, targets, epsilon=0.0, ignore_index=-100):
    """Slow reference with Python floats: mean over kept rows of -sum_j q_ij log p_ij."""
    total, kept = 0.0, 0
    for row, t in zip(np.asarray(logits, dtype=float).tolist(), np.asarray(targets).tolist()):
        if t == ignore_index:
            continue
        m = max(row)
        lse = m + math.log(sum(math.exp(x - m) for x in row))
        logp = [x - lse for x in row]
        v = len(row)
        q = [epsilon / v + (1.0 - epsilon) * (j == t) for j in range(v)]
        total += -sum(qj * lj for qj, lj in zip(q, logp))
        kept += 1
    return total / kept if kept else 0.0


def _data(seed, n=40, v=7, scale=3.0, ignored=0.25, ignore_index=-100):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, scale, size=(n, v))
    targets = rng.integers(0, v, size=n).astype(np.int64)
    targets[rng.random(n) < ignored] = ignore_index
    targets[0] = 1                                        # at least one kept position
    return logits, targets


def test_plain_cross_entropy_without_smoothing():
    logits, targets = _data(0, ignored=0.0)
    np.testing.assert_allclose(lsce(logits, targets, epsilon=0.0), _reference(logits, targets), rtol=RTOL, atol=ATOL,
                               err_msg="epsilon = 0, nothing ignored: plain mean cross-entropy")


def test_smoothing_matches_reference_with_ignored_positions():
    for seed, eps, v in ((1, 0.1, 7), (2, 0.25, 3), (3, 0.05, 50)):
        logits, targets = _data(seed, v=v)
        np.testing.assert_allclose(lsce(logits, targets, epsilon=eps), _reference(logits, targets, eps),
                                   rtol=RTOL, atol=ATOL,
                                   err_msg=f"epsilon={eps}, V={v}, some targets -100: wrong loss "
                                           "(target distribution (1 - eps) onehot + eps / V, mean over kept positions)")


def test_defaults_are_no_smoothing_and_ignore_minus_100():
    logits, targets = _data(4)
    np.testing.assert_allclose(lsce(logits, targets), _reference(logits, targets, 0.0, -100), rtol=RTOL, atol=ATOL,
                               err_msg="defaults: epsilon = 0.0 and ignore_index = -100")


def test_uniform_part_covers_all_v_classes():
    # epsilon = 1: the target is uniform over all V classes, so the loss does not depend on the targets
    logits, targets = _data(5, v=4, ignored=0.0)
    expected = _reference(logits, targets, 1.0)
    for shift in (0, 1, 3):
        t = (targets + shift) % 4
        np.testing.assert_allclose(lsce(logits, t, epsilon=1.0), expected, rtol=RTOL, atol=ATOL,
                                   err_msg="epsilon = 1 spreads the whole mass as eps / V over all V classes "
                                           "(target included), so the loss must not depend on the targets")
    # V = 2, one row: q = [1 - eps/2, eps/2]
    z = np.array([[3.0, 0.0]])
    lp0, lp1 = -math.log1p(math.exp(-3.0)), -3.0 - math.log1p(math.exp(-3.0))
    np.testing.assert_allclose(lsce(z, np.array([0]), epsilon=0.2), -(0.9 * lp0 + 0.1 * lp1), rtol=RTOL, atol=ATOL,
                               err_msg="V = 2, epsilon = 0.2: the target class gets 1 - eps + eps / V = 0.9, the other 0.1")


def test_ignored_positions_change_nothing():
    logits, targets = _data(6, n=20, v=5, ignored=0.0)
    base = lsce(logits, targets, epsilon=0.2)
    rng = np.random.default_rng(60)
    junk = rng.choice([-1e4, 1e4, 0.0, 37.0], size=(9, 5))
    both = np.concatenate([logits, junk])
    t = np.concatenate([targets, np.full(9, -100, dtype=np.int64)])
    order = rng.permutation(29)
    np.testing.assert_allclose(lsce(both[order], t[order], epsilon=0.2), base, rtol=RTOL, atol=ATOL,
                               err_msg="adding ignored positions (any logits) must not change the loss: "
                                       "they take no part in the target term, the smoothing term or the mean")


def test_ignore_index_can_be_a_real_class():
    logits, targets = _data(7, v=6, ignored=0.0)
    targets[1::3] = 0
    got = lsce(logits, targets, epsilon=0.1, ignore_index=0)
    np.testing.assert_allclose(got, _reference(logits, targets, 0.1, 0), rtol=RTOL, atol=ATOL,
                               err_msg="ignore_index=0: every position with target 0 is ignored")


def test_all_ignored_and_empty_give_zero():
    logits, _ = _data(8, n=5, v=4)
    got = lsce(logits, np.full(5, -100, dtype=np.int64), epsilon=0.1)
    assert got == 0.0, f"every position ignored: expected 0.0, got {got}"
    got = lsce(np.zeros((0, 4)), np.zeros(0, dtype=np.int64), epsilon=0.1)
    assert got == 0.0, f"N = 0: expected 0.0, got {got}"


def test_extreme_logits_are_stable_and_exact():
    logits = np.array([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0], [-1e4, -1e4, -1e4], [1e4, 1e4 - 1.0, -1e4]])
    targets = np.array([0, 1, 2, 1], dtype=np.int64)
    # log p rows: [0, -2e4, -1e4], [0, -2e4, -1e4], [-log 3] * 3, [-log1p(e^-1), -1 - log1p(e^-1), -2e4 - ...]
    c = math.log1p(math.exp(-1.0))
    rows_eps0 = [0.0, 2e4, math.log(3.0), 1.0 + c]
    got = lsce(logits, targets)
    assert math.isfinite(got), f"loss is {got} for logits of ±1e4"
    np.testing.assert_allclose(got, sum(rows_eps0) / 4, rtol=RTOL, atol=ATOL,
                               err_msg="logits of ±1e4 without smoothing: use log-sum-exp, not log(softmax)")
    got = lsce(logits, targets, epsilon=0.3)
    expected = _reference(logits, targets, 0.3)
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL,
                               err_msg="logits of ±1e4 with epsilon = 0.3: the smoothing term needs log p of "
                                       "every class, including the ones whose probability underflows to 0")


def test_adding_a_constant_to_a_row_changes_nothing():
    logits, targets = _data(9, v=5)
    base = lsce(logits, targets, epsilon=0.15)
    shift = np.random.default_rng(90).choice([-500.0, 3.0, 700.0], size=(logits.shape[0], 1))
    np.testing.assert_allclose(lsce(logits + shift, targets, epsilon=0.15), base, rtol=1e-6, atol=1e-9,
                               err_msg="log_softmax is unchanged when a row is shifted by a constant (e.g. +700)")


def test_inputs_not_modified():
    logits, targets = _data(10)
    l0, t0 = logits.copy(), targets.copy()
    lsce(logits, targets, epsilon=0.1)
    np.testing.assert_array_equal(logits, l0, err_msg="logits were modified")
    np.testing.assert_array_equal(targets, t0, err_msg="targets were modified")


def test_bad_shapes_raise_value_error():
    cases = [(np.zeros(4), np.zeros(4, dtype=np.int64)),                 # logits 1-D
             (np.zeros((4, 3)), np.zeros(3, dtype=np.int64)),            # N differs
             (np.zeros((4, 3)), np.zeros((4, 1), dtype=np.int64)),       # targets 2-D
             (np.zeros((2, 4, 3)), np.zeros(2, dtype=np.int64))]         # logits 3-D
    for logits, targets in cases:
        try:
            _user(logits, targets)
        except ValueError:
            continue
        raise AssertionError(f"logits {logits.shape} with targets {targets.shape} should raise ValueError")
