from solution import reciprocal_rank_fusion

RANKINGS = [["a", "b", "c", "d"], ["c", "a", "e"], ["b", "e", "a"]]


def _ids(result):
    return [doc for doc, _ in result]


def test_example_fused_order_and_scores():
    got = reciprocal_rank_fusion(RANKINGS)
    assert _ids(got) == ["a", "b", "c", "e", "d"], f"got order {_ids(got)}"
    assert abs(got[0][1] - (1 / 61 + 1 / 62 + 1 / 63)) < 1e-12, f"score of 'a': got {got[0][1]}"
    assert abs(got[-1][1] - 1 / 64) < 1e-12, f"score of 'd': got {got[-1][1]}"


def test_example_top_n():
    assert _ids(reciprocal_rank_fusion(RANKINGS, top_n=2)) == ["a", "b"]


def test_example_tie_and_duplicates():
    assert _ids(reciprocal_rank_fusion([["x", "y"], ["y", "x"]])) == ["x", "y"], "exact tie: first appearance first"
    assert reciprocal_rank_fusion([["a", "b", "a", "c"]], k=0) == [("a", 1.0), ("b", 0.5), ("c", 0.25)]
