import math

import numpy as np

from solution import dpo_loss


def test_example_batch_of_two():
    pc, pr = np.array([-10.0, -12.0]), np.array([-14.0, -11.0])
    rc, rr = np.array([-11.0, -12.0]), np.array([-13.0, -12.0])
    loss, cr, rej = dpo_loss(pc, pr, rc, rr, beta=0.5)
    expected = (math.log1p(math.exp(-1.0)) + math.log1p(math.exp(0.5))) / 2
    np.testing.assert_allclose(float(loss), expected, rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(np.asarray(cr), [0.5, 0.0], rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(np.asarray(rej), [-0.5, 0.5], rtol=1e-7, atol=1e-12)


def test_example_policy_equals_reference_gives_log2():
    pc, pr = np.array([-10.0, -12.0]), np.array([-14.0, -11.0])
    loss = dpo_loss(pc, pr, pc, pr)[0]
    np.testing.assert_allclose(float(loss), math.log(2.0), rtol=1e-7, atol=1e-12)


def test_example_huge_margin_is_stable():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        loss = dpo_loss(np.array([0.0]), np.array([1e4]), np.array([0.0]), np.array([0.0]), beta=1.0)[0]
    np.testing.assert_allclose(float(loss), 1e4, rtol=1e-7, atol=1e-12)
