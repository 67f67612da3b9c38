def reciprocal_rank_fusion(rankings, k=60, top_n=None):
    """Fuse several ranked lists with reciprocal rank fusion.

    Args:
        rankings: list of ranked lists of hashable document ids, best first (may be empty).
        k: number >= 0 (default 60). top_n: None or int >= 0.

    Returns:
        list of (doc_id, score) tuples, score = sum over lists of 1 / (k + rank) with rank the
        1-based position of the document's FIRST occurrence in that list (later duplicates add
        nothing; positions are not renumbered), added in list order. Sorted by decreasing score;
        exact ties in order of first appearance (list 0 top to bottom, then list 1, ...).
        Cut to the first top_n items unless top_n is None.

    Raises:
        ValueError: k < 0 or top_n < 0.
    """
    raise NotImplementedError
