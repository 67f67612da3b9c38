import itertools
import math

import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar
from solution import ndcg_at_k as _user_ndcg_at_k


def ndcg_at_k(y_true, y_score, k, **kw):
    return _as_scalar(_user_ndcg_at_k(y_true, y_score, k, **kw), "ndcg_at_k(ties=%r)" % kw.get("ties", "stable"))


def _ndcg_fixed_order(y_true, order, k):
    m = min(k, len(order))
    dcg = sum((2.0 ** y_true[order[p]] - 1.0) / math.log2(p + 2) for p in range(m))
    ideal = sorted(y_true, reverse=True)
    idcg = sum((2.0 ** ideal[p] - 1.0) / math.log2(p + 2) for p in range(m))
    return 0.0 if idcg == 0 else dcg / idcg


def _expected_over_tie_orders(y_true, y_score, k):
    """Average NDCG over every order of the tied items (brute force over permutations of each group)."""
    y_true, y_score = [float(v) for v in y_true], [float(v) for v in y_score]
    levels = sorted(set(y_score), reverse=True)
    groups = [[i for i in range(len(y_score)) if y_score[i] == s] for s in levels]
    total, count = 0.0, 0
    for perms in itertools.product(*(itertools.permutations(g) for g in groups)):
        total += _ndcg_fixed_order(y_true, [i for p in perms for i in p], k)
        count += 1
    return total / count


def _tie_average_ref(y_true, y_score, k):
    """The stated rule: each position spanned by a group of equal scores gets the group's mean gain."""
    y_true, y_score = [float(v) for v in y_true], [float(v) for v in y_score]
    n = len(y_true)
    order = sorted(range(n), key=lambda i: (-y_score[i], i))
    dcg, p = 0.0, 0
    while p < n:
        q = p
        while q < n and y_score[order[q]] == y_score[order[p]]:
            q += 1
        mean_gain = sum(2.0 ** y_true[order[j]] - 1.0 for j in range(p, q)) / (q - p)
        dcg += sum(mean_gain / math.log2(j + 2) for j in range(p, min(q, k)))
        p = q
    ideal = sorted(y_true, reverse=True)
    idcg = sum((2.0 ** ideal[j] - 1.0) / math.log2(j + 2) for j in range(min(k, n)))
    return 0.0 if idcg == 0 else dcg / idcg


def _check(got, want, what):
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9, err_msg=what)


def test_equals_average_over_all_tie_orders():
    rng = np.random.default_rng(1)
    for trial in range(25):
        n = int(rng.integers(2, 8))
        y_true = rng.integers(0, 4, size=n)
        y_score = rng.integers(0, 3, size=n) / 2.0          # few distinct scores: big ties
        k = int(rng.integers(1, n + 2))
        _check(ndcg_at_k(y_true, y_score, k, ties="average"), _expected_over_tie_orders(y_true, y_score, k),
               f"trial {trial} (n={n}, k={k}): expected NDCG over all orders of the tied items")


def test_tie_group_straddling_the_cutoff():
    # scores: item 0 first, then items 1, 2, 3 tied; k = 2 cuts the tied group after one position:
    # position 2 gets the group's MEAN gain (7 + 0 + 1) / 3, not a share of the whole group's gain
    y_true, y_score = [1, 3, 0, 1], [0.9, 0.5, 0.5, 0.5]
    want = (1 + (8 / 3) / math.log2(3)) / (7 + 1 / math.log2(3))
    _check(ndcg_at_k(y_true, y_score, 2, ties="average"), want, "tied group cut by k")


def test_order_of_tied_items_in_input_does_not_matter():
    rng = np.random.default_rng(2)
    y_true = rng.integers(0, 5, size=40)
    y_score = rng.integers(0, 6, size=40).astype(float)
    base = ndcg_at_k(y_true, y_score, 10, ties="average")
    for seed in range(5):
        p = np.random.default_rng(seed).permutation(40)
        _check(ndcg_at_k(y_true[p], y_score[p], 10, ties="average"), base,
               "with ties='average' shuffling the input must not change NDCG")


def test_matches_rule_on_larger_queries():
    rng = np.random.default_rng(3)
    for trial in range(10):
        n = int(rng.integers(50, 400))
        y_true = rng.integers(0, 4, size=n)
        y_score = np.round(rng.normal(size=n), 1)
        k = int(rng.integers(1, n + 5))
        _check(ndcg_at_k(y_true, y_score, k, ties="average"), _tie_average_ref(y_true, y_score, k),
               f"trial {trial} (n={n}, k={k})")


def test_no_ties_and_default_keep_part_one():
    rng = np.random.default_rng(4)
    y_true = rng.integers(0, 4, size=30)
    y_score = rng.normal(size=30)
    stable = _ndcg_fixed_order([float(v) for v in y_true], list(np.argsort(-y_score, kind="stable")), 7)
    _check(ndcg_at_k(y_true, y_score, 7, ties="average"), stable, "no ties: 'average' equals part 1")
    y_tied = [3, 0, 0, 3]
    _check(ndcg_at_k(y_tied, [1.0, 1.0, 1.0, 1.0], 2), _ndcg_fixed_order([3.0, 0.0, 0.0, 3.0], [0, 1, 2, 3], 2),
           "default ties='stable' keeps part 1 (input order)")


def test_zero_ideal_all_tied_and_errors():
    assert ndcg_at_k([0, 0, 0], [0.5, 0.5, 0.5], 2, ties="average") == 0.0, "no relevant item: 0.0"
    _check(ndcg_at_k([2, 0, 0, 0], [1.0, 1.0, 1.0, 1.0], 4, ties="average"),
           (3 / 4) * sum(1 / math.log2(i + 2) for i in range(4)) / 3.0, "all scores tied")
    y_true, y_score = np.array([1.0, 2.0]), np.array([0.3, 0.3])
    ndcg_at_k(y_true, y_score, 1, ties="average")
    assert y_true.tolist() == [1.0, 2.0] and y_score.tolist() == [0.3, 0.3], "inputs were modified"
    try:
        _user_ndcg_at_k([1, 0], [0.1, 0.2], 1, ties="random")
    except ValueError:
        return
    raise AssertionError("ties='random' must raise ValueError")
