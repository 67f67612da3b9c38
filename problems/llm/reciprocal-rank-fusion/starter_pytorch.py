import torch


def reciprocal_rank_fusion(rankings, k=60, top_n=None):
    """Fuse several ranked lists of document ids with reciprocal rank fusion.

    Args:
        rankings: list of 1-D int64 tensors of document ids, best first (any may be empty; the
            list itself may be empty). Must not be modified.
        k: number >= 0 (default 60). top_n: None or int >= 0.

    Returns:
        (ids, scores): an int64 tensor of shape (m,) with the fused document ids and a float64
        tensor of shape (m,) with their scores, score = sum over lists of 1 / (k + rank) with
        rank the 1-based position of the document's FIRST occurrence in that list (later
        duplicates add nothing; positions are not renumbered), added in list order. Sorted by
        decreasing score; exact ties in order of first appearance (list 0 top to bottom, then
        list 1, ...). Cut to the first top_n documents unless top_n is None. No documents:
        two empty tensors.

    Raises:
        ValueError: k < 0 or top_n < 0.

    Tip: torch.sort(..., stable=True) keeps the order of equal scores.
    """
    raise NotImplementedError
