import numpy as np

from mlprep_harness.checks import describe as _describe
import solution


def StreamingSessionizer(*args, **kwargs):
    """Your StreamingSessionizer, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "StreamingSessionizer", None)
    assert callable(fn), "define class StreamingSessionizer(gap, max_lateness) in solution.py (part 2)"
    return fn(*args, **kwargs)


def _as_sessions(got, what):
    """`got` as a list of (user_id, start, end, count) tuples of Python numbers, or an AssertionError
    naming what came back."""
    assert isinstance(got, (list, tuple)), "%s: expected a list of (user_id, start, end, count) tuples, got %s" % (what, _describe(got))
    out = []
    for item in got:
        assert isinstance(item, (list, tuple)) and len(item) == 4, \
            "%s: each session must be a tuple (user_id, start, end, count), got %s" % (what, _describe(item))
        out.append(tuple(int(v) for v in item))
    return out


def _key(s):
    return (s[2], s[0], s[1])


def _batch(events, gap):
    """Part 1's rule on (user, ts) pairs: [(user, start, end, count)]."""
    by_user = {}
    for u, t in events:
        by_user.setdefault(u, []).append(t)
    out = []
    for u, ts in by_user.items():
        ts.sort()
        start, prev, count = ts[0], ts[0], 1
        for t in ts[1:]:
            if t - prev > gap:
                out.append((u, start, prev, count))
                start, count = t, 0
            prev, count = t, count + 1
        out.append((u, start, prev, count))
    return out


def _simulate(stream, gap, lateness):
    """The stated rules, by brute force: per push the sessions it closes and the open count; then
    the flush and the number of dropped events."""
    accepted, emitted, per_push, n_open, max_ts, dropped = [], set(), [], [], None, 0
    for u, t in stream:
        if max_ts is not None and t < max_ts - lateness:
            dropped += 1
            per_push.append([])
        else:
            accepted.append((u, t))
            max_ts = t if max_ts is None else max(max_ts, t)
            sessions = _batch(accepted, gap)
            new = sorted((s for s in sessions if max_ts - lateness > s[2] + gap and s not in emitted), key=_key)
            emitted.update(new)
            per_push.append(new)
        n_open.append(len(_batch(accepted, gap)) - len(emitted) if accepted else 0)
    final = sorted((s for s in _batch(accepted, gap) if s not in emitted), key=_key)
    return per_push, n_open, final, dropped


def _run(stream, gap, lateness, check_open=True):
    s = StreamingSessionizer(gap, lateness)
    per_push, opens = [], []
    for i, (u, t) in enumerate(stream):
        per_push.append(_as_sessions(s.push(u, t), "push #%d" % i))
        if check_open:
            opens.append(s.n_open())
    final = _as_sessions(s.flush(), "flush()")
    return per_push, opens, final, s


def _disordered(seed, n, n_users, spread, delay):
    """Events whose arrival is their time plus a random delay in [0, delay]: out of order by at most `delay`."""
    rng = np.random.default_rng(seed)
    users = rng.integers(0, n_users, n)
    ts = np.sort(rng.integers(0, spread, n))
    arrival = ts + rng.integers(0, delay + 1, n)
    order = np.argsort(arrival, kind="stable")
    return [(int(users[i]), int(ts[i])) for i in order]


def test_in_order_stream_equals_batch_sessions():
    stream = _disordered(1, 300, 6, 40_000, 0)
    per_push, _, final, s = _run(stream, 600, 0)
    got = sorted([x for p in per_push for x in p] + final)
    assert got == sorted(_batch(stream, 600)), "in-order stream: the emitted sessions must be part 1's sessions"
    assert s.dropped == 0, f"in-order stream: dropped must be 0, got {s.dropped}"


def test_out_of_order_within_lateness_loses_nothing():
    for seed in range(3):
        stream = _disordered(10 + seed, 400, 5, 50_000, 900)
        per_push, _, final, s = _run(stream, 600, 900)
        got = sorted([x for p in per_push for x in p] + final)
        assert s.dropped == 0, f"seed={seed}: events at most 900 late with max_lateness=900: nothing may be dropped, got {s.dropped}"
        assert got == sorted(_batch(stream, 600)), f"seed={seed}: emitted sessions differ from part 1's sessions of all events"


def test_late_event_bridges_two_open_sessions():
    # 0 and 2000 are 2000 > gap apart: two sessions until 1000 arrives and joins both
    s = StreamingSessionizer(1800, 1200)
    for u, t in [(7, 0), (7, 2000), (7, 1000)]:
        out = _as_sessions(s.push(u, t), f"push({u}, {t})")
        assert out == [], f"push({u}, {t}): nothing can be closed yet, got {out}"
    assert s.n_open() == 1, f"after the bridging event user 7 has one open session, n_open() = {s.n_open()}"
    final = _as_sessions(s.flush(), "flush()")
    assert final == [(7, 0, 2000, 3)], f"the event at 1000 is within 1800 of both: one session (7, 0, 2000, 3), got {final}"


def test_exact_emission_push_by_push():
    # sessions come out in the push that makes watermark > end + gap, sorted by (end, user, start)
    for seed in range(3):
        stream = _disordered(20 + seed, 250, 4, 30_000, 700)
        want_push, want_open, want_final, want_dropped = _simulate(stream, 500, 400)
        assert want_dropped > 0, "test setup: delays up to 700 with max_lateness 400 must drop some events"
        per_push, opens, final, s = _run(stream, 500, 400)
        for i, (got, want) in enumerate(zip(per_push, want_push)):
            assert got == want, (f"seed={seed}, push #{i} {stream[i]}: closed {got}, expected {want} "
                                 "(close exactly when max_ts - max_lateness > end + gap)")
        assert final == want_final, f"seed={seed}: flush() returned {final}, expected {want_final}"
        assert s.dropped == want_dropped, f"seed={seed}: dropped {s.dropped}, expected {want_dropped} (late: ts < max_ts - max_lateness)"
        assert opens == want_open, f"seed={seed}: n_open() after each push differs from the number of sessions not yet emitted"


def test_watermark_edges():
    s = StreamingSessionizer(100, 50)
    assert _as_sessions(s.push(1, 1000), "push") == []
    assert _as_sessions(s.push(2, 1150), "push") == [], "watermark 1100 = end 1000 + gap 100: not closed yet (needs >)"
    assert _as_sessions(s.push(2, 1100), "push") == [], "ts 1100 equals the watermark 1100: accepted"
    assert s.dropped == 0, "an event exactly at the watermark is not late"
    assert _as_sessions(s.push(2, 1099), "push") == [] and s.dropped == 1, "ts 1099 < watermark 1100: dropped and counted"
    out = _as_sessions(s.push(3, 1151), "push")
    assert out == [(1, 1000, 1000, 1)], f"watermark 1101 > 1000 + 100: user 1's session closes now, got {out}"
    final = _as_sessions(s.flush(), "flush()")
    assert final == [(2, 1100, 1150, 2), (3, 1151, 1151, 1)], f"flush() returned {final}"
    assert s.n_open() == 0, "after flush() nothing is open"


def test_memory_holds_only_open_sessions():
    # 20,000 events of 2,000 users over a long time: closed sessions must leave the state
    stream = _disordered(5, 20_000, 2_000, 2_000_000, 60)
    s = StreamingSessionizer(300, 60)
    most = 0
    for i, (u, t) in enumerate(stream):
        s.push(u, t)
        if i % 97 == 0:
            most = max(most, s.n_open())
    # events in any window of gap + lateness + gap (about 660 s) number about 7 on average
    assert most <= 60, f"n_open() reached {most}: sessions must be emitted (and forgotten) as soon as they close"
    assert s.dropped == 0, "delays of at most 60 with max_lateness=60: nothing may be dropped"
