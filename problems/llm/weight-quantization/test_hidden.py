import numpy as np

from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple
from mlprep_harness.frameworks import user_function
from solution import dequantize_int4 as _user_dequantize_int4
from solution import dequantize_int8 as _user_dequantize_int8
from solution import quantize_int4 as _user_quantize_int4
from solution import quantize_int8 as _user_quantize_int8

_quantize_int8 = user_function(_user_quantize_int8)
_dequantize_int8 = user_function(_user_dequantize_int8)
_quantize_int4 = user_function(_user_quantize_int4)
_dequantize_int4 = user_function(_user_dequantize_int4)

RTOL, ATOL = 1e-9, 1e-12
STRICT = dict(all="raise")


def _codes(got, shape, what):
    got = _as_array(got, shape, what, "iu")
    assert got.dtype == np.int8, f"{what}: dtype {got.dtype}, expected int8"
    return got


def quantize_int8(W):
    """Your quantize_int8, its result checked to be (int8 codes of W's shape, float scales of shape (d_out,))."""
    codes, scales = _as_tuple(_quantize_int8(W), 2, ("codes", "scales"), "quantize_int8 result")
    return _codes(codes, np.shape(W), "int8 codes"), _as_array(scales, (np.shape(W)[0],), "int8 scales (one per output row)")


def dequantize_int8(codes, scales):
    """Your dequantize_int8, its result checked to be a float array of the codes' shape."""
    return _as_array(_dequantize_int8(codes, scales), np.shape(codes), "dequantize_int8 result")


def quantize_int4(W, group_size):
    """Your quantize_int4, its result checked to be (int8 codes of W's shape, float scales (d_out, d_in / g))."""
    d_out, d_in = np.shape(W)
    codes, scales = _as_tuple(_quantize_int4(W, group_size), 2, ("codes", "scales"), "quantize_int4 result")
    return (_codes(codes, (d_out, d_in), "int4 codes"),
            _as_array(scales, (d_out, d_in // group_size), "int4 scales (one per row and group of columns)"))


def dequantize_int4(codes, scales, group_size):
    """Your dequantize_int4, its result checked to be a float array of the codes' shape."""
    return _as_array(_dequantize_int4(codes, scales, group_size), np.shape(codes), "dequantize_int4 result")


def _ref_scales(blocks, qmax):
    """Scales for a list of 1-D blocks, with Python floats."""
    out = []
    for blk in blocks:
        m = max(abs(float(v)) for v in blk)
        out.append(m / qmax if m > 0 else 1.0)
    return np.array(out)


def _check_codes(got, W, scale_per_element, qmax, what):
    """Codes must equal round-half-even(W / scale) clipped to [-qmax, qmax]; within 1e-9 of a .5 tie
    (which float rounding of the scale can move) either neighbour is accepted."""
    ratio = W / scale_per_element
    expected = np.clip(np.rint(ratio), -qmax, qmax)
    frac = np.abs(ratio - np.floor(ratio))
    near_tie = np.abs(frac - 0.5) < 1e-9
    bad = (got != expected) & ~(near_tie & ((got == np.floor(ratio)) | (got == np.ceil(ratio))))
    if bad.any():
        i = tuple(int(t) for t in np.argwhere(bad)[0])
        raise AssertionError(f"{what}: {int(bad.sum())} codes wrong; first at {i}: got {int(got[i])}, expected "
                             f"{int(expected[i])} (w / scale = {ratio[i]:.6f}, rounded half to even, clipped to "
                             f"[-{qmax}, {qmax}])")


def _check_bound(W, deq, scale_per_element, what):
    err = np.abs(W - deq)
    limit = scale_per_element / 2 * (1 + 1e-9) + 1e-300
    if np.any(err > limit):
        i = tuple(int(t) for t in np.argwhere(err > limit)[0])
        raise AssertionError(f"{what}: |w - dequantized| = {err[i]:.6g} at {i} exceeds scale / 2 = "
                             f"{scale_per_element[i] / 2:.6g} (round to nearest, do not truncate)")


def _weights(shape, seed):
    rng = np.random.default_rng(seed)
    W = rng.standard_t(3, size=shape)                       # heavy tails: a few outliers
    return W * 10.0 ** rng.uniform(-3, 3, size=(shape[0], 1))


def test_int8_codes_and_scales_match_reference():
    W = _weights((16, 40), 1)
    codes, scales = quantize_int8(W.copy())
    np.testing.assert_allclose(scales, _ref_scales(W, 127), rtol=RTOL, atol=ATOL,
                               err_msg="int8 scales must be max |W[row]| / 127")
    _check_codes(codes, W, _ref_scales(W, 127)[:, None], 127, "int8 codes")


def test_int8_one_scale_per_output_row():
    W = np.array([[1.0, -2.0, 0.5, 0.1, 3.0],
                  [100.0, 20.0, -50.0, 1.0, 2.0],
                  [0.01, -0.02, 0.005, 0.0, 0.001]])
    _, scales = quantize_int8(W)
    np.testing.assert_allclose(scales, [3.0 / 127, 100.0 / 127, 0.02 / 127], rtol=RTOL, atol=ATOL,
                               err_msg="(3, 5) weight: one scale per output row (axis 1 maxima)")
    Wsq = np.array([[1.0, 9.0, 0.0, 0.0], [2.0, 0.0, 0.0, 0.0], [3.0, 0.0, 0.5, 0.0], [4.0, 0.0, 0.0, 0.25]])
    _, scales = quantize_int8(Wsq)
    np.testing.assert_allclose(scales, [9.0 / 127, 2.0 / 127, 3.0 / 127, 4.0 / 127], rtol=RTOL, atol=ATOL,
                               err_msg="square weight: scales must come from each row's max |w|, not each column's")


def test_int8_range_is_symmetric_127():
    W = np.array([[-5.0, 1.0, 2.5], [3.0, -1.0, 0.2], [-0.7, 0.7, 0.1]])
    codes, _ = quantize_int8(W)
    assert codes.min() >= -127 and codes.max() <= 127, f"codes must lie in [-127, 127], got {codes.min()}..{codes.max()}"
    assert codes[0, 0] == -127 and codes[1, 0] == 127, (
        f"the largest |w| of a row must get code +-127, got {int(codes[0, 0])} and {int(codes[1, 0])}")
    assert codes[2, 0] == -127 and codes[2, 1] == 127, "ties for the row maximum: both must get +-127"


def test_int8_rounds_half_to_even():
    W = np.array([[127.0, 2.5, -2.5, 0.5, 1.5, -3.5, 126.5, -0.5]])
    codes, scales = quantize_int8(W)
    np.testing.assert_allclose(scales, [1.0], rtol=RTOL, err_msg="scale must be 127 / 127 = 1.0")
    np.testing.assert_array_equal(codes, [[127, 2, -2, 0, 2, -4, 126, 0]],
                                  err_msg="with scale 1.0, w = [127, 2.5, -2.5, 0.5, 1.5, -3.5, 126.5, -0.5] must "
                                          "round half to even")


def test_int8_error_bound_half_scale():
    W = _weights((64, 128), 2)
    codes, scales = quantize_int8(W.copy())
    deq = dequantize_int8(codes, scales)
    _check_bound(W, deq, _ref_scales(W, 127)[:, None] + np.zeros_like(W), "int8")


def test_int8_all_zero_row_under_errstate():
    W = np.array([[0.0, 0.0, 0.0], [1.0, -2.0, 0.5], [0.0, -0.0, 0.0]])
    with np.errstate(**STRICT):
        codes, scales = quantize_int8(W)
        deq = dequantize_int8(codes, scales)
    np.testing.assert_array_equal(codes[[0, 2]], np.zeros((2, 3)), err_msg="an all-zero row must give codes 0")
    np.testing.assert_allclose(scales, [1.0, 2.0 / 127, 1.0], rtol=RTOL, err_msg="an all-zero row has scale 1.0")
    np.testing.assert_array_equal(deq[[0, 2]], np.zeros((2, 3)), err_msg="an all-zero row must dequantise to 0")


def test_dequantize_int8_is_codes_times_row_scale():
    rng = np.random.default_rng(3)
    codes = rng.integers(-127, 128, size=(5, 7)).astype(np.int8)
    scales = rng.uniform(0.001, 2.0, size=5)
    with np.errstate(**STRICT):
        deq = dequantize_int8(codes, scales)
    assert deq.dtype == np.float64, f"dtype {deq.dtype}, expected float64"
    np.testing.assert_allclose(deq, codes.astype(np.float64) * scales[:, None], rtol=RTOL, atol=ATOL,
                               err_msg="dequantize_int8 must return codes * scales[:, None] (no int8 overflow)")


def test_int8_requantising_is_stable():
    W = _weights((10, 30), 4)
    codes, scales = quantize_int8(W)
    codes2, scales2 = quantize_int8(dequantize_int8(codes, scales))
    np.testing.assert_allclose(scales2, scales, rtol=1e-9, err_msg="quantising the dequantised weight changed the scales")
    np.testing.assert_array_equal(codes2, codes, err_msg="quantising the dequantised weight changed the codes")


def _group_scale_per_element(W, g):
    d_out, d_in = W.shape
    s = np.array([_ref_scales(W[o].reshape(-1, g), 7) for o in range(d_out)])
    return s, np.repeat(s, g, axis=1)


def test_int4_codes_and_scales_match_reference():
    W = _weights((8, 64), 5)
    for g in (16, 8, 64, 1):
        codes, scales = quantize_int4(W.copy(), g)
        s, per_elem = _group_scale_per_element(W, g)
        np.testing.assert_allclose(scales, s, rtol=RTOL, atol=ATOL,
                                   err_msg=f"group_size={g}: scales must be max |group| / 7 per row and group")
        _check_codes(codes, W, per_elem, 7, f"int4 codes (group_size={g})")


def test_int4_groups_are_consecutive_columns_of_a_row():
    W = np.ones((3, 12)) * 0.7
    W[0, 5] = 70.0                                         # row 0, group 1 (columns 4..7) only
    codes, scales = quantize_int4(W, 4)
    np.testing.assert_allclose(scales, [[0.1, 10.0, 0.1], [0.1, 0.1, 0.1], [0.1, 0.1, 0.1]], rtol=RTOL, atol=ATOL,
                               err_msg="an outlier at (row 0, column 5) must change only the scale of row 0, "
                                       "group 1 (columns 4..7)")
    assert codes[0, 5] == 7 and codes[0, 0] == 7 and codes[0, 4] == 0, (
        f"row 0 codes {codes[0].tolist()}: expected 7 in groups 0 and 2, [0, 7, 0, 0] in group 1")


def test_int4_range_is_symmetric_7():
    W = _weights((6, 32), 6)
    W[0, 3] = -abs(W).max() * 2                            # a negative maximum
    codes, _ = quantize_int4(W, 8)
    assert codes.min() >= -7 and codes.max() <= 7, f"int4 codes must lie in [-7, 7], got {codes.min()}..{codes.max()}"
    assert codes[0, 3] == -7, f"the group's largest |w| (negative) must get code -7, got {int(codes[0, 3])}"
    for o in range(6):
        for grp in range(4):
            blk = np.abs(codes[o, grp * 8:(grp + 1) * 8])
            assert blk.max() == 7, f"row {o}, group {grp}: the largest |w| must get code +-7, max |code| is {blk.max()}"


def test_int4_rounds_half_to_even():
    W = np.array([[7.0, 2.5, -2.5, 0.5, 1.5, -3.5, 6.5, -0.5]])
    codes, scales = quantize_int4(W, 8)
    np.testing.assert_allclose(scales, [[1.0]], rtol=RTOL, err_msg="scale must be 7 / 7 = 1.0")
    np.testing.assert_array_equal(codes, [[7, 2, -2, 0, 2, -4, 6, 0]],
                                  err_msg="with scale 1.0, w = [7, 2.5, -2.5, 0.5, 1.5, -3.5, 6.5, -0.5] must round "
                                          "half to even")


def test_int4_error_bound_half_scale():
    W = _weights((32, 128), 7)
    for g in (32, 128):
        codes, scales = quantize_int4(W.copy(), g)
        deq = dequantize_int4(codes, scales, g)
        _check_bound(W, deq, _group_scale_per_element(W, g)[1], f"int4 (group_size={g})")


def test_int4_all_zero_group_under_errstate():
    W = np.array([[0.0, 0.0, 0.0, 0.0, 1.4, -0.62, 0.0, 0.35]])
    with np.errstate(**STRICT):
        codes, scales = quantize_int4(W, 4)
        deq = dequantize_int4(codes, scales, 4)
    np.testing.assert_allclose(scales, [[1.0, 0.2]], rtol=RTOL, err_msg="an all-zero group has scale 1.0")
    np.testing.assert_array_equal(codes, [[0, 0, 0, 0, 7, -3, 0, 2]],
                                  err_msg="codes wrong for a row whose first group is all zeros")
    np.testing.assert_allclose(deq, [[0.0, 0.0, 0.0, 0.0, 1.4, -0.6, 0.0, 0.4]], rtol=RTOL, atol=ATOL,
                               err_msg="dequantised row wrong")


def test_int4_group_size_must_divide_d_in():
    try:
        _quantize_int4(np.ones((2, 10)), 4)
    except ValueError:
        return
    except Exception as e:  # noqa: BLE001
        raise AssertionError(f"d_in = 10 with group_size = 4 must raise ValueError, got {type(e).__name__}: {e}")
    raise AssertionError("d_in = 10 with group_size = 4 must raise ValueError, nothing was raised")


def test_dequantize_int4_uses_each_groups_scale():
    rng = np.random.default_rng(8)
    codes = rng.integers(-7, 8, size=(3, 12)).astype(np.int8)
    scales = rng.uniform(0.01, 3.0, size=(3, 4))
    deq = dequantize_int4(codes, scales, 3)
    assert deq.dtype == np.float64, f"dtype {deq.dtype}, expected float64"
    np.testing.assert_allclose(deq, codes * np.repeat(scales, 3, axis=1), rtol=RTOL, atol=ATOL,
                               err_msg="element (o, j) must be codes[o, j] * scales[o, j // group_size]")


def test_does_not_modify_inputs():
    W = _weights((4, 16), 9)
    saved = W.copy()
    codes, scales = quantize_int8(W)
    c_saved, s_saved = codes.copy(), scales.copy()
    dequantize_int8(codes, scales)
    quantize_int4(W, 4)
    np.testing.assert_array_equal(W, saved, err_msg="W was modified in place")
    np.testing.assert_array_equal(codes, c_saved, err_msg="dequantize_int8 modified codes")
    np.testing.assert_array_equal(scales, s_saved, err_msg="dequantize_int8 modified scales")
