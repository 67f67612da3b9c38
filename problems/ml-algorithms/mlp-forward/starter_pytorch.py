import torch


def mlp_forward(x, weights, biases):
    """Forward pass of an MLP with torch ops: ReLU hidden layers, linear last layer, softmax output.

    Args:
        x: float64 tensor (n, d), a batch of inputs (CPU).
        weights: list of L float64 tensors, weights[i] of shape (d_in, d_out); a layer computes h @ W + b.
        biases: list of L float64 tensors, biases[i] of shape (d_out,).

    Returns:
        probs: float64 tensor (n, K); softmax over the last axis, each row sums to 1.
        No ReLU on the last layer. Must be stable for logits up to +-1e4.
    """
    raise NotImplementedError
