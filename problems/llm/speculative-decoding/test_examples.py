import numpy as np

from solution import speculative_accept


def _check(got, expected):
    got = np.asarray(got)
    assert got.shape == (len(expected),), f"expected shape ({len(expected)},), got {got.shape}"
    np.testing.assert_array_equal(got, expected)


def test_example_all_accepted_then_bonus():
    q = np.array([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]])
    p = np.vstack([q, [0.0, 1.0, 0.0]])
    _check(speculative_accept(np.array([2, 0]), q, p, np.random.default_rng(0)), [2, 0, 1])


def test_example_rejected_token_the_target_never_produces():
    q = np.array([[0.5, 0.5]])
    p = np.array([[1.0, 0.0], [0.5, 0.5]])
    _check(speculative_accept(np.array([1]), q, p, np.random.default_rng(0)), [0])


def test_example_accept_then_reject():
    q = np.array([[0.5, 0.5], [0.5, 0.5]])
    p = np.array([[0.9, 0.1], [1.0, 0.0], [0.5, 0.5]])
    _check(speculative_accept(np.array([0, 1]), q, p, np.random.default_rng(0)), [0, 0])
