import hashlib

import numpy as np

from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import hash_features as _user_hash_features
from mlprep_harness.checks import as_array as _as_array


def hash_features(rows, n_features, *args, **kwargs):
    """Your hash_features (arguments passed on as given, so seed's default is tested), with its
    result checked to be a float array of shape (len(rows), n_features) before a test uses it."""
    got = _user_hash_features(rows, n_features, *args, **kwargs)
    return _as_array(got, (len(rows), n_features), "hash_features result")


RTOL = ATOL = 1e-9


def _col_sign(token, seed, n_features):
    h = int.from_bytes(hashlib.md5(f"{seed}:{token}".encode("utf-8")).digest()[:8], "little")
    return h % n_features, (1.0 if (h >> 63) & 1 == 0 else -1.0)


def _token(name, value):
    return (f"{name}={value}", 1.0) if isinstance(value, str) else (name, float(value))


def _reference(rows, n_features, seed=0):
    X = np.zeros((len(rows), n_features))
    for r, row in enumerate(rows):
        for name, value in row.items():
            tok, w = _token(name, value)
            c, s = _col_sign(tok, seed, n_features)
            X[r, c] += s * w
    return X


def _call(rows, n_features, seed=0):
    return _validate(hash_features(rows, n_features, seed=seed), rows, n_features)


def _validate(X, rows, n_features):
    assert isinstance(X, np.ndarray), f"return a numpy array, got {type(X).__name__}"
    assert X.shape == (len(rows), n_features), f"shape {X.shape}, expected {(len(rows), n_features)}"
    assert X.dtype == np.float64, f"dtype {X.dtype}, expected float64"
    return X


def _random_rows(rng, n):
    rows = []
    for _ in range(n):
        row = {}
        for j in rng.choice(12, size=rng.integers(0, 8), replace=False):
            if j < 6:
                row[f"cat{j}"] = f"v{rng.integers(0, 15)}"
            elif j < 9:
                row[f"cnt{j}"] = int(rng.integers(-5, 50))
            else:
                row[f"num{j}"] = float(rng.normal() * 10)
        rows.append(row)
    return rows


def _find_pair(n_features, seed, same_sign):
    """Two categorical tokens f"k={i}" that share a column, with equal or opposite signs."""
    seen = {}
    for i in range(10_000):
        c, s = _col_sign(f"k={i}", seed, n_features)
        want = s if same_sign else -s
        if (c, want) in seen:
            return seen[(c, want)], str(i), c
        seen.setdefault((c, s), str(i))
    raise RuntimeError("no pair found")


def test_matches_md5_reference_on_mixed_rows():
    rng = np.random.default_rng(123)
    rows = _random_rows(rng, 300)
    X = _call(rows, 32, seed=0)
    np.testing.assert_allclose(X, _reference(rows, 32, seed=0), rtol=RTOL, atol=ATOL,
                               err_msg="hashed matrix differs from the md5 reference (n_features=32, seed=0)")


def test_seed_is_part_of_the_hashed_string():
    rng = np.random.default_rng(7)
    rows = _random_rows(rng, 100)
    for seed in (1, 2024, -3):
        X = _call(rows, 16, seed=seed)
        np.testing.assert_allclose(X, _reference(rows, 16, seed=seed), rtol=RTOL, atol=ATOL,
                                   err_msg=f"seed={seed}: hash md5(f'{{seed}}:{{token}}'), e.g. '{seed}:price'")


def test_full_64_bit_hash_little_endian():
    # one token per row and a prime number of columns: uses all 64 bits of h and its top bit
    tokens = [f"w{i}" for i in range(400)]
    rows = [{t: 1.0} for t in tokens]
    X = _call(rows, 1009, seed=5)
    exp = _reference(rows, 1009, seed=5)
    bad = np.flatnonzero(np.abs(X - exp).sum(axis=1) > ATOL)
    assert bad.size == 0, (f"{bad.size} of 400 single-token rows are hashed wrongly, e.g. token {tokens[bad[0]]!r} "
                           f"(expected column {int(np.flatnonzero(exp[bad[0]])[0])}, sign "
                           f"{exp[bad[0]].sum():+.0f}); use the first 8 digest bytes, little-endian, "
                           "column = h % n_features, sign from bit 63")


def test_collisions_accumulate():
    # n_features = 1: every token of a row lands in column 0 and must be added, not overwritten
    rows = [{"a": 2.0, "b": -1.5, "c": "x", "d": 4}, {"e": "y"}, {"f": 0.25, "g": 3}]
    X = _call(rows, 1, seed=0)
    np.testing.assert_allclose(X, _reference(rows, 1, seed=0), rtol=RTOL, atol=ATOL,
                               err_msg="with n_features=1 every token collides: values must add up")
    # the categorical ("a", "b") and the numeric "a=b" are the same token "a=b": weights 1 + 2 add up
    X2 = _call([{"a": "b", "a=b": 2.0}], 64, seed=0)
    c, s = _col_sign("a=b", 0, 64)
    assert abs(X2[0, c] - 3.0 * s) < ATOL and np.count_nonzero(X2) == 1, \
        f"row {{'a': 'b', 'a=b': 2.0}}: both give token 'a=b', expected {3.0 * s:+.1f} in column {c}"
    # two different tokens in one column with the same sign ("k=t2" given as a numeric name, weight 1)
    t1, t2, c = _find_pair(16, 0, same_sign=True)
    s = _col_sign(f"k={t1}", 0, 16)[1]
    X3 = _call([{"k": t1, f"k={t2}": 1.0}], 16, seed=0)
    assert abs(X3[0, c] - 2 * s) < ATOL and np.count_nonzero(X3) == 1, \
        f"tokens 'k={t1}' and 'k={t2}' share column {c} with sign {s:+.0f}: together they must give {2 * s:+.0f}"


def test_opposite_signs_cancel():
    for n_features, seed in ((4, 0), (32, 9)):
        t1, t2, c = _find_pair(n_features, seed, same_sign=False)
        # "k=t1" as a categorical, "k=t2" as a numeric name with weight 1: same column, opposite signs
        rows = [{"k": t1}, {f"k={t2}": 1.0}, {"k": t1, f"k={t2}": 1.0}]
        X = _call(rows, n_features, seed=seed)
        assert abs(X[0, c] + X[1, c]) < ATOL and abs(abs(X[0, c]) - 1.0) < ATOL, \
            f"'k={t1}' and 'k={t2}' hash to column {c} with opposite signs (n_features={n_features}, seed={seed})"
        assert np.all(np.abs(X[2]) < ATOL), \
            f"a row with 'k={t1}' and 'k={t2}' (same column, opposite signs, weight 1 each) must be all zeros"


def test_string_values_are_categories_numbers_are_weights():
    n = 4096
    rows = [{"zip": "94107"}, {"zip": 94107}, {"qty": 3}, {"qty": "3"}, {"qty": -2.5}, {"flag": ""}]
    X = _call(rows, n, seed=0)
    np.testing.assert_allclose(X, _reference(rows, n), rtol=RTOL, atol=ATOL)
    for r, (tok, w) in enumerate([("zip=94107", 1.0), ("zip", 94107.0), ("qty", 3.0), ("qty=3", 1.0),
                                  ("qty", -2.5), ("flag=", 1.0)]):
        c, s = _col_sign(tok, 0, n)
        assert abs(X[r, c] - s * w) < ATOL and np.count_nonzero(X[r]) == 1, \
            f"row {rows[r]!r}: expected token {tok!r} with weight {w} -> {s * w:+} in column {c}"


def test_non_ascii_tokens_encoded_as_utf8():
    rows = [{"city": "Zürich", "名前": 2.0}, {"emoji": "🙂", "naïve": -1}]
    X = _call(rows, 128, seed=3)
    np.testing.assert_allclose(X, _reference(rows, 128, seed=3), rtol=RTOL, atol=ATOL,
                               err_msg="non-ASCII tokens: encode f'{seed}:{token}' with UTF-8 before md5")


def test_empty_rows_and_empty_input():
    X = _call([{}, {"a": "b"}, {}], 10)
    assert np.all(X[0] == 0) and np.all(X[2] == 0), "an empty row must give a row of zeros"
    np.testing.assert_allclose(X[1], _reference([{"a": "b"}], 10)[0], rtol=RTOL, atol=ATOL)
    X0 = _call([], 7)
    assert X0.shape == (0, 7), f"no rows: shape {X0.shape}, expected (0, 7)"


def test_rows_not_modified():
    rng = np.random.default_rng(11)
    rows = _random_rows(rng, 50)
    saved = [dict(r) for r in rows]
    hash_features(rows, 8, seed=0)
    assert len(rows) == 50 and all(a == b for a, b in zip(rows, saved)), "rows (or their dicts) were modified"


# Scale tests last: the cheap correctness tests above report first.
def test_scale_fills_x_in_linear_time_on_20k_rows():
    rng = np.random.default_rng(2024)
    n, n_features, seed = 20_000, 64, 1
    country = rng.integers(0, 60, n)
    device = rng.integers(0, 3, n)
    hour = rng.integers(0, 24, n)
    age = rng.integers(18, 80, n)
    price = np.round(rng.normal(size=n), 3)
    devices = ["ios", "android", "web"]
    rows = [{"country": f"c{a}", "device": devices[b], "hour": str(h), "age": int(g), "price": float(p)}
            for a, b, h, g, p in zip(country.tolist(), device.tolist(), hour.tolist(), age.tolist(), price.tolist())]
    reference = load_reference(__file__).hash_features
    X = _validate(assert_relative_speed(
        candidate=lambda: hash_features(rows, n_features, seed=seed),
        reference=lambda: reference(rows, n_features, seed=seed),
        factor=10, slack_ms=50, key="feature-hashing/20k-rows",
        what="hashing 20,000 rows of 5 features must run within 10x the time of a reference that "
             "hashes each distinct token once, plus 50 ms (do not grow X row by row)"), rows, n_features)

    def lookup(tokens):
        cs = [_col_sign(t, seed, n_features) for t in tokens]
        return np.array([c for c, _ in cs]), np.array([s for _, s in cs])

    exp = np.zeros((n, n_features))
    idx = np.arange(n)
    for codes, tokens in ((country, [f"country=c{i}" for i in range(60)]),
                          (device, [f"device={d}" for d in devices]),
                          (hour, [f"hour={i}" for i in range(24)])):
        c, s = lookup(tokens)
        np.add.at(exp, (idx, c[codes]), s[codes])
    for name, w in (("age", age.astype(float)), ("price", price)):
        c, s = lookup([name])
        np.add.at(exp, (idx, np.full(n, c[0])), s[0] * w)
    bad = np.flatnonzero(np.abs(X - exp).max(axis=1) > 1e-9 * (1 + np.abs(exp).max(axis=1)))
    assert bad.size == 0, f"{bad.size} of {n} rows differ from the reference, first at row {bad[0]}"
