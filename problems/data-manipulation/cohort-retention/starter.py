import numpy as np
import pandas as pd


def cohort_retention(activity, n_months):
    """Monthly cohort retention matrix.

    Args:
        activity: pd.DataFrame with columns
            user_id - user identifier (int or str)
            ts      - activity time, datetime64[ns], tz-naive, no missing values
            One row per activity event; a user may have many rows. Do not modify it.
        n_months: int >= 0, the largest month offset to report.

    A user's cohort is the calendar month of their first activity. Offsets are calendar-month
    differences (2024-01-31 -> 2024-02-01 is offset 1). Cell (c, k) is the fraction of the users
    of cohort c with at least one activity in calendar month c + k; it is NaN when c + k is
    after the month of the latest ts in the whole log (not observed yet).

    Returns:
        pd.DataFrame of float64, index = pd.PeriodIndex with freq "M" (one row per cohort month
        that has at least one user, ascending), columns = the ints 0..n_months.
    """
    raise NotImplementedError
