import numpy as np

from solution import bm25_scores

DOCS = [["the", "cat", "sat"],
        ["the", "dog", "sat", "on", "the", "mat"],
        ["cats", "and", "dogs"],
        []]


def test_example_scores():
    got = np.asarray(bm25_scores(["the", "cat"], DOCS))
    assert got.shape == (4,), f"expected shape (4,), got {got.shape}"
    np.testing.assert_allclose(got, [1.8971199848858813, 0.749348303308049, 0.0, 0.0], rtol=1e-9, atol=1e-12)


def test_example_repeated_query_token_counts_twice():
    once = np.asarray(bm25_scores(["cat"], DOCS))
    twice = np.asarray(bm25_scores(["cat", "cat"], DOCS))
    np.testing.assert_allclose(twice, 2 * once, rtol=1e-9, atol=1e-12)


def test_example_b_zero_ignores_length():
    got = np.asarray(bm25_scores(["sat"], DOCS, b=0.0))
    np.testing.assert_allclose(got, [np.log(2.0), np.log(2.0), 0.0, 0.0], rtol=1e-9, atol=1e-12)
