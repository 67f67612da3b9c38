import math

import torch

from solution import dpo_loss


def _t(values):
    return torch.tensor(values, dtype=torch.float64)


def test_example_batch_of_two():
    pc, pr = _t([-10.0, -12.0]), _t([-14.0, -11.0])
    rc, rr = _t([-11.0, -12.0]), _t([-13.0, -12.0])
    loss, cr, rej = dpo_loss(pc, pr, rc, rr, beta=0.5)
    expected = (math.log1p(math.exp(-1.0)) + math.log1p(math.exp(0.5))) / 2
    torch.testing.assert_close(torch.as_tensor(loss, dtype=torch.float64), _t(expected), rtol=1e-7, atol=1e-12)
    torch.testing.assert_close(cr, _t([0.5, 0.0]), rtol=1e-7, atol=1e-12)
    torch.testing.assert_close(rej, _t([-0.5, 0.5]), rtol=1e-7, atol=1e-12)


def test_example_policy_equals_reference_gives_log2():
    pc, pr = _t([-10.0, -12.0]), _t([-14.0, -11.0])
    loss = dpo_loss(pc, pr, pc, pr)[0]
    assert abs(float(loss) - math.log(2.0)) <= 1e-9, f"expected log 2, got {float(loss)}"


def test_example_huge_margin_is_stable():
    loss = dpo_loss(_t([0.0]), _t([1e4]), _t([0.0]), _t([0.0]), beta=1.0)[0]
    assert abs(float(loss) - 1e4) <= 1e-3, f"expected 1e4, got {float(loss)}"
