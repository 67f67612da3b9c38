import numpy as np

from solution import cosine_top_k, recall_at_k

QUERIES = np.array([[1.0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]])
CORPUS = np.array([[2.0, 0, 0, 0], [0, 3, 0, 0], [1, 1, 1, 1], [0, 0, 0, 0], [4, 4, 4, 4], [-1, 0, 0, 0]])


def test_example_top_k():
    top = np.asarray(cosine_top_k(QUERIES, CORPUS, k=3))
    assert top.shape == (3, 3), f"expected shape (3, 3), got {top.shape}"
    np.testing.assert_array_equal(top, [[0, 2, 4], [0, 1, 2], [2, 4, 0]])


def test_example_recall_excludes_queries_without_relevant_docs():
    got = recall_at_k(np.array([[0, 2, 4], [0, 1, 2], [2, 4, 0]]), [[0, 5], [], [4]])
    np.testing.assert_allclose(got, 0.75, rtol=1e-9)


def test_example_k_larger_than_corpus():
    top = np.asarray(cosine_top_k(QUERIES[:1], CORPUS, k=10))
    np.testing.assert_array_equal(top, [[0, 2, 4, 1, 3, 5]])
