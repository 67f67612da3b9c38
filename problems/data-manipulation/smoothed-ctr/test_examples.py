import numpy as np
import pandas as pd

from solution import smoothed_ctr


def test_statement_example():
    log = pd.DataFrame({
        "ad_id": [10, 10, 10, 10, 20, 20, 30, 99, 99, 99],
        "clicked": [0, 1, 0, 0, 0, 0, 1, 1, 1, 1],
    })
    out = smoothed_ctr(log, ads=[10, 20, 30, 40], a=1.0, b=3.0)
    assert list(out.columns) == ["ad_id", "impressions", "clicks", "ctr"], f"columns {list(out.columns)}"
    assert out.shape == (4, 4), f"shape {out.shape}, expected (4, 4)"
    assert list(out["ad_id"]) == [30, 10, 40, 20], f"order {list(out['ad_id'])}, expected [30, 10, 40, 20]"
    assert list(out["impressions"]) == [1, 4, 0, 2], f"impressions {list(out['impressions'])}"
    assert list(out["clicks"]) == [1, 1, 0, 0], f"clicks {list(out['clicks'])}"
    np.testing.assert_allclose(out["ctr"].to_numpy(dtype=float), [0.4, 0.25, 0.25, 1 / 6], rtol=1e-9,
                               err_msg="ctr")


def test_ad_without_impressions_gets_prior_mean():
    log = pd.DataFrame({"ad_id": ["x", "x"], "clicked": [True, False]})
    out = smoothed_ctr(log, ads=["x", "y"], a=2.0, b=6.0)
    assert list(out["ad_id"]) == ["x", "y"], f"order {list(out['ad_id'])}"
    np.testing.assert_allclose(out["ctr"].to_numpy(dtype=float), [0.3, 0.25], rtol=1e-9, err_msg="ctr")
