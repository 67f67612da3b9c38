from solution import TokenBucket


def test_example_burst_and_refill():
    b = TokenBucket(rate=2.0, capacity=3)
    got = [b.allow(0.0) for _ in range(4)]
    assert got == [True, True, True, False], f"burst at t=0: {got}"
    got = [b.allow(0.25), b.allow(0.5)]
    assert got == [False, True], f"refill at t=0.25, 0.5: {got}"


def test_example_cap_and_clock_going_back():
    b = TokenBucket(rate=2.0, capacity=3)
    [b.allow(0.0) for _ in range(3)]
    got = [b.allow(10.0) for _ in range(4)]
    assert got == [True, True, True, False], f"after a long idle the bucket holds only capacity: {got}"
    assert b.allow(9.0) is False, "time went backwards: no refill"
    got = [b.allow(10.5), b.allow(10.5)]
    assert got == [True, False], f"refill must count from 10.0, not 9.0: {got}"
