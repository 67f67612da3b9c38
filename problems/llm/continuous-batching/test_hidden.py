import numpy as np

from mlprep_harness.checks import as_array as _as_array, describe as _describe
from mlprep_harness.frameworks import framework, user_function
from solution import continuous_batching as _user_function

_user_schedule = user_function(_user_function)


def _as_user_input(requests):
    """`requests` as the solution's framework takes it: the list of tuples itself under NumPy; under
    PyTorch an int64 array of shape (n, 3) (the solution receives it as a tensor, sharing memory)."""
    if framework() == "pytorch":
        return np.array([tuple(r) for r in requests], dtype=np.int64).reshape(-1, 3)
    return requests


def schedule(requests, token_budget, max_batch_size, _arg=None):
    """Your continuous_batching, its result checked to be a list of len(requests) pairs of ints
    (under PyTorch: an int64 tensor of shape (n, 2), read back here as pairs). `_arg`: the exact
    object to pass (already converted by `_as_user_input`), for tests that check it is not modified."""
    got = _user_schedule(_as_user_input(requests) if _arg is None else _arg, token_budget, max_batch_size)
    n = len(requests)
    if framework() == "pytorch":
        got = _as_array(got, (n, 2), "continuous_batching result (an int64 tensor of shape (n, 2))", kinds="iu")
        assert got.dtype == np.int64, "continuous_batching result: expected dtype torch.int64, got %s" % got.dtype
        return [(int(a), int(f)) for a, f in got.tolist()]
    assert isinstance(got, (list, tuple)) and len(got) == n, \
        "expected a list of %d (admit_step, finish_step) pairs, got %s" % (n, _describe(got))
    out = []
    for i, pair in enumerate(got):
        ok = isinstance(pair, (tuple, list)) and len(pair) == 2 and all(
            isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)) for x in pair)
        assert ok, "request %d: expected an (admit_step, finish_step) pair of ints, got %s" % (i, _describe(pair))
        out.append((int(pair[0]), int(pair[1])))
    return out


def _simulate(requests, budget, max_batch):
    """Independent step-by-step simulation: explicit waiting and running sets, every step visited."""
    n = len(requests)
    admit, finish = {}, {}
    step = 0
    while len(admit) < n:                                     # finish steps are known at admission
        running = [i for i in admit if admit[i] < step <= finish[i]]
        waiting = sorted((requests[i][0], i) for i in range(n) if i not in admit and requests[i][0] <= step)
        tokens, batch = len(running), len(running)
        for _, i in waiting:
            _, prompt, new = requests[i]
            if batch + 1 > max_batch or tokens + prompt > budget:
                break
            admit[i], finish[i] = step, step + new - 1
            tokens += prompt
            batch += 1
        step += 1
    return [(admit[i], finish[i]) for i in range(n)]


def _workload(seed, n=60, horizon=40, max_prompt=12, max_new=9):
    rng = np.random.default_rng(seed)
    return [(int(rng.integers(0, horizon)), int(rng.integers(1, max_prompt + 1)), int(rng.integers(1, max_new + 1)))
            for _ in range(n)]


CASES = [(0, 16, 4), (1, 12, 8), (2, 40, 3), (3, 12, 1), (4, 25, 16), (5, 13, 6)]


def _step_usage(requests, result):
    """tokens and batch size per step, from a result: prompts at the admit step, 1 token per later step."""
    last = max(f for _, f in result)
    tokens = np.zeros(last + 2, dtype=np.int64)
    batch = np.zeros(last + 2, dtype=np.int64)
    for (arrival, prompt, new), (a, f) in zip(requests, result):
        tokens[a] += prompt
        tokens[a + 1:f + 1] += 1
        batch[a:f + 1] += 1
    return tokens, batch


def test_single_request_runs_from_arrival():
    got = schedule([(7, 5, 4)], 10, 2)
    assert got == [(7, 10)], f"a lone request arriving at 7 with 4 new tokens runs at steps 7..10; got {got}"
    got = schedule([(0, 3, 1)], 3, 1)
    assert got == [(0, 0)], f"max_new_tokens = 1 finishes in its admission step; got {got}"


def test_matches_step_by_step_simulation():
    for seed, budget, max_batch in CASES:
        reqs = _workload(seed)
        got = schedule(reqs, budget, max_batch)
        want = _simulate(reqs, budget, max_batch)
        bad = [i for i in range(len(reqs)) if got[i] != want[i]]
        assert not bad, (f"token_budget={budget}, max_batch_size={max_batch}: request {bad[0]} {reqs[bad[0]]} "
                         f"got (admit, finish) {got[bad[0]]}, expected {want[bad[0]]} ({len(bad)} requests differ)")


def test_finish_is_admit_plus_new_tokens_minus_one_and_after_arrival():
    for seed, budget, max_batch in CASES[:3]:
        reqs = _workload(seed)
        for i, ((arrival, _, new), (a, f)) in enumerate(zip(reqs, schedule(reqs, budget, max_batch))):
            assert a >= arrival, f"request {i} admitted at {a} before it arrived at {arrival}"
            assert f == a + new - 1, (f"request {i} admitted at {a} with {new} new tokens must finish at {a + new - 1} "
                                      f"(first token in the admission step), got {f}")


def test_token_budget_never_exceeded():
    for seed, budget, max_batch in CASES:
        reqs = _workload(seed)
        tokens, _ = _step_usage(reqs, schedule(reqs, budget, max_batch))
        over = np.flatnonzero(tokens > budget)
        assert over.size == 0, (f"token_budget={budget}: step {over[0]} processes {tokens[over[0]]} tokens "
                                "(prompts of requests admitted then + 1 per running request)")


def test_batch_size_never_exceeded():
    for seed, budget, max_batch in CASES:
        reqs = _workload(seed)
        _, batch = _step_usage(reqs, schedule(reqs, budget, max_batch))
        over = np.flatnonzero(batch > max_batch)
        assert over.size == 0, f"max_batch_size={max_batch}: step {over[0]} has {batch[over[0]]} requests in the batch"


def test_first_come_first_served_order_kept():
    for seed, budget, max_batch in CASES:
        reqs = _workload(seed)
        got = schedule(reqs, budget, max_batch)
        order = sorted(range(len(reqs)), key=lambda i: (reqs[i][0], i))
        admits = [got[i][0] for i in order]
        bad = [k for k in range(1, len(order)) if admits[k] < admits[k - 1]]
        assert not bad, (f"request {order[bad[0]]} (arrival {reqs[order[bad[0]]][0]}) was admitted at {admits[bad[0]]}, "
                         f"before request {order[bad[0] - 1]} that is ahead of it in the queue (admitted at "
                         f"{admits[bad[0] - 1]}): no skipping ahead")


def test_head_of_line_request_blocks_smaller_ones_behind_it():
    # budget 10: R0 takes 8 tokens at step 0; R1 (5) does not fit, so R2 (1) must wait behind it
    got = schedule([(0, 8, 5), (0, 5, 1), (0, 1, 1)], 10, 4)
    assert got == [(0, 4), (1, 1), (1, 1)], \
        f"R1 does not fit at step 0 and R2 may not skip it; both enter at step 1 (1 + 5 + 1 <= 10); got {got}"


def test_prefill_tokens_count_against_the_budget():
    got = schedule([(0, 6, 4), (0, 6, 1)], 10, 8)
    assert got == [(0, 3), (1, 1)], f"6 + 6 prompt tokens exceed the budget 10 at step 0; got {got}"


def test_decode_tokens_count_against_the_budget():
    # four running requests use the whole budget of 4 with their decode tokens until they finish at step 4
    got = schedule([(0, 1, 5)] * 4 + [(1, 1, 1)], 4, 10)
    assert got == [(0, 4)] * 4 + [(5, 5)], \
        f"each running request costs 1 token per step: R4 must wait until step 5; got {got}"


def test_finished_request_frees_its_slot_on_the_next_step():
    got = schedule([(0, 1, 3), (0, 1, 2), (0, 1, 1)], 100, 1)
    assert got == [(0, 2), (3, 4), (5, 5)], \
        f"max_batch_size 1: R0 runs steps 0..2, so R1 is admitted at step 3 and R2 at step 5; got {got}"


def test_unsorted_arrivals_idle_gaps_and_ties_by_id():
    reqs = [(10, 2, 2), (0, 3, 1), (10, 3, 1), (3, 2, 2), (10, 1, 1)]
    got = schedule(reqs, 4, 2)
    # ids by (arrival, id): 1 @0, 3 @3, then 0, 2, 4 @10 (ties by id); at step 10 R0 (2) fits, R2 (2+3) does not
    assert got == [(10, 11), (0, 0), (11, 11), (3, 4), (12, 12)], f"got {got}"


def test_no_starvation_of_a_full_budget_prompt():
    # a prompt equal to the whole budget arrives while small requests keep arriving every step
    reqs = [(s, 1, 3) for s in range(6)] + [(2, 20, 2)] + [(s, 1, 2) for s in range(6, 30)]
    got = schedule(reqs, 20, 8)
    big = got[6]
    assert big == _simulate(reqs, 20, 8)[6], f"the 20-token prompt got {big}, expected {_simulate(reqs, 20, 8)[6]}"
    later = [got[i][0] for i in range(7, len(reqs)) if reqs[i][0] > 2]
    assert all(a >= big[0] for a in later), "requests that arrived after the big prompt were admitted before it"


def test_empty_input_and_input_not_modified():
    assert schedule([], 5, 2) == [], "no requests: []"
    reqs = _workload(9, n=20)
    before = [tuple(r) for r in reqs]
    arg = _as_user_input(reqs)
    arg_before = np.array(arg, copy=True) if isinstance(arg, np.ndarray) else None
    schedule(reqs, 16, 4, _arg=arg)
    assert [tuple(r) for r in reqs] == before and len(reqs) == 20, "requests was modified"
    if arg_before is not None:
        assert np.array_equal(arg, arg_before), "the requests tensor was modified in place"


def test_invalid_parameters_raise_value_error():
    cases = [([(0, 11, 1)], 10, 2, "prompt_len 11 > token_budget 10"),
             ([(0, 1, 1)], 0, 2, "token_budget 0"),
             ([(0, 1, 1)], 10, 0, "max_batch_size 0"),
             ([(0, 0, 1)], 10, 2, "prompt_len 0"),
             ([(0, 1, 0)], 10, 2, "max_new_tokens 0"),
             ([(-1, 1, 1)], 10, 2, "arrival_step -1")]
    for reqs, budget, max_batch, what in cases:
        try:
            _user_schedule(_as_user_input(reqs), budget, max_batch)
        except ValueError:
            continue
        raise AssertionError(f"{what} should raise ValueError")
