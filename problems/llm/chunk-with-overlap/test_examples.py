from solution import chunk_tokens


def test_example_fixed_size():
    got = chunk_tokens(list(range(10)), max_tokens=4, overlap=1)
    assert [tuple(s) for s in got] == [(0, 4), (3, 7), (6, 10)], f"got {got}"


def test_example_no_duplicate_last_chunk():
    got = chunk_tokens(list(range(10)), max_tokens=6, overlap=2)
    assert [tuple(s) for s in got] == [(0, 6), (4, 10)], f"got {got}"


def test_example_sentence_boundaries():
    t = "The cat sat . It was warm . The end".split()
    got = chunk_tokens(t, max_tokens=5, overlap=1, boundary_tokens={"."}, boundary_window=3)
    assert [tuple(s) for s in got] == [(0, 4), (3, 8), (7, 10)], f"got {got}"


def test_example_overlap_must_be_smaller_than_budget():
    try:
        chunk_tokens([1, 2, 3], 4, 4)
    except ValueError:
        return
    raise AssertionError("overlap == max_tokens must raise ValueError")
