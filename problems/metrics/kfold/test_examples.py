import numpy as np
from solution import kfold_indices


def test_example_unshuffled_10_3():
    folds = kfold_indices(10, 3)
    assert len(folds) == 3, f"expected 3 folds, got {len(folds)}"
    expected_test = [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]
    for i, (tr, te) in enumerate(folds):
        assert np.asarray(te).tolist() == expected_test[i], f"fold {i}: test indices are {np.asarray(te).tolist()}"
        exp_tr = [j for j in range(10) if j not in expected_test[i]]
        assert np.asarray(tr).tolist() == exp_tr, f"fold {i}: train indices are {np.asarray(tr).tolist()}"


def test_example_shuffled_sizes():
    sizes = [len(np.asarray(te)) for _, te in kfold_indices(10, 3, shuffle=True, seed=7)]
    assert sizes == [4, 3, 3], f"fold sizes {sizes}, expected [4, 3, 3]"
