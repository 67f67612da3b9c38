import math

import numpy as np

from solution import beam_search as _user_beam_search


def _describe(x):
    """What came back, for messages: 'an array of shape (1, 1) (dtype float64)', 'a list of length 3'."""
    if isinstance(x, np.ndarray):
        return "an array of shape %s (dtype %s)" % (x.shape, x.dtype)
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s" % type(x).__name__


def beam_search(step_fn, start, beam_width, max_len, end_token):
    """Your beam_search, with its result checked to be a list of at most beam_width (sequence, score)
    pairs -- sequence a list of ints, score a real number -- before a test uses it."""
    got = _user_beam_search(step_fn, start, beam_width, max_len, end_token)
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
    return got


def _random_model(V, seed, end_token=None, end_shift=0.0, calls=None):
    """Deterministic pseudo-random model: log-probs depend on the whole sequence."""

    def step_fn(seq):
        seq = [int(t) for t in seq]
        if calls is not None:
            calls.append(tuple(seq))
        rng = np.random.default_rng([seed] + seq)
        logits = 2.0 * rng.normal(size=V)
        if end_token is not None:
            logits[end_token] += end_shift
        m = logits.max()
        return logits - (m + math.log(np.exp(logits - m).sum()))

    return step_fn


def _reference(step_fn, start, beam_width, max_len, end_token):
    key = lambda h: (-h[1], h[0])
    alive, finished = [([start], 0.0)], []
    steps = 0
    while steps < max_len and alive:
        steps += 1
        cands = []
        for seq, score in alive:
            lp = np.asarray(step_fn(list(seq)), dtype=float)
            cands.extend((seq + [t], score + float(lp[t])) for t in range(len(lp)))
        kept = sorted(cands, key=key)[: beam_width - len(finished)]
        finished += [h for h in kept if h[0][-1] == end_token]
        alive = [h for h in kept if h[0][-1] != end_token]
    return sorted(finished + alive, key=key)


def _check(got, expected, what=""):
    got = list(got)
    assert len(got) == len(expected), f"{what}: got {len(got)} hypotheses, expected {len(expected)}"
    for i, ((gs, gsc), (es, esc)) in enumerate(zip(got, expected)):
        gs = [int(t) for t in gs]
        assert gs == es, f"{what}: rank {i}: sequence {gs}, expected {es}"
        np.testing.assert_allclose(float(gsc), esc, rtol=1e-7, atol=1e-9, err_msg=f"{what}: rank {i}: score")


def test_width_one_is_greedy_decoding():
    for seed in range(5):
        step_fn = _random_model(V=6, seed=seed, end_token=5, end_shift=0.5)
        seq, score = [0], 0.0
        for _ in range(8):
            lp = step_fn(seq)
            t = int(np.argmax(lp))
            seq, score = seq + [t], score + float(lp[t])
            if t == 5:
                break
        _check(beam_search(step_fn, 0, 1, 8, 5), [(seq, score)], f"greedy, seed {seed}")


def test_beam_finds_sequence_greedy_misses():
    # greedy: 0 -> 1 (0.6) -> end (0.3) = 0.18 ; better: 0 -> 2 (0.4) -> end (0.9) = 0.36
    table = {(0,): [0.0, 0.6, 0.4, 0.0], (0, 1): [0.35, 0.35, 0.0, 0.3], (0, 2): [0.05, 0.05, 0.0, 0.9]}

    def step_fn(seq):
        p = np.asarray(table[tuple(int(t) for t in seq)]) + 1e-12
        return np.log(p / p.sum())

    got = beam_search(step_fn, 0, 2, 2, 3)
    best = [int(t) for t in got[0][0]]
    assert best == [0, 2, 3], f"best sequence {best}, expected [0, 2, 3] (greedy would give [0, 1, 0])"
    _check(got, _reference(step_fn, 0, 2, 2, 3), "width 2")


def test_prunes_to_beam_width():
    calls = []
    step_fn = _random_model(V=30, seed=7, calls=calls)
    got = beam_search(step_fn, 0, 3, 6, end_token=29)
    assert len(got) <= 3, f"returned {len(got)} hypotheses for beam_width=3"
    per_length = {}
    for c in calls:
        per_length.setdefault(len(c), set()).add(c)
    worst = max(len(v) for v in per_length.values())
    assert worst <= 3, f"step_fn was called on {worst} distinct prefixes of one length; beam_width is 3"
    assert len(calls) <= 3 * 6, f"step_fn called {len(calls)} times; at most beam_width * max_len = 18 expected"
    _check(got, _reference(_random_model(V=30, seed=7), 0, 3, 6, 29), "width 3")


def test_finished_hypotheses_are_not_expanded():
    base = _random_model(V=5, seed=11, end_token=4, end_shift=1.5)

    def step_fn(seq):
        if int(seq[-1]) == 4:
            raise AssertionError("step_fn was called on a finished hypothesis (ends with end_token)")
        return base(seq)

    got = beam_search(step_fn, 0, 4, 7, 4)
    assert any(int(s[-1]) == 4 for s, _ in got), "test setup: expected some finished hypotheses"
    _check(got, _reference(base, 0, 4, 7, 4), "finished")


def test_finished_hypothesis_keeps_its_beam_slot():
    table = {(0,): [0.05, 0.3, 0.15, 0.5], (0, 1): [0.1, 0.1, 0.1, 0.7]}

    def step_fn(seq):
        seq = tuple(int(t) for t in seq)
        if seq not in table:
            raise AssertionError(f"expanded {list(seq)}, which a width-2 beam with one finished "
                                 "hypothesis must prune")
        return np.log(np.asarray(table[seq]))

    got = beam_search(step_fn, 0, 2, 3, 3)
    _check(got, [([0, 3], math.log(0.5)), ([0, 1, 3], math.log(0.3) + math.log(0.7))], "slot")


def test_max_len_counts_generated_tokens():
    step_fn = _random_model(V=4, seed=3, end_token=3, end_shift=-40.0)
    got = beam_search(step_fn, 0, 2, 5, 3)
    lens = sorted(len(s) for s, _ in got)
    assert lens == [6, 6], f"with max_len=5 and no end token, sequences should have 6 tokens (start + 5), got {lens}"
    _check(got, _reference(step_fn, 0, 2, 5, 3), "max_len=5")
    got0 = beam_search(step_fn, 0, 2, 0, 3)
    _check(got0, [([0], 0.0)], "max_len=0")


def test_ties_broken_by_smaller_sequence():
    uniform = lambda seq: np.full(4, math.log(0.25))
    l = math.log(0.25)
    got = beam_search(uniform, 0, 3, 3, 1)
    _check(got, [([0, 1], l), ([0, 0, 1], l + l), ([0, 0, 0, 0], l + l + l)], "uniform model")


def test_ties_use_sequence_order_not_generation_order():
    # probabilities are powers of two so that log(1/2) + log(1/4) == log(1/4) + log(1/2) exactly
    table = {(0,): [1 / 8, 1 / 4, 1 / 2, 1 / 8], (0, 2): [1 / 4, 1 / 4, 1 / 4, 1 / 4],
             (0, 1): [1 / 2, 1 / 8, 1 / 8, 1 / 4]}
    step_fn = lambda seq: np.log(np.asarray(table[tuple(int(t) for t in seq)]))
    a, b = math.log(0.5), math.log(0.25)
    got = beam_search(step_fn, 0, 2, 2, 3)
    # five candidates tie at log(1/8); the two smallest sequences are [0,1,0] and [0,2,0]
    _check(got, [([0, 1, 0], b + a), ([0, 2, 0], a + b)], "tie-break")


def test_matches_reference_on_random_models():
    for seed, V, width, max_len, shift in [(1, 8, 3, 6, 0.0), (2, 5, 5, 8, 1.0), (3, 50, 4, 5, 2.0),
                                           (4, 3, 2, 10, 0.5), (5, 12, 6, 7, -1.0)]:
        step_fn = _random_model(V=V, seed=seed, end_token=V - 1, end_shift=shift)
        got = beam_search(step_fn, 0, width, max_len, V - 1)
        _check(got, _reference(step_fn, 0, width, max_len, V - 1), f"seed {seed}")
        for s, sc in got:
            s = [int(t) for t in s]
            total = sum(float(step_fn(s[:i])[s[i]]) for i in range(1, len(s)))
            np.testing.assert_allclose(float(sc), total, rtol=1e-7, atol=1e-9,
                                       err_msg="score is not the sum of the token log-probs")
