"""Bug: stops when the smallest top score is >= (not >) every other upper bound, so a tie for the last
place is decided before the lists end. Caught by test_boundary_ties_keep_reading."""
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
    scores = {}                                   # insertion order = first appearance
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


def rrf_top_n(rankings, top_n, k=60, weights=None):
    """The exact top_n of weighted RRF, reading the ranked lists lazily (reference, part 3).

    rankings: iterables of document ids, best first (possibly endless generators); they are read
    in lockstep, one element per list per step (lists of weight 0 are never read). After step d,
    with B_i = weights[i] / (k + d + 1) the most a non-exhausted list i can still give to a
    document it has not shown yet, a document's lower bound is its score so far and its upper
    bound adds B_i for every non-exhausted list that has not shown it; an unseen document can get
    at most U = sum of B_i. Stop after the first step where every list is exhausted, or where the
    top_n documents by lower bound all have complete scores (shown by every non-exhausted list)
    and the smallest of their scores is strictly greater than every other upper bound and U.
    Returns (reciprocal_rank_fusion(rankings, k, top_n, weights), d). Threshold algorithm:
    Fagin, Lotem and Naor, 2003. Raises ValueError as reciprocal_rank_fusion does.
    """
    rankings = list(rankings)
    if k < 0:
        raise ValueError("k must be >= 0")
    if top_n < 0:
        raise ValueError("top_n must be >= 0")
    if weights is None:
        weights = [1.0] * len(rankings)
    else:
        weights = [float(w) for w in weights]
        if len(weights) != len(rankings):
            raise ValueError("weights must have one entry per ranking")
        if any(not math.isfinite(w) or w < 0 for w in weights):
            raise ValueError("weights must be finite and >= 0")
    if top_n == 0:
        return [], 0
    live = [i for i, w in enumerate(weights) if w > 0]
    iters = {i: iter(rankings[i]) for i in live}
    seen_in = {i: {} for i in live}      # list -> {doc: rank of its first occurrence}
    exhausted = set()
    depth = 0
    while True:
        depth += 1
        for i in live:
            if i in exhausted:
                continue
            try:
                doc = next(iters[i])
            except StopIteration:
                exhausted.add(i)
                continue
            seen_in[i].setdefault(doc, depth)
        # exact scores so far (contributions added in list order) and first appearance (list, rank)
        lower, first = {}, {}
        for i in live:
            for doc, rank in seen_in[i].items():
                lower[doc] = lower.get(doc, 0.0) + weights[i] / (k + rank)
                first.setdefault(doc, (i, rank))
        open_lists = [i for i in live if i not in exhausted]
        if not open_lists:
            candidates = list(lower)                     # everything is known: plain RRF
            break
        if len(lower) < top_n:
            continue
        bound = {i: weights[i] / (k + depth + 1) for i in open_lists}
        missing = {doc: [i for i in open_lists if doc not in seen_in[i]] for doc in lower}
        ranked = sorted(lower, key=lambda doc: -lower[doc])
        top, rest = ranked[:top_n], ranked[top_n:]
        if any(missing[doc] for doc in top):
            continue                                      # a top score is not final yet
        floor = min(lower[doc] for doc in top)
        best_other = sum(bound.values())                  # a document no list has shown yet
        for doc in rest:
            best_other = max(best_other, lower[doc] + sum(bound[i] for i in missing[doc]))
        if floor >= best_other:
            candidates = top
            break
    # the candidates' scores and first appearances are final: order them as part 1 does
    order = sorted(candidates, key=lambda doc: (-lower[doc], first[doc]))
    return [(doc, lower[doc]) for doc in order[:top_n]], depth
