import numpy as np
from solution import confusion_matrix


def test_example_default_labels():
    C, labels = confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])
    assert np.asarray(labels).tolist() == [0, 1, 2], f"labels_out should be [0, 1, 2], got {np.asarray(labels).tolist()}"
    C = np.asarray(C)
    assert C.shape == (3, 3), f"C should have shape (3, 3), got {C.shape}"
    assert C.tolist() == [[2, 0, 0], [0, 0, 1], [1, 0, 2]], f"C is wrong (rows = true, columns = predicted): {C.tolist()}"


def test_example_given_labels_with_unseen_and_ignored():
    C, labels = confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], labels=[2, 0, 3])
    assert np.asarray(labels).tolist() == [2, 0, 3], "labels_out must keep the given order"
    assert np.asarray(C).tolist() == [[2, 1, 0], [0, 2, 0], [0, 0, 0]], f"C is wrong: {np.asarray(C).tolist()}"


def test_example_string_labels():
    _, labels = confusion_matrix(["cat", "ant", "cat"], ["ant", "bird", "cat"])
    assert np.asarray(labels).tolist() == ["ant", "bird", "cat"], "labels_out must be the sorted union of both inputs"
