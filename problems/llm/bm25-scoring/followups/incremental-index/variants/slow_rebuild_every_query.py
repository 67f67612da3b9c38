"""Slow: stores copies of the documents and calls bm25_scores on the whole corpus for every query,
recounting every token each time (quadratic over a stream). Correct results; fails only
test_scale_add_and_query_without_recounting."""
import math
from collections import Counter

import numpy as np


def bm25_scores(query, docs, k1=1.5, b=0.75):
    """Okapi BM25 score of every document for one query (reference).

    query: list of tokens (repeats count once per occurrence); docs: list of token lists.
    IDF(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)) (Lucene); returns float64 (N,).
    """
    n_docs = len(docs)
    scores = np.zeros(n_docs, dtype=np.float64)
    if n_docs == 0 or not query:
        return scores
    counts = [Counter(d) for d in docs]
    lengths = [len(d) for d in docs]
    avgdl = sum(lengths) / n_docs
    if avgdl == 0:
        return scores
    df = Counter()
    for c in counts:
        df.update(c.keys())
    for term in query:
        n_t = df.get(term, 0)
        if n_t == 0:
            continue
        idf = math.log(1.0 + (n_docs - n_t + 0.5) / (n_t + 0.5))
        for i, c in enumerate(counts):
            tf = c.get(term, 0)
            if tf:
                norm = k1 * (1.0 - b + b * lengths[i] / avgdl)
                scores[i] += idf * tf * (k1 + 1.0) / (tf + norm)
    return scores


class BM25Index:
    def __init__(self, k1=1.5, b=0.75):
        self.k1, self.b = k1, b
        self.docs = []

    def add(self, docs):
        start = len(self.docs)
        self.docs.extend(list(d) for d in docs)
        return list(range(start, len(self.docs)))

    def scores(self, query):
        return bm25_scores(query, self.docs, self.k1, self.b)
