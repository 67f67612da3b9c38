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


def _has_repeat(seq, n):
    """Any n-gram of seq (start token included) occurring twice."""
    if n <= 0:
        return False
    grams = [tuple(seq[i:i + n]) for i in range(len(seq) - n + 1)]
    return len(grams) != len(set(grams))


def _reference(step_fn, start, beam_width, max_len, end_token, alpha=0.0, n=0):
    key = lambda h: (-(h[1] / _lp(len(h[0]) - 1, alpha)), h[0])
    alive, finished = [([start], 0.0)], []
    for _ in range(max_len):
        if not alive or len(finished) >= beam_width:
            break
        cands = []
        for seq, score in alive:
            lp = np.asarray(step_fn(list(seq)), dtype=float)
            # the alive prefix has no repeated n-gram, so a repeat in seq + [t] must end at t
            cands.extend((seq + [t], score + float(lp[t])) for t in range(len(lp)) if not _has_repeat(seq + [t], n))
        kept = sorted(cands, key=key)[: beam_width - len(finished)]
        finished += [h for h in kept if h[0][-1] == end_token]
        alive = [h for h in kept if h[0][-1] != end_token]
    return [(s, sc / _lp(len(s) - 1, alpha)) for s, sc in sorted(finished + alive, key=key)]


def _check(got, expected, what):
    assert [s for s, _ in got] == [s for s, _ in expected], \
        f"{what}: sequences {[s for s, _ in got]}, expected {[s for s, _ in expected]}"
    np.testing.assert_allclose([sc for _, sc in got], [sc for _, sc in expected], rtol=1e-7, atol=1e-9,
                               err_msg=f"{what}: scores")


def _random_model(V, seed, end_token, end_shift=0.0, calls=None):
    def step_fn(seq):
        if calls is not None:
            calls.append(list(seq))
        rng = np.random.default_rng([seed] + [int(t) for t in seq])
        logits = 2.0 * rng.normal(size=V)
        logits[end_token] += end_shift
        m = logits.max()
        return logits - (m + math.log(np.exp(logits - m).sum()))
    return step_fn


def _loop_model(cycle, V, end_token, strength=4.0):
    """A model that loves repeating `cycle`: the next cycle token gets a large logit."""
    def step_fn(seq):
        logits = np.zeros(V)
        last = int(seq[-1])
        nxt = cycle[(cycle.index(last) + 1) % len(cycle)] if last in cycle else cycle[0]
        logits[nxt] += strength
        logits[end_token] -= 2.0
        m = logits.max()
        return logits - (m + math.log(np.exp(logits - m).sum()))
    return step_fn


def test_no_result_repeats_an_ngram_on_a_looping_model():
    # the model wants 1 2 3 1 2 3 ...; without blocking the best hypothesis repeats [1, 2]
    step_fn = _loop_model([1, 2, 3], V=6, end_token=5)
    plain = beam_search(step_fn, 0, 3, 9, 5)
    assert any(_has_repeat(s, 2) for s, _ in plain), "test setup: the model should repeat without blocking"
    for n in (1, 2, 3):
        got = beam_search(step_fn, 0, 3, 9, 5, no_repeat_ngram_size=n)
        for s, _ in got:
            assert not _has_repeat(s, n), f"no_repeat_ngram_size={n}: result {s} repeats a {n}-gram"
        _check(got, _reference(step_fn, 0, 3, 9, 5, n=n), f"looping model, n={n}")


def test_repeats_need_not_be_adjacent():
    # cycle of 4: the first repeat of [1, 2] comes two tokens after the first one (1 2 3 4 1 2),
    # not right after it; comparing with the previous n tokens only misses it
    step_fn = _loop_model([1, 2, 3, 4], V=7, end_token=6)
    got = beam_search(step_fn, 0, 2, 8, 6, no_repeat_ngram_size=2)
    for s, _ in got:
        assert not _has_repeat(s, 2), f"result {s} repeats a 2-gram (occurrences anywhere earlier count)"
    _check(got, _reference(step_fn, 0, 2, 8, 6, n=2), "cycle of 4, n=2")


def _favourite_model(favourite, V, end_token):
    """A model that prefers the token `favourite[last token]` (default token 1) next."""
    def step_fn(seq):
        logits = np.zeros(V)
        logits[favourite.get(int(seq[-1]), 1)] += 4.0
        logits[end_token] -= 1.0
        m = logits.max()
        return logits - (m + math.log(np.exp(logits - m).sum()))
    return step_fn


def test_overlapping_repeats_and_multi_digit_tokens():
    # the model loves 1 after 1: [0, 1, 1, 1] repeats the 2-gram [1, 1] at overlapping positions
    step_fn = _favourite_model({}, V=4, end_token=3)
    got = beam_search(step_fn, 0, 2, 5, 3, no_repeat_ngram_size=2)
    for s, _ in got:
        assert not _has_repeat(s, 2), f"result {s} repeats a 2-gram (overlapping occurrences count: 1 1 1)"
    _check(got, _reference(step_fn, 0, 2, 5, 3, n=2), "token 1 after token 1, n=2")
    # tokens are integers, not characters: 1 after 11 repeats nothing ('1' inside '11' is no 1-gram)
    step_fn = _favourite_model({0: 11, 11: 1, 1: 12}, V=14, end_token=13)
    got = beam_search(step_fn, 0, 2, 4, 13, no_repeat_ngram_size=1)
    assert got and got[0][0][:3] == [0, 11, 1], \
        f"best result {got[0][0] if got else None}: [0, 11, 1, ...] repeats no token (1 is not part of 11)"
    _check(got, _reference(step_fn, 0, 2, 4, 13, n=1), "tokens 11 then 1, n=1")


def test_start_token_is_part_of_the_ngrams():
    # n = 1: no token may appear twice, the start token included; the model loves token 0 (= start)
    def step_fn(seq):
        lp = np.log(np.array([0.7, 0.1, 0.1, 0.1]))
        return lp
    got = beam_search(step_fn, 0, 2, 4, 3, no_repeat_ngram_size=1)
    for s, _ in got:
        assert 0 not in s[1:], f"result {s}: token 0 is the start token, a second 0 repeats the 1-gram [0]"
    _check(got, _reference(step_fn, 0, 2, 4, 3, n=1), "n=1, start token 0")


def test_blocked_candidates_are_removed_not_just_penalised():
    # V = 3 and n = 1: from [0] only [0, 1] and [0, 2] are allowed; with 5 free slots both are kept
    # and nothing else (a blocked candidate given a huge negative score would fill a slot)
    lp = np.log(np.array([0.5, 0.3, 0.2]))
    got = beam_search(lambda seq: lp, 0, 5, 4, 2, no_repeat_ngram_size=1)
    _check(got, [([0, 2], math.log(0.2)), ([0, 1, 2], math.log(0.3) + math.log(0.2))], "V=3, width 5, n=1")


def test_matches_reference_on_random_models():
    for seed, V, width, max_len, shift, n, alpha in [(1, 4, 3, 8, -1.0, 2, 0.0), (2, 5, 4, 9, -0.5, 3, 0.0),
                                                     (3, 3, 5, 7, -2.0, 2, 0.0), (4, 6, 3, 10, -1.5, 1, 0.0),
                                                     (5, 4, 4, 9, -1.0, 2, 1.0), (6, 8, 2, 8, 0.0, 4, 0.7)]:
        step_fn = _random_model(V, seed, V - 1, shift)
        got = beam_search(step_fn, 0, width, max_len, V - 1, alpha=alpha, no_repeat_ngram_size=n)
        _check(got, _reference(step_fn, 0, width, max_len, V - 1, alpha, n), f"seed {seed}, n={n}, alpha={alpha}")


def test_default_is_part_two_and_invalid_size_raises():
    step_fn = _loop_model([1, 2], V=4, end_token=3)
    _check(beam_search(step_fn, 0, 2, 6, 3), _reference(step_fn, 0, 2, 6, 3), "default no_repeat_ngram_size=0")
    _check(beam_search(step_fn, 0, 2, 6, 3, no_repeat_ngram_size=0), _reference(step_fn, 0, 2, 6, 3), "size 0")
    try:
        _user_beam_search(step_fn, 0, 2, 6, 3, no_repeat_ngram_size=-1)
    except ValueError:
        pass
    else:
        raise AssertionError("no_repeat_ngram_size=-1 must raise ValueError")
