import itertools

import numpy as np


def padded_batches(sequences, batch_size, pad_value=0):
    """Group sequences into right-padded int64 batches, lazily."""
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    it = iter(sequences)
    while True:
        chunk = [np.asarray(s, dtype=np.int64).reshape(-1) for s in itertools.islice(it, batch_size)]
        if not chunk:
            return
        lengths = np.array([len(s) for s in chunk], dtype=np.int64)
        max_len = int(lengths.max())
        batch = np.full((len(chunk), max_len), pad_value, dtype=np.int64)
        for i, s in enumerate(chunk):
            batch[i, : len(s)] = s
        yield batch, lengths
