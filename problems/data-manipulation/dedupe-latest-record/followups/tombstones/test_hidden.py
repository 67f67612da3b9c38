import numpy as np
import pandas as pd

from mlprep_harness.checks import describe as _describe
from solution import dedupe_latest as _user_dedupe_latest


def dedupe_latest(df, key, **kwargs):
    """Your dedupe_latest (keyword arguments passed on), with its result checked to be a DataFrame
    with the input's columns and dtypes before a test uses it."""
    out = _user_dedupe_latest(df, key, **kwargs)
    assert isinstance(out, pd.DataFrame), "dedupe_latest result: expected a pandas DataFrame, got %s" % _describe(out)
    assert list(out.columns) == list(df.columns), \
        "dedupe_latest result: expected the input's columns %s in order, got %s" % (list(df.columns), list(out.columns))
    wrong = {c: str(out[c].dtype) for c in df.columns if out[c].dtype != df[c].dtype}
    assert not wrong, "dedupe_latest result: rows must keep the input's dtypes, got %s" % wrong
    return out


def _slow_reference(df, keys, deleted):
    """Row-by-row reference: rank = (has timestamp, timestamp, ingestion_id); tombstone winners dropped."""
    best = {}
    for i, row in enumerate(df.itertuples(index=False)):
        r = row._asdict()
        k = tuple(r[c] for c in keys)
        ts = r["updated_at"]
        rank = (0, 0, r["ingestion_id"]) if pd.isna(ts) else (1, pd.Timestamp(ts).value, r["ingestion_id"])
        if k not in best or rank > best[k][0]:
            best[k] = (rank, i)
    rows = [best[k][1] for k in sorted(best) if not bool(df[deleted].iloc[best[k][1]])]
    return df.iloc[rows].reset_index(drop=True)


def _random_df(rng, n, n_keys, p_delete=0.25):
    ts = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 15, size=n), unit="D")  # many ties
    ts = pd.Series(ts).where(rng.random(n) > 0.1)
    amount = rng.normal(size=n)
    amount[rng.random(n) < 0.2] = np.nan
    return pd.DataFrame({
        "account": rng.integers(0, n_keys, size=n),
        "region": rng.choice(["eu", "us"], size=n),
        "updated_at": ts.to_numpy(),
        "amount": amount,
        "is_deleted": rng.random(n) < p_delete,
        "ingestion_id": rng.permutation(n).astype(np.int64) + 500,
    })


def _check(out, expected, what):
    assert out.shape == expected.shape, f"{what}: shape {out.shape}, expected {expected.shape}"
    pd.testing.assert_frame_equal(out, expected, obj=what)


def _frame(rows):
    df = pd.DataFrame(rows, columns=["k", "v", "updated_at", "is_deleted", "ingestion_id"])
    df["updated_at"] = pd.to_datetime(df["updated_at"])
    df["is_deleted"] = df["is_deleted"].astype(bool)
    df["ingestion_id"] = df["ingestion_id"].astype(np.int64)
    df["k"] = df["k"].astype(np.int64)
    return df


def test_latest_delete_hides_older_versions():
    df = _frame([(1, 10.0, "2024-01-01", False, 1), (1, np.nan, "2024-02-01", True, 2),
                 (2, 20.0, "2024-01-01", False, 3), (2, 21.0, "2024-01-03", False, 4)])
    out = dedupe_latest(df, "k", deleted="is_deleted")
    _check(out, df.iloc[[3]].reset_index(drop=True),
           "key 1's latest record is a delete: key 1 must be absent (not its older upsert)")


def test_upsert_after_delete_brings_the_key_back():
    df = _frame([(1, 10.0, "2024-03-05", False, 1), (1, np.nan, "2024-02-01", True, 7),
                 (1, 9.0, "2024-01-01", False, 2), (3, 5.0, "2024-01-01", False, 3)])
    out = dedupe_latest(df, "k", deleted="is_deleted")
    _check(out, df.iloc[[0, 3]].reset_index(drop=True),
           "a delete followed by a later upsert: the key is back with the upsert")


def test_delete_ranked_like_any_version():
    # same timestamp: the higher ingestion_id wins, tombstone or not; a NaT tombstone is older
    # than any dated record
    df = _frame([(1, 1.0, "2024-05-01", False, 10), (1, np.nan, "2024-05-01", True, 11),
                 (2, np.nan, "2024-05-01", True, 20), (2, 2.0, "2024-05-01", False, 21),
                 (3, np.nan, None, True, 99), (3, 3.0, "2020-01-01", False, 1),
                 (4, np.nan, None, True, 5), (4, 4.0, None, False, 4)])
    out = dedupe_latest(df, "k", deleted="is_deleted")
    _check(out, df.iloc[[3, 5]].reset_index(drop=True),
           "key 1: delete with the higher id wins (dropped); key 2: upsert with the higher id wins; "
           "key 3: NaT delete loses to a dated upsert; key 4: all NaT, delete has the higher id (dropped)")


def test_matches_reference_on_random_data():
    rng = np.random.default_rng(42)
    for n, n_keys, keys in ((2000, 300, ["account"]), (800, 40, ["region", "account"])):
        df = _random_df(rng, n, n_keys)
        out = dedupe_latest(df, keys if len(keys) > 1 else keys[0], deleted="is_deleted")
        _check(out, _slow_reference(df, keys, "is_deleted"), f"random data, key {keys}")


def test_everything_deleted_gives_an_empty_frame():
    rng = np.random.default_rng(3)
    df = _random_df(rng, 50, 10, p_delete=1.0)
    out = dedupe_latest(df, "account", deleted="is_deleted")
    assert len(out) == 0, f"every record is a delete: expected no rows, got {len(out)}"
    out0 = dedupe_latest(df.iloc[:0], "account", deleted="is_deleted")
    assert len(out0) == 0, f"empty input: expected no rows, got {len(out0)}"


def test_default_keeps_tombstones_and_input_untouched():
    rng = np.random.default_rng(9)
    df = _random_df(rng, 300, 30)
    before = df.copy()
    out = dedupe_latest(df, "account")
    assert out["account"].is_unique and len(out) == df["account"].nunique(), \
        "without deleted=..., part 1's rule holds: one row per key, tombstones included"
    dedupe_latest(df, "account", deleted="is_deleted")
    pd.testing.assert_frame_equal(df, before, obj="input after the call")
