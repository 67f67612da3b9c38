import numpy as np
import pandas as pd


def rolling_user_features(events: pd.DataFrame, window: pd.Timedelta = pd.Timedelta(days=7)) -> pd.DataFrame:
    """Per-event features over the same user's strictly earlier events in (t - window, t).

    events: DataFrame with columns user_id (int64), ts (datetime64[ns]), amount (float64).
            Not sorted; unique index (not necessarily a RangeIndex).
    window: positive pd.Timedelta.

    History of an event at time t: events of the same user with t - window < s < t
    (both ends open: the event itself, events at the same timestamp and events exactly
    `window` earlier are excluded).

    Returns a DataFrame with the same index as events (same order) and columns
        prev_count (int64), prev_sum (float64, 0.0 if empty), prev_mean (float64, NaN if empty).
    Do not modify events.
    """
    raise NotImplementedError
