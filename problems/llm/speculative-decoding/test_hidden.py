import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import speculative_accept as _user_speculative_accept

_speculative_accept = user_function(_user_speculative_accept)


def speculative_accept(draft_tokens, q, p, rng):
    """Your speculative_accept, its result checked to be a 1-D integer array of length 1..k+1 that
    starts with the accepted drafts, before a test uses it."""
    got = _as_array(_speculative_accept(draft_tokens, q, p, rng), (None,), "speculative_accept result", "iu")
    k, V = len(draft_tokens), np.shape(q)[1]
    assert 1 <= got.shape[0] <= k + 1, f"returned {got.shape[0]} tokens; expected between 1 and k + 1 = {k + 1}"
    n = got.shape[0]
    assert np.array_equal(got[:n - 1], np.asarray(draft_tokens)[:n - 1]), (
        f"returned {got.tolist()}: all but the last token must be the accepted drafts {np.asarray(draft_tokens)[:n - 1].tolist()}")
    assert 0 <= got[-1] < V, f"last token {int(got[-1])} is outside 0..{V - 1}"
    return got


def _chi_square_limit(df, z=5.0):
    """Upper quantile of chi-square(df) (Wilson-Hilferty); z = 5 gives a tail below 1e-6."""
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def _chi_square_check(counts, probs, what):
    n = counts.sum()
    outside = (probs == 0) & (counts > 0)
    assert not outside.any(), f"{what}: drew tokens {np.flatnonzero(outside).tolist()} that have probability 0"
    keep = probs > 0
    exp = n * probs[keep]
    chi2 = float(np.sum((counts[keep] - exp) ** 2 / exp))
    limit = _chi_square_limit(int(keep.sum()) - 1)
    assert chi2 < limit, (f"{what}: counts {counts.astype(int).tolist()} vs expected {np.round(n * probs, 1).tolist()}; "
                          f"chi-square {chi2:.1f} > {limit:.1f} (false-failure probability < 1e-6)")


def _draw_drafts(q, rng):
    cdf = np.cumsum(q, axis=1)
    u = rng.random(q.shape[0])
    return np.array([min(int(np.searchsorted(cdf[i], u[i], side="right")), q.shape[1] - 1)
                     for i in range(q.shape[0])], dtype=np.int64)


# Draft and target rows with sum(min(p[i], q[i])) = 0.7 at every position.
Q = np.array([[0.1, 0.2, 0.3, 0.3, 0.1],
              [0.4, 0.1, 0.1, 0.2, 0.2],
              [0.2, 0.2, 0.2, 0.2, 0.2]])
P = np.array([[0.3, 0.3, 0.2, 0.1, 0.1],
              [0.2, 0.2, 0.2, 0.3, 0.1],
              [0.5, 0.05, 0.15, 0.1, 0.2],
              [0.1, 0.4, 0.1, 0.1, 0.3]])


def test_equal_draft_and_target_accept_all_and_add_bonus():
    q = np.array([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2], [0.1, 0.1, 0.8]])
    p = np.vstack([q, [0.0, 0.0, 1.0]])
    for seed in range(40):
        drafts = _draw_drafts(q, np.random.default_rng(1000 + seed))
        out = speculative_accept(drafts, q.copy(), p.copy(), np.random.default_rng(seed))
        assert out.tolist() == drafts.tolist() + [2], (
            f"seed {seed}: q == p must accept all drafts {drafts.tolist()} and add the bonus token 2 drawn "
            f"from the one-hot last row p[k]; got {out.tolist()}")


def test_token_the_target_never_produces_is_rejected_and_rest_discarded():
    q = np.array([[0.25, 0.25, 0.25, 0.25]] * 3)
    p = np.array([[0.0, 0.0, 0.0, 1.0], [0.25] * 4, [0.25] * 4, [0.25] * 4])
    for seed in range(40):
        out = speculative_accept(np.array([1, 0, 2]), q.copy(), p.copy(), np.random.default_rng(seed))
        assert out.tolist() == [3], (
            f"seed {seed}: p[0, 1] == 0 must reject draft 0, resample from the residual max(0, p - q) "
            f"(one-hot on token 3) and stop; got {out.tolist()}")


def test_rejection_at_second_position_uses_its_own_rows():
    q = np.array([[0.5, 0.5, 0.0], [0.2, 0.5, 0.3], [0.3, 0.3, 0.4]])
    p = np.array([[0.9, 0.1, 0.0],       # draft 0 (token 0): 0.9 / 0.5 >= 1, always accepted
                  [0.2, 0.0, 0.8],       # draft 1 (token 1): p == 0, rejected; residual one-hot on 2
                  [0.0, 1.0, 0.0],
                  [1.0, 0.0, 0.0]])
    for seed in range(40):
        out = speculative_accept(np.array([0, 1, 0]), q.copy(), p.copy(), np.random.default_rng(seed))
        assert out.tolist() == [0, 2], (
            f"seed {seed}: draft 0 must be accepted, draft 1 rejected and replaced from "
            f"normalize(max(0, p[1] - q[1])) = token 2; got {out.tolist()}")


def test_output_follows_target_at_every_position():
    n = 3000
    draw_rng, fn_rng = np.random.default_rng(1), np.random.default_rng(2)
    k, V = Q.shape
    counts = np.zeros((k + 1, V))
    accepted = np.zeros(k)
    for _ in range(n):
        drafts = _draw_drafts(Q, draw_rng)
        out = speculative_accept(drafts, Q, P, fn_rng)
        for j, t in enumerate(out.tolist()):
            counts[j, t] += 1
        accepted[:len(out) - 1] += 1
    # acceptance: position i is reached with probability 0.7^i and accepted with probability 0.7
    reached = np.concatenate([[n], accepted[:-1]])
    for i in range(k):
        rate, sd = accepted[i] / reached[i], math.sqrt(0.21 / reached[i])
        assert abs(rate - 0.7) < 5 * sd, (
            f"position {i}: acceptance rate {rate:.3f} over {int(reached[i])} steps, expected "
            f"sum(min(p, q)) = 0.7 (accept with probability min(1, p[x] / q[x]))")
    for j in range(k + 1):
        _chi_square_check(counts[j], P[j], f"output position {j} (p[{j}] = {P[j].tolist()})")


def test_bonus_token_follows_last_target_row():
    q = np.array([[0.3, 0.3, 0.4], [0.5, 0.25, 0.25]])
    p = np.vstack([q, [0.6, 0.1, 0.3]])
    rng, draw_rng = np.random.default_rng(3), np.random.default_rng(4)
    counts = np.zeros(3)
    for _ in range(1000):
        out = speculative_accept(_draw_drafts(q, draw_rng), q, p, rng)
        assert out.shape[0] == 3, f"q == p must accept both drafts and add a bonus token; got {out.tolist()}"
        counts[out[-1]] += 1
    _chi_square_check(counts, p[2], "bonus token (must be drawn from p[k], the last target row)")


def test_same_seed_same_output():
    draw_rng = np.random.default_rng(5)
    results = set()
    for seed in range(30):
        drafts = _draw_drafts(Q, draw_rng)
        a = speculative_accept(drafts, Q, P, np.random.default_rng(seed))
        b = speculative_accept(drafts, Q, P, np.random.default_rng(seed))
        assert a.tolist() == b.tolist(), f"seed {seed}: the same seed gave {a.tolist()} and {b.tolist()}"
        results.add(tuple(a.tolist()))
    assert len(results) > 1, "30 seeds all gave the same output: is rng used?"


def test_does_not_modify_inputs():
    drafts = np.array([2, 0, 4])
    q, p = Q.copy(), P.copy()
    for seed in range(10):
        speculative_accept(drafts, q, p, np.random.default_rng(seed))
    np.testing.assert_array_equal(q, Q, err_msg="q was modified in place")
    np.testing.assert_array_equal(p, P, err_msg="p was modified in place")
    np.testing.assert_array_equal(drafts, [2, 0, 4], err_msg="draft_tokens was modified in place")
