import torch


def continuous_batching(requests, token_budget, max_batch_size):
    """Simulate a continuous-batching scheduler for LLM inference under a token budget.

    Args:
        requests: int64 tensor of shape (n, 3); row i = (arrival_step, prompt_len, max_new_tokens)
            of request i (the request id is the row index; rows are not necessarily sorted by
            arrival; n may be 0, shape (0, 3)). Must not be modified.
        token_budget: int >= 1, tokens one step may process (prompts of newly admitted
            requests + one decode token per running request).
        max_batch_size: int >= 1, requests in the batch at any step.

    Returns:
        int64 tensor of shape (n, 2): row i = (admit_step, finish_step) of request i.
        See the statement for the exact step rules (FCFS by arrival then id, no skipping;
        finish = admit + max_new_tokens - 1; a finished request's slot is free the next step).
        Raises ValueError on invalid parameters or a prompt longer than the token budget.

    Tip: the scheduling loop is sequential; read the columns once with `.tolist()` (indexing a
    tensor element by element is slow) and build the result tensor at the end.
    """
    raise NotImplementedError
