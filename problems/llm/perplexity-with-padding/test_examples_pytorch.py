import math

import torch

from solution import perplexity


def _example():
    logits = torch.zeros((2, 4, 3), dtype=torch.float64)
    logits[0, 0] = torch.tensor([math.log(2.0), 0.0, 0.0], dtype=torch.float64)
    tokens = torch.tensor([[0, 0, 1, 2], [2, 1, 0, 0]])
    mask = torch.tensor([[True, True, True, True], [True, True, False, False]])
    return logits, tokens, mask


def test_example_corpus_and_per_sequence():
    corpus, per_seq = perplexity(*_example())
    assert abs(float(corpus) - 54.0 ** 0.25) <= 1e-7 * 3, f"corpus: got {float(corpus)}"
    torch.testing.assert_close(per_seq, torch.tensor([18.0 ** (1 / 3), 3.0], dtype=torch.float64), rtol=1e-7, atol=0)


def test_example_uniform_model_has_perplexity_v():
    logits, tokens, mask = _example()
    corpus, per_seq = perplexity(torch.zeros_like(logits), tokens, mask)
    assert abs(float(corpus) - 3.0) <= 1e-7 * 3, f"corpus: got {float(corpus)}"
    torch.testing.assert_close(per_seq, torch.tensor([3.0, 3.0], dtype=torch.float64), rtol=1e-7, atol=0)
