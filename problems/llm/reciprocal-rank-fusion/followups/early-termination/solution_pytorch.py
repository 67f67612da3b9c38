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


def _checked_weights(rankings, k, top_n, weights):
    if k < 0:
        raise ValueError("k must be >= 0")
    if top_n < 0:
        raise ValueError("top_n must be >= 0")
    if weights is None:
        return torch.ones(len(rankings), dtype=torch.float64)
    w = torch.as_tensor(weights, dtype=torch.float64).reshape(-1).clone()
    if w.numel() != len(rankings):
        raise ValueError("weights must have one entry per ranking")
    if not bool(torch.all(torch.isfinite(w) & (w >= 0))):
        raise ValueError("weights must be finite and >= 0")
    return w


def rrf_top_n(rankings, top_n, k=60, weights=None):
    """The exact top_n of weighted RRF, reading the ranked lists lazily (PyTorch reference, part 3).

    Args:
        rankings: a list of iterables of document ids, best first: 1-D int64 tensors or streams
            (possibly endless generators) that yield ids as 0-d int64 tensors (or ints). Read in
            lockstep, one element per open list per step; lists of weight 0 are never read.
        top_n: int >= 0. k, weights: as in reciprocal_rank_fusion.

    Returns:
        ((ids, scores), depth): the int64 / float64 tensors reciprocal_rank_fusion(rankings, k,
        top_n, weights) returns on the fully read lists, and the number of steps taken (an int).

    State after step d, as tensors over the documents seen so far (dense index in reading order):
    `rank` (lists x documents, float64, inf where the list has not shown the document). Lower bound
    = sum over lists, in list order, of w_i / (k + rank) (0 where not shown: bit-for-bit the scores
    of reciprocal_rank_fusion); with B_i = w_i / (k + d + 1) for every open list, upper bound =
    lower + sum of B_i over the open lists that have not shown the document, U = sum of B_i. Stop
    when every list is exhausted, or when the top_n documents by lower bound (torch.topk) are all
    complete and their smallest score is strictly greater than every other upper bound and U
    (Fagin, Lotem and Naor's threshold algorithm, 2003).

    Raises:
        ValueError: top_n < 0, or k / weights invalid as in reciprocal_rank_fusion.
    """
    rankings = list(rankings)
    w_all = _checked_weights(rankings, k, top_n, weights)
    empty = (torch.empty(0, dtype=torch.int64), torch.empty(0, dtype=torch.float64))
    if top_n == 0:
        return empty, 0
    live = [i for i in range(len(rankings)) if float(w_all[i]) > 0]
    w = w_all[torch.tensor(live, dtype=torch.int64)]                 # (L,)
    iters = [iter(rankings[i]) for i in live]
    n_lists = len(live)
    is_open = torch.ones(n_lists, dtype=torch.bool)
    index = {}                                                       # doc id -> dense index (reading order)
    doc_ids = torch.empty(16, dtype=torch.int64)
    rank = torch.full((n_lists, 16), float("inf"), dtype=torch.float64)
    depth = 0
    while True:
        depth += 1
        rows, cols = [], []
        for j in range(n_lists):
            if not is_open[j]:
                continue
            try:
                doc = int(next(iters[j]))
            except StopIteration:
                is_open[j] = False
                continue
            col = index.get(doc)
            if col is None:
                col = index[doc] = len(index)
                if col >= doc_ids.numel():                           # grow the buffers (doubling)
                    doc_ids = torch.cat([doc_ids, torch.empty_like(doc_ids)])
                    rank = torch.cat([rank, torch.full_like(rank, float("inf"))], dim=1)
                doc_ids[col] = doc
            rows.append(j)
            cols.append(col)
        if rows:                                                     # first occurrence only: keep the smaller rank
            r, c = torch.tensor(rows), torch.tensor(cols)
            rank[r, c] = torch.minimum(rank[r, c], torch.tensor(float(depth), dtype=torch.float64))
        n_seen = len(index)
        shown = torch.isfinite(rank[:, :n_seen])                     # (L, n)
        lower = torch.zeros(n_seen, dtype=torch.float64)
        for j in range(n_lists):                                     # list order, as the full fusion adds
            lower += torch.where(shown[j], w[j] / (k + rank[j, :n_seen]), torch.zeros(()).double())
        if not bool(is_open.any()):
            break                                                    # everything is read: plain RRF
        if n_seen < top_n:
            continue
        bound = torch.where(is_open, w / (k + depth + 1), torch.zeros(()).double())   # (L,)
        missing = is_open[:, None] & ~shown                          # open lists that have not shown it
        upper = lower + (bound[:, None] * missing).sum(dim=0)
        top = torch.topk(lower, top_n).indices
        if bool(missing[:, top].any()):
            continue                                                 # a top score is not final yet
        floor = lower[top].min()
        others = torch.ones(n_seen, dtype=torch.bool)
        others[top] = False
        best_other = torch.maximum(bound.sum(), upper[others].max()) if bool(others.any()) else bound.sum()
        if bool(floor > best_other):
            break
    # order every seen document as reciprocal_rank_fusion does (its top_n are final when we stop):
    # first appearance = smallest (list, rank) that shows it, then a stable sort by score
    n_seen = len(index)
    if n_seen == 0:
        return empty, depth
    shown = torch.isfinite(rank[:, :n_seen])
    big = float(depth + 2)
    key = torch.where(shown, torch.arange(n_lists, dtype=torch.float64)[:, None] * big + rank[:, :n_seen],
                      torch.tensor(float("inf"), dtype=torch.float64)).amin(dim=0)
    by_appearance = torch.argsort(key)
    order = by_appearance[torch.sort(lower[by_appearance], descending=True, stable=True).indices][:top_n]
    return (doc_ids[:n_seen][order], lower[order]), depth
