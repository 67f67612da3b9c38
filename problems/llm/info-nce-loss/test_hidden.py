import math

import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar
from mlprep_harness.frameworks import user_function
from solution import info_nce_loss as _user_info_nce

RTOL, ATOL = 1e-7, 1e-10
_user = user_function(_user_info_nce)


def info_nce_loss(a, b, *args, **kwargs):
    """Your function under np.errstate (overflow, division by zero and invalid operations raise;
    underflow is allowed), its result checked to be a float."""
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        got = _user(a, b, *args, **kwargs)
    return _as_scalar(got, "info_nce_loss result")


def _ce_rows(s):
    """Mean over rows i of -log softmax(s[i])[i], Python floats."""
    total = 0.0
    for i, row in enumerate(s):
        m = max(row)
        total += m + math.log(sum(math.exp(x - m) for x in row)) - row[i]
    return total / len(s)


def _reference(a, b, temperature):
    """Slow reference: cosine similarities with Python floats, both directions averaged."""
    an = [[x / math.sqrt(sum(y * y for y in r)) for x in r] for r in np.asarray(a, dtype=float).tolist()]
    bn = [[x / math.sqrt(sum(y * y for y in r)) for x in r] for r in np.asarray(b, dtype=float).tolist()]
    s = [[sum(x * y for x, y in zip(ra, rb)) / temperature for rb in bn] for ra in an]
    st = [list(col) for col in zip(*s)]
    return 0.5 * (_ce_rows(s) + _ce_rows(st))


def _pairs(seed, n=8, d=5, noise=0.5):
    rng = np.random.default_rng(seed)
    a = rng.normal(0, 1, size=(n, d))
    b = a + rng.normal(0, noise, size=(n, d))             # correlated positives
    return a, b


def test_matches_reference():
    for seed, t, n, d in ((0, 0.07, 8, 5), (1, 0.5, 6, 3), (2, 1.0, 12, 16), (3, 0.2, 3, 2)):
        a, b = _pairs(seed, n, d)
        np.testing.assert_allclose(info_nce_loss(a, b, temperature=t), _reference(a, b, t), rtol=RTOL, atol=ATOL,
                                   err_msg=f"N={n}, d={d}, temperature={t}: wrong loss")


def test_default_temperature_is_0_07():
    a, b = _pairs(4)
    np.testing.assert_allclose(info_nce_loss(a, b), _reference(a, b, 0.07), rtol=RTOL, atol=ATOL,
                               err_msg="without temperature the loss should use 0.07")


def test_orthonormal_pairs_closed_form_divides_by_temperature():
    # a = b = identity: S = I / T, every row and column loss is log(1 + (N - 1) e^(-1/T))
    for n, t in ((4, 0.5), (3, 2.0), (5, 0.1)):
        eye = np.eye(n)
        expected = math.log1p((n - 1) * math.exp(-1.0 / t))
        np.testing.assert_allclose(info_nce_loss(eye, eye.copy(), temperature=t), expected, rtol=RTOL, atol=ATOL,
                                   err_msg=f"a = b = I_{n}, T = {t}: expected log(1 + (N-1) e^(-1/T)) = {expected:.6g} "
                                           "(similarities divided by the temperature)")


def test_both_directions_are_averaged():
    a, b = _pairs(5, n=6, d=4, noise=1.5)
    b[0] *= 0.01                                          # a short row: only its direction may matter
    b[1] = -a[2]                                          # makes rows and columns of S differ
    ab, ba = info_nce_loss(a, b, temperature=0.3), info_nce_loss(b, a, temperature=0.3)
    np.testing.assert_allclose(ab, ba, rtol=1e-7, atol=ATOL,
                               err_msg="the loss is the average of both directions, so swapping a and b must not change it")
    np.testing.assert_allclose(ab, _reference(a, b, 0.3), rtol=RTOL, atol=ATOL,
                               err_msg="mean of the a->b (row softmax) and b->a (column softmax) cross-entropies")


def test_invariant_to_scaling_rows_by_positive_constants():
    a, b = _pairs(6, n=7, d=4)
    base = info_nce_loss(a, b, temperature=0.1)
    rng = np.random.default_rng(60)
    ca = rng.choice([1e-3, 0.5, 3.0, 1e3], size=(7, 1))
    cb = rng.choice([1e-3, 0.5, 3.0, 1e3], size=(7, 1))
    np.testing.assert_allclose(info_nce_loss(a * ca, b * cb, temperature=0.1), base, rtol=1e-7, atol=ATOL,
                               err_msg="multiplying rows by positive constants must not change the loss "
                                       "(each row is L2-normalised)")


def test_reordering_the_pairs_changes_nothing():
    a, b = _pairs(7, n=9, d=6)
    base = info_nce_loss(a, b, temperature=0.2)
    perm = np.random.default_rng(70).permutation(9)
    np.testing.assert_allclose(info_nce_loss(a[perm], b[perm], temperature=0.2), base, rtol=1e-7, atol=ATOL,
                               err_msg="permuting the pairs (same order for a and b) must not change the loss")


def test_loss_decreases_as_positives_align():
    # a = I_N; b_i = cos(theta) e_i + sin(theta) e_(i+1): the positive similarity grows as theta shrinks
    n = 5
    a = np.eye(n)
    losses = []
    for theta in np.linspace(1.5, 0.0, 7):
        b = math.cos(theta) * np.eye(n) + math.sin(theta) * np.roll(np.eye(n), 1, axis=1)
        losses.append(info_nce_loss(a, b, temperature=0.25))
    assert all(x > y for x, y in zip(losses, losses[1:])), \
        f"the loss must fall as each b_i turns towards a_i; got {np.round(losses, 6).tolist()}"


def test_single_pair_gives_zero():
    got = info_nce_loss(np.array([[0.3, -2.0, 1.0]]), np.array([[5.0, 1.0, 0.0]]), temperature=0.07)
    np.testing.assert_allclose(got, 0.0, atol=1e-12, err_msg="N = 1: the only candidate is the positive, loss 0")


def test_tiny_temperature_is_stable():
    eye = np.eye(3)
    got = info_nce_loss(eye, eye.copy(), temperature=1e-4)
    np.testing.assert_allclose(got, 0.0, atol=1e-12, err_msg="a = b = I, T = 1e-4: loss ~ 2e^-1e4 = 0")
    shifted = np.roll(eye, 1, axis=0)                   # every positive has similarity 0, one negative 1
    got = info_nce_loss(eye, shifted, temperature=1e-4)
    assert math.isfinite(got), f"loss is {got} for similarities of 1e4"
    np.testing.assert_allclose(got, 1e4, rtol=RTOL, err_msg="mismatched pairs at T = 1e-4: loss 1e4 (use log-sum-exp)")
    a, b = _pairs(8, n=6, d=3)
    np.testing.assert_allclose(info_nce_loss(a, b, temperature=1e-3), _reference(a, b, 1e-3), rtol=1e-6, atol=1e-8,
                               err_msg="T = 1e-3 on random pairs")


def test_inputs_not_modified():
    a, b = _pairs(9)
    a0, b0 = a.copy(), b.copy()
    info_nce_loss(a, b, temperature=0.1)
    np.testing.assert_array_equal(a, a0, err_msg="a was modified (normalise a copy)")
    np.testing.assert_array_equal(b, b0, err_msg="b was modified (normalise a copy)")


def test_invalid_inputs_raise_value_error():
    a, b = _pairs(10, n=4, d=3)
    zero_row = b.copy()
    zero_row[2] = 0.0
    cases = [((a, b[:3]), {}, "a (4, 3) with b (3, 3)"),
             ((a, b[:, :2]), {}, "a (4, 3) with b (4, 2)"),
             ((a[0], b[0]), {}, "1-D inputs"),
             ((np.zeros((0, 3)), np.zeros((0, 3))), {}, "N = 0"),
             ((a, zero_row), {}, "a zero row in b"),
             ((zero_row, a), {}, "a zero row in a"),
             ((a, b), {"temperature": 0.0}, "temperature 0"),
             ((a, b), {"temperature": -0.5}, "temperature -0.5")]
    for args, kwargs, what in cases:
        try:
            with np.errstate(all="ignore"):
                _user(*args, **kwargs)
        except ValueError:
            continue
        raise AssertionError(f"{what} should raise ValueError")
