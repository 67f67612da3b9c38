import math
from collections import Counter

import torch


def bm25_scores(query, docs, k1=1.5, b=0.75):
    """Okapi BM25 scores of all documents for one query.

    Args:
        query: list of tokens (strings); repeated tokens count once per occurrence.
        docs: list of N documents, each a list of tokens (may be empty). Not modified.
        k1: float >= 0. b: float in [0, 1].

    Returns:
        float64 tensor (N,):
        sum over query tokens t of IDF(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |D| / avgdl)),
        IDF(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)), n(t) = number of documents containing t,
        |D| = len(D), avgdl = mean len over all N documents. All zeros when avgdl == 0.
    """
    raise NotImplementedError
