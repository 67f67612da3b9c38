import numpy as np
import pandas as pd


def sessionize(events: pd.DataFrame, gap: pd.Timedelta = pd.Timedelta(minutes=30)) -> pd.Series:
    """Per-user session number of every event.

    events: DataFrame with columns user_id (int64), ts (datetime64[ns]). Not sorted;
            unique index (not necessarily a RangeIndex).
    gap:    positive pd.Timedelta. Per user, in time order, an event starts a new session
            iff the time since the user's previous event is strictly greater than gap
            (exactly gap stays in the same session).

    Returns an int64 Series with the index of events (same order): session numbers
    0, 1, 2, ... counted per user in time order. Do not modify events.
    """
    raise NotImplementedError
