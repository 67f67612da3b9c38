import numpy as np

from solution import hash_features


def test_statement_example():
    rows = [{"country": "FR", "clicks": 3, "price": 2.5}, {"device": "ios", "age": 30}, {}]
    X = np.asarray(hash_features(rows, n_features=8, seed=0))
    assert X.shape == (3, 8), f"shape {X.shape}, expected (3, 8)"
    expected = np.zeros((3, 8))
    expected[0, [0, 1, 2]] = [-2.5, 1.0, 3.0]
    expected[1, 4] = 31.0
    np.testing.assert_allclose(X, expected, rtol=1e-9, atol=1e-9)


def test_single_token_column_and_sign():
    # "price" -> h = 11293042323337594376: column h % 8 = 0, top bit set -> sign -1
    X = np.asarray(hash_features([{"price": 1.0}], n_features=8))
    assert X.shape == (1, 8), f"shape {X.shape}, expected (1, 8)"
    np.testing.assert_allclose(X, [[-1.0, 0, 0, 0, 0, 0, 0, 0]], rtol=1e-9, atol=1e-9)
