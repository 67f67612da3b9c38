import numpy as np
from solution import ndcg_at_k


def test_statement_example():
    got = ndcg_at_k([3, 2, 3, 0, 1, 2], [0.9, 0.8, 0.1, 0.7, 0.6, 0.8], k=4)
    np.testing.assert_allclose(got, 0.7314467750205518, rtol=1e-6, atol=1e-9)


def test_no_relevant_items_gives_zero():
    got = ndcg_at_k([0, 0, 0], [0.3, 0.2, 0.1], k=2)
    assert got == 0.0, f"expected 0.0 when the ideal DCG is 0, got {got}"


def test_perfect_ranking_gives_one():
    got = ndcg_at_k([3, 2, 1, 0], [4.0, 3.0, 2.0, 1.0], k=3)
    np.testing.assert_allclose(got, 1.0, rtol=1e-6, atol=1e-9)
