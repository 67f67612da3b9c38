import numpy as np


def mlp_forward(x, weights, biases):
    """Forward pass of an MLP: ReLU hidden layers, linear last layer, softmax output.

    Args:
        x: array-like (n, d), a batch of inputs.
        weights: list of L arrays, weights[i] of shape (d_in, d_out); a layer computes h @ W + b.
        biases: list of L arrays, biases[i] of shape (d_out,).

    Returns:
        probs: float array (n, K); softmax over the last axis, each row sums to 1.
        No ReLU on the last layer. Must be stable for logits up to +-1e4.
    """
    raise NotImplementedError
