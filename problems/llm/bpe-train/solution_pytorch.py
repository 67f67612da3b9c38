from collections import Counter

import torch


def _pairs(ids, word_of, width):
    """Every adjacent pair (ids[i], ids[i + 1]) as the key a * width + b (keys order pairs like
    tuples, a first), and which pairs a left-to-right scan without overlap counts: the pair must
    lie inside one word, and in a run of consecutive positions holding the SAME pair (only (a, a)
    can repeat at i and i + 1: "aaaa" holds it at 0, 1 and 2) the scan takes the 1st, 3rd, ...
    of the run (0 and 2). These are exactly the positions where merging that pair replaces it."""
    keys = ids[:-1] * width + ids[1:]
    inside = word_of[:-1] == word_of[1:]
    pos = torch.arange(keys.numel())
    continues = torch.zeros_like(inside)
    continues[1:] = inside[1:] & inside[:-1] & (keys[1:] == keys[:-1])
    run_start = torch.cummax(torch.where(continues, torch.zeros_like(pos), pos), dim=0).values
    return keys, inside & ((pos - run_start) % 2 == 0)


def train_bpe(words, num_merges):
    """Byte-pair-encoding merges learned from `words` (PyTorch reference).

    Args:
        words: list of str; each entry is one occurrence of a word, encoded as UTF-8 bytes
            (initial token ids 0-255). Pairs are counted inside words only. Not modified.
        num_merges: int >= 0, the most merges to learn.

    Returns:
        int64 tensor of shape (m, 2), m <= num_merges: row k is the pair merged into id 256 + k.
        Each step merges the pair with the highest non-overlapping count, ties to the smallest
        (a, b); training stops early when the best count is below 2.

    The corpus is one flat int64 tensor of the token ids of every DISTINCT word, with the word
    each token belongs to (`word_of`) and how often that word occurs (`weight_of_word`). Each step is a
    handful of tensor operations over all tokens at once:
    - a pair (a, b) is the key a * width + b (width = 256 + num_merges > every id), so comparing
      keys compares pairs as tuples;
    - the non-overlapping count keeps, in every run of consecutive equal keys inside a word,
      every other position (`_pairs`), which is exactly where a left-to-right merge replaces the
      pair;
    - `torch.unique(..., return_inverse=True)` + `scatter_add_` sum the word weights per pair;
      `torch.unique` sorts the keys and `argmax` returns the FIRST maximum, i.e. the smallest
      pair among the most frequent;
    - the merge writes the new id at the kept positions and drops the token after each of them.

    Raises:
        ValueError: if num_merges is negative.
    """
    if num_merges < 0:
        raise ValueError("num_merges must be >= 0, got %r" % (num_merges,))
    distinct = Counter(words)                                         # each distinct word once
    encoded = [torch.tensor(list(w.encode("utf-8")), dtype=torch.int64) for w in distinct]
    lengths = torch.tensor([len(e) for e in encoded], dtype=torch.int64)
    ids = torch.cat(encoded) if encoded else torch.empty(0, dtype=torch.int64)
    word_of = torch.repeat_interleave(torch.arange(len(encoded)), lengths)
    weight_of_word = torch.tensor(list(distinct.values()), dtype=torch.int64)
    width = 256 + num_merges

    merges = []
    for k in range(num_merges):
        if ids.numel() < 2:
            break
        keys, counted = _pairs(ids, word_of, width)
        if not bool(counted.any()):
            break
        pair_keys, which = torch.unique(keys[counted], return_inverse=True)   # sorted: smallest pair first
        counts = torch.zeros(pair_keys.numel(), dtype=torch.int64)
        counts.scatter_add_(0, which, weight_of_word[word_of[:-1][counted]])
        top = int(torch.argmax(counts))                               # first maximum = smallest pair
        if int(counts[top]) < 2:
            break
        best = int(pair_keys[top])
        a, b = divmod(best, width)
        merge_at = counted & (keys == best)                           # the positions a left-to-right scan merges
        first = torch.zeros(ids.numel(), dtype=torch.bool)
        first[:-1] = merge_at                                         # becomes the new id
        second = torch.zeros(ids.numel(), dtype=torch.bool)
        second[1:] = merge_at                                         # dropped
        ids = torch.where(first, 256 + k, ids)[~second]
        word_of = word_of[~second]
        merges.append((a, b))
    return torch.tensor(merges, dtype=torch.int64).reshape(len(merges), 2)
