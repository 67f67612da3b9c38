from solution import reservoir_sample


def test_example_short_stream_in_order():
    assert reservoir_sample((x * x for x in range(4)), k=10) == [0, 1, 4, 9]


def test_example_long_stream():
    s = reservoir_sample(iter(range(1000)), k=3, seed=42)
    assert len(s) == 3 and len(set(s)) == 3, f"expected 3 distinct items, got {s}"
    assert all(0 <= x < 1000 for x in s), f"items not from the stream: {s}"
    assert s == reservoir_sample(iter(range(1000)), k=3, seed=42), "same seed must give the same sample"
