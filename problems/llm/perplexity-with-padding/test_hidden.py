import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.checks import as_scalar as _as_scalar
from mlprep_harness.checks import as_tuple as _as_tuple
from mlprep_harness.frameworks import user_function
from solution import perplexity as _user_perplexity

RTOL = 1e-7
_user = user_function(_user_perplexity)


def perplexity(logits, tokens, mask):
    """Your function under np.errstate(over="raise", divide="raise") (underflow and 0/0 allowed),
    its result checked to be (float, float array of shape (B,))."""
    with np.errstate(over="raise", divide="raise", invalid="ignore", under="ignore"):
        got = _user(logits, tokens, mask)
    corpus, per_seq = _as_tuple(got, 2, ("corpus_ppl", "per_sequence_ppl"), "perplexity result")
    return (_as_scalar(corpus, "corpus_ppl"),
            _as_array(per_seq, (np.shape(tokens)[0],), "per_sequence_ppl"))


def _reference(logits, tokens, mask):
    """Slow reference with Python floats (natural log, shift by one, both ends real)."""
    totals, counts = [], []
    b_n, t_n, _ = logits.shape
    for b in range(b_n):
        total, count = 0.0, 0
        for t in range(t_n - 1):
            if not (mask[b, t] and mask[b, t + 1]):
                continue
            row = logits[b, t].tolist()
            m = max(row)
            lse = m + math.log(sum(math.exp(x - m) for x in row))
            total += lse - row[int(tokens[b, t + 1])]
            count += 1
        totals.append(total)
        counts.append(count)
    per_seq = np.array([math.exp(s / c) if c else math.nan for s, c in zip(totals, counts)])
    return math.exp(sum(totals) / sum(counts)), per_seq


def _batch(seed, lengths, t_n=9, v=6, side="right", scale=2.0):
    """Random logits and tokens; padding positions get junk (logits of ±1e4, random ids)."""
    rng = np.random.default_rng(seed)
    b_n = len(lengths)
    logits = rng.normal(0, scale, size=(b_n, t_n, v))
    tokens = rng.integers(0, v, size=(b_n, t_n)).astype(np.int64)
    mask = np.zeros((b_n, t_n), dtype=bool)
    for b, n in enumerate(lengths):
        if side == "right":
            mask[b, :n] = True
        else:
            mask[b, t_n - n:] = True
    pad = ~mask
    logits[pad] = rng.choice([-1e4, 1e4, 0.0], size=(int(pad.sum()), v))
    return logits, tokens, mask


def _check(got, expected, what):
    corpus, per_seq = got
    np.testing.assert_allclose(corpus, expected[0], rtol=RTOL, err_msg=f"{what}: corpus_ppl is wrong")
    np.testing.assert_allclose(per_seq, expected[1], rtol=RTOL,
                               err_msg=f"{what}: per_sequence_ppl is wrong (nan only for sequences with < 2 real tokens)")


def test_right_padded_batch_matches_reference():
    data = _batch(0, [9, 5, 2, 7, 3])
    _check(perplexity(*data), _reference(*data), "right padding, lengths 9, 5, 2, 7, 3")


def test_left_padded_batch_matches_reference():
    # the first real token sits after a pad: the prediction made at the pad position does not count
    data = _batch(1, [4, 9, 6, 2], side="left")
    _check(perplexity(*data), _reference(*data), "left padding, lengths 4, 9, 6, 2")


def test_corpus_is_token_weighted_not_mean_of_sequences():
    # sequence 0: one prediction with p = 1/2 (NLL log 2); sequence 1: four uniform predictions over V = 4
    v = 4
    logits = np.zeros((2, 5, v))
    logits[0, 0] = [math.log(3.0), 0.0, 0.0, 0.0]      # p(token 0) = 3 / 6 = 1/2
    tokens = np.zeros((2, 5), dtype=np.int64)
    mask = np.array([[True, True, False, False, False], [True] * 5])
    corpus, per_seq = perplexity(logits, tokens, mask)
    expected = math.exp((math.log(2.0) + 4 * math.log(4.0)) / 5)
    np.testing.assert_allclose(per_seq, [2.0, 4.0], rtol=RTOL, err_msg="per-sequence perplexities 2 and 4")
    np.testing.assert_allclose(corpus, expected, rtol=RTOL,
                               err_msg="corpus_ppl = exp(total NLL / total counted tokens) = 512^(1/5) = 3.48, "
                                       "not the mean of the per-sequence perplexities (3.0)")


def test_uniform_model_has_perplexity_v():
    for v in (2, 7, 50):
        logits, tokens, mask = _batch(2, [6, 3, 8], v=v)
        logits[mask] = 0.0                                  # uniform at real positions
        corpus, per_seq = perplexity(logits, tokens, mask)
        np.testing.assert_allclose(corpus, float(v), rtol=RTOL,
                                   err_msg=f"a uniform model over V = {v} has perplexity {v} (natural log and exp, "
                                           "or log2 and 2**, but not mixed)")
        np.testing.assert_allclose(per_seq, np.full(3, float(v)), rtol=RTOL,
                                   err_msg=f"a uniform model over V = {v} has per-sequence perplexity {v}")


def test_logits_at_t_predict_the_token_at_t_plus_1():
    # a model that puts logit 5 on the next token: NLL = log(1 + (V - 1) e^-5) at every counted position
    v = 5
    rng = np.random.default_rng(3)
    tokens = rng.integers(0, v, size=(3, 8)).astype(np.int64)
    for t in range(1, 8):                                   # each token differs from the one before it
        tokens[:, t] = (tokens[:, t - 1] + 1 + rng.integers(0, v - 1, size=3)) % v
    logits = np.zeros((3, 8, v))
    for b in range(3):
        for t in range(7):
            logits[b, t, tokens[b, t + 1]] = 5.0
    mask = np.array([[True] * 8, [True] * 5 + [False] * 3, [True] * 3 + [False] * 5])
    expected = 1.0 + (v - 1) * math.exp(-5.0)
    corpus, per_seq = perplexity(logits, tokens, mask)
    np.testing.assert_allclose(corpus, expected, rtol=RTOL,
                               err_msg="logits[b, t] scores tokens[b, t + 1]: this model's perplexity is 1 + 4e^-5")
    np.testing.assert_allclose(per_seq, np.full(3, expected), rtol=RTOL, err_msg="per-sequence, shifted by one")


def test_padding_content_is_ignored():
    logits, tokens, mask = _batch(4, [9, 4, 6, 2])
    base = perplexity(logits, tokens, mask)
    rng = np.random.default_rng(40)
    logits2, tokens2 = logits.copy(), tokens.copy()
    pad = ~mask
    logits2[pad] = rng.choice([-1e4, 1e4, 3.0], size=(int(pad.sum()), logits.shape[2]))
    tokens2[pad] = rng.integers(0, logits.shape[2], size=int(pad.sum()))
    # the last real position's logits predict a pad: they must not count either
    for b, n in enumerate([9, 4, 6, 2]):
        logits2[b, n - 1] = rng.choice([-1e4, 1e4], size=logits.shape[2])
    got = perplexity(logits2, tokens2, mask)
    np.testing.assert_allclose(got[0], base[0], rtol=RTOL, err_msg="changing logits or tokens at padding changed corpus_ppl")
    np.testing.assert_allclose(got[1], base[1], rtol=RTOL, err_msg="changing padding changed per_sequence_ppl")
    _check(base, _reference(logits, tokens, mask), "lengths 9, 4, 6, 2")


def test_sequences_without_a_counted_prediction_give_nan():
    logits, tokens, mask = _batch(5, [0, 1, 5, 1, 7])
    corpus, per_seq = perplexity(logits, tokens, mask)
    assert np.isnan(per_seq[[0, 1, 3]]).all(), \
        f"sequences with 0 or 1 real tokens have no counted prediction: expected nan, got {per_seq[[0, 1, 3]].tolist()}"
    _check((corpus, per_seq), _reference(logits, tokens, mask), "lengths 0, 1, 5, 1, 7")


def test_no_counted_prediction_raises_value_error():
    cases = [_batch(6, [1, 0, 1]), _batch(7, [1, 1], t_n=1), _batch(8, [1, 1], t_n=2, side="left")]
    for logits, tokens, mask in cases:
        try:
            _user(logits, tokens, mask)
        except ValueError:
            continue
        raise AssertionError(f"no counted prediction (T = {tokens.shape[1]}, lengths {mask.sum(axis=1).tolist()}) "
                             "should raise ValueError")


def test_extreme_logits_are_stable():
    logits = np.zeros((2, 4, 3))
    logits[0, :] = [1e4, -1e4, 1e4 - 2.0]
    logits[1, :] = [-1e4, -1e4, -1e4]
    tokens = np.array([[0, 0, 2, 0], [1, 2, 0, 1]], dtype=np.int64)
    mask = np.array([[True] * 4, [True] * 3 + [False]])
    # sequence 0: NLLs c, c + 2, c with c = log(1 + e^-2) (+ e^-2e4); sequence 1: log 3 twice
    c = math.log1p(math.exp(-2.0))
    corpus, per_seq = perplexity(logits, tokens, mask)
    np.testing.assert_allclose(per_seq, [math.exp(c + 2.0 / 3.0), 3.0], rtol=RTOL,
                               err_msg="logits of ±1e4: use log-sum-exp with the max subtracted, not log(softmax)")
    np.testing.assert_allclose(corpus, math.exp((3 * c + 2.0 + 2 * math.log(3.0)) / 5), rtol=RTOL,
                               err_msg="corpus_ppl with logits of ±1e4")


def test_bad_shapes_raise_value_error():
    logits, tokens, mask = _batch(9, [4, 3])
    cases = [(logits[0], tokens[0], mask[0]),                 # 2-D logits
             (logits, tokens[:, :-1], mask),                  # tokens shorter
             (logits, tokens, mask[:1]),                      # mask of another batch size
             (logits[:, :-1], tokens, mask)]                  # logits shorter
    for case in cases:
        try:
            _user(*case)
        except ValueError:
            continue
        raise AssertionError("shapes %s should raise ValueError" % [c.shape for c in case])


def test_inputs_not_modified():
    logits, tokens, mask = _batch(10, [9, 2, 5])
    before = [a.copy() for a in (logits, tokens, mask)]
    perplexity(logits, tokens, mask)
    for name, a, b in zip(("logits", "tokens", "mask"), (logits, tokens, mask), before):
        np.testing.assert_array_equal(a, b, err_msg=f"{name} was modified")
