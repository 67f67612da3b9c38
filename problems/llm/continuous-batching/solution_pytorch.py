import heapq

import torch


def continuous_batching(requests, token_budget, max_batch_size):
    """Admission and finish steps of a continuous-batching LLM scheduler (PyTorch reference).

    Args:
        requests: int64 tensor of shape (n, 3), row i = (arrival_step, prompt_len, max_new_tokens)
            of request i (n may be 0: shape (0, 3)). Not modified.
        token_budget: int >= 1, tokens one step may process (one decode token per running request
            plus the whole prompt of every request admitted in that step).
        max_batch_size: int >= 1, requests in the batch at one step.

    Returns:
        int64 tensor of shape (n, 2): row i = (admit_step, finish_step) of request i, with
        finish_step = admit_step + max_new_tokens - 1 (the prefill step produces the first token;
        the slot is free again the step after finish_step).

    Admission is strictly first-come-first-served by (arrival_step, request id): a request that
    does not fit blocks every request behind it. The checks, the FCFS order (a stable sort), the
    finish steps and the scatter back to input order are tensor operations; the simulation itself
    is sequential (each admission depends on the previous ones), so it runs on Python ints with a
    min-heap of the running requests' finish steps and jumps straight to the next step at which
    anything can change (an arrival or a request leaving), O(n log n) overall.

    Raises:
        ValueError: token_budget < 1, max_batch_size < 1, a negative arrival_step, a prompt_len or
            max_new_tokens < 1, or a prompt_len > token_budget (it could never be admitted).
    """
    if token_budget < 1 or max_batch_size < 1:
        raise ValueError("token_budget and max_batch_size must be >= 1")
    reqs = torch.as_tensor(requests, dtype=torch.int64).reshape(-1, 3)
    arrival, prompt, new = reqs.unbind(dim=1)
    if bool((arrival < 0).any()) or bool((prompt < 1).any()) or bool((new < 1).any()):
        raise ValueError("need arrival_step >= 0, prompt_len >= 1 and max_new_tokens >= 1")
    if bool((prompt > token_budget).any()):
        raise ValueError("a prompt longer than the token budget can never be admitted")

    order = torch.sort(arrival, stable=True).indices          # FCFS: arrival, ties by id (stable)
    arrivals, prompts, news = (t[order].tolist() for t in (arrival, prompt, new))
    admits = []
    running = []                                              # min-heap of finish steps
    step, tokens, admitted_now = -1, 0, 0                     # tokens used and admissions in `step`

    def move_to(s):
        nonlocal step, tokens, admitted_now
        step, admitted_now = s, 0
        while running and running[0] < step:                  # finished before this step: gone
            heapq.heappop(running)
        tokens = len(running)                                 # one decode token per running request

    for a, p, m in zip(arrivals, prompts, news):
        if a > step:                                          # nothing is admitted before the head arrives
            move_to(a)
        while len(running) >= max_batch_size or tokens + p > token_budget:
            # the next step at which the head can fit: the next one when prompts were admitted in
            # this step (their prefill tokens are spent only once), else when a request leaves
            move_to(step + 1 if admitted_now else running[0] + 1)
        admits.append(step)
        heapq.heappush(running, step + m - 1)
        tokens += p
        admitted_now += 1

    admit = torch.tensor(admits, dtype=torch.int64)
    out = torch.empty((reqs.shape[0], 2), dtype=torch.int64)
    out[order] = torch.stack([admit, admit + new[order] - 1], dim=1)   # back to input order
    return out
