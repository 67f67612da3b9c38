def mean_reciprocal_rank(ranked_lists, relevant, k=None):
    """Mean reciprocal rank over q queries.

    Args:
        ranked_lists: sequence of q rankings; each a sequence (list / tuple / 1-D array) of distinct
            hashable item ids, best first. May be empty.
        relevant: sequence of q collections (set / frozenset / list / tuple) of relevant ids.
        k: None (whole ranking) or int >= 1; only positions 1..k (inclusive) count.

    Returns:
        float: mean over all q queries of 1 / (1-based position of the first relevant id within the
        cutoff), 0.0 for a query without such an id. Raise ValueError if the two sequences have different
        lengths or q == 0. Inputs must not be modified.
    """
    raise NotImplementedError
