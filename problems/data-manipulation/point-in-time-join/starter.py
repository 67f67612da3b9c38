import numpy as np
import pandas as pd


def point_in_time_join(labels: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    """Attach to each label event the latest feature snapshot available at that time.

    labels:   DataFrame, n rows, columns user_id (int64), ts (datetime64[ns]) and any
              other columns (passed through unchanged). Not sorted.
    features: DataFrame, m rows, columns user_id (int64), feature_ts (datetime64[ns]) and
              one or more float64 feature columns. Not sorted. (user_id, feature_ts) unique.

    For every label row pick the features row with the same user_id and the largest
    feature_ts <= ts (a snapshot at exactly ts is allowed; later ones never are).
    No such row -> feature_ts is NaT and the feature columns are NaN.

    Returns a DataFrame with n rows: all columns of labels, feature_ts, and all feature
    columns. Row i of the result corresponds to row i of labels (index and column order
    are not checked). Do not modify the inputs.
    """
    raise NotImplementedError
