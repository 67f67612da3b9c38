from solution import mean_reciprocal_rank

RANKED = [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]
REL = [{"c", "b"}, {"d"}, {"x"}]


def test_statement_example():
    got = mean_reciprocal_rank(RANKED, REL)
    assert abs(got - 0.5) < 1e-12, f"expected 0.5, got {got}"


def test_statement_example_with_cutoff():
    got = mean_reciprocal_rank(RANKED, REL, k=1)
    assert abs(got - 1.0 / 3.0) < 1e-12, f"expected 1/3, got {got}"


def test_integer_ids():
    got = mean_reciprocal_rank([[5, 3, 9, 1]], [{1}])
    assert abs(got - 0.25) < 1e-12, f"expected 0.25 (relevant id at position 4), got {got}"
