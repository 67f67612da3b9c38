"""Bug: ranks start at 0 (enumerate without start=1), so the top document adds 1 / k.
Caught by test_rank_starts_at_one and the score checks everywhere."""
def reciprocal_rank_fusion(rankings, k=60, top_n=None):
    """Fuse ranked lists with reciprocal rank fusion (Cormack, Clarke and Buettcher, SIGIR 2009).

    rankings: list of ranked lists of hashable document ids, best first. A document's score is the
    sum over lists of 1 / (k + rank), rank = 1-based position of its first occurrence in that
    list, added in list order. Returns [(doc_id, score), ...] by decreasing score, ties in order of
    first appearance (list 0 top to bottom, then list 1, ...), cut to top_n when it is not None.
    Raises ValueError if k < 0 or top_n < 0.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    if top_n is not None and top_n < 0:
        raise ValueError("top_n must be >= 0 or None")
    scores = {}                                   # insertion order = first appearance
    for ranking in rankings:
        seen = set()
        for rank, doc in enumerate(ranking):
            if doc in seen:
                continue
            seen.add(doc)
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank) if k + rank > 0 else 1.0
    fused = sorted(scores.items(), key=lambda item: -item[1])   # stable: ties keep first appearance
    return fused if top_n is None else fused[:top_n]
