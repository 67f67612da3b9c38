import numpy as np
import pandas as pd

from solution import groupwise_impute


def _example():
    train = pd.DataFrame({
        "city": ["A", "A", "A", "B", "B", "A", "D"],
        "income": [10.0, np.nan, 30.0, 100.0, np.nan, 20.0, np.nan],
        "age": [30.0, 40.0, np.nan, np.nan, np.nan, 20.0, 60.0],
    })
    test = pd.DataFrame({
        "city": ["B", "C", "A"],
        "income": [np.nan, np.nan, np.nan],
        "age": [25.0, np.nan, 1000.0],
    })
    return train, test


def test_statement_example_test_frame():
    train, test = _example()
    tr, te = groupwise_impute(train, test, "city", ["income", "age"])
    assert isinstance(te, pd.DataFrame) and te.shape == (3, 3), "test_filled must be a (3, 3) DataFrame"
    np.testing.assert_allclose(te["income"].to_numpy(dtype="float64"), [100.0, 25.0, 20.0], rtol=1e-12)
    np.testing.assert_allclose(te["age"].to_numpy(dtype="float64"), [25.0, 35.0, 1000.0], rtol=1e-12)


def test_statement_example_train_frame():
    train, test = _example()
    tr, te = groupwise_impute(train, test, "city", ["income", "age"])
    assert isinstance(tr, pd.DataFrame) and tr.shape == (7, 3), "train_filled must be a (7, 3) DataFrame"
    np.testing.assert_allclose(tr["income"].to_numpy(dtype="float64"),
                               [10.0, 20.0, 30.0, 100.0, 100.0, 20.0, 25.0], rtol=1e-12)
    np.testing.assert_allclose(tr["age"].to_numpy(dtype="float64"),
                               [30.0, 40.0, 30.0, 35.0, 35.0, 20.0, 60.0], rtol=1e-12)
