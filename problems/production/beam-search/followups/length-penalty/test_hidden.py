import math

import numpy as np

from mlprep_harness.checks import describe as _describe
from solution import beam_search as _user_beam_search


def beam_search(step_fn, start, beam_width, max_len, end_token, **kwargs):
    """Your beam_search (keyword arguments passed on), with its result checked to be a list of at
    most beam_width (sequence, score) pairs -- sequence a list of ints, score a real number."""
    got = _user_beam_search(step_fn, start, beam_width, max_len, end_token, **kwargs)
    assert isinstance(got, list), "beam_search result: expected a list of (sequence, score) tuples, got %s" % _describe(got)
    assert len(got) <= beam_width, "beam_search result: at most beam_width=%d hypotheses, got %d" % (beam_width, len(got))
    for i, h in enumerate(got):
        assert isinstance(h, (tuple, list)) and len(h) == 2, \
            "beam_search result[%d]: expected a tuple (sequence, score), got %s" % (i, _describe(h))
        seq, score = h
        assert isinstance(seq, list) and all(isinstance(t, (int, np.integer)) and not isinstance(t, bool) for t in seq), \
            "beam_search result[%d]: expected the sequence as a list of ints, got %s" % (i, _describe(seq))
        ok = isinstance(score, (int, float, np.integer, np.floating)) and not isinstance(score, (bool, np.bool_))
        assert ok, "beam_search result[%d]: expected the score as a float, got %s" % (i, _describe(score))
    return [([int(t) for t in s], float(sc)) for s, sc in got]


def _lp(n_generated, alpha):
    return ((5.0 + n_generated) / 6.0) ** alpha


def _random_model(V, seed, end_token, end_shift=0.0):
    def step_fn(seq):
        rng = np.random.default_rng([seed] + [int(t) for t in seq])
        logits = 2.0 * rng.normal(size=V)
        logits[end_token] += end_shift
        m = logits.max()
        return logits - (m + math.log(np.exp(logits - m).sum()))
    return step_fn


def _reference(step_fn, start, beam_width, max_len, end_token, alpha):
    key = lambda h: (-(h[1] / _lp(len(h[0]) - 1, alpha)), h[0])
    alive, finished = [([start], 0.0)], []
    for _ in range(max_len):
        if not alive or len(finished) >= beam_width:
            break
        cands = []
        for seq, score in alive:
            lp = np.asarray(step_fn(list(seq)), dtype=float)
            cands.extend((seq + [t], score + float(lp[t])) for t in range(len(lp)))
        kept = sorted(cands, key=key)[: beam_width - len(finished)]
        finished += [h for h in kept if h[0][-1] == end_token]
        alive = [h for h in kept if h[0][-1] != end_token]
    return [(s, sc / _lp(len(s) - 1, alpha)) for s, sc in sorted(finished + alive, key=key)]


def _check(got, expected, what):
    assert [s for s, _ in got] == [s for s, _ in expected], \
        f"{what}: sequences {[s for s, _ in got]}, expected {[s for s, _ in expected]}"
    np.testing.assert_allclose([sc for _, sc in got], [sc for _, sc in expected], rtol=1e-7, atol=1e-9,
                               err_msg=f"{what}: normalised scores (sum of log-probs / ((5 + generated) / 6) ** alpha)")


_TABLE = {(0,): [0.5, 0.1, 0.4], (0, 0): [0.9, 0.05, 0.05], (0, 0, 0): [0.1, 0.1, 0.8], (0, 1): [0.3, 0.3, 0.4]}


def _table_fn(seq):
    return np.log(np.asarray(_TABLE[tuple(int(t) for t in seq)]))


def test_penalty_lets_the_longer_hypothesis_win():
    # [0, 2] has probability 0.4, [0, 0, 0, 2] has 0.36: without the penalty the short one wins;
    # with alpha = 1 the long one's score is log(0.36) / (8/6) = -0.766 > log(0.4) / 1 = -0.916
    got0 = beam_search(_table_fn, 0, 2, 3, 2, alpha=0.0)
    _check(got0, [([0, 2], math.log(0.4)), ([0, 0, 0, 2], math.log(0.36))], "alpha=0")
    got1 = beam_search(_table_fn, 0, 2, 3, 2, alpha=1.0)
    _check(got1, [([0, 0, 0, 2], math.log(0.36) / (8 / 6)), ([0, 2], math.log(0.4))], "alpha=1")


def test_scores_use_generated_length_gnmt_formula():
    # lengths 1 and 3 generated tokens; the start token does not count, and the penalty is
    # ((5 + L) / 6) ** alpha, not L ** alpha
    for alpha in (0.5, 2.0):
        got = beam_search(_table_fn, 0, 2, 3, 2, alpha=alpha)
        want = sorted([([0, 2], math.log(0.4) / _lp(1, alpha)), ([0, 0, 0, 2], math.log(0.36) / _lp(3, alpha))],
                      key=lambda h: (-h[1], h[0]))
        _check(got, want, f"alpha={alpha}")


def test_matches_reference_on_random_models():
    for seed, V, width, max_len, shift, alpha in [(1, 8, 3, 6, 0.0, 0.6), (2, 5, 5, 8, 1.0, 1.0),
                                                  (3, 40, 4, 5, 2.0, 2.0), (4, 3, 2, 10, 0.5, 0.8),
                                                  (5, 12, 6, 7, -1.0, 1.5), (6, 6, 4, 9, 0.3, 0.0)]:
        step_fn = _random_model(V, seed, V - 1, shift)
        got = beam_search(step_fn, 0, width, max_len, V - 1, alpha=alpha)
        _check(got, _reference(step_fn, 0, width, max_len, V - 1, alpha), f"seed {seed}, alpha={alpha}")


def test_result_sorted_by_its_scores_and_scores_recomputable():
    step_fn = _random_model(7, 21, 6, 0.8)
    got = beam_search(step_fn, 0, 6, 9, 6, alpha=1.2)
    scores = [sc for _, sc in got]
    assert scores == sorted(scores, reverse=True), f"result must be ranked by the normalised score, got {scores}"
    for s, sc in got:
        raw = sum(float(step_fn(s[:i])[s[i]]) for i in range(1, len(s)))
        np.testing.assert_allclose(sc, raw / _lp(len(s) - 1, 1.2), rtol=1e-7, atol=1e-9,
                                   err_msg=f"score of {s} must be its log-prob sum / ((5 + {len(s) - 1}) / 6) ** 1.2")


def test_default_alpha_is_part_one_and_negative_alpha_raises():
    step_fn = _random_model(6, 4, 5, 0.5)
    _check(beam_search(step_fn, 0, 3, 6, 5), _reference(step_fn, 0, 3, 6, 5, 0.0), "default alpha")
    got = beam_search(step_fn, 0, 3, 0, 5, alpha=1.0)
    _check(got, [([0], 0.0)], "max_len=0")
    try:
        _user_beam_search(step_fn, 0, 3, 4, 5, alpha=-0.5)
    except ValueError:
        pass
    else:
        raise AssertionError("alpha=-0.5 must raise ValueError (alpha >= 0)")
