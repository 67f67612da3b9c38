import numpy as np

from solution import dropout


def test_example_kept_values_scaled():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    out, mask = dropout(x, p=0.5, seed=0)
    out, mask = np.asarray(out), np.asarray(mask)
    assert out.shape == (2, 2) and mask.shape == (2, 2), f"shapes {out.shape}, {mask.shape}, expected (2, 2)"
    assert mask.dtype == bool, f"mask dtype {mask.dtype}, expected bool"
    np.testing.assert_allclose(out, np.where(mask, x / 0.5, 0.0), rtol=1e-12,
                               err_msg="out should be x / (1 - p) where kept and 0 where dropped")


def test_example_eval_is_identity():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    out, mask = dropout(x, p=0.5, training=False)
    np.testing.assert_array_equal(np.asarray(out), x)
    assert np.asarray(mask).all(), "in evaluation mode the mask must be all True"


def test_example_p_one_drops_everything():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    out, mask = dropout(x, p=1.0)
    np.testing.assert_array_equal(np.asarray(out), np.zeros((2, 2)))
    assert not np.asarray(mask).any(), "with p = 1 the mask must be all False"
