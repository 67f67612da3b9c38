import math

import numpy as np

from solution import perplexity


def _example():
    logits = np.zeros((2, 4, 3))
    logits[0, 0] = [math.log(2.0), 0.0, 0.0]
    tokens = np.array([[0, 0, 1, 2], [2, 1, 0, 0]])
    mask = np.array([[True, True, True, True], [True, True, False, False]])
    return logits, tokens, mask


def test_example_corpus_and_per_sequence():
    corpus, per_seq = perplexity(*_example())
    np.testing.assert_allclose(float(corpus), 54.0 ** 0.25, rtol=1e-7)
    np.testing.assert_allclose(np.asarray(per_seq), [18.0 ** (1 / 3), 3.0], rtol=1e-7)


def test_example_uniform_model_has_perplexity_v():
    logits, tokens, mask = _example()
    corpus, per_seq = perplexity(np.zeros_like(logits), tokens, mask)
    np.testing.assert_allclose(float(corpus), 3.0, rtol=1e-7)
    np.testing.assert_allclose(np.asarray(per_seq), [3.0, 3.0], rtol=1e-7)
