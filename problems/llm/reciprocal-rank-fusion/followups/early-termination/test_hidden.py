"""Part 3 (exact top_n with early termination): hidden tests. Parts 1 and 2 keep running."""
import itertools
from fractions import Fraction

import numpy as np

import solution
from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple, describe as _describe
from mlprep_harness.frameworks import framework, user_function


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


class _Ids:
    """Document ids under PyTorch: int ids keep their value; string ids become ints that keep the
    sorted order of the strings known up front (those of the lists and counted iterables), and
    strings met later (in endless generators) get the next free ids as they are pulled."""

    def __init__(self, rankings):
        known = set()
        for r in rankings:
            items = r.items if isinstance(r, _Counted) else r
            if isinstance(items, (list, tuple)):
                known.update(d for d in items if isinstance(d, str))
        self.strings = sorted(known)
        self.index = {d: i for i, d in enumerate(self.strings)}

    def id(self, d):
        if not isinstance(d, str):
            return int(d)
        if d not in self.index:
            self.index[d] = len(self.strings)
            self.strings.append(d)
        return self.index[d]

    def back(self, i, what):
        if not self.strings:
            return i
        assert 0 <= i < len(self.strings), "%s: id %d is not a document id of the input" % (what, i)
        return self.strings[i]


def _stream(iterable, ids):
    """`iterable` pulled lazily (one pull per pull of the solution, so pull counts stay), yielding
    each id as a 0-d int64 tensor, as iterating a 1-D int64 tensor does."""
    import torch  # PyTorch runs only

    for d in iterable:
        yield torch.tensor(ids.id(d), dtype=torch.int64)


def _as_user_input(rankings):
    """`rankings` as the solution's framework takes them, and the id table to read a PyTorch result
    back. Under NumPy: unchanged and None. Under PyTorch: a list (or tuple) becomes a 1-D int64
    array (a tensor for the solution), any other iterable a lazy stream of 0-d int64 tensors."""
    if framework() != "pytorch":
        return rankings, None
    ids = _Ids(rankings)
    out = [np.array([ids.id(d) for d in r], dtype=np.int64) if isinstance(r, (list, tuple)) else _stream(r, ids)
           for r in rankings]
    return out, ids


def _fused_tensors(got, ids, what):
    """A PyTorch fused result, (ids, scores) tensors read back as arrays, as (doc_id, score) pairs."""
    doc_ids, scores = _as_tuple(got, 2, ("ids", "scores"), what)
    doc_ids = _as_array(doc_ids, (None,), what + " ids (an int64 tensor of shape (m,))", kinds="iu")
    scores = _as_array(scores, (len(doc_ids),), what + " scores (a float64 tensor of the same length as ids)")
    assert doc_ids.dtype == np.int64, "%s ids: expected dtype torch.int64, got %s" % (what, doc_ids.dtype)
    assert scores.dtype == np.float64, "%s scores: expected dtype torch.float64, got %s" % (what, scores.dtype)
    return [(ids.back(d, what), float(sc)) for d, sc in zip(doc_ids.tolist(), scores.tolist())]


def _user_rrf_top_n():
    fn = getattr(solution, "rrf_top_n", None)
    assert callable(fn), "define rrf_top_n(rankings, top_n, k=60, weights=None) in solution.py (part 3)"
    return user_function(fn)


def rrf_top_n(rankings, top_n, *args, **kwargs):
    """Your rrf_top_n, its result checked to be (list of (doc_id, score), int depth) (under PyTorch:
    ((ids, scores) tensors, int depth), the tensors read back here as pairs)."""
    arg, ids = _as_user_input(rankings)
    fused, depth = _as_tuple(_user_rrf_top_n()(arg, top_n, *args, **kwargs), 2, ("fused", "depth"), "rrf_top_n result")
    ok = isinstance(depth, (int, np.integer)) and not isinstance(depth, (bool, np.bool_))
    assert ok, f"rrf_top_n result: depth must be an int, got {_describe(depth)}"
    if framework() == "pytorch":
        return _fused_tensors(fused, ids, "rrf_top_n fused result"), int(depth)
    return _fused(fused, "rrf_top_n fused list"), int(depth)


class _Counted:
    """An iterable that counts how many elements were pulled from it (and can be endless)."""

    def __init__(self, items):
        self.items = items
        self.pulls = 0

    def __iter__(self):
        for doc in self.items:
            self.pulls += 1
            yield doc
        self.pulls += 1          # the pull that found the end


def _ref_full(rankings, k=60, top_n=None, weights=None):
    """Full weighted RRF (part 2's rules), ties by first appearance."""
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


def _exact_depth(rankings, top_n, k=60, weights=None):
    """The stopping depth of the statement's rule in exact rational arithmetic, and the smallest
    relative margin |floor - best other| met on the way (to skip cases that rounding could flip)."""
    weights = [1.0] * len(rankings) if weights is None else [float(w) for w in weights]
    live = [i for i, w in enumerate(weights) if w > 0]
    W = {i: Fraction(weights[i]) for i in live}
    seen = {i: {} for i in live}
    lengths = {i: len(rankings[i]) for i in live}
    margin = float("inf")
    if top_n == 0:
        return 0, margin
    d = 0
    while True:
        d += 1
        for i in live:
            if d <= lengths[i]:
                seen[i].setdefault(rankings[i][d - 1], d)
        open_lists = [i for i in live if lengths[i] >= d]      # a list of length L is found exhausted at step L + 1
        if not open_lists:
            return d, margin
        lower = {}
        for i in live:
            for doc, r in seen[i].items():
                lower[doc] = lower.get(doc, 0) + W[i] / (k + r)
        if len(lower) < top_n:
            continue
        bound = {i: W[i] / (k + d + 1) for i in open_lists}
        missing = {doc: [i for i in open_lists if doc not in seen[i]] for doc in lower}
        ranked = sorted(lower, key=lambda doc: -lower[doc])
        top, rest = ranked[:top_n], ranked[top_n:]
        if any(missing[doc] for doc in top):
            continue
        floor = min(lower[doc] for doc in top)
        best = max([sum(bound.values())] + [lower[doc] + sum(bound[i] for i in missing[doc]) for doc in rest])
        if floor != best:
            margin = min(margin, abs(float(floor - best)) / float(floor))
        if floor > best:
            return d, margin


def _check(got, rankings, top_n, k=60, weights=None, what=""):
    fused, depth = got
    expected = _ref_full(rankings, k, top_n, weights)
    got_ids, exp_ids = [d for d, _ in fused], [d for d, _ in expected]
    assert got_ids == exp_ids, f"{what}: top {top_n} {got_ids}, expected {exp_ids} (the same as reciprocal_rank_fusion)"
    np.testing.assert_allclose([s for _, s in fused], [s for _, s in expected], rtol=1e-12, atol=0, err_msg=f"{what}: scores")
    exp_depth, _ = _exact_depth(rankings, top_n, k, weights)
    assert depth == exp_depth, f"{what}: stopped after step {depth}, the stated rule stops after step {exp_depth}"


EXAMPLE = [["a", "b", "c", "d"], ["c", "a", "e"], ["b", "e", "a"]]


def test_statement_example():
    _check(rrf_top_n(EXAMPLE, 1), EXAMPLE, 1, what="top 1 of the example (a is certain after step 3)")
    assert rrf_top_n(EXAMPLE, 1)[1] == 3, "top 1 of the example: stop after step 3"
    _check(rrf_top_n(EXAMPLE, 2), EXAMPLE, 2, what="top 2 of the example (e could still pass b until the lists end)")
    assert rrf_top_n(EXAMPLE, 2)[1] == 5, "top 2: the short lists are found exhausted at step 4, the long one at step 5"


def test_stops_early_and_reads_one_element_per_list_per_step():
    # 'a' tops two lists: after step 1 its score 2/61 beats any other document's best (2/62)
    lists = [_Counted(["a"] + ["x%d" % i for i in range(1000)]), _Counted(["a"] + ["y%d" % i for i in range(1000)])]
    fused, depth = rrf_top_n(lists, 1)
    assert fused == [("a", 2 / 61)] and depth == 1, f"expected ([('a', 2/61)], 1), got ({fused}, {depth})"
    assert [c.pulls for c in lists] == [1, 1], f"after step 1 each list must have been read once, got pulls {[c.pulls for c in lists]}"


def test_endless_generators():
    def endless(prefix, tag):
        return itertools.chain(prefix, ("%s%d" % (tag, i) for i in itertools.count()))

    fused, depth = rrf_top_n([endless(["a", "b"], "x"), endless(["b", "a"], "y"), endless(["a", "b"], "z")], 2, k=0)
    # after step 2: a = 1 + 1/2 + 1 and b = 1/2 + 1 + 1/2 are complete; anything else gets at most 3 * 1/3
    assert [d for d, _ in fused] == ["a", "b"], f"endless lists: expected a then b, got {fused}"
    np.testing.assert_allclose([s for _, s in fused], [2.5, 2.0], rtol=1e-12)
    assert depth == 2, f"endless lists: the rule stops after step 2, got {depth}"


def test_pull_counts_match_the_depth():
    rng = np.random.default_rng(71)
    for trial in range(20):
        n_lists = int(rng.integers(1, 5))
        raw = [[int(d) for d in rng.integers(0, 25, size=int(rng.integers(0, 15)))] for _ in range(n_lists)]
        weights = [float(w) for w in rng.choice([0.0, 1.0, 2.0], size=n_lists)]
        top_n = int(rng.integers(1, 6))
        counted = [_Counted(lst) for lst in raw]
        _, depth = rrf_top_n(counted, top_n, k=1, weights=weights)
        want = [0 if w == 0 else min(depth, len(lst) + 1) for lst, w in zip(raw, weights)]
        assert [c.pulls for c in counted] == want, (f"trial {trial}: after {depth} steps the pulls per list must be {want} "
                                                    f"(one per step, never from a weight-0 list), got {[c.pulls for c in counted]}")


def test_boundary_ties_keep_reading():
    # after step 2, a and b both have 1 + 1/2 with complete scores: 'greater than' fails, read on
    lists = [["a", "b"], ["b", "a"]]
    _check(rrf_top_n(lists, 1, k=0), lists, 1, k=0, what="a tie for the last place needs the lists to end")
    assert rrf_top_n(lists, 1, k=0)[1] == 3, "the tie is only settled when both lists are found exhausted (step 3)"
    _check(rrf_top_n([["x"], ["y"]], 1, k=0), [["x"], ["y"]], 1, k=0, what="x and y tie: x appears first")


def test_ties_follow_first_appearance_in_list_order_not_reading_order():
    # k = 0, weights [2, 1]: y = 2/2 (list 0, rank 2) ties x = 1/1 (list 1, rank 1). Scanning list 0
    # first (part 1's rule) meets y first, although step 1 of the lockstep reading pulls x first.
    lists = [["p", "y"], ["x"]]
    fused, _ = rrf_top_n(lists, 3, k=0, weights=[2.0, 1.0])
    assert [d for d, _ in fused] == ["p", "y", "x"], f"expected p, y, x (y appears first in list order), got {fused}"
    _check(rrf_top_n(lists, 3, k=0, weights=[2.0, 1.0]), lists, 3, k=0, weights=[2.0, 1.0], what="tie y/x")


def test_incomplete_documents_can_still_pass():
    # after step 2, x is complete (1 + 1/2 + 2.9/2 = 2.95) and y has only 2.9 so far, but y has not
    # been shown by lists 0 and 1 yet: its upper bound 2.9 + 1/3 + 1/3 beats x, so read on; y ends at 3.4
    lists = [["x", "p", "q", "y"], ["s", "x", "t", "y"], ["y", "x"]]
    w = [1.0, 1.0, 2.9]
    _check(rrf_top_n(lists, 1, k=0, weights=w), lists, 1, k=0, weights=w,
           what="a document's upper bound counts the lists that have not shown it")
    assert rrf_top_n(lists, 1, k=0, weights=w)[0][0][0] == "y", "y (2.9 + 1/4 + 1/4) beats x (2.95)"
    lists = [["a", "z"], ["b", "z"], ["c", "z"]]
    _check(rrf_top_n(lists, 1, k=0), lists, 1, k=0, what="z, second in all three lists, beats a, b and c")


def test_matches_full_fusion_and_the_exact_depth_on_random_lists():
    rng = np.random.default_rng(72)
    done = 0
    while done < 60:
        n_lists = int(rng.integers(1, 5))
        lists = []
        for _ in range(n_lists):
            lst = [int(d) for d in rng.permutation(30)[: int(rng.integers(0, 20))]]
            for i in range(1, len(lst)):
                if rng.random() < 0.1:
                    lst[i] = lst[int(rng.integers(0, i))]
            lists.append(lst)
        weights = [float(w) for w in rng.choice([0.5, 1.0, 2.0, 3.0], size=n_lists)] if rng.random() < 0.5 else None
        k = int(rng.choice([0, 1, 5, 60]))
        top_n = int(rng.integers(1, 8))
        full = _ref_full(lists, k, None, weights)
        scores = sorted(s for _, s in full)
        if any(b - a <= 1e-9 * b for a, b in zip(scores, scores[1:])):
            continue                                  # near-ties: rounding could reorder them
        if _exact_depth(lists, top_n, k, weights)[1] < 1e-9:
            continue                                  # a stopping test too close to call in floats
        done += 1
        _check(rrf_top_n([iter(lst) for lst in lists], top_n, k=k, weights=weights), lists, top_n, k, weights,
               what=f"random case #{done} ({n_lists} lists, k={k}, top_n={top_n}, weights={weights})")


def test_weights_zero_top_n_and_errors():
    lists = [["a", "b", "c"], ["c", "b"], ["q"]]
    _check(rrf_top_n(lists, 2, k=1, weights=[1.0, 2.0, 0.0]), lists, 2, k=1, weights=[1.0, 2.0, 0.0],
           what="weights [1, 2, 0]")
    counted = [_Counted(["a"]), _Counted(["b"])]
    assert rrf_top_n(counted, 0) == ([], 0), "top_n = 0 gives ([], 0)"
    assert [c.pulls for c in counted] == [0, 0], "top_n = 0 must not read any list"
    assert rrf_top_n([], 3) == ([], 1), "no lists: ([], 1) (step 1 finds nothing to read)"
    for args, kwargs, what in (((lists, -1), {}, "top_n < 0"), ((lists, 2), {"k": -1}, "k < 0"),
                               ((lists, 2), {"weights": [1.0]}, "one weight for three lists"),
                               ((lists, 2), {"weights": [1.0, -1.0, 1.0]}, "a negative weight")):
        try:
            _user_rrf_top_n()(_as_user_input(args[0])[0], *args[1:], **kwargs)
        except ValueError:
            continue
        raise AssertionError(f"expected ValueError for {what}")
