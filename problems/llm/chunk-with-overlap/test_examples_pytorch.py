import torch

from solution import chunk_tokens


def _spans(got):
    assert isinstance(got, torch.Tensor), f"expected a tensor, got {type(got).__name__}"
    assert got.dtype == torch.int64, f"expected dtype torch.int64, got {got.dtype}"
    assert got.ndim == 2 and got.shape[1] == 2, f"expected shape (m, 2), got {tuple(got.shape)}"
    return [tuple(row) for row in got.tolist()]


def test_example_fixed_size():
    got = _spans(chunk_tokens(torch.arange(10), max_tokens=4, overlap=1))
    assert got == [(0, 4), (3, 7), (6, 10)], f"got {got}"


def test_example_no_duplicate_last_chunk():
    got = _spans(chunk_tokens(torch.arange(10), max_tokens=6, overlap=2))
    assert got == [(0, 6), (4, 10)], f"got {got}"


def test_example_sentence_boundaries():
    words = "The cat sat . It was warm . The end".split()
    vocab = {w: i for i, w in enumerate(sorted(set(words)))}       # "." gets id 0
    t = torch.tensor([vocab[w] for w in words], dtype=torch.int64)
    period = torch.tensor([vocab["."]], dtype=torch.int64)
    got = _spans(chunk_tokens(t, max_tokens=5, overlap=1, boundary_tokens=period, boundary_window=3))
    assert got == [(0, 4), (3, 8), (7, 10)], f"got {got}"


def test_example_overlap_must_be_smaller_than_budget():
    try:
        chunk_tokens(torch.tensor([1, 2, 3]), 4, 4)
    except ValueError:
        return
    raise AssertionError("overlap == max_tokens must raise ValueError")
