import numpy as np
from solution import regression_metrics


def test_statement_example():
    got = regression_metrics([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    assert set(got) == {"mae", "rmse", "r2"}, f"keys must be mae, rmse, r2; got {sorted(got)}"
    np.testing.assert_allclose(got["mae"], 0.5, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(got["rmse"], 0.6123724356957945, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(got["r2"], 0.9486081370449679, rtol=1e-6, atol=1e-9)


def test_constant_target_perfect():
    assert regression_metrics([4.0, 4.0, 4.0], [4.0, 4.0, 4.0])["r2"] == 1.0


def test_constant_target_imperfect():
    assert regression_metrics([4.0, 4.0, 4.0], [3.0, 4.0, 5.0])["r2"] == 0.0
