import numpy as np

from solution import decode, encode

MERGES = np.array([[101, 115], [108, 111], [256, 116], [257, 119]], dtype=np.int64)   # es, lo, est, low


def test_example_encode_and_decode():
    ids = np.asarray(encode("lowest", MERGES))
    assert ids.shape == (2,), f"expected shape (2,), got {ids.shape}"
    np.testing.assert_array_equal(ids, [259, 258])                    # "low" + "est"
    assert decode(np.array([259, 258]), MERGES) == "lowest"


def test_example_lowest_rank_first():
    merges = np.array([[98, 99], [97, 98]], dtype=np.int64)         # (b, c) has rank 0, (a, b) rank 1
    np.testing.assert_array_equal(np.asarray(encode("abc", merges)), [97, 256])


def test_example_bytes_and_replacement():
    np.testing.assert_array_equal(np.asarray(encode("é!", MERGES)), [195, 169, 33])
    assert decode(np.array([195]), MERGES) == "\ufffd"              # half of "é"
