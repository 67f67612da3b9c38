import math

import torch

from solution import bm25_scores

DOCS = [["the", "cat", "sat"],
        ["the", "dog", "sat", "on", "the", "mat"],
        ["cats", "and", "dogs"],
        []]


def test_example_scores():
    got = bm25_scores(["the", "cat"], DOCS)
    assert isinstance(got, torch.Tensor), f"expected a tensor, got {type(got).__name__}"
    assert tuple(got.shape) == (4,), f"expected shape (4,), got {tuple(got.shape)}"
    expected = torch.tensor([1.8971199848858813, 0.749348303308049, 0.0, 0.0], dtype=torch.float64)
    torch.testing.assert_close(got, expected, rtol=1e-9, atol=1e-12)


def test_example_repeated_query_token_counts_twice():
    once = bm25_scores(["cat"], DOCS)
    twice = bm25_scores(["cat", "cat"], DOCS)
    torch.testing.assert_close(twice, 2 * once, rtol=1e-9, atol=1e-12)


def test_example_b_zero_ignores_length():
    got = bm25_scores(["sat"], DOCS, b=0.0)
    ln2 = math.log(2.0)
    torch.testing.assert_close(got, torch.tensor([ln2, ln2, 0.0, 0.0], dtype=torch.float64), rtol=1e-9, atol=1e-12)
