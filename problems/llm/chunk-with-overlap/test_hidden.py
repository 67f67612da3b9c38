import signal
import threading

import numpy as np

from mlprep_harness.checks import as_array as _as_array, describe as _describe
from mlprep_harness.frameworks import framework, user_function
from solution import chunk_tokens as _user_function

_user_chunk_tokens = user_function(_user_function)

GUARD_SECONDS = 2.0          # a correct call takes milliseconds; an endless loop is stopped here
INVALID_GUARD_SECONDS = 1.0  # calls that must raise ValueError at once


class _Hang(Exception):
    pass


def _guarded(fn, what, seconds=GUARD_SECONDS):
    """Run fn(), turning a call that does not return within `seconds` into a test failure
    (an endless loop is the typical bug when the chunker cannot advance). Uses SIGALRM where the
    platform has it and the test runs in the main thread; elsewhere the harness time limit applies."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        return fn()

    def on_alarm(signum, frame):
        raise _Hang()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    except _Hang:
        raise AssertionError("%s: the call did not return within %.0f s (endless loop? does every chunk "
                             "advance the start, and do invalid budgets raise ValueError?)" % (what, seconds)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _spans(got, what):
    """The user's result as a list of (start, end) int tuples, or an AssertionError naming what
    came back."""
    assert isinstance(got, list), "%s: expected a list of (start, end) tuples, got %s" % (what, _describe(got))
    out = []
    for i, s in enumerate(got):
        ok = isinstance(s, (tuple, list)) and len(s) == 2 and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in s)
        assert ok, "%s: item %d should be a (start, end) pair of ints, got %s" % (what, i, _describe(s))
        out.append((int(s[0]), int(s[1])))
    return out


def _token_ids(tokens, boundary_tokens):
    """Under PyTorch, tokens are ids: the tokens as an int64 array and the boundary tokens (unless
    None) as a 1-D int64 array of ids. Int tokens keep their value; string tokens (and string
    boundary tokens) become their index in the sorted list of every distinct string, so the ids
    keep the strings' order and the same string always gets the same id."""
    strings = sorted({t for t in list(tokens) + list(boundary_tokens or ()) if isinstance(t, str)})
    index = {t: i for i, t in enumerate(strings)}
    ids = np.array([index[t] if isinstance(t, str) else int(t) for t in tokens], dtype=np.int64)
    if boundary_tokens is None:
        return ids, None
    bids = sorted({index[t] if isinstance(t, str) else int(t) for t in boundary_tokens})
    return ids, np.array(bids, dtype=np.int64)


def _as_user_input(tokens, args, kwargs):
    """The arguments as the solution's framework takes them: unchanged under NumPy; under PyTorch
    the tokens and boundary tokens as int64 id arrays (the solution receives tensors)."""
    if framework() != "pytorch":
        return tokens, args, kwargs
    args, kwargs = list(args), dict(kwargs)
    if len(args) >= 3:
        tokens, args[2] = _token_ids(tokens, args[2])
    else:
        tokens, boundary = _token_ids(tokens, kwargs.get("boundary_tokens"))
        if "boundary_tokens" in kwargs:
            kwargs["boundary_tokens"] = boundary
    return tokens, tuple(args), kwargs


def chunk_tokens(tokens, *args, _seconds=GUARD_SECONDS, _arg=None, **kwargs):
    """Your chunk_tokens (guarded against endless loops), its result checked to be a list of
    (start, end) int pairs (under PyTorch: an int64 tensor of shape (m, 2), read back here as
    pairs). `_arg`: the exact tokens object to pass (already converted), for tests that check it
    is not modified."""
    tokens, args, kwargs = _as_user_input(tokens, args, kwargs)
    if _arg is not None:
        tokens = _arg
    got = _guarded(lambda: _user_chunk_tokens(tokens, *args, **kwargs), "chunk_tokens", _seconds)
    if framework() == "pytorch":
        got = _as_array(got, (None, 2), "chunk_tokens result (an int64 tensor of shape (m, 2))", kinds="iu")
        assert got.dtype == np.int64, "chunk_tokens result: expected dtype torch.int64, got %s" % got.dtype
        return [(int(s), int(e)) for s, e in got.tolist()]
    return _spans(got, "chunk_tokens result")


def _ref(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
    """Independent reference: the statement's algorithm with explicit index arithmetic."""
    n = len(tokens)
    bset = set(boundary_tokens or ())
    spans, start = [], 0
    while start < n:
        full_end = min(start + max_tokens, n)
        end = full_end
        if full_end < n and bset and boundary_window > 0:
            hits = [j for j in range(full_end - boundary_window, full_end) if tokens[j] in bset]
            if hits:
                end = max(hits) + 1
        spans.append((start, end))
        if end == n:
            break
        start = end - overlap
    return spans


def _check_properties(spans, n, max_tokens, overlap, what, exact_size=True):
    assert spans, f"{what}: expected at least one chunk for n={n}, got []"
    assert spans[0][0] == 0, f"{what}: the first chunk must start at 0, got {spans[0]}"
    assert spans[-1][1] == n, f"{what}: the last chunk must end at n={n}, got {spans[-1]} (tail dropped?)"
    for i, (s, e) in enumerate(spans):
        assert 0 <= s < e <= n, f"{what}: chunk {i} = {(s, e)} is not a non-empty span inside [0, {n})"
        assert e - s <= max_tokens, f"{what}: chunk {i} = {(s, e)} has {e - s} > max_tokens={max_tokens} tokens"
        if exact_size and i < len(spans) - 1:
            assert e - s == max_tokens, (f"{what}: chunk {i} = {(s, e)} has {e - s} tokens; without boundaries "
                                         f"every chunk but the last has max_tokens={max_tokens}")
    for i in range(len(spans) - 1):
        (s0, e0), (s1, e1) = spans[i], spans[i + 1]
        assert s1 == e0 - overlap, (f"{what}: chunks {i} = {(s0, e0)} and {i + 1} = {(s1, e1)} share {e0 - s1} "
                                    f"tokens, expected overlap={overlap} (next start = end - overlap)")
        assert e1 > e0, f"{what}: chunk {i + 1} = {(s1, e1)} lies inside chunk {i} = {(s0, e0)} (duplicate tail chunk?)"


def _expect_value_error(args, kwargs, what):
    try:
        chunk_tokens(*args, _seconds=INVALID_GUARD_SECONDS, **kwargs)
    except ValueError:
        return
    raise AssertionError(f"{what}: expected ValueError, the call returned normally")


def test_statement_examples():
    assert chunk_tokens(list(range(10)), 4, 1) == [(0, 4), (3, 7), (6, 10)], "max_tokens=4, overlap=1 on 10 tokens"
    t = "The cat sat . It was warm . The end".split()
    got = chunk_tokens(t, 5, 1, boundary_tokens={"."}, boundary_window=3)
    assert got == [(0, 4), (3, 8), (7, 10)], f"boundary example: got {got}, expected [(0, 4), (3, 8), (7, 10)]"


def test_overlap_not_smaller_than_budget_raises():
    _expect_value_error((list(range(10)), 4, 4), {}, "overlap == max_tokens (stride 0)")
    _expect_value_error((list(range(20)), 3, 5), {}, "overlap > max_tokens (negative stride)")
    _expect_value_error(([], 2, 2), {}, "overlap == max_tokens on an empty sequence (check first)")


def test_other_invalid_arguments_raise():
    _expect_value_error((list(range(5)), 0, 0), {}, "max_tokens = 0")
    _expect_value_error((list(range(5)), 3, -1), {}, "negative overlap")
    _expect_value_error((list(range(10)), 4, 1), {"boundary_tokens": {3}, "boundary_window": 4},
                        "boundary_window = 4 > max_tokens - overlap = 3")
    _expect_value_error((list(range(10)), 4, 1), {"boundary_tokens": {3}, "boundary_window": -1},
                        "negative boundary_window")


def test_fixed_size_matches_reference_and_properties():
    rng = np.random.default_rng(5)
    for trial in range(300):
        n = int(rng.integers(1, 80))
        max_tokens = int(rng.integers(1, 15))
        overlap = int(rng.integers(0, max_tokens))
        tokens = rng.integers(0, 50, size=n).tolist()
        what = f"n={n}, max_tokens={max_tokens}, overlap={overlap}"
        got = chunk_tokens(tokens, max_tokens, overlap)
        _check_properties(got, n, max_tokens, overlap, what)
        assert got == _ref(tokens, max_tokens, overlap), f"{what}: got {got[:6]}..., expected {_ref(tokens, max_tokens, overlap)[:6]}..."


def test_stride_is_budget_minus_overlap():
    got = chunk_tokens(list(range(20)), 5, 2)
    assert got == [(0, 5), (3, 8), (6, 11), (9, 14), (12, 17), (15, 20)], (
        f"20 tokens, max_tokens=5, overlap=2: chunks must start every 3 tokens, got {got}")


def test_tail_is_kept():
    # (n - max_tokens) is not a multiple of the stride: the last chunk is shorter
    got = chunk_tokens(list(range(11)), 4, 1)
    assert got == [(0, 4), (3, 7), (6, 10), (9, 11)], f"11 tokens, max_tokens=4, overlap=1: got {got} (tail dropped?)"
    got = chunk_tokens(list(range(7)), 5, 0)
    assert got == [(0, 5), (5, 7)], f"7 tokens, max_tokens=5, overlap=0: got {got}"


def test_no_chunk_inside_the_previous_one():
    got = chunk_tokens(list(range(10)), 6, 2)
    assert got == [(0, 6), (4, 10)], f"10 tokens, max_tokens=6, overlap=2: got {got} (extra (8, 10) chunk?)"
    got = chunk_tokens(list(range(9)), 5, 4)
    assert got == [(0, 5), (1, 6), (2, 7), (3, 8), (4, 9)], f"9 tokens, max_tokens=5, overlap=4: got {got}"


def test_short_and_empty_sequences():
    assert chunk_tokens([], 4, 1) == [], "an empty sequence gives []"
    assert chunk_tokens([7], 4, 3) == [(0, 1)], "one token gives [(0, 1)]"
    assert chunk_tokens(list(range(4)), 4, 1) == [(0, 4)], "n == max_tokens gives one chunk"
    assert chunk_tokens(list(range(3)), 8, 2) == [(0, 3)], "n < max_tokens gives one chunk"
    assert chunk_tokens(list(range(5)), 1, 0) == [(i, i + 1) for i in range(5)], "max_tokens=1 gives one chunk per token"


def test_string_tokens_and_tuple_input_not_modified():
    words = tuple("a b c d e f g h i".split())
    got = chunk_tokens(words, 4, 2)
    assert got == [(0, 4), (2, 6), (4, 8), (6, 9)], f"9 string tokens in a tuple: got {got}"
    lst = list("abcdefghij")
    before = list(lst)
    arg = _as_user_input(lst, (), {})[0]
    arg_before = np.array(arg, copy=True) if isinstance(arg, np.ndarray) else None
    chunk_tokens(lst, 3, 1, boundary_tokens=["e"], boundary_window=2, _arg=arg)
    assert lst == before, "the tokens list was modified"
    if arg_before is not None:
        assert np.array_equal(arg, arg_before), "the tokens tensor was modified in place"


def test_boundary_picks_the_last_boundary_in_the_window():
    t = ["w"] * 12
    t[4] = "."
    t[6] = "."
    # full-size chunk [0, 8); window 4 searches positions 4..7: '.' at 4 and 6, the last is 6 -> end 7
    got = chunk_tokens(t, 8, 2, boundary_tokens={"."}, boundary_window=4)
    assert got[0] == (0, 7), f"boundaries at 4 and 6 inside the window: the first chunk must be (0, 7), got {got[0]}"
    assert got == _ref(t, 8, 2, {"."}, 4), f"got {got}, expected {_ref(t, 8, 2, {'.'}, 4)}"


def test_boundary_outside_window_is_ignored():
    t = ["w"] * 12
    t[3] = "."
    # full-size chunk [0, 8); window 4 searches 4..7 only: the '.' at 3 is outside
    got = chunk_tokens(t, 8, 2, boundary_tokens={"."}, boundary_window=4)
    assert got[0] == (0, 8), f"the boundary at 3 is outside the window 4..7: expected (0, 8), got {got[0]}"
    # window 5 searches 3..7: now it is inside
    got = chunk_tokens(t, 8, 2, boundary_tokens={"."}, boundary_window=5)
    assert got[0] == (0, 4), f"window 5 searches positions 3..7: expected (0, 4), got {got[0]}"
    # a boundary at end - 1 keeps the full-size chunk
    t2 = ["w"] * 12
    t2[7] = "."
    got = chunk_tokens(t2, 8, 2, boundary_tokens={"."}, boundary_window=1)
    assert got[0] == (0, 8), f"boundary at position 7 = end - 1 with window 1: expected (0, 8), got {got[0]}"
    # boundaries without a window, and a window without boundaries, change nothing
    assert chunk_tokens(t, 8, 2, boundary_tokens={"."}) == chunk_tokens(t, 8, 2), "boundary_window=0 must ignore boundaries"
    assert chunk_tokens(t, 8, 2, boundary_window=3) == chunk_tokens(t, 8, 2), "no boundary tokens: nothing changes"
    assert chunk_tokens(t, 8, 2, boundary_tokens=set(), boundary_window=3) == chunk_tokens(t, 8, 2), \
        "an empty boundary set: nothing changes"


def test_last_chunk_is_never_shortened():
    t = list("abcde.gh")
    got = chunk_tokens(t, 5, 1, boundary_tokens={"."}, boundary_window=4)
    # first full-size chunk [0, 5) has no '.', then start 4: [4, 8) reaches the end -> kept whole
    assert got == [(0, 5), (4, 8)], f"the chunk that reaches the end must not be cut at a boundary: got {got}"


def test_boundaries_keep_exact_overlap_on_random_text():
    rng = np.random.default_rng(17)
    vocab = ["w1", "w2", "w3", "w4", ".", "?"]
    for trial in range(300):
        n = int(rng.integers(1, 90))
        max_tokens = int(rng.integers(2, 16))
        overlap = int(rng.integers(0, max_tokens))
        window = int(rng.integers(0, max_tokens - overlap + 1))
        tokens = [vocab[i] for i in rng.integers(0, len(vocab), size=n)]
        what = f"n={n}, max_tokens={max_tokens}, overlap={overlap}, boundary_window={window}"
        got = chunk_tokens(tokens, max_tokens, overlap, boundary_tokens={".", "?"}, boundary_window=window)
        _check_properties(got, n, max_tokens, overlap, what, exact_size=False)
        exp = _ref(tokens, max_tokens, overlap, {".", "?"}, window)
        assert got == exp, f"{what}: got {got}, expected {exp}"


def test_long_sequence():
    tokens = list(range(100_000))
    got = chunk_tokens(tokens, 512, 64)
    _check_properties(got, 100_000, 512, 64, "100,000 tokens, max_tokens=512, overlap=64")
    assert len(got) == 224, f"100,000 tokens, max_tokens=512, overlap=64: expected 224 chunks, got {len(got)}"
