"""Known-slow variant: correct, but tests membership on the relevant collection as given (a list
is a linear scan). The validator checks it passes every correctness test and fails the scale test."""


def mean_reciprocal_rank(ranked_lists, relevant, k=None):
    if len(ranked_lists) != len(relevant):
        raise ValueError("ranked_lists and relevant must have the same length")
    if len(ranked_lists) == 0:
        raise ValueError("need at least one query")
    total = 0.0
    for ranking, rel in zip(ranked_lists, relevant):
        for pos, item in enumerate(ranking[:k] if k is not None else ranking, start=1):
            if item in rel:
                total += 1.0 / pos
                break
    return total / len(ranked_lists)
