import torch

from solution import dropout


def _x():
    return torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)


def test_example_kept_values_scaled():
    x = _x()
    out, mask = dropout(x, p=0.5, seed=0)
    assert tuple(out.shape) == (2, 2) and tuple(mask.shape) == (2, 2), f"shapes {tuple(out.shape)}, {tuple(mask.shape)}, expected (2, 2)"
    assert mask.dtype == torch.bool, f"mask dtype {mask.dtype}, expected torch.bool"
    torch.testing.assert_close(out, torch.where(mask, x / 0.5, torch.zeros_like(x)), rtol=1e-12, atol=0,
                               msg="out should be x / (1 - p) where kept and 0 where dropped")


def test_example_eval_is_identity():
    x = _x()
    out, mask = dropout(x, p=0.5, training=False)
    assert torch.equal(out, x), f"evaluation mode must return x, got {out.tolist()}"
    assert bool(mask.all()), "in evaluation mode the mask must be all True"


def test_example_p_one_drops_everything():
    out, mask = dropout(_x(), p=1.0)
    assert torch.equal(out, torch.zeros((2, 2), dtype=torch.float64)), f"got {out.tolist()}"
    assert not bool(mask.any()), "with p = 1 the mask must be all False"
