import bisect
import math

import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar, describe as _describe
import solution


def _user_psi_by_segment(*args, **kwargs):
    """Your psi_by_segment, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "psi_by_segment", None)
    assert callable(fn), "define psi_by_segment(expected, actual, expected_segments, actual_segments, bins=10, min_count=100) in solution.py (part 2)"
    return fn(*args, **kwargs)


EPS = 1e-4


def psi_by_segment(e, a, se, sa, **kw):
    """Your psi_by_segment, with its result checked to be a dict of segment -> float."""
    got = _user_psi_by_segment(e, a, se, sa, **kw)
    assert isinstance(got, dict), "psi_by_segment result: expected a dict {segment: PSI}, got %s" % _describe(got)
    return {k: _as_scalar(v, "PSI of segment %r" % (k,)) for k, v in got.items()}


def _psi_ref(expected, actual, bins):
    """Part 1's statement, as a slow loop."""
    e = [float(x) for x in expected]
    a = [float(x) for x in actual]
    edges = sorted(set(float(q) for q in np.quantile(np.asarray(e), [i / bins for i in range(1, bins)])))
    k = len(edges) + 1
    ce, ca = [0] * k, [0] * k
    for x in e:
        ce[bisect.bisect_right(edges, x)] += 1
    for x in a:
        ca[bisect.bisect_right(edges, x)] += 1
    total = 0.0
    for j in range(k):
        pe, pa = max(ce[j] / len(e), EPS), max(ca[j] / len(a), EPS)
        total += (pa - pe) * math.log(pa / pe)
    return total


def _reference(e, a, se, sa, bins=10, min_count=100):
    out = {}
    for s in set(list(se)) | set(list(sa)):
        es = [x for x, g in zip(e, se) if g == s]
        as_ = [x for x, g in zip(a, sa) if g == s]
        out[s] = float("nan") if len(es) < min_count or len(as_) < min_count else _psi_ref(es, as_, bins)
    return out


def _check(got, want, what):
    assert set(got) == set(want), f"{what}: segments {sorted(map(str, got))}, expected {sorted(map(str, want))}"
    for s, w in want.items():
        g = got[s]
        if math.isnan(w):
            assert math.isnan(g), f"{what}: segment {s!r} has too few rows (min_count): PSI must be nan, got {g}"
        else:
            assert not math.isnan(g), f"{what}: segment {s!r} has enough rows, got nan"
            np.testing.assert_allclose(g, w, rtol=1e-6, atol=1e-9, err_msg=f"{what}: segment {s!r}")


def _data(rng, sizes_e, sizes_a, shifts):
    """Segments 0..K-1 with their own scale (so pooled bins differ from per-segment bins)."""
    e, a, se, sa = [], [], [], []
    for s, (ne, na, sh) in enumerate(zip(sizes_e, sizes_a, shifts)):
        e.append(rng.normal(3.0 * s, 1.0 + s, ne)); se += [s] * ne
        a.append(rng.normal(3.0 * s + sh, 1.0 + s, na)); sa += [s] * na
    return np.concatenate(e), np.concatenate(a), np.array(se), np.array(sa)


def test_each_segment_uses_its_own_bins():
    rng = np.random.default_rng(1)
    e, a, se, sa = _data(rng, [501, 801, 401], [300, 600, 250], [0.0, 0.5, -1.0])
    _check(psi_by_segment(e, a, se, sa, bins=10, min_count=100), _reference(e, a, se, sa, 10, 100),
           "3 segments with different locations and scales")


def test_min_count_boundary_on_both_sides():
    # segment 0: 100 expected and 100 actual rows (exactly min_count: scored); segment 1: 99
    # expected rows; segment 2: 99 actual rows (both nan)
    rng = np.random.default_rng(2)
    e, a, se, sa = _data(rng, [100, 99, 300], [100, 300, 99], [0.3, 0.3, 0.3])
    want = _reference(e, a, se, sa, 10, 100)
    assert not math.isnan(want[0]) and math.isnan(want[1]) and math.isnan(want[2]), "test setup"
    _check(psi_by_segment(e, a, se, sa, bins=10, min_count=100), want,
           "exactly min_count rows is enough; fewer in expected OR in actual gives nan")


def test_segments_present_on_one_side_only():
    rng = np.random.default_rng(3)
    e = rng.normal(size=400); a = rng.normal(size=450)
    se = np.array(["web"] * 200 + ["ios"] * 200, dtype=object)
    sa = np.array(["web"] * 150 + ["ios"] * 150 + ["android"] * 150, dtype=object)
    got = psi_by_segment(e, a, se, sa, bins=5, min_count=50)
    _check(got, _reference(e, a, se, sa, 5, 50), "a new segment 'android' only in actual")
    assert "android" in got and math.isnan(got["android"]), "a segment with no expected rows is reported, as nan"


def test_interleaved_rows_and_string_labels():
    rng = np.random.default_rng(4)
    e, a, se, sa = _data(rng, [600, 600], [500, 500], [0.0, 2.0])
    pe, pa = rng.permutation(len(e)), rng.permutation(len(a))
    names = np.array(["de", "fr"], dtype=object)
    e, se, a, sa = e[pe], names[se[pe]], a[pa], names[sa[pa]]
    _check(psi_by_segment(e, a, se, sa, bins=8, min_count=10), _reference(e, a, se, sa, 8, 10),
           "rows of the segments interleaved, string labels")


def test_identical_segment_gives_zero_and_inputs_untouched():
    rng = np.random.default_rng(5)
    e, _, se, _ = _data(rng, [300, 300], [1, 1], [0.0, 0.0])
    copies = [e.copy(), se.copy()]
    got = psi_by_segment(e, e.copy(), se, se.copy(), bins=10, min_count=100)
    for s in (0, 1):
        np.testing.assert_allclose(got[s], 0.0, atol=1e-12, err_msg=f"segment {s}: identical samples give PSI 0")
    np.testing.assert_array_equal(e, copies[0], err_msg="expected was modified")
    np.testing.assert_array_equal(se, copies[1], err_msg="expected_segments was modified")
    got = psi_by_segment(e.tolist(), e.tolist(), se.tolist(), se.tolist(), bins=10, min_count=100)
    assert set(got) == {0, 1}, "lists are accepted"


def test_mismatched_lengths_raise():
    try:
        _user_psi_by_segment([1.0, 2.0, 3.0], [1.0, 2.0], [0, 0], [0, 0], bins=2, min_count=1)
    except ValueError:
        return
    raise AssertionError("expected_segments of another length than expected must raise ValueError")
