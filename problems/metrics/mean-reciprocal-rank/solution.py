def mean_reciprocal_rank(ranked_lists, relevant, k=None):
    if len(ranked_lists) != len(relevant):
        raise ValueError("ranked_lists and relevant must have the same length")
    if len(ranked_lists) == 0:
        raise ValueError("need at least one query")
    total = 0.0
    for ranking, rel in zip(ranked_lists, relevant):
        rel_set = rel if isinstance(rel, (set, frozenset)) else set(rel)
        if not rel_set:
            continue
        for pos, item in enumerate(ranking[:k] if k is not None else ranking, start=1):
            if item in rel_set:
                total += 1.0 / pos
                break
    return total / len(ranked_lists)
