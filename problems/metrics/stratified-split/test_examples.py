import numpy as np
from solution import stratified_split


def test_example_counts_per_class():
    y = np.array([0, 1, 1, 0, 1, 1, 1, 0, 1, 0])
    train_idx, test_idx = stratified_split(y, test_size=0.25, seed=0)
    train_idx, test_idx = np.asarray(train_idx), np.asarray(test_idx)
    assert train_idx.shape == (7,) and test_idx.shape == (3,), \
        f"expected 7 train / 3 test indices, got {train_idx.shape} / {test_idx.shape}"
    assert np.bincount(y[test_idx], minlength=2).tolist() == [1, 2], "test set must hold 1 of class 0 and 2 of class 1"
    assert sorted(train_idx.tolist() + test_idx.tolist()) == list(range(10)), "train and test must partition 0..9"


def test_example_half_rounds_up():
    y = ["a"] * 10 + ["b"] * 3
    train_idx, test_idx = stratified_split(y, test_size=0.25, seed=1)
    test_labels = [y[i] for i in np.asarray(test_idx).tolist()]
    assert test_labels.count("a") == 3, "0.25 * 10 = 2.5 must round up to 3"
    assert test_labels.count("b") == 1, "0.25 * 3 = 0.75 must round to 1"
    assert len(np.asarray(train_idx)) == 9
