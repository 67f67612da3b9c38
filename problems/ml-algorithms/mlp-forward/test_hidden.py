import numpy as np
from mlprep_harness.frameworks import user_function
from solution import mlp_forward as _raw_mlp_forward
_user_mlp_forward = user_function(_raw_mlp_forward)  # NumPy in and out, for a NumPy or a PyTorch solution
from mlprep_harness.checks import as_array as _as_array


def mlp_forward(x, weights, biases):
    """Your mlp_forward, with its result checked to be a float array of shape (n, K) (K = the last
    layer's width) before a test uses it."""
    shape = (np.shape(x)[0], np.shape(weights[-1])[1])
    return _as_array(_user_mlp_forward(x, weights, biases), shape, "mlp_forward result")


STRICT = dict(over="raise", divide="raise", invalid="raise")


def _softmax_rows(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _ref(x, weights, biases):
    h = np.asarray(x, dtype=float)
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W + b
        if i < len(weights) - 1:
            h = np.maximum(h, 0.0)
    return _softmax_rows(h)


def _net(sizes, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    Ws = [scale * rng.normal(size=(a, b)) / np.sqrt(a) for a, b in zip(sizes[:-1], sizes[1:])]
    bs = [scale * rng.normal(size=b) for b in sizes[1:]]
    return Ws, bs


def _run(x, Ws, bs):
    return np.asarray(mlp_forward(x, Ws, bs), dtype=float)


def test_several_hidden_layers_match_reference():
    Ws, bs = _net([6, 8, 5, 7, 4], seed=1)
    x = np.random.default_rng(2).normal(size=(12, 6))
    p = _run(x, Ws, bs)
    assert p.shape == (12, 4), f"output shape {p.shape}, expected (12, 4)"
    np.testing.assert_allclose(p, _ref(x, Ws, bs), rtol=1e-6, atol=1e-12, err_msg="3 hidden layers: wrong probabilities")


def test_single_layer_is_plain_softmax():
    Ws, bs = _net([5, 3], seed=3)
    bs = [bs[0] - 4.0]                       # mostly negative logits
    x = np.random.default_rng(4).normal(size=(9, 5))
    p = _run(x, Ws, bs)
    assert p.shape == (9, 3), f"output shape {p.shape}, expected (9, 3)"
    np.testing.assert_allclose(p, _softmax_rows(x @ Ws[0] + bs[0]), rtol=1e-6, atol=1e-12,
                               err_msg="L=1 must be softmax(x @ W + b) with no ReLU")


def test_no_relu_on_output_logits():
    # hidden layer output is positive, output logits are all negative and different
    W1 = np.array([[1.0, 0.0], [0.0, 1.0]]); b1 = np.array([1.0, 1.0])
    W2 = np.array([[-1.0, -3.0, -0.5], [-2.0, -1.0, -0.5]]); b2 = np.array([0.0, -1.0, 0.0])
    x = np.array([[0.5, 1.0], [2.0, 0.0]])
    p = _run(x, [W1, W2], [b1, b2])
    logits = np.maximum(x @ W1 + b1, 0) @ W2 + b2
    np.testing.assert_allclose(p, _softmax_rows(logits), rtol=1e-6, atol=1e-12,
                               err_msg="negative output logits were clipped: do not apply ReLU to the last layer")


def test_relu_applied_on_hidden_layers():
    W1 = np.array([[1.0, -1.0, 0.5]]); b1 = np.array([0.0, 0.0, -2.0])
    W2 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]); b2 = np.zeros(2)
    x = np.array([[3.0], [-2.0], [1.0]])
    p = _run(x, [W1, W2], [b1, b2])
    np.testing.assert_allclose(p, _ref(x, [W1, W2], [b1, b2]), rtol=1e-6, atol=1e-12,
                               err_msg="hidden units with negative pre-activation must be zeroed by ReLU")


def test_softmax_is_per_row():
    Ws, bs = _net([4, 6, 4], seed=5)
    x = np.random.default_rng(6).normal(size=(4, 4))
    p = _run(x, Ws, bs)
    for i in range(4):
        pi = _run(x[i:i + 1], Ws, bs)
        assert pi.shape == (1, 4), f"batch of one: output shape {pi.shape}, expected (1, 4)"
        np.testing.assert_allclose(p[i], pi[0], rtol=1e-6, atol=1e-12,
                                   err_msg=f"row {i} depends on the other rows of the batch (softmax over the wrong axis?)")


def test_stable_for_large_activations():
    Ws, bs = _net([5, 16, 6], seed=7, scale=300.0)   # logits of order 1e4
    x = np.random.default_rng(8).normal(size=(10, 5))
    expected = _ref(x, Ws, bs)
    with np.errstate(**STRICT):
        p = _run(x, Ws, bs)
    assert np.all(np.isfinite(p)), "non-finite probabilities for large logits (subtract the row max)"
    np.testing.assert_allclose(p, expected, rtol=1e-6, atol=1e-12, err_msg="wrong probabilities for large logits")


def test_max_subtracted_per_row():
    # row 0 has logits around 1e4, row 1 around 0: subtracting the global max zeroes row 1
    W = np.eye(3); b = np.zeros(3)
    x = np.array([[10000.0, 9999.0, 9990.0], [1.0, 0.0, -1.0]])
    with np.errstate(**STRICT):
        p = _run(x, [W], [b])
    np.testing.assert_allclose(p, _softmax_rows(x), rtol=1e-6, atol=1e-12,
                               err_msg="rows of very different scale: subtract each row's own max")


def test_rows_sum_to_one_and_inputs_untouched():
    Ws, bs = _net([3, 5, 2], seed=9)
    x = np.random.default_rng(10).normal(size=(50, 3))
    copies = [x.copy()] + [W.copy() for W in Ws] + [b.copy() for b in bs]
    p = _run(x.tolist(), Ws, bs)
    assert p.shape == (50, 2), f"output shape {p.shape}, expected (50, 2)"
    assert np.all(p >= 0), "negative probabilities"
    np.testing.assert_allclose(p.sum(axis=1), np.ones(50), rtol=1e-9, atol=1e-12, err_msg="rows must sum to 1")
    for orig, now in zip(copies, [x] + Ws + bs):
        np.testing.assert_array_equal(now, orig, err_msg="an input array was modified")
