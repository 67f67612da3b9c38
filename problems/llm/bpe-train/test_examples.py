import numpy as np

from solution import train_bpe


def test_example_tie_goes_to_smallest_pair():
    # (e,s), (l,o), (o,w), (s,t), (w,e) all occur 3 times: (101, 115) = (e, s) is the smallest.
    merges = np.asarray(train_bpe(["low", "low", "lower", "newest", "newest", "widest"], 3))
    assert merges.shape == (3, 2), f"expected shape (3, 2), got {merges.shape}"
    np.testing.assert_array_equal(merges, [[101, 115], [108, 111], [256, 116]])


def test_example_runs_counted_without_overlap_and_early_stop():
    # "aaa" holds (a, a) once, so (b, c) with 3 occurrences wins; then no pair is left.
    merges = np.asarray(train_bpe(["aaa", "aaa", "bc", "bc", "bc"], 5))
    assert merges.shape == (3, 2), f"expected shape (3, 2) (training stops early), got {merges.shape}"
    np.testing.assert_array_equal(merges, [[98, 99], [97, 97], [257, 97]])


def test_example_no_merges():
    merges = np.asarray(train_bpe(["ab", "cd"], 4))          # every pair occurs once
    assert merges.shape == (0, 2), f"expected shape (0, 2), got {merges.shape}"
