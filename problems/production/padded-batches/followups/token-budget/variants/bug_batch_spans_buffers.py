"""Bug: the open batch is carried over into the next buffer instead of being yielded when its buffer ends. Caught by test_batches_never_span_buffers."""
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


def bucketed_batches(sequences, batch_size, buffer_size, pad_value=0):
    """Length bucketing: read `buffer_size` items at a time, stable-sort them by length, cut the
    sorted buffer into batches of `batch_size` (the last one of a buffer may be smaller) and yield
    (batch, lengths, indices) in that order; `indices` are the items' 0-based stream positions."""
    if batch_size < 1 or buffer_size < batch_size:
        raise ValueError("need 1 <= batch_size <= buffer_size")
    it = iter(sequences)
    offset = 0
    while True:
        buf = [np.asarray(s, dtype=np.int64).reshape(-1) for s in itertools.islice(it, buffer_size)]
        if not buf:
            return
        lengths = np.array([len(s) for s in buf], dtype=np.int64)
        order = np.argsort(lengths, kind="stable")
        for start in range(0, len(buf), batch_size):
            idx = order[start:start + batch_size]
            batch, lens = next(padded_batches([buf[i] for i in idx], len(idx), pad_value))
            yield batch, lens, (idx + offset).astype(np.int64)
        offset += len(buf)


def token_budget_batches(sequences, max_tokens, buffer_size, pad_value=0):
    """Token-budget batching (part 3): read buffer_size items at a time, stable-sort them by length,
    then cut the sorted buffer greedily into batches whose cost rows * max(longest, 1) stays within
    max_tokens (an item that alone costs more forms a batch of its own). Yields
    (batch, lengths, indices) like bucketed_batches; a batch never spans two buffers."""
    if max_tokens < 1 or buffer_size < 1:
        raise ValueError("need max_tokens >= 1 and buffer_size >= 1")
    it = iter(sequences)
    offset = 0
    allbuf, alllen, current = [], [], []
    while True:
        buf = [np.asarray(s, dtype=np.int64).reshape(-1) for s in itertools.islice(it, buffer_size)]
        if not buf:
            if current:
                yield _pad(allbuf, current, 0, pad_value)
            return
        lengths = np.array([len(s) for s in buf], dtype=np.int64)
        order = np.argsort(lengths, kind="stable")
        for i in order.tolist():
            i += offset
            if current and (len(current) + 1) * max(int(lengths[i - offset]), 1) > max_tokens:
                yield _pad(allbuf + buf, current, 0, pad_value)
                current = []
            current.append(i)
        allbuf += buf
        offset += len(buf)


def _pad(buf, idx, offset, pad_value):
    batch, lens = next(padded_batches([buf[i] for i in idx], len(idx), pad_value))
    return batch, lens, np.asarray(idx, dtype=np.int64) + offset
