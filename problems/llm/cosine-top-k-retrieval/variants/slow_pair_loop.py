"""Known-slow variant: correct, but computes each (query, document) cosine in a Python loop with a
NumPy call per pair. Must pass every correctness test and fail test_scale_* as too slow."""
import numpy as np


def cosine_top_k(queries, corpus, k):
    queries = np.asarray(queries, dtype=np.float64)
    corpus = np.asarray(corpus, dtype=np.float64)
    if k < 1:
        raise ValueError("k must be >= 1")
    n = corpus.shape[0]
    out = []
    for q in queries:
        qn = np.linalg.norm(q)
        scores = []
        for i in range(n):
            cn = np.linalg.norm(corpus[i])
            s = 0.0 if qn == 0.0 or cn == 0.0 else float(np.dot(q / qn, corpus[i] / cn))
            scores.append((-s, i))
        scores.sort()
        out.append([i for _, i in scores[:min(k, n)]])
    return np.array(out, dtype=np.int64).reshape(len(queries), min(k, n))


def recall_at_k(retrieved, relevant):
    total, counted = 0.0, 0
    for row, rel in zip(retrieved, relevant):
        rel = {int(r) for r in rel}
        if not rel:
            continue
        total += len({int(r) for r in row} & rel) / len(rel)
        counted += 1
    return total / counted if counted else 0.0
