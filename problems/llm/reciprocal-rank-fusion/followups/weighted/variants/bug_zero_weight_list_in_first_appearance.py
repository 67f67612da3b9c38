"""Bug: the tie order (first appearance) is taken over every list, weight-0 lists included; scores and
the returned documents are right. Caught by test_zero_weight_list_is_as_if_absent."""
import math


def reciprocal_rank_fusion(rankings, k=60, top_n=None, weights=None):
    """Weighted reciprocal rank fusion (reference, parts 1 and 2).

    rankings: list of ranked lists of hashable document ids, best first. weights: None (every list
    weighs 1.0, part 1) or one finite weight >= 0 per list. A document's score is the sum over the
    lists of weights[i] / (k + rank), rank = 1-based position of its first occurrence in list i,
    added in list order. A list of weight 0 is ignored as if absent (its documents neither score nor
    appear). Returns [(doc_id, score), ...] by decreasing score, exact ties in order of first
    appearance (lists scanned in order, each top to bottom), cut to top_n when it is not None.
    Raises ValueError if k < 0, top_n < 0, len(weights) != len(rankings), or a weight is negative
    or not finite.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    if top_n is not None and top_n < 0:
        raise ValueError("top_n must be >= 0 or None")
    if weights is None:
        weights = [1.0] * len(rankings)
    else:
        weights = [float(w) for w in weights]
        if len(weights) != len(rankings):
            raise ValueError("weights must have one entry per ranking")
        if any(not math.isfinite(w) or w < 0 for w in weights):
            raise ValueError("weights must be finite and >= 0")
    scores = {}
    for ranking in rankings:                      # BUG: first appearance over every list, weight 0 too
        for doc in ranking:
            if doc not in scores and doc in {d for r, w in zip(rankings, weights) if w != 0 for d in r}:
                scores[doc] = 0.0
    for ranking, weight in zip(rankings, weights):
        if weight == 0:
            continue                              # a switched-off retriever
        seen = set()
        for rank, doc in enumerate(ranking, start=1):
            if doc in seen:
                continue
            seen.add(doc)
            scores[doc] = scores.get(doc, 0.0) + weight / (k + rank)
    fused = sorted(scores.items(), key=lambda item: -item[1])   # stable: ties keep first appearance
    return fused if top_n is None else fused[:top_n]
