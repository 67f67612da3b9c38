"""Bug: the constant k is left out: 1 / rank. Caught by test_default_k_is_60 and test_k_changes_the_fused_order."""
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
        for rank, doc in enumerate(ranking, start=1):
            if doc in seen:
                continue
            seen.add(doc)
            scores[doc] = scores.get(doc, 0.0) + 1.0 / rank
    fused = sorted(scores.items(), key=lambda item: -item[1])   # stable: ties keep first appearance
    return fused if top_n is None else fused[:top_n]
