import numpy as np

from solution import oof_target_encode


def test_statement_example():
    tr, te = oof_target_encode(["a", "a", "b", "b", "a", "c"], [1, 0, 1, 1, 0, 1],
                               [0, 1, 0, 1, 2, 2], ["a", "b", "d"], m=1.0)
    tr, te = np.asarray(tr), np.asarray(te)
    assert tr.shape == (6,), f"train shape {tr.shape}, expected (6,)"
    assert te.shape == (3,), f"test shape {te.shape}, expected (3,)"
    np.testing.assert_allclose(tr, [1 / 6, 7 / 12, 3 / 4, 7 / 8, 7 / 12, 3 / 4], rtol=1e-7, atol=1e-9,
                               err_msg="train (out-of-fold) encodings")
    np.testing.assert_allclose(te, [5 / 12, 8 / 9, 2 / 3], rtol=1e-7, atol=1e-9,
                               err_msg="test encodings")


def test_m_zero_gives_plain_out_of_fold_mean():
    # fold 0 is encoded from fold 1 only and vice versa
    tr, te = oof_target_encode(["x", "x", "x", "x"], [1.0, 0.0, 3.0, 5.0], [0, 0, 1, 1], ["x"], m=0.0)
    np.testing.assert_allclose(np.asarray(tr), [4.0, 4.0, 0.5, 0.5], rtol=1e-7, atol=1e-9,
                               err_msg="train encodings with m=0")
    np.testing.assert_allclose(np.asarray(te), [2.25], rtol=1e-7, atol=1e-9, err_msg="test encoding with m=0")
