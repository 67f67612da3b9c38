"""Bug: closes a session when watermark >= end + gap, although an event exactly at the watermark could still join it. Caught by test_watermark_edges and test_exact_emission_push_by_push."""
import numpy as np
import pandas as pd


def sessionize(events: pd.DataFrame, gap: pd.Timedelta = pd.Timedelta(minutes=30)) -> pd.Series:
    n = len(events)
    users = events["user_id"].to_numpy()
    t = events["ts"].to_numpy().astype("datetime64[ns]").astype("int64")
    g = int(pd.Timedelta(gap).value)

    order = np.lexsort((t, users))
    su, st = users[order], t[order]
    first_of_user = np.ones(n, dtype=bool)
    first_of_user[1:] = su[1:] != su[:-1]
    new_session = first_of_user.copy()
    new_session[1:] |= (st[1:] - st[:-1]) > g          # strictly greater than gap

    global_id = np.cumsum(new_session) - 1             # 0, 1, 2, ... over all users
    user_offset = np.maximum.accumulate(np.where(first_of_user, global_id, 0)) if n else global_id
    local = np.empty(n, dtype="int64")
    local[order] = global_id - user_offset
    return pd.Series(local, index=events.index, name="session_id", dtype="int64")


class StreamingSessionizer:
    """Sessionizes an event stream that may arrive out of order by up to `max_lateness`.

    Watermark W = (largest timestamp pushed so far) - max_lateness. An event with ts < W is late:
    dropped and counted in `dropped`. A user's open session (start, end, count) is emitted once
    W > end + gap (no event that can still arrive could join it). Sessions follow part 1's rule
    (a new session iff the gap to the neighbouring event is > gap), so a late event that falls
    within `gap` of two open sessions of its user merges them. State: the open sessions only."""

    def __init__(self, gap, max_lateness):
        if gap <= 0 or max_lateness < 0:
            raise ValueError("need gap > 0 and max_lateness >= 0")
        self.gap = gap
        self.max_lateness = max_lateness
        self.dropped = 0
        self._max_ts = None
        self._open = {}                       # user_id -> list of [start, end, count], by start

    def _watermark(self):
        return None if self._max_ts is None else self._max_ts - self.max_lateness

    def push(self, user_id, ts):
        """Add one event; returns the sessions this push closes, as (user_id, start, end, count)
        tuples sorted by (end, user_id, start)."""
        w = self._watermark()
        if w is not None and ts < w:
            self.dropped += 1
            return []
        sessions = self._open.setdefault(user_id, [])
        start, end, count = ts, ts, 1
        keep = []
        for s in sessions:
            if s[0] - self.gap <= ts <= s[1] + self.gap:     # joins (and possibly bridges) sessions
                start, end, count = min(start, s[0]), max(end, s[1]), count + s[2]
            else:
                keep.append(s)
        keep.append([start, end, count])
        keep.sort()
        self._open[user_id] = keep
        self._max_ts = ts if self._max_ts is None else max(self._max_ts, ts)
        return self._close(lambda end: self._watermark() >= end + self.gap)

    def flush(self):
        """End of stream: every open session, sorted by (end, user_id, start)."""
        return self._close(lambda end: True)

    def n_open(self):
        """Number of sessions held open."""
        return sum(len(v) for v in self._open.values())

    def _close(self, closable):
        out = []
        for user in list(self._open):
            rest = []
            for s in self._open[user]:
                if closable(s[1]):
                    out.append((user, s[0], s[1], s[2]))
                else:
                    rest.append(s)
            if rest:
                self._open[user] = rest
            else:
                del self._open[user]
        out.sort(key=lambda r: (r[2], r[0], r[1]))
        return out
