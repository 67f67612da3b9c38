import math
from collections import Counter

import torch


def bm25_scores(query, docs, k1=1.5, b=0.75):
    """Okapi BM25 score of every document for one query, PyTorch reference.

    Counting is plain Python; the scoring is one tensor expression over a (N, len(query)) matrix of
    term frequencies. IDF(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)); returns float64 (N,).
    """
    n_docs = len(docs)
    if n_docs == 0 or not query:
        return torch.zeros(n_docs, dtype=torch.float64)
    counts = [Counter(d) for d in docs]
    lengths = torch.tensor([len(d) for d in docs], dtype=torch.float64)
    avgdl = float(lengths.sum()) / n_docs
    if avgdl == 0:
        return torch.zeros(n_docs, dtype=torch.float64)
    df = Counter()
    for c in counts:
        df.update(c.keys())
    tf = torch.tensor([[c.get(t, 0) for t in query] for c in counts], dtype=torch.float64)   # (N, q)
    idf = torch.tensor([math.log(1.0 + (n_docs - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5)) for t in query],
                       dtype=torch.float64)                                                   # (q,)
    norm = k1 * (1.0 - b + b * lengths / avgdl)                                               # (N,)
    contrib = idf * tf * (k1 + 1.0) / (tf + norm[:, None])
    contrib = torch.where(tf > 0, contrib, torch.zeros_like(contrib))                         # k1 = 0, tf = 0: 0/0
    return contrib.sum(dim=1)
