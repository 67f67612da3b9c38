import torch


def batchnorm_forward(x, gamma, beta, eps=1e-5, running_mean=None, running_var=None,
                      momentum=0.9, training=True):
    """Batch-norm forward pass for x of shape (N, D), with torch ops (float64 CPU tensors in and out).

    Training:  mu, var = batch mean and BIASED variance over axis 0 (per feature);
               out = gamma * (x - mu) / sqrt(var + eps) + beta;
               new_running = momentum * old_running + (1 - momentum) * batch_stat.
    Inference: out = gamma * (x - running_mean) / sqrt(running_var + eps) + beta;
               running statistics returned unchanged.
    running_mean / running_var of None mean zeros(D) / ones(D).
    Inputs must not be modified in place.

    Returns:
        (out (N, D), new_running_mean (D,), new_running_var (D,)), all float64 tensors.
    """
    raise NotImplementedError
