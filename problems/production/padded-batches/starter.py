import numpy as np


def padded_batches(sequences, batch_size, pad_value=0):
    """Yield right-padded batches of integer token sequences, lazily.

    Args:
        sequences: any iterable (possibly a one-shot generator, possibly endless) of
            sequences of integer token ids. Each item is a list, tuple or 1-D numpy
            array; it may be empty.
        batch_size: int >= 1, number of sequences per batch (the last batch may be smaller).
        pad_value: int written into the padding positions.

    Yields:
        (batch, lengths) tuples:
        batch   -- np.ndarray of dtype int64, shape (b, max_len), where b is the number of
                   sequences in this batch and max_len is the length of the longest sequence
                   in THIS batch (0 if they are all empty). Row i holds sequence i followed
                   by pad_value on the right.
        lengths -- np.ndarray of dtype int64, shape (b,), the original lengths.

    Read at most batch_size items from `sequences` before yielding each batch.
    Empty input yields nothing. batch_size < 1 raises ValueError.
    """
    raise NotImplementedError
