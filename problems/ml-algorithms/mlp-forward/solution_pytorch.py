import torch


def mlp_forward(x, weights, biases):
    """MLP forward pass with torch ops (PyTorch reference, CPU): ReLU hidden layers, a linear last
    layer, a max-shifted softmax over each row."""
    h = torch.as_tensor(x, dtype=torch.float64)
    L = len(weights)
    for i in range(L):
        h = h @ torch.as_tensor(weights[i], dtype=torch.float64) + torch.as_tensor(biases[i], dtype=torch.float64)
        if i < L - 1:
            h = torch.relu(h)
    z = h - h.amax(dim=1, keepdim=True)
    e = torch.exp(z)
    return e / e.sum(dim=1, keepdim=True)
