import hashlib

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from solution import hash_features as _user_hash_features

RTOL = ATOL = 1e-9


def hash_features(rows, n_features, **kwargs):
    """Your hash_features (keyword arguments passed on), with its result checked to be a float64
    array of shape (len(rows), n_features) before a test uses it."""
    X = _as_array(_user_hash_features(rows, n_features, **kwargs), (len(rows), n_features), "hash_features result")
    assert X.dtype == np.float64, f"hash_features result: dtype {X.dtype}, expected float64"
    return X


def _col_sign(token, seed, n_features):
    h = int.from_bytes(hashlib.md5(f"{seed}:{token}".encode("utf-8")).digest()[:8], "little")
    return h % n_features, (1.0 if (h >> 63) & 1 == 0 else -1.0)


def _token(name, value):
    return (f"{name}={value}", 1.0) if isinstance(value, str) else (name, float(value))


def _tokens(row, crosses):
    out = [_token(n, v) for n, v in row.items()]
    for cross in crosses:
        if all(n in row for n in cross):
            parts = [_token(n, row[n]) for n in cross]
            out.append(("^".join(t for t, _ in parts), float(np.prod([w for _, w in parts]))))
    return out


def _reference(rows, n_features, seed=0, crosses=()):
    X = np.zeros((len(rows), n_features))
    for r, row in enumerate(rows):
        for tok, w in _tokens(row, crosses):
            c, s = _col_sign(tok, seed, n_features)
            X[r, c] += s * w
    return X


def _one_token_delta(rows, n_features, cross, seed=0):
    """What one cross adds: the matrix with the cross minus the matrix without it."""
    return (hash_features(rows, n_features, seed=seed, crosses=[cross])
            - hash_features(rows, n_features, seed=seed))


def test_cross_token_is_joined_components():
    # a wide hash space: the cross must add exactly one entry, +-1 in the column of its token
    rows = [{"country": "FR", "device": "ios", "age": 30}]
    n = 2 ** 16
    delta = _one_token_delta(rows, n, ("country", "device"))
    c, s = _col_sign("country=FR^device=ios", 0, n)
    nz = np.flatnonzero(delta[0])
    assert nz.tolist() == [c] and abs(delta[0, c] - s) < ATOL, (
        f"the cross ('country', 'device') must add one token 'country=FR^device=ios' with weight 1: "
        f"expected {s:+.0f} in column {c}, the cross changed columns {nz.tolist()[:5]}")


def test_cross_order_is_the_given_order():
    rows = [{"country": "FR", "device": "ios"}]
    n = 2 ** 16
    delta = _one_token_delta(rows, n, ("device", "country"))
    c, s = _col_sign("device=ios^country=FR", 0, n)
    assert np.flatnonzero(delta[0]).tolist() == [c] and abs(delta[0, c] - s) < ATOL, \
        "the cross ('device', 'country') gives the token 'device=ios^country=FR' (names in the cross's order, not sorted)"


def test_numeric_components_multiply_weights():
    rows = [{"device": "ios", "age": 30, "price": -2.5}]
    n = 2 ** 16
    for cross, tok, w in ((("device", "age"), "device=ios^age", 30.0), (("age", "price"), "age^price", -75.0),
                          (("price", "device", "age"), "price^device=ios^age", -75.0)):
        delta = _one_token_delta(rows, n, cross)
        c, s = _col_sign(tok, 0, n)
        assert np.flatnonzero(delta[0]).tolist() == [c] and abs(delta[0, c] - s * w) < ATOL, (
            f"cross {cross}: token {tok!r} with weight {w} (the product of the components' weights): "
            f"expected {s * w:+} in column {c}")


def test_cross_skipped_when_a_name_is_missing():
    rows = [{"country": "FR", "age": 30}, {"device": "web"}, {}]
    d = _one_token_delta(rows, 64, ("country", "device"))
    assert np.all(np.abs(d) < ATOL), "a cross whose names are not all present in a row adds nothing to that row"


def test_matches_reference_with_several_crosses():
    rng = np.random.default_rng(5)
    rows = []
    for _ in range(300):
        row = {}
        if rng.random() < 0.8:
            row["country"] = f"c{rng.integers(0, 6)}"
        if rng.random() < 0.7:
            row["device"] = ["ios", "android", "web"][rng.integers(0, 3)]
        if rng.random() < 0.6:
            row["age"] = int(rng.integers(18, 70))
        if rng.random() < 0.5:
            row["price"] = float(np.round(rng.normal() * 5, 2))
        rows.append(row)
    crosses = [("country", "device"), ("device", "age"), ("age", "price"), ("country", "device", "price")]
    for n_features, seed in ((32, 0), (1024, 7)):
        X = hash_features(rows, n_features, seed=seed, crosses=crosses)
        np.testing.assert_allclose(X, _reference(rows, n_features, seed, crosses), rtol=RTOL, atol=ATOL,
                                   err_msg=f"n_features={n_features}, seed={seed}: features plus 4 crosses")


def test_base_features_kept_and_default_unchanged():
    rows = [{"country": "FR", "device": "ios", "age": 30}, {"country": "DE"}]
    X = hash_features(rows, 4096, crosses=[("country", "device")])
    np.testing.assert_allclose(X, _reference(rows, 4096, 0, [("country", "device")]), rtol=RTOL, atol=ATOL,
                               err_msg="the crosses are added to the row's own tokens, not instead of them")
    np.testing.assert_allclose(hash_features(rows, 4096), _reference(rows, 4096), rtol=RTOL, atol=ATOL,
                               err_msg="default crosses=() must be part 1")
    np.testing.assert_allclose(hash_features(rows, 4096, crosses=[]), _reference(rows, 4096), rtol=RTOL, atol=ATOL,
                               err_msg="crosses=[] must be part 1")


def test_invalid_crosses_raise():
    rows = [{"a": "x", "b": 1.0}]
    for bad in ([("a",)], [("a", "a")], [("a", "b"), ()], [("a", "b", "a")]):
        try:
            _user_hash_features(rows, 8, crosses=bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"crosses={bad!r} must raise ValueError (a cross needs >= 2 names, all distinct)")
    saved = [dict(r) for r in rows]
    hash_features(rows, 8, crosses=[("a", "b")])
    assert rows == saved, "rows were modified"
