import numpy as np


def train_bpe(words, num_merges):
    """Learn byte-pair-encoding merges from a corpus of words.

    Args:
        words: list of str. Each entry is one occurrence of a word (repeats count); it is
            encoded as UTF-8 bytes, whose values 0-255 are the initial token ids. Must not be
            modified.
        num_merges: int >= 0, the maximum number of merges to learn.

    Returns:
        np.ndarray of int64, shape (m, 2) with m <= num_merges: row k is the pair (a, b) that
        merge k replaced by the new id 256 + k.

    Rules (see the statement): pairs are counted inside words only, without overlap
    ("aaa" holds (97, 97) once); the pair with the highest count is merged, ties go to the
    smallest (a, b); stop after num_merges merges or when the best count is below 2.

    Raises:
        ValueError: if num_merges < 0.
    """
    raise NotImplementedError
