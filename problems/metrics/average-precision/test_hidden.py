import numpy as np
from solution import average_precision, mean_average_precision
from mlprep_harness.checks import as_scalar as _as_scalar


def _ref_ap_no_ties(y_true, y_score):
    """Mean over relevant items of precision at their 1-based rank (valid when scores are distinct)."""
    order = sorted(range(len(y_score)), key=lambda i: -float(y_score[i]))
    hits, total = 0, 0.0
    for rank, i in enumerate(order, start=1):
        if y_true[i]:
            hits += 1
            total += hits / rank
    return 0.0 if hits == 0 else total / hits


def _ref_ap_thresholds(y_true, y_score):
    """Slow threshold-by-threshold reference (handles ties)."""
    y_true = np.asarray(y_true, dtype=bool)
    y_score = np.asarray(y_score, dtype=float)
    n_pos = int(y_true.sum())
    if n_pos == 0:
        return 0.0
    ap, prev_recall = 0.0, 0.0
    for t in sorted(set(y_score.tolist()), reverse=True):
        retrieved = y_score >= t
        tp = int(np.sum(retrieved & y_true))
        precision = tp / int(retrieved.sum())
        recall = tp / n_pos
        ap += (recall - prev_recall) * precision
        prev_recall = recall
    return ap


def _check(got, expected, what):
    np.testing.assert_allclose(_as_scalar(got, what), expected, rtol=1e-6, atol=1e-9, err_msg=what)


def test_no_ties_equals_mean_precision_at_relevant_ranks():
    rng = np.random.default_rng(123)
    for trial in range(25):
        n = int(rng.integers(2, 80))
        y_true = (rng.random(n) < 0.3).astype(int)
        y_true[int(rng.integers(0, n))] = 1
        y_score = rng.normal(size=n)
        _check(average_precision(y_true, y_score), _ref_ap_no_ties(y_true, y_score),
               f"distinct scores, query #{trial} (n={n})")


def test_tied_scores_enter_together():
    rng = np.random.default_rng(5)
    for trial in range(25):
        n = int(rng.integers(2, 200))
        y_true = (rng.random(n) < 0.4).astype(int)
        y_true[0] = 1
        y_score = rng.integers(0, 6, size=n).astype(float)  # many ties
        _check(average_precision(y_true, y_score), _ref_ap_thresholds(y_true, y_score),
               f"tied scores, query #{trial} (n={n}): tied items must be added as one group")


def test_all_scores_equal_gives_prevalence():
    y_true = np.array([0, 1, 0, 0, 1, 0, 0, 0, 0, 1])
    _check(average_precision(y_true, np.full(10, 0.5)), 0.3,
           "all scores equal: one threshold, AP = precision = share of relevant items")
    _check(average_precision(y_true[::-1].copy(), np.full(10, 0.5)), 0.3,
           "all scores equal (reversed input): AP must not depend on input order")


def test_result_independent_of_input_order():
    rng = np.random.default_rng(99)
    n = 150
    y_true = (rng.random(n) < 0.3).astype(int)
    y_true[:2] = 1
    y_score = rng.integers(0, 4, size=n).astype(float)
    base = _as_scalar(average_precision(y_true, y_score), "AP of the unshuffled items (tied scores)")
    for p in range(5):
        perm = rng.permutation(n)
        _check(average_precision(y_true[perm], y_score[perm]), base,
               f"permutation #{p} of the items changed AP (ties must not be broken by position)")


def test_invariant_to_monotone_score_transform():
    rng = np.random.default_rng(3)
    y_true = (rng.random(60) < 0.5).astype(int)
    y_score = np.round(rng.normal(size=60), 1)
    base = _as_scalar(average_precision(y_true, y_score), "AP of the original scores")
    _check(average_precision(y_true, 1.0 / (1.0 + np.exp(-2.0 * y_score))), base,
           "AP must depend only on the order of the scores")


def test_no_relevant_items_returns_zero():
    with np.errstate(all="raise"):
        got = average_precision([0, 0, 0, 0], [0.4, 0.3, 0.2, 0.1])
    assert _as_scalar(got, "no relevant items") == 0.0, f"no relevant items must give 0.0, got {got}"


def test_all_relevant_gives_one_and_worst_ranking():
    _check(average_precision([1, 1, 1], [0.3, 0.1, 0.2]), 1.0, "all items relevant")
    # single relevant item ranked last out of 4 -> precision 1/4
    _check(average_precision([1, 0, 0, 0], [0.1, 0.2, 0.3, 0.4]), 0.25,
           "one relevant item at rank 4 (scores sorted descending, not ascending)")


def test_map_is_unweighted_mean_over_queries():
    rng = np.random.default_rng(8)
    y_trues, y_scores, aps = [], [], []
    for n in (3, 40, 7, 250, 12):
        t = (rng.random(n) < 0.35).astype(int)
        t[0] = 1
        s = rng.normal(size=n)
        y_trues.append(t)
        y_scores.append(s)
        aps.append(_ref_ap_thresholds(t, s))
    _check(mean_average_precision(y_trues, y_scores), float(np.mean(aps)),
           "MAP must be the plain mean of the per-query APs (not pooled over all items)")


def test_map_counts_queries_without_relevant_items_as_zero():
    y_trues = [[1, 0], [0, 0, 0], [0, 1]]
    y_scores = [[0.9, 0.1], [0.5, 0.4, 0.3], [0.9, 0.1]]
    _check(mean_average_precision(y_trues, y_scores), (1.0 + 0.0 + 0.5) / 3.0,
           "a query without relevant items must count as AP 0 in the mean")


def test_inputs_not_modified_lists_and_bools():
    y_true = np.array([True, False, True, False, False, True])
    y_score = np.array([0.2, 0.9, 0.2, 0.5, 0.1, 0.7])
    t_copy, s_copy = y_true.copy(), y_score.copy()
    expected = _ref_ap_thresholds(t_copy, s_copy)
    _check(average_precision(y_true, y_score), expected, "boolean y_true")
    np.testing.assert_array_equal(y_true, t_copy, err_msg="y_true was modified")
    np.testing.assert_array_equal(y_score, s_copy, err_msg="y_score was modified")
    lt, ls = y_true.astype(int).tolist(), y_score.tolist()
    _check(average_precision(lt, ls), expected, "plain Python lists")
    assert lt == t_copy.astype(int).tolist() and ls == s_copy.tolist(), "list inputs were modified"
    _check(mean_average_precision([lt], [ls]), expected, "MAP of lists")
