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
    """Your filter_probs, its result checked to be a float array of shape (V,) before a test uses it."""
    return _as_array(_filter_probs(logits, *args, **kwargs), np.shape(logits), "filter_probs result")


def sample_token(logits, rng, *args, **kwargs):
    """Your sample_token, its result checked to be an integer token id in [0, V)."""
    got = _sample_token(logits, rng, *args, **kwargs)
    ok = isinstance(got, (int, np.integer)) and not isinstance(got, (bool, np.bool_))
    ok = ok or (isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "iu")
    assert ok, "sample_token result: expected an int token id, got %s" % _describe(got)
    got = int(got)
    assert 0 <= got < len(logits), f"sample_token returned {got}, outside 0..{len(logits) - 1}"
    return got


def _ref(logits, temperature=1.0, top_k=None, top_p=None, min_p=None):
    """Slow, independent reference with Python floats. Also asserts the test's own inputs keep
    away from the top-p and min-p boundaries (the statement promises a 1e-9 margin)."""
    z = [float(t) for t in logits]
    V = len(z)
    if temperature == 0:
        best = max(range(V), key=lambda i: (z[i], -i))
        return np.array([1.0 if i == best else 0.0 for i in range(V)])
    m = max(t / temperature for t in z)
    e = [math.exp(t / temperature - m) for t in z]
    p = [t / sum(e) for t in e]
    rank = sorted(range(V), key=lambda i: (-p[i], i))
    keep = set(range(V))
    if top_k is not None:
        keep = set(rank[:top_k])
    p = [p[i] / sum(p[j] for j in keep) if i in keep else 0.0 for i in range(V)]
    if top_p is not None and top_p < 1:
        rank = sorted(range(V), key=lambda i: (-p[i], i))
        acc, new = 0.0, set()
        for i in rank:
            if i not in keep:
                continue
            assert abs(acc - top_p) > 1e-9, "test data too close to the top-p boundary"
            if acc < top_p:
                new.add(i)
            acc += p[i]
        keep = new
        p = [p[i] / sum(p[j] for j in keep) if i in keep else 0.0 for i in range(V)]
    if min_p is not None and min_p > 0:
        thr = min_p * max(p)
        assert all(abs(t - thr) > 1e-9 * thr for t in p), "test data too close to the min-p threshold"
        keep = {i for i in keep if p[i] >= thr}
        p = [p[i] / sum(p[j] for j in keep) if i in keep else 0.0 for i in range(V)]
    return np.array(p)


def _logits(probs):
    return np.log(np.asarray(probs, dtype=np.float64))


def _check(logits, what, **kw):
    expected = _ref(logits, **kw)
    with np.errstate(**STRICT):
        got = filter_probs(logits.copy(), **kw)
    assert got.shape == expected.shape, f"{what}: shape {got.shape}, expected {expected.shape}"
    kept = [int(i) for i in np.flatnonzero(expected > 1e-300)]
    got_kept = [int(i) for i in np.flatnonzero(got > 0)]
    assert np.all(got[expected == 0] == 0) and all(got[i] > 0 for i in kept), (
        f"{what}: kept tokens {got_kept}, expected {kept} (removed tokens must be exactly 0.0)")
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL, err_msg=what)
    return got


def test_plain_softmax_matches_reference():
    z = np.random.default_rng(1).normal(0, 2, size=50)
    got = _check(z, "no filters: filter_probs must be softmax(logits)")
    np.testing.assert_allclose(got.sum(), 1.0, rtol=1e-12, err_msg="the distribution must sum to 1")


def test_temperature_divides_the_logits():
    z = np.random.default_rng(2).normal(0, 2, size=30)
    for t in (0.5, 2.0, 7.0):
        _check(z, f"temperature={t}: probs must be softmax(logits / temperature)", temperature=t)


def test_temperature_zero_is_greedy_lowest_id_on_ties():
    z = np.array([1.0, 3.0, 3.0, 0.0])
    with np.errstate(**STRICT):
        got = filter_probs(z.copy(), temperature=0)
    np.testing.assert_array_equal(got, [0.0, 1.0, 0.0, 0.0],
                                  err_msg="temperature=0: one-hot of the argmax, ties to the lowest id")
    with np.errstate(**STRICT):
        got = filter_probs(z.copy(), temperature=0, top_k=3, top_p=0.5, min_p=0.9)
    np.testing.assert_array_equal(got, [0.0, 1.0, 0.0, 0.0],
                                  err_msg="temperature=0 ignores the filters (still the one-hot argmax)")


def test_tiny_temperature_is_stable():
    z = np.random.default_rng(3).normal(0, 30, size=40)
    _check(z, "temperature=1e-3 (logits / T up to about 1e5): subtract the maximum before exp", temperature=1e-3)
    z2 = np.array([100.0, 99.999, -100.0])
    _check(z2, "temperature=1e-3 on [100, 99.999, -100]", temperature=1e-3)


def test_top_k_keeps_exactly_k_ties_by_lower_id():
    z = np.array([1.0, 2.0, 2.0, 2.0, 0.0])
    got = _check(z, "top_k=2 with three tokens tied: keep ids 1 and 2 (lower id first)", top_k=2)
    assert np.count_nonzero(got) == 2, f"top_k=2 kept {np.count_nonzero(got)} tokens"
    _check(z, "top_k=1: one-hot of the first maximum", top_k=1)
    _check(z, "top_k >= V keeps every token", top_k=9)
    _check(np.random.default_rng(4).normal(size=25), "top_k=7 on random logits", top_k=7, temperature=0.8)


def test_top_p_keeps_the_token_that_crosses_p():
    z = _logits([0.1, 0.4, 0.2, 0.3])
    for p, n in ((0.35, 1), (0.5, 2), (0.75, 3), (0.95, 4)):
        got = _check(z, f"top_p={p} on probabilities [0.1, 0.4, 0.2, 0.3]: keep {n} token(s), "
                        f"the smallest set with mass >= {p}", top_p=p)
        assert np.count_nonzero(got) == n, f"top_p={p}: kept {np.count_nonzero(got)} tokens, expected {n}"


def test_top_p_ties_by_lower_id():
    z = _logits([0.1, 0.3, 0.3, 0.3])
    _check(z, "top_p=0.5 on [0.1, 0.3, 0.3, 0.3]: keep ids 1 and 2 (ties ranked by lower id)", top_p=0.5)


def test_top_p_one_keeps_every_token():
    z = np.array([0.0, -40.0, -40.0])          # float cumulative sum hits 1.0 at the first token
    with np.errstate(**STRICT):
        got = filter_probs(z.copy(), top_p=1.0)
    assert np.all(got > 0), f"top_p=1 must keep every token, got zeros at {np.flatnonzero(got == 0).tolist()}"
    z = np.random.default_rng(5).normal(0, 3, size=20)
    _check(z, "top_p=1 must equal no filter", top_p=1.0)


def test_top_p_sees_the_top_k_distribution():
    z = _logits([0.4, 0.3, 0.2, 0.1])
    _check(z, "top_k=2 then top_p=0.5: after top-k the probabilities are [4/7, 3/7], so top-p keeps one token",
           top_k=2, top_p=0.5)


def test_min_p_is_relative_to_the_top_probability():
    z = _logits([0.05, 0.5, 0.3, 0.15])
    _check(z, "min_p=0.5 on [0.05, 0.5, 0.3, 0.15]: keep p >= 0.5 * 0.5 (tokens 1 and 2)", min_p=0.5)
    _check(z, "min_p=0.2: keep p >= 0.2 * 0.5 = 0.1 (tokens 1, 2, 3)", min_p=0.2)
    _check(z, "min_p=0 keeps every token", min_p=0.0)


def test_min_p_comes_after_top_p():
    z = _logits([0.5, 0.3, 0.2])
    _check(z, "top_p=0.6 then min_p=0.5: top-p keeps [0.625, 0.375], then min-p keeps both", top_p=0.6, min_p=0.5)


def test_all_filters_random_configurations():
    rng = np.random.default_rng(6)
    for trial in range(25):
        V = int(rng.integers(2, 60))
        z = rng.normal(0, float(rng.uniform(0.5, 4)), size=V)
        kw = dict(temperature=float(rng.choice([0.3, 0.7, 1.0, 1.5])),
                  top_k=None if trial % 3 == 0 else int(rng.integers(1, V + 2)),
                  top_p=None if trial % 4 == 1 else float(rng.uniform(0.2, 0.99)),
                  min_p=None if trial % 5 == 2 else float(rng.uniform(0.0, 0.4)))
        _check(z, f"trial {trial}: V={V}, {kw}", **kw)


def test_single_token_vocabulary():
    got = _check(np.array([3.0]), "V=1 must give [1.0]", top_k=1, top_p=0.3, min_p=0.9)
    assert got[0] == 1.0, "V=1 must give exactly [1.0]"


def test_returns_new_array_and_leaves_logits_unchanged():
    z = np.random.default_rng(7).normal(size=12)
    saved = z.copy()
    out = filter_probs(z, temperature=0.7, top_k=5, top_p=0.8, min_p=0.1)
    np.testing.assert_array_equal(z, saved, err_msg="filter_probs modified logits in place")
    assert not np.shares_memory(out, z), "filter_probs must return a new array, not logits itself"


def _chi_square_limit(df, z=5.0):
    """Upper quantile of chi-square(df) (Wilson-Hilferty); z = 5 gives a tail below 1e-6."""
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def test_sample_only_kept_tokens():
    z = np.array([1.5, 0.2, 2.0, -1.0, 1.0, 0.8, -3.0, 1.9])
    kw = dict(temperature=0.9, top_k=5, top_p=0.8)
    kept = set(int(i) for i in np.flatnonzero(_ref(z, **kw) > 0))
    for seed in range(300):
        t = sample_token(z.copy(), np.random.default_rng(seed), **kw)
        assert t in kept, f"seed {seed}: drew token {t}, which the filters remove (kept: {sorted(kept)})"


def test_sample_distribution_matches_filtered_probs():
    z = np.array([1.2, 0.0, 2.0, -0.5, 1.6, -2.0])
    kw = dict(temperature=0.8, top_k=5, top_p=0.97)
    expected = _ref(z, **kw)
    rng = np.random.default_rng(8)
    n = 3000
    counts = np.zeros(len(z))
    for _ in range(n):
        counts[sample_token(z, rng, **kw)] += 1
    kept = expected > 0
    assert np.all(counts[~kept] == 0), f"drew removed tokens: counts {counts.astype(int).tolist()}"
    exp_counts = n * expected[kept]
    chi2 = float(np.sum((counts[kept] - exp_counts) ** 2 / exp_counts))
    limit = _chi_square_limit(int(kept.sum()) - 1)
    assert chi2 < limit, (f"{n} draws: counts {counts.astype(int).tolist()} vs expected "
                          f"{np.round(n * expected, 1).tolist()}; chi-square {chi2:.1f} > {limit:.1f} "
                          "(false-failure probability < 1e-6)")


def test_sample_greedy_is_argmax():
    z = np.array([0.5, 2.0, 2.0, 1.0])
    for seed in range(30):
        t = sample_token(z, np.random.default_rng(seed), temperature=0)
        assert t == 1, f"seed {seed}: temperature=0 must always give token 1 (first maximum), got {t}"


def test_sample_same_seed_same_token():
    z = np.random.default_rng(9).normal(size=10)
    draws = []
    for seed in range(40):
        a = sample_token(z, np.random.default_rng(seed), temperature=1.3)
        b = sample_token(z, np.random.default_rng(seed), temperature=1.3)
        assert a == b, f"seed {seed}: the same seed gave tokens {a} and {b}"
        draws.append(a)
    assert len(set(draws)) > 1, "40 different seeds all gave the same token: is rng used?"
