import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import apply_rope as _user_apply_rope, rope_attention as _user_rope_attention

_apply_rope = user_function(_user_apply_rope)
_rope_attention = user_function(_user_rope_attention)

RTOL, ATOL = 1e-7, 1e-9


def apply_rope(x, positions, *args, **kwargs):
    """Your apply_rope, its result checked to be a float array of x's shape before a test uses it."""
    return _as_array(_apply_rope(x, positions, *args, **kwargs), np.shape(x), "apply_rope result")


def rope_attention(q, k, v, qp, kp, *args, **kwargs):
    """Your rope_attention, its result checked to be a float array of shape (..., L_q, d_v)."""
    shape = np.shape(q)[:-1] + (np.shape(v)[-1],)
    return _as_array(_rope_attention(q, k, v, qp, kp, *args, **kwargs), shape, "rope_attention result")


def _ref_rope(x, positions, base=10000.0):
    """Slow, independent reference: one 2x2 rotation per (row, pair) with Python floats."""
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[-1]
    out = np.empty_like(x)
    for idx in np.ndindex(*x.shape[:-1]):
        m = int(positions[idx[-1]])
        for i in range(d // 2):
            theta = m * base ** (-2.0 * i / d)
            a, b = x[idx + (2 * i,)], x[idx + (2 * i + 1,)]
            out[idx + (2 * i,)] = a * math.cos(theta) - b * math.sin(theta)
            out[idx + (2 * i + 1,)] = a * math.sin(theta) + b * math.cos(theta)
    return out


def _ref_attention(q, k, v, qp, kp, base=10000.0):
    qr, kr = _ref_rope(q, qp, base), _ref_rope(k, kp, base)
    d = q.shape[-1]
    out = np.zeros(q.shape[:-1] + (v.shape[-1],))
    for idx in np.ndindex(*q.shape[:-2]):
        for i in range(q.shape[-2]):
            allowed = [j for j in range(k.shape[-2]) if kp[j] <= qp[i]]
            s = [float(np.dot(qr[idx][i], kr[idx][j])) / math.sqrt(d) for j in allowed]
            mx = max(s)
            e = [math.exp(t - mx) for t in s]
            tot = sum(e)
            out[idx][i] = sum(w / tot * v[idx][j] for w, j in zip(e, allowed))
    return out


def _rand(shape, seed):
    return np.random.default_rng(seed).normal(size=shape)


def test_single_pair_rotates_counter_clockwise():
    x = np.array([[1.0, 0.0], [0.0, 1.0], [3.0, 4.0]])
    out = apply_rope(x, np.array([1, 2, 5]))
    expected = np.array([[math.cos(1), math.sin(1)],
                         [-math.sin(2), math.cos(2)],
                         [3 * math.cos(5) - 4 * math.sin(5), 3 * math.sin(5) + 4 * math.cos(5)]])
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL,
                               err_msg="d = 2: the pair at position m must turn counter-clockwise by m radians "
                                       "(y0 = x0 cos - x1 sin, y1 = x0 sin + x1 cos)")


def test_matches_reference_with_leading_dims():
    x = _rand((2, 3, 5, 8), 1)
    pos = np.array([3, 4, 5, 6, 7])
    out = apply_rope(x, pos)
    np.testing.assert_allclose(out, _ref_rope(x, pos), rtol=RTOL, atol=ATOL,
                               err_msg="apply_rope differs from the reference on (2, 3, 5, 8) inputs")
    assert out.dtype == np.float64, f"dtype {out.dtype}, expected float64"


def test_pairs_are_interleaved():
    # A unit vector in slot 1 (pair 0) must move only within slots 0 and 1 (not slot 1 + d/2).
    d = 8
    x = np.zeros((1, d)); x[0, 1] = 1.0
    out = apply_rope(x, np.array([3]))
    moved = [j for j in range(d) if abs(out[0, j]) > 1e-12]
    assert moved == [0, 1], (f"a vector in slot 1 ended up in slots {moved}; pairs are interleaved "
                             "(2i, 2i+1), not half-split (i, i + d/2)")
    np.testing.assert_allclose(out[0, :2], [-math.sin(3), math.cos(3)], rtol=RTOL, atol=ATOL,
                               err_msg="slot 1 at position 3 must become (-sin 3, cos 3)")


def test_frequencies_are_base_to_minus_2i_over_d():
    d = 8
    for base in (10000.0, 500.0):
        x = np.tile([1.0, 0.0], d // 2)[None, :]
        out = apply_rope(x, np.array([1]), base=base)
        got = [math.atan2(out[0, 2 * i + 1], out[0, 2 * i]) for i in range(d // 2)]
        want = [base ** (-2.0 * i / d) for i in range(d // 2)]
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=ATOL,
                                   err_msg=f"base={base}: the angle of pair i at position 1 must be base**(-2i/d)")


def test_position_zero_is_identity():
    x = _rand((3, 4, 6), 2)
    out = apply_rope(x, np.zeros(4, dtype=np.int64))
    np.testing.assert_allclose(out, x, rtol=RTOL, atol=ATOL, err_msg="position 0 must leave x unchanged")


def test_pair_norms_are_preserved():
    x = _rand((4, 7, 10), 3)
    pos = np.random.default_rng(4).integers(0, 5000, size=7)
    out = apply_rope(x, pos)
    norms_in = np.hypot(x[..., 0::2], x[..., 1::2])
    norms_out = np.hypot(out[..., 0::2], out[..., 1::2])
    np.testing.assert_allclose(norms_out, norms_in, rtol=1e-9,
                               err_msg="every pair (2i, 2i+1) must keep its length (a rotation)")


def test_scores_depend_only_on_offset():
    rng = np.random.default_rng(5)
    d = 16
    q, k = rng.normal(size=(1, d)), rng.normal(size=(1, d))
    for _ in range(20):
        m, n = (int(t) for t in rng.integers(0, 300, size=2))
        s = int(rng.integers(1, 2000))
        a = float(apply_rope(q, np.array([m]))[0] @ apply_rope(k, np.array([n]))[0])
        b = float(apply_rope(q, np.array([m + s]))[0] @ apply_rope(k, np.array([n + s]))[0])
        assert math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-9), (
            f"q at {m} . k at {n} = {a:.9f} but q at {m + s} . k at {n + s} = {b:.9f}: "
            "the score must depend only on the offset m - n")


def test_positions_are_used_not_row_index():
    x = _rand((2, 3, 4), 6)
    pos = np.array([100, 101, 102])
    out = apply_rope(x, pos)
    np.testing.assert_allclose(out, _ref_rope(x, pos), rtol=RTOL, atol=ATOL,
                               err_msg="rows must be rotated at the given positions 100..102, not at 0..2")
    gaps = np.array([7, 0, 42])
    out = apply_rope(x, gaps)
    np.testing.assert_allclose(out, _ref_rope(x, gaps), rtol=RTOL, atol=ATOL,
                               err_msg="positions [7, 0, 42] (not sorted, not contiguous) give a wrong result")


def test_large_positions_are_accurate():
    x = _rand((5, 8), 7)
    pos = np.array([0, 1, 4096, 65535, 100000])
    np.testing.assert_allclose(apply_rope(x, pos), _ref_rope(x, pos), rtol=RTOL, atol=ATOL,
                               err_msg="wrong for positions up to 100000 (compute the angles in float64)")


def test_odd_dimension_raises_value_error():
    try:
        _apply_rope(np.ones((2, 5)), np.array([0, 1]))
    except ValueError:
        return
    except Exception as e:  # noqa: BLE001
        raise AssertionError(f"an odd d must raise ValueError, got {type(e).__name__}: {e}")
    raise AssertionError("an odd d (5) must raise ValueError, nothing was raised")


def test_does_not_modify_inputs():
    x = _rand((2, 3, 4), 8)
    pos = np.array([1, 2, 3])
    saved = x.copy(), pos.copy()
    apply_rope(x, pos)
    v = _rand((2, 3, 2), 9)
    vs = v.copy()
    rope_attention(x, x, v, pos, pos)
    np.testing.assert_array_equal(x, saved[0], err_msg="x (or q/k) was modified in place")
    np.testing.assert_array_equal(pos, saved[1], err_msg="positions were modified in place")
    np.testing.assert_array_equal(v, vs, err_msg="v was modified in place")


def test_attention_matches_reference_values_not_rotated():
    q, k, v = _rand((2, 5, 6), 10), _rand((2, 5, 6), 11), _rand((2, 5, 6), 12)
    pos = np.arange(5)
    out = rope_attention(q, k, v, pos, pos)
    np.testing.assert_allclose(out, _ref_attention(q, k, v, pos, pos), rtol=RTOL, atol=ATOL,
                               err_msg="rope_attention is wrong (RoPE goes on q and k only; v is used as given)")
    # Values the same width as the head: rotating v would change the output.
    v_const = np.zeros((2, 5, 6)); v_const[..., 1] = 1.0
    out = rope_attention(q, k, v_const, pos, pos)
    np.testing.assert_allclose(out, v_const, rtol=RTOL, atol=ATOL,
                               err_msg="with every value row equal to e_1 the output must be e_1: v must not be rotated")


def test_attention_causal_by_position():
    q, k, v = _rand((4, 4), 13), _rand((6, 4), 14), _rand((6, 3), 15)
    qp, kp = np.array([20, 21, 22, 23]), np.array([18, 19, 20, 21, 22, 23])
    out = rope_attention(q, k, v, qp, kp)
    np.testing.assert_allclose(out, _ref_attention(q, k, v, qp, kp), rtol=RTOL, atol=ATOL,
                               err_msg="query at position p must see exactly the keys at positions <= p "
                                       "(mask by position, not by row index)")
    out = rope_attention(q, k, v, qp, kp, base=500.0)
    np.testing.assert_allclose(out, _ref_attention(q, k, v, qp, kp, base=500.0), rtol=RTOL, atol=ATOL,
                               err_msg="rope_attention with base=500 must rotate q and k with that base")


def test_decode_step_equals_last_row_of_full_attention():
    L = 8
    q, k, v = _rand((2, L, 4), 16), _rand((2, L, 4), 17), _rand((2, L, 3), 18)
    pos = np.arange(L)
    full = rope_attention(q, k, v, pos, pos)
    step = rope_attention(q[:, -1:], k, v, pos[-1:], pos)
    np.testing.assert_allclose(step[:, 0], full[:, -1], rtol=RTOL, atol=ATOL,
                               err_msg="one query at position 7 against cached keys 0..7 must equal the last row "
                                       "of full causal attention")


def test_attention_large_scores_are_stable():
    q, k, v = _rand((3, 4), 19) * 60, _rand((3, 4), 20) * 60, _rand((3, 2), 21)
    pos = np.array([0, 1, 2])
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        out = rope_attention(q, k, v, pos, pos)
    np.testing.assert_allclose(out, _ref_attention(q, k, v, pos, pos), rtol=RTOL, atol=ATOL,
                               err_msg="scores in the thousands: subtract the row maximum before exp")
