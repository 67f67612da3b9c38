"""Bug: when the head of the queue does not fit, later (smaller) requests are admitted ahead of it.
Caught by test_first_come_first_served_order_kept and test_head_of_line_request_blocks_smaller_ones_behind_it."""


def continuous_batching(requests, token_budget, max_batch_size):
    """Continuous batching where requests that fit may skip a head-of-line request that does not."""
    if token_budget < 1 or max_batch_size < 1:
        raise ValueError("token_budget and max_batch_size must be >= 1")
    reqs = [tuple(int(x) for x in r) for r in requests]
    for arrival, prompt, new in reqs:
        if arrival < 0 or prompt < 1 or new < 1:
            raise ValueError("need arrival >= 0, prompt_len >= 1 and max_new_tokens >= 1")
        if prompt > token_budget:
            raise ValueError("a prompt longer than the token budget can never be admitted")
    n = len(reqs)
    waiting = sorted(range(n), key=lambda i: (reqs[i][0], i))
    result = [None] * n
    running = []
    step = 0
    while waiting:
        running = [f for f in running if f >= step]
        tokens = size = len(running)
        for i in list(waiting):
            arrival, prompt, new = reqs[i]
            if arrival > step:
                break
            if size >= max_batch_size or tokens + prompt > token_budget:
                continue                                       # BUG: skip the head, try the next one
            result[i] = (step, step + new - 1)
            running.append(step + new - 1)
            tokens += prompt
            size += 1
            waiting.remove(i)
        step += 1
    return result
