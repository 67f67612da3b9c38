import numpy as np

from mlprep_harness.checks import as_array as _as_array, describe as _describe
from mlprep_harness.frameworks import user_function
from solution import decode as _user_decode, encode as _user_encode

_encode = user_function(_user_encode)
_decode = user_function(_user_decode)


def encode(text, merges):
    """Your encode, with its result checked to be a 1-D integer array before a test uses it."""
    return _as_array(_encode(text, merges), (None,), "encode(%r...) result" % text[:12], kinds="iu")


def decode(ids, merges):
    """Your decode, with its result checked to be a str before a test uses it."""
    out = _decode(np.asarray(ids, dtype=np.int64), merges)
    assert isinstance(out, str), "decode result: expected a str, got %s" % _describe(out)
    return out


# ---------------------------------------------------------------- independent slow references

def _train(words, num_merges):
    """A small BPE trainer (most frequent pair inside words, ties to the smallest, count >= 2)."""
    seqs = [list(w.encode("utf-8")) for w in words]
    merges = []
    for k in range(num_merges):
        counts = {}
        for s in seqs:
            last = {}
            for i in range(len(s) - 1):
                p = (s[i], s[i + 1])
                if last.get(p) == i - 1:
                    continue
                last[p] = i
                counts[p] = counts.get(p, 0) + 1
        if not counts or max(counts.values()) < 2:
            break
        top = max(counts.values())
        best = min(p for p, c in counts.items() if c == top)
        seqs = [_replace(s, best, 256 + k) for s in seqs]
        merges.append(best)
    return np.array(merges, dtype=np.int64).reshape(-1, 2)


def _replace(s, pair, new):
    out, i = [], 0
    while i < len(s):
        if i + 1 < len(s) and s[i] == pair[0] and s[i + 1] == pair[1]:
            out.append(new)
            i += 2
        else:
            out.append(s[i])
            i += 1
    return out


def _ref_encode(text, merges):
    """Applies each merge in rank order over the whole sequence (equivalent for valid tables)."""
    s = list(text.encode("utf-8"))
    for k, (a, b) in enumerate(merges.tolist()):
        s = _replace(s, (a, b), 256 + k)
    return np.array(s, dtype=np.int64)


CORPUS = ("the cat sat on the mat and the hat that the cat ate was a flat hat so the rat sat "
          "there then the other cat met the rat at the mall naïve café résumé niño").split()
MERGES = _train(CORPUS * 3, 60)

ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz     ",
    "the cat sat on a mat, hat! ",
    "éèàçñüößøå€",
    "日本語中文字한국어",
    "🙂🚀👍🏽🇫🇷\u200d",
    "\n\t\x00\x7f~\\\"'",
]


def _random_texts(seed, n):
    rng = np.random.default_rng(seed)
    texts = []
    for _ in range(n):
        pools = [ALPHABETS[i] for i in rng.choice(len(ALPHABETS), size=int(rng.integers(1, 4)), replace=False)]
        chars = "".join(pools)
        texts.append("".join(chars[int(j)] for j in rng.integers(0, len(chars), size=int(rng.integers(0, 40)))))
    return texts


def _same_ids(got, expected, what):
    assert got.shape == expected.shape and np.array_equal(got, expected), \
        f"{what}: expected ids {expected.tolist()[:20]}, got {got.tolist()[:20]}"


# ---------------------------------------------------------------- tests

def test_encode_matches_reference_with_trained_merges():
    assert len(MERGES) >= 30, "test setup: expected a few dozen merges"
    for text in ["the cat sat on the mat", "that hat", "a rat at the mall", "then there was the other",
                 "thethethe", "cat  cat", "", "x"]:
        _same_ids(encode(text, MERGES), _ref_encode(text, MERGES), f"encode({text!r})")


def test_lowest_rank_is_merged_first_not_left_to_right():
    merges = np.array([[98, 99], [97, 98]], dtype=np.int64)           # (b, c) rank 0, (a, b) rank 1
    _same_ids(encode("abc", merges), np.array([97, 256]), "encode('abc') with merges [(b, c), (a, b)]")
    merges = np.array([[98, 99], [97, 98], [99, 100]], dtype=np.int64)
    _same_ids(encode("abcd", merges), np.array([97, 256, 100]), "encode('abcd') with merges [(b, c), (a, b), (c, d)]")


def test_runs_are_merged_left_to_right_without_overlap():
    merges = np.array([[97, 97]], dtype=np.int64)
    _same_ids(encode("aaa", merges), np.array([256, 97]), "encode('aaa') with the merge (a, a)")
    _same_ids(encode("aaaa", merges), np.array([256, 256]), "encode('aaaa') with the merge (a, a)")
    merges = np.array([[97, 97], [256, 97]], dtype=np.int64)
    _same_ids(encode("aaaaa", merges), np.array([256, 257]), "encode('aaaaa') with merges [(a, a), (aa, a)]")


def test_unseen_characters_fall_back_to_utf8_bytes():
    for text in ["日本", "🙂 ok", "ß€", "zz\x00"]:
        expected = _ref_encode(text, MERGES)
        got = encode(text, MERGES)
        _same_ids(got, expected, f"encode({text!r}) (characters outside the training corpus)")
        assert got.min() >= 0 and got.max() < 256 + len(MERGES), \
            f"encode({text!r}): ids must lie in 0..{255 + len(MERGES)}, got {got.tolist()}"


def test_round_trip_on_random_unicode():
    for i, text in enumerate(_random_texts(7, 150)):
        ids = encode(text, MERGES)
        back = decode(ids, MERGES)
        assert back == text, f"decode(encode(s)) != s for random string #{i} {text[:30]!r}: got {back[:30]!r}"
        assert len(ids) <= len(text.encode("utf-8")), \
            f"random string #{i}: {len(ids)} tokens for {len(text.encode('utf-8'))} bytes (merging never adds tokens)"


def test_round_trip_without_merges():
    empty = np.zeros((0, 2), dtype=np.int64)
    for text in ["", "abc", "naïve 🙂"]:
        ids = encode(text, empty)
        _same_ids(ids, np.array(list(text.encode("utf-8")), dtype=np.int64), f"encode({text!r}) with no merges")
        assert decode(ids, empty) == text, f"decode(encode({text!r})) with no merges is not the text"


def test_decode_joins_bytes_before_utf8():
    # token 256 = b"a\xc3" holds half of "é": decoding token by token would give replacement characters
    merges = np.array([[97, 0xC3]], dtype=np.int64)
    ids = encode("aé", merges)
    _same_ids(ids, np.array([256, 0xA9]), "encode('aé') with the merge (a, 0xC3)")
    got = decode(np.array([256, 0xA9]), merges)
    assert got == "aé", f"decode([256, 169]) with token 256 = b'a\\xc3' should be 'aé', got {got!r}"
    got = decode(np.array([230, 151, 165]), MERGES)
    assert got == "日", f"decode of the three bytes of '日' (three tokens) should be '日', got {got!r}"


def test_decode_invalid_utf8_uses_replacement_character():
    cases = [([195], "\ufffd"), ([104, 255, 105], "h\ufffdi"), ([0xE2, 0x82], "\ufffd"), ([], "")]
    for ids, expected in cases:
        got = decode(np.array(ids, dtype=np.int64), MERGES)
        assert got == expected, f"decode({ids}) should be {expected!r} (errors='replace'), got {got!r}"


def test_decode_rejects_unknown_ids():
    merges = np.array([[97, 98], [256, 99]], dtype=np.int64)       # valid ids: 0..257
    assert decode(np.array([257]), merges) == "abc", "decode([257]) should be 'abc'"
    for bad in ([258], [97, -1], [300, 97]):
        try:
            _decode(np.array(bad, dtype=np.int64), merges)
        except ValueError:
            continue
        except Exception as e:  # noqa: BLE001 - name what was raised instead
            raise AssertionError(f"decode({bad}) with 2 merges must raise ValueError, got {type(e).__name__}: {e}")
        raise AssertionError(f"decode({bad}) with 2 merges (valid ids 0..257) must raise ValueError, nothing was raised")


def test_does_not_modify_merges():
    merges = MERGES.copy()
    text = "the cat sat 🙂"
    decode(encode(text, merges), merges)
    np.testing.assert_array_equal(merges, MERGES, err_msg="encode/decode modified merges in place")
