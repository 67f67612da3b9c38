import copy
from fractions import Fraction

import numpy as np

from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple, describe as _describe
from mlprep_harness.frameworks import framework, user_function
from solution import reciprocal_rank_fusion as _user_function

_user_rrf = user_function(_user_function)


def _fused(got, what):
    """The user's result as a list of (doc_id, float score) pairs, or an AssertionError naming what
    came back."""
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
    """`rankings` as the solution's framework takes them, and the id -> document table to read a
    PyTorch result back. Under NumPy: the lists themselves and None. Under PyTorch: a list of 1-D
    int64 id arrays (tensors for the solution); int ids keep their value, string ids become their
    index in the sorted list of every distinct string (returned), so the ids keep the strings'
    order and ties broken by id still differ from ties broken by first appearance."""
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


def reciprocal_rank_fusion(rankings, *args, _arg=None, **kwargs):
    """Your reciprocal_rank_fusion, its result checked to be a list of (doc_id, score) pairs (under
    PyTorch: an (ids, scores) pair of tensors, read back here as pairs). `_arg`: the exact rankings
    object to pass (already converted), for tests that check it is not modified."""
    arg, strings = _as_user_input(rankings)
    got = _user_rrf(arg if _arg is None else _arg, *args, **kwargs)
    if framework() == "pytorch":
        return _fused_tensors(got, strings, "reciprocal_rank_fusion result")
    return _fused(got, "reciprocal_rank_fusion result")


def _ref(rankings, k=60, top_n=None):
    """Reference: explicit first-occurrence ranks, scores added in list order, ties by first
    appearance (a position counter over all lists)."""
    first_seen, score = {}, {}
    counter = 0
    for lst in rankings:
        ranks = {}
        for pos in range(len(lst)):
            counter += 1
            doc = lst[pos]
            first_seen.setdefault(doc, counter)
            if doc not in ranks:
                ranks[doc] = pos + 1
        for doc, r in ranks.items():
            score[doc] = score.get(doc, 0.0) + 1.0 / (k + r)
    order = sorted(score, key=lambda d: (-score[d], first_seen[d]))
    out = [(d, score[d]) for d in order]
    return out if top_n is None else out[:top_n]


def _exact_scores(rankings, k):
    """Exact rational scores and the number of contributions of every document."""
    exact, parts = {}, {}
    for lst in rankings:
        seen = set()
        for pos, doc in enumerate(lst, start=1):
            if doc in seen:
                continue
            seen.add(doc)
            exact[doc] = exact.get(doc, Fraction(0)) + Fraction(1, k + pos)
            parts[doc] = parts.get(doc, 0) + 1
    return exact, parts


def _fair(rankings, k):
    """True when every tie is exact in float whatever the summation order (tied documents have at
    most two contributions) and no two different scores are within 1e-12 of each other."""
    exact, parts = _exact_scores(rankings, k)
    values = sorted(set(exact.values()))
    for a, b in zip(values, values[1:]):
        if float(b - a) <= 1e-12 * float(b):
            return False
    groups = {}
    for doc, v in exact.items():
        groups.setdefault(v, []).append(doc)
    return all(len(g) == 1 or all(parts[d] <= 2 for d in g) for g in groups.values())


def _check(got, expected, what):
    got_ids, exp_ids = [d for d, _ in got], [d for d, _ in expected]
    assert got_ids == exp_ids, f"{what}: order {got_ids[:12]}{'...' if len(got_ids) > 12 else ''}, expected {exp_ids[:12]}"
    np.testing.assert_allclose([s for _, s in got], [s for _, s in expected], rtol=1e-12, atol=0,
                               err_msg=f"{what}: scores")


def _random_rankings(rng, n_lists, n_docs, max_len, dup_rate=0.0, ints=True):
    out = []
    for _ in range(n_lists):
        length = int(rng.integers(0, max_len + 1))
        lst = [int(d) for d in rng.permutation(n_docs)[:length]]
        for i in range(len(lst)):
            if i > 0 and rng.random() < dup_rate:
                lst[i] = lst[int(rng.integers(0, i))]
        out.append(lst if ints else ["d%d" % d for d in lst])
    return out


def test_statement_example():
    rankings = [["a", "b", "c", "d"], ["c", "a", "e"], ["b", "e", "a"]]
    _check(reciprocal_rank_fusion(rankings), _ref(rankings), "the statement's example")
    got = reciprocal_rank_fusion(rankings)
    np.testing.assert_allclose(got[0][1], 1 / 61 + 1 / 62 + 1 / 63, rtol=1e-12,
                               err_msg="'a' at ranks 1, 2, 3 with k = 60 scores 1/61 + 1/62 + 1/63")


def test_rank_starts_at_one():
    got = reciprocal_rank_fusion([[7, 8, 9]], k=0)
    assert got == [(7, 1.0), (8, 0.5), (9, 1.0 / 3.0)], f"k = 0, one list [7, 8, 9]: expected scores 1, 1/2, 1/3, got {got}"
    got = reciprocal_rank_fusion([[7, 8]], k=10)
    _check(got, [(7, 1 / 11), (8, 1 / 12)], "k = 10: the first element has rank 1, so 1/11")


def test_default_k_is_60():
    got = reciprocal_rank_fusion([["p", "q"], ["q"]])
    _check(got, [("q", 1 / 62 + 1 / 61), ("p", 1 / 61)], "default k = 60: q = 1/62 + 1/61, p = 1/61")


def test_k_changes_the_fused_order():
    # 'a' is first in one list only; 'b' is second in both. Small k favours a, large k favours b.
    rankings = [["a", "b"], ["c", "b", "d", "e", "a"]]
    _check(reciprocal_rank_fusion(rankings, k=0), _ref(rankings, 0), "k = 0")
    _check(reciprocal_rank_fusion(rankings, k=60), _ref(rankings, 60), "k = 60")
    assert [d for d, _ in reciprocal_rank_fusion(rankings, k=0)][0] == "a", "k = 0: 'a' (1 + 1/5) must beat 'b' (1/2 + 1/2)"
    assert [d for d, _ in reciprocal_rank_fusion(rankings, k=60)][0] == "b", "k = 60: 'b' (2/62) must beat 'a' (1/61 + 1/65)"


def test_missing_documents_contribute_nothing():
    rankings = [[1, 2, 3], [], [4, 1]]
    _check(reciprocal_rank_fusion(rankings, k=1), [(1, 1 / 2 + 1 / 3), (4, 1 / 2), (2, 1 / 3), (3, 1 / 4)],
           "documents absent from a list (and an empty list) add nothing")


def test_ties_by_first_appearance():
    _check(reciprocal_rank_fusion([["x", "y"], ["y", "x"]]), [("x", 1 / 61 + 1 / 62), ("y", 1 / 62 + 1 / 61)],
           "x and y tie exactly: x appears first")
    # ids whose sorted order differs from their first appearance
    rankings = [["m", "z", "b"], ["b", "z", "m"]]
    got = [d for d, _ in reciprocal_rank_fusion(rankings)]
    assert got == ["m", "b", "z"], f"m and b tie (ranks 1 and 3): m appears first; got {got} (ties broken by id?)"
    rankings = [[30, 20], [10, 40]]
    got = [d for d, _ in reciprocal_rank_fusion(rankings)]
    assert got == [30, 10, 20, 40], (f"two lists with no common document: 30 and 10 tie at rank 1, 20 and 40 at rank 2; "
                                     f"expected [30, 10, 20, 40] by first appearance, got {got}")


def test_duplicates_within_a_list_count_once_at_first_position():
    got = reciprocal_rank_fusion([["a", "b", "a", "c"]], k=0)
    _check(got, [("a", 1.0), ("b", 0.5), ("c", 0.25)],
           "['a', 'b', 'a', 'c'] with k = 0: a counts once at rank 1, c keeps rank 4 (no renumbering)")
    got = reciprocal_rank_fusion([[5, 6, 6, 6, 5, 7], [6]], k=2)
    _check(got, [(6, 1 / 4 + 1 / 3), (5, 1 / 3), (7, 1 / 8)],
           "[5, 6, 6, 6, 5, 7] and [6] with k = 2: 6 at rank 2 in list 0 and 1 in list 1, 7 at rank 6")


def test_matches_reference_on_random_lists():
    rng = np.random.default_rng(31)
    done = 0
    while done < 40:
        n_lists = int(rng.integers(1, 6))
        rankings = _random_rankings(rng, n_lists, int(rng.integers(3, 40)), 25, dup_rate=0.15,
                                    ints=bool(rng.random() < 0.5))
        k = int(rng.choice([0, 1, 5, 60]))
        if not _fair(rankings, k):
            continue
        done += 1
        top_n = None if rng.random() < 0.5 else int(rng.integers(0, 30))
        _check(reciprocal_rank_fusion(rankings, k=k, top_n=top_n), _ref(rankings, k, top_n),
               f"random case #{done} ({n_lists} lists, k={k}, top_n={top_n})")


def test_top_n():
    rankings = [[1, 2, 3, 4], [4, 3, 5]]
    full = _ref(rankings)
    _check(reciprocal_rank_fusion(rankings, top_n=3), full[:3], "top_n = 3")
    _check(reciprocal_rank_fusion(rankings, top_n=100), full, "top_n larger than the number of documents")
    assert reciprocal_rank_fusion(rankings, top_n=0) == [], "top_n = 0 gives []"
    _check(reciprocal_rank_fusion(rankings, top_n=None), full, "top_n = None gives every document")


def test_empty_inputs():
    assert reciprocal_rank_fusion([]) == [], "no lists gives []"
    assert reciprocal_rank_fusion([[], []]) == [], "only empty lists gives []"


def test_invalid_arguments_raise():
    for kwargs in ({"k": -1}, {"top_n": -1}):
        try:
            _user_rrf(_as_user_input([[1, 2]])[0], **kwargs)
        except ValueError:
            continue
        raise AssertionError(f"{kwargs} must raise ValueError")


def test_float_k_and_tuples_not_modified():
    rankings = [(3, 1, 2), [2, 3]]
    before = copy.deepcopy(rankings)
    arg = _as_user_input(rankings)[0]
    arg_before = copy.deepcopy(arg)
    _check(reciprocal_rank_fusion(rankings, k=0.5, _arg=arg), _ref(rankings, 0.5), "k = 0.5 with a tuple list")
    assert rankings == before, "the rankings were modified"
    if arg is not rankings:
        assert len(arg) == len(arg_before) and all(np.array_equal(a, b) for a, b in zip(arg, arg_before)), \
            "the ranking tensors were modified in place"


def test_long_lists():
    rng = np.random.default_rng(37)
    rankings = [[int(d) for d in rng.permutation(5000)[:4000]] for _ in range(2)]
    _check(reciprocal_rank_fusion(rankings, top_n=50), _ref(rankings, 60, 50), "two lists of 4,000 documents, top 50")
