from solution import continuous_batching


def _pairs(got):
    return [tuple(int(x) for x in pair) for pair in got]


def test_example_budget_and_batch_size():
    got = continuous_batching([(0, 6, 3), (0, 6, 2), (1, 2, 1), (1, 3, 1)], 10, 2)
    assert _pairs(got) == [(0, 2), (1, 2), (3, 3), (3, 3)], f"got {got}"


def test_example_empty():
    assert list(continuous_batching([], 10, 2)) == [], "no requests: []"
