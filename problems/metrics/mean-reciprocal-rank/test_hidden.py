import numpy as np
from mlprep_harness.timing import assert_relative_speed
from solution import mean_reciprocal_rank
from mlprep_harness.checks import as_scalar as _as_scalar


def _ref(ranked_lists, relevant, k=None):
    total = 0.0
    for ranking, rel in zip(ranked_lists, relevant):
        ranking = list(ranking)
        cut = len(ranking) if k is None else min(k, len(ranking))
        for i in range(cut):
            if ranking[i] in set(rel):
                total += 1.0 / (i + 1)
                break
    return total / len(ranked_lists)


def _check(got, expected, what):
    np.testing.assert_allclose(_as_scalar(got, what), expected, rtol=1e-9, atol=1e-12, err_msg=what)


def test_rank_is_one_based():
    _check(mean_reciprocal_rank([[7, 8, 9]], [{7}]), 1.0, "relevant item at position 1 must give 1.0")
    _check(mean_reciprocal_rank([[7, 8, 9]], [{8}]), 0.5, "relevant item at position 2 must give 1/2")
    _check(mean_reciprocal_rank([[7, 8, 9]], [{9}]), 1.0 / 3.0, "relevant item at position 3 must give 1/3")


def test_uses_first_relevant_item():
    _check(mean_reciprocal_rank([["x", "a", "y", "b", "c"]], [{"c", "b", "a"}]), 0.5,
           "several relevant items: the first one (position 2) decides, not the last or the sum")


def test_queries_without_hit_count_as_zero():
    ranked = [[1, 2, 3], [4, 5, 6], [], [7, 8]]
    rel = [{1}, {99}, {1}, set()]
    _check(mean_reciprocal_rank(ranked, rel), 1.0 / 4.0,
           "queries with no relevant item retrieved (or empty ranking / empty relevant set) must count as 0 in the mean")


def test_cutoff_is_inclusive():
    ranked = [["a", "b", "c", "d"]]
    _check(mean_reciprocal_rank(ranked, [{"c"}], k=3), 1.0 / 3.0,
           "a relevant item at position exactly k must count")
    _check(mean_reciprocal_rank(ranked, [{"d"}], k=3), 0.0,
           "a relevant item at position k + 1 must not count")
    _check(mean_reciprocal_rank(ranked, [{"d", "b"}], k=1), 0.0, "k=1 with relevant items at 2 and 4")


def test_k_none_and_k_larger_than_ranking():
    ranked = [[10, 20, 30], [40, 50]]
    rel = [{30}, {50}]
    expected = (1.0 / 3.0 + 1.0 / 2.0) / 2.0
    _check(mean_reciprocal_rank(ranked, rel), expected, "k=None must use the whole ranking")
    _check(mean_reciprocal_rank(ranked, rel, k=100), expected, "k larger than the ranking must use all of it")


def test_matches_reference_random():
    rng = np.random.default_rng(123)
    ranked, rel = [], []
    for _ in range(200):
        length = int(rng.integers(0, 30))
        ranked.append([int(v) for v in rng.choice(60, size=length, replace=False)])
        rel.append({int(v) for v in rng.choice(60, size=int(rng.integers(0, 6)), replace=False)})
    for k in (None, 1, 3, 10, 50):
        _check(mean_reciprocal_rank(ranked, rel, k=k), _ref(ranked, rel, k), f"random queries, k={k}")


def test_collection_types_and_inputs_not_modified():
    ranked = [np.array([3, 1, 2]), ("p", "q", "r"), ["u", "v"]]
    rel = [[2, 1], ("r",), frozenset({"v"})]
    expected = (1.0 / 2.0 + 1.0 / 3.0 + 1.0 / 2.0) / 3.0
    _check(mean_reciprocal_rank(ranked, rel), expected,
           "numpy-array / tuple rankings and list / tuple / frozenset relevant collections")
    np.testing.assert_array_equal(ranked[0], [3, 1, 2], err_msg="a ranking was modified")
    assert ranked[2] == ["u", "v"] and rel[0] == [2, 1], "inputs were modified"
    assert len(ranked) == 3 and len(rel) == 3, "the outer sequences were modified"


def test_invalid_input_raises_value_error():
    for args, what in (
        (([[1, 2]], [{1}, {2}]), "different numbers of rankings and relevant collections"),
        (([], []), "zero queries"),
    ):
        try:
            mean_reciprocal_rank(*args)
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")


def _ref_fast(ranked_lists, relevant):
    """The reference the scale rule compares with: one set per query, O(1) membership."""
    total = 0.0
    for ranking, rel in zip(ranked_lists, relevant):
        rel_set = set(rel)
        for pos, item in enumerate(ranking, start=1):
            if item in rel_set:
                total += 1.0 / pos
                break
    return total / len(ranked_lists)


# Scale tests last: the cheap correctness tests above report first.
def test_scale_relevant_lists_use_fast_membership():
    rng = np.random.default_rng(42)
    q, length = 200, 1000
    perms = rng.permuted(np.tile(np.arange(length), (q, 1)), axis=1)
    first_pos = rng.integers(700, length, size=q)  # 0-based position of the first relevant id
    ranked, rel = [], []
    for j in range(q):
        row = perms[j].tolist()
        after = row[first_pos[j] + 1:]
        # relevant ids as a plain list: the hit, up to 200 ids ranked after it, 1000 ids never retrieved
        ranked.append(row)
        rel.append([row[first_pos[j]]] + after[:200] + list(range(length, length + 1000)))
    expected = float(np.mean(1.0 / (first_pos + 1)))
    got = assert_relative_speed(
        candidate=lambda: mean_reciprocal_rank(ranked, rel),
        reference=lambda: _ref_fast(ranked, rel),
        factor=10, slack_ms=50, key="mean-reciprocal-rank/list-relevant",
        what="200 queries with relevant ids given as lists of about 1,200 ids must run within 10x "
             "the time of a reference that makes one set per query, plus 50 ms "
             "(a membership test on a list is a linear scan)")
    _check(got, expected, "200 queries with deep first hits")
