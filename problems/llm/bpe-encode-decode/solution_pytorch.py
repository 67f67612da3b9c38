import torch


def _every_other_in_runs(match):
    """The True positions of the 1-D bool tensor `match` that a left-to-right scan without overlap
    takes: in each run of consecutive True positions, the 1st, 3rd, 5th, ... A pair can occur at
    i and i + 1 only when it is (a, a) ("aaa" holds it at 0 and 1); the scan merges at 0 and
    skips 1. Isolated positions (every other pair) are always taken."""
    pos = torch.arange(match.numel())
    continues = torch.zeros_like(match)
    continues[1:] = match[1:] & match[:-1]
    run_start = torch.cummax(torch.where(continues, torch.zeros_like(pos), pos), dim=0).values
    return match & ((pos - run_start) % 2 == 0)


def encode(text, merges):
    """Token ids of `text` under byte-level BPE `merges` (PyTorch reference).

    Args:
        text: str (no lone surrogates). Encoded as UTF-8; every byte is a base token 0-255.
        merges: int64 tensor of shape (m, 2); row k is the pair merged into id 256 + k. Not modified.

    Returns:
        int64 tensor of shape (n,). Repeatedly merges the adjacent pair of lowest rank (all its
        non-overlapping occurrences, left to right) until no adjacent pair is in `merges`.

    Each round is tensor work over the whole sequence: every adjacent pair becomes the key
    a * width + b (width = 256 + m > every id); `torch.searchsorted` in the sorted merge keys gives
    each pair's rank (or "not a merge"); the lowest rank is merged at every occurrence a
    left-to-right scan takes (`_every_other_in_runs`), writing the new id and dropping the second
    token. At most one round per merge in the table, usually far fewer.
    """
    table = torch.as_tensor(merges, dtype=torch.int64).reshape(-1, 2)
    m = table.shape[0]
    ids = torch.tensor(list(text.encode("utf-8")), dtype=torch.int64)
    if m == 0:
        return ids
    width = 256 + m
    merge_keys, rank_of = torch.sort(table[:, 0] * width + table[:, 1])   # rank_of[j]: the row (rank) of merge_keys[j]
    while ids.numel() >= 2:
        keys = ids[:-1] * width + ids[1:]
        slot = torch.searchsorted(merge_keys, keys).clamp(max=m - 1)
        known = merge_keys[slot] == keys
        if not bool(known.any()):
            break
        ranks = torch.where(known, rank_of[slot], torch.full_like(slot, m))
        best = int(ranks.min())
        take = _every_other_in_runs(ranks == best)
        first = torch.zeros(ids.numel(), dtype=torch.bool)
        first[:-1] = take                                              # becomes the new id
        second = torch.zeros(ids.numel(), dtype=torch.bool)
        second[1:] = take                                              # dropped
        ids = torch.where(first, 256 + best, ids)[~second]
    return ids


def decode(ids, merges):
    """The text of token `ids` (PyTorch reference): the tokens' bytes joined, then decoded as
    UTF-8 with invalid sequences replaced by U+FFFD.

    Args:
        ids: 1-D int64 tensor of token ids. Not modified.
        merges: int64 tensor of shape (m, 2), as for `encode`.

    Returns:
        str.

    Every id >= 256 is expanded into its pair (a, b) in one tensor step (gather the rows, stack
    left and right, drop the empty right halves of byte ids), repeated until only bytes remain;
    then the bytes are joined and decoded once, so a character split across tokens decodes whole.

    Raises:
        ValueError: if an id is negative or >= 256 + m.
    """
    table = torch.as_tensor(merges, dtype=torch.int64).reshape(-1, 2)
    ids = torch.as_tensor(ids, dtype=torch.int64).reshape(-1)
    bad = (ids < 0) | (ids >= 256 + table.shape[0])
    if bool(bad.any()):
        t = int(ids[bad][0])
        raise ValueError("unknown token id %d (valid ids are 0..%d)" % (t, 255 + table.shape[0]))
    while bool((ids >= 256).any()):
        composite = ids >= 256
        rows = table[(ids - 256).clamp(min=0)]                         # the pair of every id (unused for bytes)
        left = torch.where(composite, rows[:, 0], ids)
        right = torch.where(composite, rows[:, 1], torch.full_like(ids, -1))
        both = torch.stack([left, right], dim=1).reshape(-1)           # left, right, left, right, ...
        ids = both[both >= 0]
    return bytes(ids.tolist()).decode("utf-8", errors="replace")
