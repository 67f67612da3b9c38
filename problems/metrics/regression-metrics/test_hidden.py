import math

import numpy as np
from solution import regression_metrics as _user_regression_metrics
from mlprep_harness.checks import describe as _describe, as_scalar as _as_scalar


def regression_metrics(y_true, y_pred):
    """Your regression_metrics, with its result checked to be a dict of the three keys with a real
    number under each (values converted to float) before a test uses it."""
    got = _user_regression_metrics(y_true, y_pred)
    assert isinstance(got, dict), "regression_metrics result: expected a dict, got %s" % _describe(got)
    assert set(got) == {"mae", "rmse", "r2"}, \
        "regression_metrics result: keys must be exactly mae, rmse, r2; got %s" % sorted(got, key=str)
    return {k: _as_scalar(v, "regression_metrics result: %s" % k) for k, v in got.items()}


def _ref(y_true, y_pred):
    yt = [float(v) for v in np.asarray(y_true, dtype=float).ravel()]
    yp = [float(v) for v in np.asarray(y_pred, dtype=float).ravel()]
    n = len(yt)
    err = [p - t for t, p in zip(yt, yp)]
    mae = math.fsum(abs(e) for e in err) / n
    ss_res = math.fsum(e * e for e in err)
    mean = math.fsum(yt) / n
    ss_tot = math.fsum((t - mean) ** 2 for t in yt)
    r2 = (1.0 if ss_res == 0 else 0.0) if ss_tot == 0 else 1.0 - ss_res / ss_tot
    return {"mae": mae, "rmse": math.sqrt(ss_res / n), "r2": r2}


def _check(got, expected, what):
    assert isinstance(got, dict), f"{what}: expected a dict, got {_describe(got)}"
    assert set(got) == {"mae", "rmse", "r2"}, f"{what}: keys must be exactly mae, rmse, r2; got {sorted(got)}"
    for key in ("mae", "rmse", "r2"):
        val = got[key]
        np.testing.assert_allclose(_as_scalar(val, f"{what}: {key}"), expected[key], rtol=1e-6, atol=1e-9, err_msg=f"{what}: {key}")


def test_matches_reference_random():
    rng = np.random.default_rng(123)
    for trial in range(20):
        n = int(rng.integers(2, 300))
        y_true = rng.normal(5.0, 3.0, size=n)
        y_pred = y_true + rng.normal(0.0, float(rng.uniform(0.1, 4.0)), size=n)
        _check(regression_metrics(y_true, y_pred), _ref(y_true, y_pred), f"random case #{trial} (n={n})")


def test_rmse_is_root_of_mean_squared_error():
    # errors 0, 0, 3: mae = 1, rmse = sqrt(9 / 3) = sqrt(3)
    got = regression_metrics([1.0, 2.0, 3.0], [1.0, 2.0, 6.0])
    np.testing.assert_allclose(float(got["rmse"]), math.sqrt(3.0), rtol=1e-6, atol=1e-9,
                               err_msg="rmse must be sqrt(mean(e**2)) with division by n")
    np.testing.assert_allclose(float(got["mae"]), 1.0, rtol=1e-6, atol=1e-9, err_msg="mae")


def test_r2_can_be_negative_and_uses_mean_of_y_true():
    y_true = [1.0, 2.0, 3.0, 4.0]
    y_pred = [4.0, 3.0, 2.0, 1.0]
    # SS_res = 9 + 1 + 1 + 9 = 20, SS_tot = 5 -> r2 = -3
    got = regression_metrics(y_true, y_pred)
    np.testing.assert_allclose(float(got["r2"]), -3.0, rtol=1e-6, atol=1e-9,
                               err_msg="r2 must be 1 - SS_res/SS_tot with SS_tot around mean(y_true) (may be negative)")
    # predictions with a different mean than y_true
    _check(regression_metrics([0.0, 1.0, 2.0], [1.0, 2.0, 3.5]), _ref([0.0, 1.0, 2.0], [1.0, 2.0, 3.5]),
           "biased predictions")


def test_constant_target_perfect_gives_r2_one():
    with np.errstate(all="raise"):
        got = regression_metrics(np.full(6, 2.5), np.full(6, 2.5))
    _check(got, {"mae": 0.0, "rmse": 0.0, "r2": 1.0}, "constant y_true, perfect predictions")
    with np.errstate(all="raise"):
        got1 = regression_metrics([7.0], [7.0])
    _check(got1, {"mae": 0.0, "rmse": 0.0, "r2": 1.0}, "n = 1, perfect prediction")


def test_constant_target_imperfect_gives_r2_zero():
    with np.errstate(all="raise"):
        got = regression_metrics(np.full(5, -3.0), [-3.0, -2.0, -3.0, -4.0, -3.0])
    _check(got, {"mae": 0.4, "rmse": math.sqrt(0.4), "r2": 0.0}, "constant y_true, imperfect predictions")
    with np.errstate(all="raise"):
        got1 = regression_metrics([7.0], [5.0])
    _check(got1, {"mae": 2.0, "rmse": 2.0, "r2": 0.0}, "n = 1, imperfect prediction")


def test_column_vector_inputs_do_not_broadcast():
    rng = np.random.default_rng(5)
    y_true = rng.normal(size=50)
    y_pred = y_true + rng.normal(scale=0.5, size=50)
    expected = _ref(y_true, y_pred)
    _check(regression_metrics(y_true.reshape(-1, 1), y_pred), expected, "y_true shape (n, 1), y_pred shape (n,)")
    _check(regression_metrics(y_true, y_pred.reshape(-1, 1)), expected, "y_true shape (n,), y_pred shape (n, 1)")
    _check(regression_metrics(y_true.reshape(-1, 1), y_pred.reshape(-1, 1)), expected, "both shape (n, 1)")


def test_large_offset_is_numerically_stable():
    rng = np.random.default_rng(9)
    n = 2000
    z = rng.normal(size=n)
    y_true = 1e9 + z
    y_pred = y_true + 0.3 * rng.normal(size=n)
    err = y_pred - y_true
    centred = y_true - 1e9  # exact in floating point
    expected = {
        "mae": float(np.mean(np.abs(err))),
        "rmse": float(np.sqrt(np.mean(err ** 2))),
        "r2": float(1.0 - np.sum(err ** 2) / np.sum((centred - centred.mean()) ** 2)),
    }
    _check(regression_metrics(y_true, y_pred), expected,
           "targets around 1e9 (SS_tot must be computed from centred values)")


def test_integer_lists_and_inputs_not_modified():
    y_true = np.array([3, 5, 2, 8, 7])
    y_pred = np.array([2, 5, 4, 8, 10])
    t_copy, p_copy = y_true.copy(), y_pred.copy()
    expected = _ref(t_copy, p_copy)
    _check(regression_metrics(y_true, y_pred), expected, "integer arrays (no integer division or truncation)")
    np.testing.assert_array_equal(y_true, t_copy, err_msg="y_true was modified")
    np.testing.assert_array_equal(y_pred, p_copy, err_msg="y_pred was modified")
    _check(regression_metrics(t_copy.tolist(), p_copy.tolist()), expected, "plain Python int lists")


def _raises_value_error(y_true, y_pred):
    """True if regression_metrics raises ValueError, False if it returns; another exception fails
    the rule with its name (a TypeError or IndexError is not the stated ValueError)."""
    try:
        _user_regression_metrics(y_true, y_pred)
    except ValueError:
        return True
    except Exception as e:  # noqa: BLE001
        raise AssertionError("rule: inputs holding different numbers of values raise ValueError; got %s: %s"
                             % (type(e).__name__, e)) from None
    return False


def test_mismatched_lengths_raise_value_error():
    assert _raises_value_error([1.0, 2.0, 3.0], [1.0, 2.0]), "inputs with 3 and 2 values must raise ValueError"


def test_length_one_input_does_not_broadcast():
    # numpy would broadcast a single value against n values; the rule is about the number of values
    cases = [
        ([5.0], [1.0, 2.0], "y_true has 1 value, y_pred 2"),
        ([1.0, 2.0, 3.0], [5.0], "y_true has 3 values, y_pred 1"),
        (np.array([[5.0]]), np.array([1.0, 2.0, 3.0]), "y_true shape (1, 1), y_pred 3 values"),
        (np.array([1.0, 2.0, 3.0]).reshape(-1, 1), np.array([1.0, 2.0]), "y_true shape (3, 1), y_pred shape (2,)"),
    ]
    for y_true, y_pred, what in cases:
        assert _raises_value_error(y_true, y_pred), (
            "rule: inputs holding different numbers of values raise ValueError (%s); "
            "a length-1 input must not be broadcast" % what)
