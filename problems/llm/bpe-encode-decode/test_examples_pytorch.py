import torch

from solution import decode, encode

MERGES = torch.tensor([[101, 115], [108, 111], [256, 116], [257, 119]], dtype=torch.int64)   # es, lo, est, low


def _ids(got, expected):
    assert isinstance(got, torch.Tensor) and got.dtype == torch.int64, f"expected an int64 tensor, got {got!r}"
    assert got.tolist() == expected, f"expected ids {expected}, got {got.tolist()}"


def test_example_encode_and_decode():
    _ids(encode("lowest", MERGES), [259, 258])                       # "low" + "est"
    assert decode(torch.tensor([259, 258]), MERGES) == "lowest"


def test_example_lowest_rank_first():
    merges = torch.tensor([[98, 99], [97, 98]], dtype=torch.int64)   # (b, c) has rank 0, (a, b) rank 1
    _ids(encode("abc", merges), [97, 256])


def test_example_bytes_and_replacement():
    _ids(encode("é!", MERGES), [195, 169, 33])
    assert decode(torch.tensor([195]), MERGES) == "\ufffd"           # half of "é"
