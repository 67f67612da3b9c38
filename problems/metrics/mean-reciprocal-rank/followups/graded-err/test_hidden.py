import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar
import solution


def _user_err(*args, **kwargs):
    """Your expected_reciprocal_rank, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "expected_reciprocal_rank", None)
    assert callable(fn), "define expected_reciprocal_rank(ranked_lists, grades, k=None, max_grade=4) in solution.py (part 2)"
    return fn(*args, **kwargs)


def expected_reciprocal_rank(ranked, grades, **kw):
    return _as_scalar(_user_err(ranked, grades, **kw), "expected_reciprocal_rank")


def _ref(ranked, grades, k=None, max_grade=4):
    """Cascade model by enumeration: the user stops at position r with probability R_r times the
    probability of not stopping before; ERR is the expected 1 / (stopping position)."""
    total = 0.0
    for ranking, g in zip(ranked, grades):
        ranking = list(ranking)
        cut = len(ranking) if k is None else min(k, len(ranking))
        R = [(2 ** g.get(x, 0) - 1) / 2 ** max_grade for x in ranking[:cut]]
        total += sum(R[r] * np.prod([1 - R[i] for i in range(r)]) / (r + 1) for r in range(cut))
    return total / len(ranked)


def _check(got, want, what):
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12, err_msg=what)


def test_single_relevant_item():
    # only grade: max_grade at position 3: ERR = (1/3) * (2**4 - 1) / 2**4
    _check(expected_reciprocal_rank([["a", "b", "c", "d"]], [{"c": 4}]), (15 / 16) / 3,
           "one item of grade 4 at position 3 (stop probability (2**g - 1) / 2**max_grade)")
    _check(expected_reciprocal_rank([["a", "b"]], [{"a": 1}], max_grade=1), 0.5,
           "grade 1 of max_grade 1 at position 1: stop probability 1/2")


def test_cascade_discounts_later_items():
    # grades 2 then 4 with max_grade 4: R1 = 3/16, R2 = 15/16: ERR = 3/16 + (13/16) * (15/16) / 2
    _check(expected_reciprocal_rank([[1, 2]], [{1: 2, 2: 4}]), 3 / 16 + (13 / 16) * (15 / 16) / 2,
           "the second item counts only if the user did not stop at the first (1 - R1)")


def test_matches_cascade_model_on_random_queries():
    rng = np.random.default_rng(1)
    ranked, grades = [], []
    for _ in range(60):
        n = int(rng.integers(0, 15))
        ids = rng.choice(1000, size=n, replace=False).tolist()
        ranked.append(ids)
        g = {int(x): int(rng.integers(0, 4)) for x in rng.choice(1000, size=20, replace=False)}
        g.update({x: int(rng.integers(0, 4)) for x in ids if rng.random() < 0.4})
        grades.append(g)
    for k in (None, 1, 3, 10):
        _check(expected_reciprocal_rank(ranked, grades, k=k, max_grade=3), _ref(ranked, grades, k, 3),
               f"60 random queries, k={k}, max_grade=3")


def test_cutoff_inclusive_and_queries_without_hits():
    ranked = [["a", "b", "c"], ["d"], []]
    grades = [{"c": 4}, {}, {"x": 4}]
    _check(expected_reciprocal_rank(ranked, grades, k=3), (15 / 16) / 3 / 3, "position k counts; empty hits are 0 in the mean")
    _check(expected_reciprocal_rank(ranked, grades, k=2), 0.0, "the item at position 3 is outside k=2")


def test_binary_grades_are_not_mrr():
    # all items of grade max: stop at the first with probability 1 - 2**-max_grade, not 1
    _check(expected_reciprocal_rank([["a", "b"]], [{"a": 1, "b": 1}], max_grade=1), 0.5 + 0.5 * 0.5 / 2,
           "grade 1 of 1 stops with probability 1/2, so the second relevant item still adds (1/2)(1/2)/2")


def test_invalid_inputs_and_inputs_untouched():
    ranked, grades = [["a", "b"]], [{"a": 2}]
    expected_reciprocal_rank(ranked, grades)
    assert ranked == [["a", "b"]] and grades == [{"a": 2}], "inputs were modified"
    for args, kw, what in [(([["a"]], [{"a": 5}]), {}, "grade 5 > max_grade 4"), (([["a"]], [{"a": -1}]), {}, "negative grade"),
                           (([["a"]], []), {}, "different lengths"), (([], []), {}, "no queries")]:
        try:
            _user_err(*args, **kw)
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
