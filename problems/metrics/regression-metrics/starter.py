import numpy as np


def regression_metrics(y_true, y_pred):
    """MAE, RMSE and R^2 of a regression model.

    Args:
        y_true: array-like of n >= 1 numbers, shape (n,) or (n, 1).
        y_pred: array-like of the same n numbers' predictions, shape (n,) or (n, 1).
            Raise ValueError if the numbers of values differ. Inputs must not be modified.

    Returns:
        dict with exactly the keys "mae", "rmse", "r2", each a Python float.
        mae = mean|e|, rmse = sqrt(mean(e**2)), r2 = 1 - SS_res / SS_tot (SS_tot around mean(y_true)).
        If y_true is constant (SS_tot == 0): r2 = 1.0 when SS_res == 0, else 0.0.
    """
    raise NotImplementedError
