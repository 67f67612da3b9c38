import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.checks import as_scalar as _as_scalar
from mlprep_harness.checks import as_tuple as _as_tuple
from mlprep_harness.frameworks import user_function
from solution import dpo_loss as _user_dpo_loss

RTOL, ATOL = 1e-7, 1e-12
_user = user_function(_user_dpo_loss)


def dpo_loss(pc, pr, rc, rr, *args, **kwargs):
    """Your dpo_loss under np.errstate (overflow, division by zero and invalid operations raise;
    underflow is allowed), its result checked to be (float, (B,) float array, (B,) float array)."""
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        got = _user(pc, pr, rc, rr, *args, **kwargs)
    loss, cr, rej = _as_tuple(got, 3, ("loss", "chosen_rewards", "rejected_rewards"), "dpo_loss result")
    b = np.shape(pc)[0]
    return (_as_scalar(loss, "dpo_loss loss"), _as_array(cr, (b,), "dpo_loss chosen_rewards"),
            _as_array(rej, (b,), "dpo_loss rejected_rewards"))


def _softplus(x):
    """log(1 + e^x) for one Python float, exact for any finite x."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _reference(pc, pr, rc, rr, beta):
    """Slow per-pair reference (Python floats): mean of -log sigmoid(z_i)."""
    losses = [_softplus(-beta * ((a - c) - (b - d))) for a, b, c, d in zip(pc, pr, rc, rr)]
    return sum(losses) / len(losses)


def _batch(seed, b=64, scale=30.0):
    rng = np.random.default_rng(seed)
    pc = -rng.uniform(5, 200, size=b)
    pr = -rng.uniform(5, 200, size=b)
    rc = pc + rng.normal(0, scale / 10, size=b)
    rr = pr + rng.normal(0, scale / 10, size=b)
    return pc, pr, rc, rr


def test_matches_reference_on_a_random_batch():
    for seed, beta in ((0, 0.1), (1, 0.5), (2, 2.0)):
        pc, pr, rc, rr = _batch(seed)
        loss, cr, rej = dpo_loss(pc, pr, rc, rr, beta=beta)
        np.testing.assert_allclose(loss, _reference(pc, pr, rc, rr, beta), rtol=RTOL, atol=ATOL,
                                   err_msg=f"loss differs from -mean(log sigmoid(z)) (beta={beta})")
        np.testing.assert_allclose(cr, beta * (pc - rc), rtol=RTOL, atol=ATOL,
                                   err_msg=f"chosen_rewards should be beta * (policy_chosen - ref_chosen) (beta={beta})")
        np.testing.assert_allclose(rej, beta * (pr - rr), rtol=RTOL, atol=ATOL,
                                   err_msg=f"rejected_rewards should be beta * (policy_rejected - ref_rejected) (beta={beta})")


def test_default_beta_is_0_1():
    pc, pr, rc, rr = _batch(3, b=8)
    loss, cr, _ = dpo_loss(pc, pr, rc, rr)
    np.testing.assert_allclose(loss, _reference(pc, pr, rc, rr, 0.1), rtol=RTOL, atol=ATOL,
                               err_msg="without beta the loss should use beta = 0.1")
    np.testing.assert_allclose(cr, 0.1 * (pc - rc), rtol=RTOL, atol=ATOL, err_msg="default beta 0.1 in chosen_rewards")


def test_policy_equal_to_reference_gives_log2_for_any_beta():
    pc, pr, _, _ = _batch(4, b=10)
    for beta in (0.1, 1.0, 7.0):
        loss, cr, rej = dpo_loss(pc, pr, pc.copy(), pr.copy(), beta=beta)
        np.testing.assert_allclose(loss, math.log(2.0), rtol=RTOL, atol=ATOL,
                                   err_msg=f"policy == reference means z = 0 and loss = log 2 (beta={beta}); "
                                           "is beta inside the sigmoid and the reference subtracted?")
        np.testing.assert_allclose(cr, np.zeros(10), atol=ATOL, err_msg="policy == reference: rewards are 0")
        np.testing.assert_allclose(rej, np.zeros(10), atol=ATOL, err_msg="policy == reference: rewards are 0")


def test_reference_log_ratio_enters_with_a_minus_sign():
    # policy prefers chosen by 2 nats; the reference prefers it by 5: z = beta * (2 - 5) < 0
    pc, pr = np.array([-10.0]), np.array([-12.0])
    rc, rr = np.array([-20.0]), np.array([-25.0])
    loss, cr, rej = dpo_loss(pc, pr, rc, rr, beta=1.0)
    np.testing.assert_allclose(loss, _softplus(3.0), rtol=RTOL, atol=ATOL,
                               err_msg="z = (pc - rc) - (pr - rr) = 10 - 13 = -3 gives loss softplus(3)")
    np.testing.assert_allclose(cr, [10.0], rtol=RTOL, err_msg="chosen_rewards = beta * (pc - rc)")
    np.testing.assert_allclose(rej, [13.0], rtol=RTOL, err_msg="rejected_rewards = beta * (pr - rr)")


def test_loss_decreases_as_the_chosen_margin_grows():
    pr, rc, rr = np.array([-30.0]), np.array([-25.0]), np.array([-28.0])
    losses = [dpo_loss(np.array([c]), pr, rc, rr, beta=0.3)[0] for c in np.linspace(-40.0, 0.0, 9)]
    assert all(a > b for a, b in zip(losses, losses[1:])), \
        f"raising the policy's chosen log-prob must lower the loss; got {np.round(losses, 6).tolist()}"
    losses_r = [dpo_loss(rc.copy(), np.array([r]), rc, rr, beta=0.3)[0] for r in np.linspace(-40.0, 0.0, 9)]
    assert all(a < b for a, b in zip(losses_r, losses_r[1:])), \
        f"raising the policy's rejected log-prob must raise the loss; got {np.round(losses_r, 6).tolist()}"


def test_swapping_chosen_and_rejected_shifts_loss_by_z():
    # softplus(z) - softplus(-z) = z for one pair: a property of -log sigmoid
    pc, pr, rc, rr = _batch(5, b=1)
    beta = 0.7
    z = beta * ((pc[0] - rc[0]) - (pr[0] - rr[0]))
    loss, _, _ = dpo_loss(pc, pr, rc, rr, beta=beta)
    swapped, _, _ = dpo_loss(pr, pc, rr, rc, beta=beta)
    np.testing.assert_allclose(swapped - loss, z, rtol=1e-6, atol=1e-9,
                               err_msg="loss(rejected, chosen) - loss(chosen, rejected) must equal z")


def test_mean_over_the_batch_not_sum():
    pc, pr, rc, rr = _batch(6, b=1)
    one, _, _ = dpo_loss(pc, pr, rc, rr, beta=0.2)
    five, _, _ = dpo_loss(np.repeat(pc, 5), np.repeat(pr, 5), np.repeat(rc, 5), np.repeat(rr, 5), beta=0.2)
    np.testing.assert_allclose(five, one, rtol=RTOL, atol=ATOL,
                               err_msg="five copies of one pair must give the same loss as one (mean, not sum)")


def test_huge_margins_are_exact_without_overflow():
    # z = -1e4, +1e4, -1e5, 0, -800, 800 with beta = 1
    pc = np.array([0.0, 1e4, 0.0, -5.0, 0.0, 800.0])
    pr = np.array([1e4, 0.0, 1e5, -5.0, 800.0, 0.0])
    zeros = np.zeros(6)
    loss, _, _ = dpo_loss(pc, pr, zeros, zeros.copy(), beta=1.0)
    expected = (1e4 + 0.0 + 1e5 + math.log(2.0) + 800.0 + 0.0) / 6
    assert math.isfinite(loss), f"loss is {loss} for margins of 1e4"
    np.testing.assert_allclose(loss, expected, rtol=RTOL, atol=ATOL,
                               err_msg="-log sigmoid(z) must be ~ -z for z = -1e4 and ~0 for z = 1e4 (no clipping)")
    # beta scales the margin inside the sigmoid: beta = 100 turns a margin of -100 into z = -1e4
    loss, _, _ = dpo_loss(np.array([0.0]), np.array([100.0]), np.array([0.0]), np.array([0.0]), beta=100.0)
    np.testing.assert_allclose(loss, 1e4, rtol=RTOL, err_msg="beta = 100, margin -100: loss 1e4")


def test_tiny_losses_keep_relative_precision():
    # z = 40: loss = log1p(e^-40) ~ 4.2e-18, which 1 - sigmoid or log(1 + e^-z) round to 0
    loss, _, _ = dpo_loss(np.array([40.0]), np.array([0.0]), np.array([0.0]), np.array([0.0]), beta=1.0)
    np.testing.assert_allclose(loss, math.log1p(math.exp(-40.0)), rtol=1e-6, atol=0,
                               err_msg="for z = 40 the loss is 4.25e-18; use log1p, not log(1 + ...)")


def test_inputs_not_modified():
    pc, pr, rc, rr = _batch(7, b=12)
    before = [a.copy() for a in (pc, pr, rc, rr)]
    dpo_loss(pc, pr, rc, rr, beta=0.5)
    for name, a, b in zip(("policy_chosen", "policy_rejected", "ref_chosen", "ref_rejected"), (pc, pr, rc, rr), before):
        np.testing.assert_array_equal(a, b, err_msg=f"{name}_logps was modified")


def test_different_shapes_and_empty_batch_raise():
    a3, a4 = np.zeros(3), np.zeros(4)
    for args in ((a3, a3, a3, a4), (a4, a3, a3, a3), (a3, a3, np.zeros(1), a3), (np.zeros(0),) * 4):
        try:
            _user(*args, beta=0.1)
        except ValueError:
            continue
        raise AssertionError("shapes %s should raise ValueError (different shapes or an empty batch)"
                             % [np.shape(a) for a in args])
