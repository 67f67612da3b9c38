import itertools

import numpy as np

from solution import padded_batches


def test_example_two_batches():
    out = list(padded_batches([[5, 6, 7], [8], [9, 10], []], batch_size=2))
    assert len(out) == 2, f"expected 2 batches, got {len(out)}"
    batch, lengths = out[0]
    np.testing.assert_array_equal(np.asarray(batch), [[5, 6, 7], [8, 0, 0]])
    np.testing.assert_array_equal(np.asarray(lengths), [3, 1])
    batch, lengths = out[1]
    np.testing.assert_array_equal(np.asarray(batch), [[9, 10], [0, 0]])
    np.testing.assert_array_equal(np.asarray(lengths), [2, 0])


def _endless(limit=10_000):
    # [], [1], [2, 2], [], [4], ... ; fails loudly instead of hanging if read eagerly
    for i in itertools.count():
        if i >= limit:
            raise AssertionError("padded_batches read far too many items: it must be lazy")
        yield [i] * (i % 3)


def test_example_endless_stream():
    stream = _endless()
    batch, lengths = next(padded_batches(stream, batch_size=3, pad_value=-1))
    np.testing.assert_array_equal(np.asarray(batch), [[-1, -1], [1, -1], [2, 2]])
    np.testing.assert_array_equal(np.asarray(lengths), [0, 1, 2])
