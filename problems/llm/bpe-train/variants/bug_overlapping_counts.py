"""Buggy variant: counts overlapping occurrences, so "aaa" holds (a, a) twice. Caught by test_runs_of_one_token_are_counted_without_overlap."""
from collections import Counter

import numpy as np


def _pair_counts(words):
    """Non-overlapping left-to-right counts of adjacent pairs inside each word, weighted by how
    often the word occurs. `words` maps a tuple of token ids to its number of occurrences."""
    counts = Counter()
    for w, n in words.items():
        last = {}                              # pair -> position where it was last counted
        for i in range(len(w) - 1):
            p = (w[i], w[i + 1])
            last[p] = i
            counts[p] += n
    return counts


def _merge(w, pair, new_id):
    """`w` with every non-overlapping occurrence of `pair`, left to right, replaced by `new_id`."""
    out, i = [], 0
    while i < len(w):
        if i + 1 < len(w) and w[i] == pair[0] and w[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(w[i])
            i += 1
    return tuple(out)


def train_bpe(words, num_merges):
    """Byte-pair-encoding merges learned from `words` (reference).

    Args:
        words: list of str; each entry is one occurrence of a word, encoded as UTF-8 bytes
            (initial token ids 0-255). Pairs are counted inside words only.
        num_merges: int >= 0, the most merges to learn.

    Returns:
        int64 array of shape (m, 2), m <= num_merges: row k is the pair merged into id 256 + k.
        Each step merges the pair with the highest non-overlapping count, ties to the smallest
        (a, b); training stops early when the best count is below 2.

    Raises:
        ValueError: if num_merges is negative.
    """
    if num_merges < 0:
        raise ValueError("num_merges must be >= 0, got %r" % (num_merges,))
    corpus = Counter(tuple(w.encode("utf-8")) for w in words)
    merges = []
    for k in range(num_merges):
        counts = _pair_counts(corpus)
        if not counts:
            break
        best = min(counts, key=lambda p: (-counts[p], p))   # highest count, then smallest pair
        if counts[best] < 2:
            break
        new_id = 256 + k
        merged = Counter()
        for w, n in corpus.items():
            merged[_merge(w, best, new_id)] += n
        corpus = merged
        merges.append(best)
    return np.array(merges, dtype=np.int64).reshape(len(merges), 2)
