"""Bug: assumes the list is sorted by arrival: the queue follows list order only, so a request that arrives
early but sits late in the list waits for earlier entries that have not arrived yet.
Caught by test_unsorted_arrivals_idle_gaps_and_ties_by_id and the simulation test."""


def continuous_batching(requests, token_budget, max_batch_size):
    """Admission and finish steps of a continuous-batching LLM scheduler (reference).

    requests: list of (arrival_step, prompt_len, max_new_tokens) ints; request id = list index.
    Each step the running requests decode one token each (1 token of budget per request), then
    waiting requests are admitted strictly first-come-first-served (arrival, then id) while the
    batch has fewer than max_batch_size requests and the step's tokens (decodes + prompts of the
    requests admitted this step) stay within token_budget. A request admitted at step a produces its
    first new token in that step and finishes at a + max_new_tokens - 1; its slot is free the next
    step. Returns [(admit_step, finish_step)] in input order.

    Raises ValueError on token_budget < 1, max_batch_size < 1, a negative arrival, a prompt_len
    or max_new_tokens < 1, or a prompt_len > token_budget (it could never be admitted)."""
    if token_budget < 1 or max_batch_size < 1:
        raise ValueError("token_budget and max_batch_size must be >= 1")
    reqs = [tuple(int(x) for x in r) for r in requests]
    for arrival, prompt, new in reqs:
        if arrival < 0 or prompt < 1 or new < 1:
            raise ValueError("need arrival >= 0, prompt_len >= 1 and max_new_tokens >= 1")
        if prompt > token_budget:
            raise ValueError("a prompt longer than the token budget can never be admitted")
    n = len(reqs)
    queue = list(range(n))                                    # BUG: list order, not arrival order
    result = [None] * n
    running = []                                              # finish steps of the running requests
    head, step = 0, 0
    while head < n:
        running = [f for f in running if f >= step]           # finished before this step: gone
        if not running and reqs[queue[head]][0] > step:
            step = reqs[queue[head]][0]                        # idle until the next arrival
        tokens = len(running)                                  # one decode token per running request
        size = len(running)
        while head < n:
            i = queue[head]
            arrival, prompt, new = reqs[i]
            if arrival > step or size >= max_batch_size or tokens + prompt > token_budget:
                break                                          # strict FCFS: nobody skips the head
            result[i] = (step, step + new - 1)
            running.append(step + new - 1)
            tokens += prompt
            size += 1
            head += 1
        step += 1
    return result
