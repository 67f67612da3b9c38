import numpy as np
import pandas as pd


def funnel_conversion(events, steps=("view", "add_to_cart", "purchase")):
    """Count the users who complete each step of an ordered funnel, in order.

    Args:
        events: pd.DataFrame with columns
            user_id  - user identifier (int or str)
            event    - event name (str); events not in `steps` are ignored
            ts       - event time, datetime64[ns] or numeric (only the order matters)
            (other columns may be present and are ignored). Do not modify it.
        steps: the funnel, a sequence of distinct event names in order.

    A user reaches step k when they have events for steps 1..k at times
    t1 <= t2 <= ... <= tk (equal timestamps count as in order).

    Returns:
        pd.DataFrame with one row per step, in funnel order, index 0..len(steps)-1, columns
            step                      (str)
            users                     (int)   users who reached this step in order
            conversion_from_previous  (float) users / users of the previous step (1.0 on step 1)
            conversion_from_first     (float) users / users of step 1
        A ratio whose denominator is 0 is 0.0.
    """
    raise NotImplementedError
