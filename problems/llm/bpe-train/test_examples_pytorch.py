import numpy as np
import torch

from solution import train_bpe


def test_example_tie_goes_to_smallest_pair():
    # (e,s), (l,o), (o,w), (s,t), (w,e) all occur 3 times: (101, 115) = (e, s) is the smallest.
    merges = train_bpe(["low", "low", "lower", "newest", "newest", "widest"], 3)
    assert isinstance(merges, torch.Tensor) and merges.dtype == torch.int64, f"expected an int64 tensor, got {type(merges).__name__}"
    assert tuple(merges.shape) == (3, 2), f"expected shape (3, 2), got {tuple(merges.shape)}"
    np.testing.assert_array_equal(merges.numpy(), [[101, 115], [108, 111], [256, 116]])


def test_example_runs_counted_without_overlap_and_early_stop():
    # "aaa" holds (a, a) once, so (b, c) with 3 occurrences wins; then no pair is left.
    merges = train_bpe(["aaa", "aaa", "bc", "bc", "bc"], 5)
    assert isinstance(merges, torch.Tensor) and merges.dtype == torch.int64, f"expected an int64 tensor, got {type(merges).__name__}"
    assert tuple(merges.shape) == (3, 2), f"expected shape (3, 2) (training stops early), got {tuple(merges.shape)}"
    np.testing.assert_array_equal(merges.numpy(), [[98, 99], [97, 97], [257, 97]])


def test_example_no_merges():
    merges = train_bpe(["ab", "cd"], 4)           # every pair occurs once
    assert isinstance(merges, torch.Tensor) and merges.dtype == torch.int64, f"expected an int64 tensor, got {type(merges).__name__}"
    assert tuple(merges.shape) == (0, 2), f"expected shape (0, 2), got {tuple(merges.shape)}"
