import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array, describe as _describe
from mlprep_harness.frameworks import user_function
from solution import filter_probs as _user_filter_probs, sample_token as _user_sample_token

_filter_probs = user_function(_user_filter_probs)
_sample_token = user_function(_user_sample_token)

RTOL, ATOL = 1e-7, 1e-12
STRICT = dict(over="raise", divide="raise", invalid="raise", under="ignore")


def filter_probs(logits, *args, **kwargs):
    """Your filter_probs, its result checked to be a float array of shape (V,)."""
    with np.errstate(**STRICT):
        return _as_array(_filter_probs(logits, *args, **kwargs), np.shape(logits), "filter_probs result")


def sample_token(logits, rng, *args, **kwargs):
    got = _sample_token(logits, rng, *args, **kwargs)
    ok = isinstance(got, (int, np.integer)) and not isinstance(got, (bool, np.bool_))
    ok = ok or (isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "iu")
    assert ok, "sample_token result: expected an int token id, got %s" % _describe(got)
    return int(got)


def _penalised(logits, penalty, prev):
    """The rule, token by token with Python floats: each DISTINCT previous id once."""
    z = [float(v) for v in logits]
    for i in set(int(t) for t in prev):
        z[i] = z[i] / penalty if z[i] > 0 else z[i] * penalty
    return np.array(z)


def _softmax(z):
    m = max(z)
    e = [math.exp(v - m) for v in z]
    return np.array([v / sum(e) for v in e])


def test_positive_logits_divided_negative_multiplied():
    z = np.array([2.0, -1.0, 0.5, -3.0, 0.0, 1.0])
    got = filter_probs(z, repetition_penalty=2.0, prev_tokens=[0, 1, 4])
    want = _softmax([1.0, -2.0, 0.5, -3.0, 0.0, 1.0])
    np.testing.assert_allclose(got, want, rtol=RTOL, atol=ATOL, err_msg=(
        "penalty 2 on tokens 0, 1, 4: logit 2 -> 1, logit -1 -> -2 (negative logits are MULTIPLIED), 0 stays 0"))


def test_repeated_ids_penalised_once():
    z = np.array([3.0, 1.0, -0.5, 0.2])
    got = filter_probs(z, repetition_penalty=1.5, prev_tokens=[0, 0, 0, 2, 2])
    np.testing.assert_allclose(got, _softmax(_penalised(z, 1.5, [0, 2])), rtol=RTOL, atol=ATOL,
                               err_msg="a token that occurred 3 times is penalised once, not penalty**3")


def test_penalty_makes_repeated_tokens_less_likely():
    rng = np.random.default_rng(1)
    for trial in range(20):
        z = rng.normal(0, 2, size=30)
        prev = rng.integers(0, 30, size=8)
        base = filter_probs(z)
        got = filter_probs(z, repetition_penalty=1.3, prev_tokens=prev)
        seen = np.unique(prev)
        ratio_seen = got[seen] / base[seen]
        others = np.setdiff1d(np.arange(30), seen)
        assert np.all(ratio_seen < got[others][0] / base[others][0] + 1e-12), (
            f"trial {trial}: every previously generated token must lose probability relative to the others "
            "(a negative logit divided by the penalty would gain)")


def test_penalty_before_temperature_and_filters():
    rng = np.random.default_rng(2)
    for trial in range(15):
        z = rng.normal(0, 2, size=25)
        prev = rng.integers(0, 25, size=6).tolist()
        kw = dict(temperature=float(rng.choice([0.5, 1.0, 1.7])), top_k=int(rng.integers(2, 20)),
                  top_p=float(rng.uniform(0.5, 0.95)))
        want = _filter_reference(_penalised(z, 1.8, prev), **kw)
        got = filter_probs(z, repetition_penalty=1.8, prev_tokens=prev, **kw)
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=ATOL, err_msg=(
            f"trial {trial}: the penalty acts on the raw logits, before temperature, top-k and top-p ({kw})"))
        assert np.all(got[want == 0] == 0), f"trial {trial}: removed tokens must be exactly 0.0"


def _filter_reference(z, temperature, top_k, top_p):
    p = _softmax([v / temperature for v in z])
    rank = sorted(range(len(z)), key=lambda i: (-p[i], i))
    keep = set(rank[:top_k])
    p = np.array([p[i] if i in keep else 0.0 for i in range(len(z))])
    p = p / p.sum()
    acc, new = 0.0, set()
    for i in sorted(range(len(z)), key=lambda i: (-p[i], i)):
        if i in keep:
            assert abs(acc - top_p) > 1e-9, "test data too close to the top-p boundary"
            if acc < top_p:
                new.add(i)
            acc += p[i]
    p = np.array([p[i] if i in new else 0.0 for i in range(len(z))])
    return p / p.sum()


def test_greedy_uses_penalised_logits():
    z = np.array([2.0, 1.5, 0.0])
    got = filter_probs(z, temperature=0, repetition_penalty=2.0, prev_tokens=[0])
    np.testing.assert_array_equal(got, [0.0, 1.0, 0.0], err_msg="temperature=0: argmax of the PENALISED logits (2/2 = 1 < 1.5)")
    for seed in range(5):
        t = sample_token(z, np.random.default_rng(seed), temperature=0, repetition_penalty=2.0, prev_tokens=[0])
        assert t == 1, f"sample_token with temperature=0 and the penalty must give token 1, got {t}"


def test_defaults_and_penalty_one_change_nothing():
    z = np.random.default_rng(3).normal(0, 2, size=12)
    base = filter_probs(z)
    np.testing.assert_allclose(base, _softmax(z), rtol=RTOL, atol=ATOL, err_msg="defaults: part 1")
    np.testing.assert_allclose(filter_probs(z, repetition_penalty=1.0, prev_tokens=[1, 2, 3]), base, rtol=RTOL, atol=ATOL,
                               err_msg="repetition_penalty=1 changes nothing")
    np.testing.assert_allclose(filter_probs(z, repetition_penalty=3.0, prev_tokens=[]), base, rtol=RTOL, atol=ATOL,
                               err_msg="no previous tokens: nothing to penalise")
    np.testing.assert_allclose(filter_probs(z, repetition_penalty=3.0, prev_tokens=np.array([4, 4], dtype=np.int64)),
                               _softmax(_penalised(z, 3.0, [4])), rtol=RTOL, atol=ATOL, err_msg="prev_tokens as an int64 array")


def test_logits_and_prev_tokens_not_modified():
    z = np.random.default_rng(4).normal(0, 2, size=10)
    prev = np.array([1, 3, 3], dtype=np.int64)
    z0, p0 = z.copy(), prev.copy()
    out = filter_probs(z, repetition_penalty=1.7, prev_tokens=prev)
    np.testing.assert_array_equal(z, z0, err_msg="logits were modified (penalise a copy)")
    np.testing.assert_array_equal(prev, p0, err_msg="prev_tokens were modified")
    assert not np.shares_memory(out, z), "filter_probs must return a new array"


def test_sampling_with_penalty_matches_distribution():
    z = np.array([1.0, 0.8, 0.5, -0.2, 0.3])
    prev = [0, 1]
    expected = _softmax(_penalised(z, 2.0, prev))
    rng = np.random.default_rng(5)
    n = 3000
    counts = np.zeros(5)
    for _ in range(n):
        counts[sample_token(z, rng, repetition_penalty=2.0, prev_tokens=prev)] += 1
    chi2 = float(np.sum((counts - n * expected) ** 2 / (n * expected)))
    assert chi2 < 33.4, (f"{n} draws: counts {counts.astype(int).tolist()} vs expected {np.round(n * expected, 1).tolist()} "
                         f"(chi-square {chi2:.1f}; false-failure probability below 1e-6)")


def test_invalid_penalty_raises():
    for bad in (0.0, -1.0):
        try:
            _user_filter_probs(np.zeros(3), repetition_penalty=bad, prev_tokens=[0])
        except ValueError:
            continue
        raise AssertionError(f"repetition_penalty={bad} must raise ValueError")
