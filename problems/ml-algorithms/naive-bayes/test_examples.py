import numpy as np

from solution import fit_gaussian_nb, predict_gaussian_nb

X = np.array([[0.0], [2.0], [10.0], [12.0]])
y = np.array([3, 3, 7, 7])


def test_example_fit():
    model = fit_gaussian_nb(X, y)
    np.testing.assert_array_equal(np.asarray(model["classes"]), [3, 7])
    np.testing.assert_allclose(np.asarray(model["priors"]), [0.5, 0.5], rtol=1e-6)
    np.testing.assert_allclose(np.asarray(model["means"]), [[1.0], [11.0]], rtol=1e-6)
    eps = 1e-9 * np.var(X[:, 0])
    np.testing.assert_allclose(np.asarray(model["vars"]), [[1.0 + eps], [1.0 + eps]], rtol=1e-6, atol=1e-12)


def test_example_predict():
    pred = np.asarray(predict_gaussian_nb(fit_gaussian_nb(X, y), np.array([[1.5], [9.0], [6.0]])))
    assert pred.shape == (3,), f"prediction shape {pred.shape}, expected (3,)"
    assert pred.tolist() == [3, 7, 3], f"predicted {pred.tolist()}, expected [3, 7, 3]"
