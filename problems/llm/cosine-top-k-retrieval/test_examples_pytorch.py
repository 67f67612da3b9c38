import torch

from solution import cosine_top_k, recall_at_k

QUERIES = torch.tensor([[1.0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]], dtype=torch.float64)
CORPUS = torch.tensor([[2.0, 0, 0, 0], [0, 3, 0, 0], [1, 1, 1, 1], [0, 0, 0, 0], [4, 4, 4, 4], [-1, 0, 0, 0]],
                      dtype=torch.float64)


def test_example_top_k():
    top = cosine_top_k(QUERIES, CORPUS, k=3)
    assert isinstance(top, torch.Tensor), f"expected a tensor, got {type(top).__name__}"
    assert tuple(top.shape) == (3, 3), f"expected shape (3, 3), got {tuple(top.shape)}"
    assert top.tolist() == [[0, 2, 4], [0, 1, 2], [2, 4, 0]], f"got {top.tolist()}"


def test_example_recall_excludes_queries_without_relevant_docs():
    got = recall_at_k(torch.tensor([[0, 2, 4], [0, 1, 2], [2, 4, 0]]), [[0, 5], [], [4]])
    assert abs(float(got) - 0.75) <= 1e-9, f"expected 0.75, got {got}"


def test_example_k_larger_than_corpus():
    top = cosine_top_k(QUERIES[:1], CORPUS, k=10)
    assert top.tolist() == [[0, 2, 4, 1, 3, 5]], f"got {top.tolist()}"
