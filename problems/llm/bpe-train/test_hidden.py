import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import train_bpe as _user_train_bpe

_train_bpe = user_function(_user_train_bpe)


def train_bpe(words, num_merges):
    """Your train_bpe, with its result checked to be an integer array of shape (m, 2) with
    m <= num_merges before a test uses it."""
    out = _as_array(_train_bpe(words, num_merges), (None, 2), "merges", kinds="iu")
    assert out.shape[0] <= max(num_merges, 0), \
        f"merges: at most num_merges = {num_merges} rows allowed, got {out.shape[0]}"
    return out


# ---------------------------------------------------------------- independent slow reference

def _ref_train(words, num_merges):
    seqs = [list(w.encode("utf-8")) for w in words]
    merges = []
    for k in range(num_merges):
        counts = {}
        for s in seqs:
            i = 0
            seen_at = {}
            while i < len(s) - 1:
                p = (s[i], s[i + 1])
                if seen_at.get(p) != i - 1:
                    counts[p] = counts.get(p, 0) + 1
                    seen_at[p] = i
                i += 1
        if not counts:
            break
        top = max(counts.values())
        if top < 2:
            break
        best = sorted(p for p, c in counts.items() if c == top)[0]
        new = 256 + k
        for j, s in enumerate(seqs):
            out, i = [], 0
            while i < len(s):
                if i + 1 < len(s) and (s[i], s[i + 1]) == best:
                    out.append(new)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            seqs[j] = out
        merges.append(best)
    return np.array(merges, dtype=np.int64).reshape(-1, 2)


def _random_corpus(seed, n_words, alphabet, max_len):
    rng = np.random.default_rng(seed)
    letters = list(alphabet)
    return ["".join(rng.choice(letters, size=int(rng.integers(1, max_len + 1)))) for _ in range(n_words)]


def _show(merges):
    return [tuple(int(v) for v in row) for row in merges]


def _assert_merges(got, expected, what):
    assert got.shape == expected.shape, \
        f"{what}: expected {expected.shape[0]} merges, got {got.shape[0]} (first expected {_show(expected[:3])}, got {_show(got[:3])})"
    for k in range(len(expected)):
        assert tuple(got[k]) == tuple(expected[k]), \
            f"{what}: merge {k} should be {_show(expected[k:k + 1])[0]}, got {_show(got[k:k + 1])[0]}"


# ---------------------------------------------------------------- tests

def test_matches_reference_on_random_corpora():
    for seed, alphabet in ((1, "abcd"), (2, "abcdefgh"), (3, "ab")):
        words = _random_corpus(seed, 60, alphabet, 7)
        expected = _ref_train(words, 25)
        _assert_merges(train_bpe(list(words), 25), expected, f"random corpus over {alphabet!r} (seed {seed})")


def test_pairs_are_counted_inside_words_only():
    # Inside words: (x, a) and (b, x) occur 3 times each. Across word boundaries "xa|bx|xa|bx..."
    # would add (a, b) 3 times, the smallest pair of that count.
    words = ["xa", "bx"] * 3
    got = train_bpe(words, 1)
    _assert_merges(got, np.array([[98, 120]]), "words ['xa', 'bx'] x 3 (pairs across two words must not count)")


def test_ties_go_to_the_smallest_pair():
    # (z, y) is seen first and is larger; (b, a) has the same count and is smaller.
    got = train_bpe(["zy", "ba", "zy", "ba"], 1)
    _assert_merges(got, np.array([[98, 97]]), "['zy', 'ba', 'zy', 'ba'] (tie: smallest (a, b) first)")
    # equal first ids: the second id decides
    got = train_bpe(["ac", "ab", "ac", "ab"], 2)
    _assert_merges(got, np.array([[97, 98], [97, 99]]), "['ac', 'ab', 'ac', 'ab'] (tie on a: smallest b first)")


def test_runs_of_one_token_are_counted_without_overlap():
    # "aaa" holds (a, a) once (merging it makes one replacement), so (b, c) x 3 must win.
    got = train_bpe(["aaa", "aaa", "bc", "bc", "bc"], 1)
    _assert_merges(got, np.array([[98, 99]]), "['aaa', 'aaa', 'bc' x 3] ('aaa' counts (a, a) once)")
    # "aaaa" holds it twice, and merging gives [256, 256]
    got = train_bpe(["aaaa", "aaaa"], 3)
    _assert_merges(got, np.array([[97, 97], [256, 256]]), "['aaaa', 'aaaa']")


def test_counts_are_recomputed_after_each_merge():
    # After (a, b) -> 256, "abab" is [256, 256]: the pair (256, 256) only exists after the merge,
    # and (b, a) no longer exists.
    got = train_bpe(["abab"] * 3, 5)
    _assert_merges(got, np.array([[97, 98], [256, 256]]), "['abab'] x 3")


def test_new_ids_follow_the_merge_order():
    words = ["abcabc", "abcabc", "abd", "abd", "xyz"]
    got = train_bpe(words, 10)
    expected = _ref_train(words, 10)
    _assert_merges(got, expected, "words ['abcabc' x 2, 'abd' x 2, 'xyz']")
    for k, (a, b) in enumerate(got):
        assert 0 <= a < 256 + k and 0 <= b < 256 + k, \
            f"merge {k} = ({a}, {b}) uses an id that does not exist yet (ids before it are < {256 + k})"


def test_stops_when_no_pair_occurs_twice():
    got = train_bpe(["ab", "cd", "ef"], 5)
    assert got.shape == (0, 2), f"every pair occurs once: expected no merges (shape (0, 2)), got {got.shape}"
    got = train_bpe(["abc", "abd"], 5)
    _assert_merges(got, np.array([[97, 98]]), "['abc', 'abd'] (after (a, b) every pair occurs once)")


def test_num_merges_limit_zero_and_empty_corpus():
    words = _random_corpus(5, 40, "abc", 6)
    full = _ref_train(words, 12)
    assert len(full) == 12, "test setup: the corpus should allow 12 merges"
    _assert_merges(train_bpe(list(words), 4), full[:4], "num_merges=4 (the first 4 of a longer run)")
    got = train_bpe(list(words), 0)
    assert got.shape == (0, 2), f"num_merges=0: expected shape (0, 2), got {got.shape}"
    for empty in ([], [""], ["", "a"]):
        got = train_bpe(empty, 3)
        assert got.shape == (0, 2), f"words={empty!r}: expected shape (0, 2), got {got.shape}"


def test_negative_num_merges_raises_value_error():
    try:
        _train_bpe(["ab", "ab"], -1)
    except ValueError:
        return
    except Exception as e:  # noqa: BLE001 - name what was raised instead
        raise AssertionError(f"num_merges=-1 must raise ValueError, got {type(e).__name__}: {e}")
    raise AssertionError("num_merges=-1 must raise ValueError, nothing was raised")


def test_words_are_utf8_bytes():
    # 'é' is the two bytes C3 A9: their pair occurs 5 times, then "éé" is [256, 256] twice.
    got = train_bpe(["éé", "éé", "é"], 3)
    _assert_merges(got, np.array([[0xC3, 0xA9], [256, 256]]), "['éé', 'éé', 'é'] (tokens are UTF-8 bytes)")
    words = ["naïve", "naïve", "café", "日本", "日本語", "🙂🙂"]
    _assert_merges(train_bpe(words, 8), _ref_train(words, 8), "unicode words")


def test_does_not_modify_words():
    words = ["hug", "pug", "hug", "bun"]
    saved = list(words)
    train_bpe(words, 3)
    assert words == saved, "train_bpe modified its input list"
