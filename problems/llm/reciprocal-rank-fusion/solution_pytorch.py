import torch


def reciprocal_rank_fusion(rankings, k=60, top_n=None):
    """Fuse ranked lists of document ids with reciprocal rank fusion (PyTorch reference; Cormack,
    Clarke and Buettcher, SIGIR 2009).

    Args:
        rankings: list of 1-D int64 tensors of document ids, best first (any may be empty; the
            list may be empty). Not modified.
        k: number >= 0 (default 60). top_n: None or int >= 0.

    Returns:
        (ids, scores): an int64 tensor (m,) of document ids and a float64 tensor (m,) of their
        scores, sum over lists of 1 / (k + rank), rank = 1-based position of the document's first
        occurrence in that list (later duplicates add nothing; positions are not renumbered).
        Sorted by decreasing score, exact ties in order of first appearance (list 0 top to bottom,
        then list 1, ...), cut to top_n when it is not None.

    Every step is a tensor operation over all occurrences at once: concatenate the lists, give
    each document a dense index (torch.unique), find the first occurrence of each (list, document)
    pair and of each document (scatter_reduce with "amin" over positions), add the kept
    contributions with index_add_ (in list order), then a stable sort by score of the documents
    already ordered by first appearance.

    Raises:
        ValueError: k < 0 or top_n < 0.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    if top_n is not None and top_n < 0:
        raise ValueError("top_n must be >= 0 or None")
    lists = [torch.as_tensor(r, dtype=torch.int64).reshape(-1) for r in rankings]
    lengths = torch.tensor([len(r) for r in lists], dtype=torch.int64)
    total = int(lengths.sum())
    if total == 0:
        return torch.empty(0, dtype=torch.int64), torch.empty(0, dtype=torch.float64)

    docs = torch.cat(lists)                                          # every occurrence, list 0 first
    pos = torch.arange(total)                                        # global position = appearance order
    list_of = torch.repeat_interleave(torch.arange(len(lists)), lengths)
    offsets = torch.cumsum(lengths, 0) - lengths                     # where each list starts in `docs`
    rank = pos - offsets[list_of] + 1                                # 1-based, never renumbered

    doc_ids, doc = torch.unique(docs, return_inverse=True)           # dense document index per occurrence
    n_docs = doc_ids.numel()
    pair, pair_of = torch.unique(list_of * n_docs + doc, return_inverse=True)   # (list, document) pairs
    first_in_list = torch.full((pair.numel(),), total).scatter_reduce(0, pair_of, pos, reduce="amin")
    keep = first_in_list[pair_of] == pos                             # first occurrence in its list only

    scores = torch.zeros(n_docs, dtype=torch.float64)
    scores.index_add_(0, doc[keep], 1.0 / (k + rank[keep].to(torch.float64)))   # list order

    first_seen = torch.full((n_docs,), total).scatter_reduce(0, doc, pos, reduce="amin")
    by_appearance = torch.argsort(first_seen)                        # distinct positions: no ties
    order = by_appearance[torch.sort(scores[by_appearance], descending=True, stable=True).indices]
    if top_n is not None:
        order = order[:top_n]
    return doc_ids[order], scores[order]
