import torch


def train_bpe(words, num_merges):
    """Learn byte-pair-encoding merges from a corpus of words.

    Args:
        words: list of str. Each entry is one occurrence of a word (repeats count); it is
            encoded as UTF-8 bytes, whose values 0-255 are the initial token ids. Must not be
            modified.
        num_merges: int >= 0, the maximum number of merges to learn.

    Returns:
        torch.Tensor of int64, shape (m, 2) with m <= num_merges: row k is the pair (a, b) that
        merge k replaced by the new id 256 + k.

    Rules (see the statement): pairs are counted inside words only, without overlap
    ("aaa" holds (97, 97) once); the pair with the highest count is merged, ties go to the
    smallest (a, b); stop after num_merges merges or when the best count is below 2.

    Raises:
        ValueError: if num_merges < 0.

    Tensor contract: the input is the same Python list of strings as in NumPy (text is not a
    tensor); the RESULT is a tensor, int64 of shape (m, 2) (torch.empty((0, 2), dtype=torch.int64)
    when nothing is merged). Inside, work on tensors: keep the ids of every distinct word in one
    flat int64 tensor with the word each token belongs to (torch.repeat_interleave) and its number
    of occurrences; encode a pair (a, b) as the key a * width + b with width > every id, so that
    sorting keys sorts pairs as tuples; sum the occurrences per key with torch.unique(...,
    return_inverse=True) and scatter_add_ (or torch.bincount with weights). torch.argmax returns
    the first maximum. Plain Python on .tolist() also passes the same tests.
    """
    raise NotImplementedError
