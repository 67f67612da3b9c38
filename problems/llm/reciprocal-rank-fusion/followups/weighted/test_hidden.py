"""Part 2 (weighted RRF): hidden tests. Part 1's tests keep running beside these."""
import copy

import numpy as np

from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple, describe as _describe
from mlprep_harness.frameworks import framework, user_function
from solution import reciprocal_rank_fusion as _user_function

_user_rrf = user_function(_user_function)


def _fused(got, what):
    assert isinstance(got, list), "%s: expected a list of (doc_id, score) tuples, got %s" % (what, _describe(got))
    out = []
    for i, item in enumerate(got):
        ok = isinstance(item, (tuple, list)) and len(item) == 2
        assert ok, "%s: item %d should be a (doc_id, score) pair, got %s" % (what, i, _describe(item))
        score = item[1]
        ok = isinstance(score, (int, float, np.integer, np.floating)) and not isinstance(score, (bool, np.bool_))
        assert ok, "%s: the score of item %d should be a float, got %s" % (what, i, _describe(score))
        out.append((item[0], float(score)))
    return out


def _as_user_input(rankings):
    """`rankings` as the solution's framework takes them (as in part 1's tests), and the table to
    read string ids back. Under NumPy: the lists themselves and None. Under PyTorch: a list of 1-D
    int64 id arrays (tensors for the solution); int ids keep their value, string ids become their
    index in the sorted list of every distinct string, so ties broken by id still differ from ties
    broken by first appearance."""
    if framework() != "pytorch":
        return rankings, None
    strings = sorted({d for lst in rankings for d in lst if isinstance(d, str)})
    index = {d: i for i, d in enumerate(strings)}
    arrays = [np.array([index[d] if isinstance(d, str) else int(d) for d in lst], dtype=np.int64) for lst in rankings]
    return arrays, (strings if strings else None)


def _fused_tensors(got, strings, what):
    """A PyTorch result, (ids, scores) tensors read back as arrays, as a list of (doc_id, score)
    pairs (string ids mapped back through `strings`)."""
    ids, scores = _as_tuple(got, 2, ("ids", "scores"), what)
    ids = _as_array(ids, (None,), what + " ids (an int64 tensor of shape (m,))", kinds="iu")
    scores = _as_array(scores, (len(ids),), what + " scores (a float64 tensor of the same length as ids)")
    assert ids.dtype == np.int64, "%s ids: expected dtype torch.int64, got %s" % (what, ids.dtype)
    assert scores.dtype == np.float64, "%s scores: expected dtype torch.float64, got %s" % (what, scores.dtype)
    out = []
    for d, sc in zip(ids.tolist(), scores.tolist()):
        if strings is not None:
            assert 0 <= d < len(strings), "%s: id %d is not a document id of the input" % (what, d)
            d = strings[d]
        out.append((d, float(sc)))
    return out


def rrf(rankings, *args, _arg=None, **kwargs):
    """Your reciprocal_rank_fusion, its result checked to be a list of (doc_id, score) pairs (under
    PyTorch: an (ids, scores) pair of tensors, read back here as pairs). `_arg`: the exact rankings
    object to pass (already converted), for tests that check it is not modified."""
    arg, strings = _as_user_input(rankings)
    got = _user_rrf(arg if _arg is None else _arg, *args, **kwargs)
    if framework() == "pytorch":
        return _fused_tensors(got, strings, "reciprocal_rank_fusion result")
    return _fused(got, "reciprocal_rank_fusion result")


def _ref(rankings, k=60, top_n=None, weights=None):
    """Reference: explicit first-occurrence ranks, weight / (k + rank) added in list order,
    zero-weight lists skipped, ties by first appearance (a position counter over the kept lists)."""
    weights = [1.0] * len(rankings) if weights is None else [float(w) for w in weights]
    first_seen, score, counter = {}, {}, 0
    for lst, w in zip(rankings, weights):
        if w == 0:
            continue
        ranks = {}
        for pos, doc in enumerate(lst):
            counter += 1
            first_seen.setdefault(doc, counter)
            ranks.setdefault(doc, pos + 1)
        for doc, r in ranks.items():
            score[doc] = score.get(doc, 0.0) + w / (k + r)
    order = sorted(score, key=lambda d: (-score[d], first_seen[d]))
    out = [(d, score[d]) for d in order]
    return out if top_n is None else out[:top_n]


def _check(got, expected, what, rtol=1e-12):
    got_ids, exp_ids = [d for d, _ in got], [d for d, _ in expected]
    assert got_ids == exp_ids, f"{what}: order {got_ids[:12]}{'...' if len(got_ids) > 12 else ''}, expected {exp_ids[:12]}"
    np.testing.assert_allclose([s for _, s in got], [s for _, s in expected], rtol=rtol, atol=0, err_msg=f"{what}: scores")


def _well_separated(fused):
    """No two scores within 1e-9 relative: the order cannot depend on rounding."""
    s = sorted(v for _, v in fused)
    return all(b - a > 1e-9 * b for a, b in zip(s, s[1:]))


def _random_rankings(rng, n_lists, n_docs, max_len):
    out = []
    for _ in range(n_lists):
        length = int(rng.integers(0, max_len + 1))
        lst = [int(d) for d in rng.permutation(n_docs)[:length]]
        for i in range(1, len(lst)):
            if rng.random() < 0.1:
                lst[i] = lst[int(rng.integers(0, i))]
        out.append(lst)
    return out


def test_statement_examples():
    rankings = [["a", "b", "c", "d"], ["c", "a", "e"], ["b", "e", "a"]]
    got = rrf(rankings, weights=[1.0, 2.0, 0.0])
    _check(got, _ref(rankings, weights=[1.0, 2.0, 0.0]), "weights [1, 2, 0]")
    assert [d for d, _ in got] == ["c", "a", "e", "b", "d"], f"weights [1, 2, 0]: expected c, a, e, b, d, got {[d for d, _ in got]}"
    np.testing.assert_allclose(got[0][1], 1 / 63 + 2 / 61, rtol=1e-12, err_msg="c: 1/63 from list 0 plus 2/61 from list 1")
    _check(rrf([["x"], ["y", "z"]], k=0, weights=[0.5, 1.0]), [("y", 1.0), ("x", 0.5), ("z", 0.5)],
           "x (0.5/1) and z (1/2) tie exactly: x appears first")


def test_matches_reference_on_random_weighted_lists():
    rng = np.random.default_rng(51)
    done = 0
    while done < 40:
        n_lists = int(rng.integers(1, 6))
        rankings = _random_rankings(rng, n_lists, int(rng.integers(3, 40)), 25)
        weights = [float(w) for w in rng.choice([0.25, 0.5, 1.0, 1.5, 3.0], size=n_lists)]
        k = int(rng.choice([0, 1, 5, 60]))
        expected = _ref(rankings, k, None, weights)
        if not _well_separated(expected):
            continue
        done += 1
        top_n = None if rng.random() < 0.5 else int(rng.integers(0, 30))
        _check(rrf(rankings, k=k, top_n=top_n, weights=weights), _ref(rankings, k, top_n, weights),
               f"random case #{done} ({n_lists} lists, weights {weights}, k={k}, top_n={top_n})")


def test_weight_multiplies_the_contribution_not_the_rank():
    # k=10, one list weighted 3: rank 1 gives 3/11, rank 2 gives 3/12 (not 1/(10 + 3*1) or 1/(3*11))
    _check(rrf([["p", "q"]], k=10, weights=[3.0]), [("p", 3 / 11), ("q", 3 / 12)], "one list of weight 3, k = 10")
    rankings = [["a", "b"], ["b", "c"]]
    _check(rrf(rankings, k=1, weights=[1.0, 4.0]), [("b", 1 / 3 + 4 / 2), ("c", 4 / 3), ("a", 1 / 2)],
           "weights [1, 4], k = 1: b = 1/3 + 4/2, c = 4/3, a = 1/2")


def test_none_and_unit_weights_are_part_1():
    rankings = [["a", "b", "c", "d"], ["c", "a", "e"], ["b", "e", "a"]]
    expected = _ref(rankings)
    _check(rrf(rankings, weights=None), expected, "weights=None must be part 1")
    _check(rrf(rankings, weights=[1, 1, 1]), expected, "weights [1, 1, 1] must be part 1")
    _check(rrf(rankings), expected, "no weights argument must be part 1")


def test_integer_weight_equals_repeating_the_list():
    rng = np.random.default_rng(52)
    for trial in range(10):
        rankings = _random_rankings(rng, 3, 30, 20)
        weighted = rrf(rankings, k=5, weights=[2, 1, 3])
        repeated = rrf([rankings[0], rankings[0], rankings[1], rankings[2], rankings[2], rankings[2]], k=5)
        _check(weighted, repeated, f"weights [2, 1, 3] must equal lists repeated 2, 1 and 3 times (trial {trial})", rtol=1e-12)


def test_zero_weight_list_is_as_if_absent():
    rankings = [["a", "b"], ["z", "y", "a"], ["c", "b"]]
    got = rrf(rankings, k=0, weights=[1.0, 0.0, 1.0])
    _check(got, [("a", 1.0), ("b", 1.0), ("c", 1.0)], "list 1 has weight 0: z and y must not appear; a, b (1/2 + 1/2) and c tie")
    assert all(d not in ("z", "y") for d, _ in got), f"documents only in a weight-0 list must not be returned, got {got}"
    rng = np.random.default_rng(53)
    rankings = _random_rankings(rng, 4, 25, 15)
    _check(rrf(rankings, k=2, weights=[0.0, 1.5, 0.0, 2.0]), rrf([rankings[1], rankings[3]], k=2, weights=[1.5, 2.0]),
           "weight-0 lists must be as if removed")
    assert rrf([["a"], ["b"]], weights=[0, 0]) == [], "all weights 0: no documents"
    # first appearance skips weight-0 lists: b comes first in list 0 (weight 0), a in list 1
    got = rrf([["b", "a"], ["a"], ["b"]], k=0, weights=[0.0, 1.0, 1.0])
    _check(got, [("a", 1.0), ("b", 1.0)], "a and b tie at 1/1; list 0 has weight 0 and plays no part in first "
                                          "appearance, so a (first in list 1) comes before b (list 2)")


def test_scaling_every_weight_keeps_the_order():
    rng = np.random.default_rng(54)
    for trial in range(10):
        rankings = _random_rankings(rng, 3, 30, 20)
        w = [0.5, 1.5, 1.0]
        base = _ref(rankings, 60, None, w)
        if not _well_separated(base):
            continue
        scaled = rrf(rankings, weights=[7 * v for v in w])
        assert [d for d, _ in scaled] == [d for d, _ in base], f"multiplying every weight by 7 must not change the order (trial {trial})"
        np.testing.assert_allclose([s for _, s in scaled], [7 * s for _, s in base], rtol=1e-12,
                                   err_msg="multiplying every weight by 7 multiplies every score by 7")


def test_invalid_weights_raise():
    cases = [([1.0], "one weight for two lists"), ([1.0, 1.0, 1.0], "three weights for two lists"),
             ([1.0, -0.5], "a negative weight"), ([1.0, float("nan")], "a NaN weight"), ([1.0, float("inf")], "an infinite weight")]
    for w, what in cases:
        try:
            _user_rrf(_as_user_input([["a", "b"], ["b"]])[0], weights=w)
        except ValueError:
            continue
        raise AssertionError(f"expected ValueError for {what} (weights={w})")


def test_numpy_weights_and_inputs_not_modified():
    rankings = [(3, 1, 2), [2, 3], [1]]
    weights = np.array([0.5, 2.0, 1.0])
    before, w_before = copy.deepcopy(rankings), weights.copy()
    arg = _as_user_input(rankings)[0]
    arg_before = copy.deepcopy(arg)
    _check(rrf(rankings, k=1, weights=weights, _arg=arg), _ref(rankings, 1, None, [0.5, 2.0, 1.0]),
           "weights as a NumPy array (a float64 tensor under PyTorch)")
    _check(rrf(rankings, k=1, weights=(0.5, 2.0, 1.0), _arg=arg), _ref(rankings, 1, None, [0.5, 2.0, 1.0]), "weights as a tuple")
    assert rankings == before, "the rankings were modified"
    if arg is not rankings:
        assert len(arg) == len(arg_before) and all(np.array_equal(a, b) for a, b in zip(arg, arg_before)), \
            "the ranking tensors were modified in place"
    np.testing.assert_array_equal(weights, w_before, err_msg="the weights were modified")
