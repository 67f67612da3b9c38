import torch


def reciprocal_rank_fusion(rankings, k=60, top_n=None, weights=None):
    """Weighted reciprocal rank fusion, PyTorch reference (parts 1 and 2).

    Args:
        rankings: list of 1-D int64 tensors of document ids, best first (any may be empty; the
            list may be empty). Not modified.
        k: number >= 0 (default 60). top_n: None or int >= 0.
        weights: None (every list weighs 1.0: part 1) or one finite weight >= 0 per list (a list,
            tuple or 1-D float tensor). Not modified.

    Returns:
        (ids, scores): an int64 tensor (m,) of document ids and a float64 tensor (m,) of their
        scores, sum over lists i of weights[i] / (k + rank), rank = 1-based position of the
        document's first occurrence in list i (later duplicates add nothing; positions are not
        renumbered), added in list order. A list of weight 0 is dropped as if absent (its documents
        neither score nor appear, nor count for first appearance). Sorted by decreasing score,
        exact ties in order of first appearance (the kept lists in order, each top to bottom), cut
        to top_n when it is not None.

    Every step is a tensor operation over all occurrences of the kept lists at once: concatenate,
    give each document a dense index (torch.unique), first occurrence of each (list, document)
    pair and of each document (scatter_reduce "amin" over positions), weighted contributions added
    with index_add_ in list order, then a stable sort by score of the documents ordered by first
    appearance.

    Raises:
        ValueError: k < 0, top_n < 0, len(weights) != len(rankings), or a weight negative or not finite.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    if top_n is not None and top_n < 0:
        raise ValueError("top_n must be >= 0 or None")
    if weights is None:
        w = torch.ones(len(rankings), dtype=torch.float64)
    else:
        w = torch.as_tensor(weights, dtype=torch.float64).reshape(-1).clone()
        if w.numel() != len(rankings):
            raise ValueError("weights must have one entry per ranking")
        if not bool(torch.all(torch.isfinite(w) & (w >= 0))):
            raise ValueError("weights must be finite and >= 0")
    kept = [i for i in range(len(rankings)) if float(w[i]) != 0.0]   # weight 0: as if absent
    lists = [torch.as_tensor(rankings[i], dtype=torch.int64).reshape(-1) for i in kept]
    w = w[torch.tensor(kept, dtype=torch.int64)]
    lengths = torch.tensor([len(r) for r in lists], dtype=torch.int64)
    total = int(lengths.sum())
    if total == 0:
        return torch.empty(0, dtype=torch.int64), torch.empty(0, dtype=torch.float64)

    docs = torch.cat(lists)                                          # every occurrence, kept list 0 first
    pos = torch.arange(total)                                        # global position = appearance order
    list_of = torch.repeat_interleave(torch.arange(len(lists)), lengths)
    offsets = torch.cumsum(lengths, 0) - lengths
    rank = pos - offsets[list_of] + 1                                # 1-based, never renumbered

    doc_ids, doc = torch.unique(docs, return_inverse=True)
    n_docs = doc_ids.numel()
    pair, pair_of = torch.unique(list_of * n_docs + doc, return_inverse=True)
    first_in_list = torch.full((pair.numel(),), total).scatter_reduce(0, pair_of, pos, reduce="amin")
    keep = first_in_list[pair_of] == pos                             # first occurrence in its list only

    scores = torch.zeros(n_docs, dtype=torch.float64)
    contrib = w[list_of[keep]] / (k + rank[keep].to(torch.float64))  # weight / (k + rank), one division
    scores.index_add_(0, doc[keep], contrib)                         # in list order

    first_seen = torch.full((n_docs,), total).scatter_reduce(0, doc, pos, reduce="amin")
    by_appearance = torch.argsort(first_seen)
    order = by_appearance[torch.sort(scores[by_appearance], descending=True, stable=True).indices]
    if top_n is not None:
        order = order[:top_n]
    return doc_ids[order], scores[order]
