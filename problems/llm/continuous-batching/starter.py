def continuous_batching(requests, token_budget, max_batch_size):
    """Simulate a continuous-batching scheduler for LLM inference under a token budget.

    Args:
        requests: list of (arrival_step, prompt_len, max_new_tokens) tuples of ints;
            the request id is its index in the list (not necessarily sorted by arrival).
        token_budget: int >= 1, tokens one step may process (prompts of newly admitted
            requests + one decode token per running request).
        max_batch_size: int >= 1, requests in the batch at any step.

    Returns:
        list of (admit_step, finish_step) tuples of ints, one per request, in input order.
        See the statement for the exact step rules (FCFS by arrival then id, no skipping;
        finish = admit + max_new_tokens - 1; a finished request's slot is free the next step).
        Raises ValueError on invalid parameters or a prompt longer than the token budget.
        Does not modify `requests`.
    """
    raise NotImplementedError
