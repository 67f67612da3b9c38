import copy
import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import bm25_scores as _user_bm25_scores

_bm25_scores = user_function(_user_bm25_scores)

RTOL, ATOL = 1e-9, 1e-12


def bm25_scores(query, docs, *args, **kwargs):
    """Your bm25_scores, its result checked to be a float array of shape (N,)."""
    return _as_array(_bm25_scores(query, docs, *args, **kwargs), (len(docs),), "bm25_scores result")


def _ref(query, docs, k1=1.5, b=0.75):
    """Slow reference written from the definitions: every quantity recomputed per (term, doc)."""
    n_docs = len(docs)
    out = []
    total_len = sum(len(d) for d in docs)
    for d in docs:
        s = 0.0
        for t in query:
            tf = sum(1 for tok in d if tok == t)
            if tf == 0:
                continue
            n_t = sum(1 for other in docs if t in other)
            idf = math.log(1.0 + (n_docs - n_t + 0.5) / (n_t + 0.5))
            avgdl = total_len / n_docs
            s += idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * len(d) / avgdl))
        out.append(s)
    return np.array(out, dtype=np.float64)


def _check(got, expected, what):
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL, err_msg=what)


DOCS = [["the", "cat", "sat"],
        ["the", "dog", "sat", "on", "the", "mat"],
        ["cats", "and", "dogs"],
        []]


def _random_corpus(rng, n_docs, vocab, max_len, p_empty=0.1):
    docs = []
    for _ in range(n_docs):
        if rng.random() < p_empty:
            docs.append([])
            continue
        length = int(rng.integers(1, max_len + 1))
        # skewed word frequencies: a few very common words (in most documents), many rare ones
        weights = 1.0 / np.arange(1, len(vocab) + 1)
        docs.append([vocab[i] for i in rng.choice(len(vocab), size=length, p=weights / weights.sum())])
    return docs


def test_statement_example():
    _check(bm25_scores(["the", "cat"], DOCS), [1.8971199848858813, 0.749348303308049, 0.0, 0.0],
           "the statement's example (k1=1.5, b=0.75)")


def test_matches_reference_on_random_corpora():
    rng = np.random.default_rng(2024)
    vocab = ["w%d" % i for i in range(15)]
    for trial in range(25):
        n_docs = int(rng.integers(1, 30))
        docs = _random_corpus(rng, n_docs, vocab, 25)
        query = [vocab[i] for i in rng.integers(0, len(vocab) + 3, size=int(rng.integers(1, 6))) if i < len(vocab)] + ["zz"]
        k1 = float(rng.choice([0.0, 0.9, 1.2, 1.5, 2.0]))
        b = float(rng.choice([0.0, 0.3, 0.75, 1.0]))
        _check(bm25_scores(query, docs, k1=k1, b=b), _ref(query, docs, k1, b),
               f"random corpus #{trial} (N={n_docs}, query={query}, k1={k1}, b={b})")


def test_defaults_are_k1_1_5_and_b_0_75():
    rng = np.random.default_rng(5)
    docs = _random_corpus(rng, 12, ["a", "b", "c", "d", "e"], 15, p_empty=0.0)
    _check(bm25_scores(["a", "c"], docs), _ref(["a", "c"], docs, 1.5, 0.75), "default parameters k1=1.5, b=0.75")


def test_idf_is_positive_for_common_terms():
    # "the" is in 4 of 5 documents: the classic IDF ln((5 - 4 + 0.5) / 4.5) is negative
    docs = [["the", "a"], ["the", "b"], ["the", "c", "d"], ["the"], ["e", "f"]]
    got = bm25_scores(["the"], docs)
    idf = math.log(1.0 + 1.5 / 4.5)
    assert np.all(got[:4] > 0), f"a term in 4 of 5 documents must still score > 0 (IDF = ln(1 + 1.5/4.5)), got {got.tolist()}"
    _check(got, _ref(["the"], docs), f"IDF must be ln(1 + (N - n + 0.5) / (n + 0.5)) = {idf:.6f} for n=4, N=5")
    got = bm25_scores(["x"], [["x"], ["x", "y"], ["x", "x"]])
    assert np.all(got > 0), f"a term in every document: IDF = ln(1 + 0.5 / 3.5) > 0, got {got.tolist()}"


def test_document_frequency_counts_documents_not_occurrences():
    # "cat" occurs 5 times but in 2 of 4 documents: n = 2
    docs = [["cat", "cat", "cat", "cat"], ["cat", "dog"], ["dog", "dog"], ["fish"]]
    got = bm25_scores(["cat"], docs, k1=0.0)
    idf = math.log(1.0 + 2.5 / 2.5)
    _check(got, [idf, idf, 0.0, 0.0], "with k1 = 0 a present term scores its IDF; n('cat') = 2 documents -> IDF = ln 2")


def test_zero_for_documents_without_query_terms():
    rng = np.random.default_rng(7)
    docs = _random_corpus(rng, 20, ["a", "b", "c", "d"], 10)
    docs += [["x", "y"], ["y"]]
    got = bm25_scores(["a", "b"], docs)
    for i, d in enumerate(docs):
        if "a" not in d and "b" not in d:
            assert got[i] == 0.0, f"document {i} {d} contains no query token: score must be exactly 0.0, got {got[i]}"
    np.testing.assert_array_equal(bm25_scores(["zzz"], docs), np.zeros(len(docs)),
                                  err_msg="a query token in no document contributes 0")
    np.testing.assert_array_equal(bm25_scores([], docs), np.zeros(len(docs)), err_msg="an empty query gives zeros")
    got = bm25_scores(["The", "CAT"], [["the", "cat"], ["The", "dog"]])
    _check(got, _ref(["The", "CAT"], [["the", "cat"], ["The", "dog"]]),
           "tokens are compared exactly: 'The' matches only 'The', 'CAT' matches nothing")
    assert got[0] == 0.0, f"'The' and 'CAT' do not occur in ['the', 'cat'] (no lower-casing): expected 0.0, got {got[0]}"


def test_monotone_in_term_frequency_at_fixed_length():
    filler = [["f%d" % j for j in range(10)] for _ in range(4)]
    for k1, b in ((1.5, 0.75), (1.2, 0.0), (2.0, 1.0)):
        scores = []
        for m in range(0, 11):
            doc = ["q"] * m + ["f%d" % j for j in range(10 - m)]   # length 10 whatever m
            scores.append(float(bm25_scores(["q"], [doc] + filler, k1=k1, b=b)[0]))
        diffs = np.diff(scores)
        assert np.all(diffs > 0), (f"k1={k1}, b={b}: replacing filler tokens by the query term must increase the "
                                   f"score strictly, got {[round(s, 6) for s in scores]}")
        assert np.all(np.diff(diffs) < 0), (f"k1={k1}, b={b}: the gain of one more occurrence must shrink "
                                            "(tf saturates), got increments " + str([round(d, 6) for d in diffs]))
        idf = math.log(1.0 + 4.5 / 1.5)
        assert scores[-1] < idf * (k1 + 1), f"k1={k1}: a term's score is bounded by IDF * (k1 + 1) = {idf * (k1 + 1):.6f}"


def test_b_zero_removes_length_normalisation():
    docs = [["q", "a"], ["q"] + ["a"] * 30, ["q", "q", "a"], ["q", "q"] + ["b"] * 50, ["c"]]
    got = bm25_scores(["q"], docs, k1=1.2, b=0.0)
    assert abs(got[0] - got[1]) <= 1e-12 * abs(got[0]), f"b = 0: tf = 1 in documents of length 2 and 31 must score equally, got {got[:2]}"
    assert abs(got[2] - got[3]) <= 1e-12 * abs(got[2]), f"b = 0: tf = 2 in documents of length 3 and 52 must score equally, got {got[2:4]}"
    _check(got, _ref(["q"], docs, 1.2, 0.0), "b = 0")
    got = bm25_scores(["q"], docs, k1=1.2, b=0.75)
    assert got[0] > got[1], f"b = 0.75: the longer document with the same tf must score lower, got {got[:2]}"
    _check(got, _ref(["q"], docs, 1.2, 0.75), "b = 0.75")
    _check(bm25_scores(["q"], docs, k1=1.2, b=1.0), _ref(["q"], docs, 1.2, 1.0), "b = 1 (full length normalisation)")


def test_k1_multiplies_the_length_factor():
    # b = 1: the length factor is |D| / avgdl = 4 / 2.5 = 1.6, so tf=1 scores IDF * (k1 + 1) / (1 + k1 * 1.6)
    docs = [["q", "a", "b", "c"], ["x", "y"], ["x", "y"], ["z", "z"]]         # avgdl = 10 / 4 = 2.5
    for k1 in (0.5, 1.5, 3.0):
        got = bm25_scores(["q"], docs, k1=k1, b=1.0)
        idf = math.log(1.0 + 3.5 / 1.5)
        expected = idf * 1 * (k1 + 1) / (1 + k1 * (4 / 2.5))
        _check(got, [expected, 0.0, 0.0, 0.0], f"k1={k1}, b=1: tf=1, |D|/avgdl = 1.6 -> IDF * (k1 + 1) / (1 + k1 * 1.6)")


def test_k1_zero_scores_presence_only():
    docs = [["a", "a", "a", "b"], ["a", "c"], ["b", "b"], ["d"]]
    got = bm25_scores(["a", "b"], docs, k1=0.0, b=0.75)
    idf_a = math.log(1.0 + 2.5 / 2.5)
    idf_b = math.log(1.0 + 2.5 / 2.5)
    _check(got, [idf_a + idf_b, idf_a, idf_b, 0.0], "k1 = 0: each present query term contributes exactly its IDF")


def test_repeated_query_terms_count_per_occurrence():
    rng = np.random.default_rng(9)
    docs = _random_corpus(rng, 15, ["a", "b", "c", "d", "e"], 12)
    once = bm25_scores(["a", "c"], docs)
    twice = bm25_scores(["a", "c", "a"], docs)
    _check(twice, once + bm25_scores(["a"], docs), "query ['a', 'c', 'a'] must count 'a' twice")
    _check(bm25_scores(["b", "b", "b"], docs), 3 * bm25_scores(["b"], docs), "query ['b', 'b', 'b'] = 3 x ['b']")


def test_avgdl_counts_every_token_and_every_document():
    # lengths 6, 2, 1, 0 -> avgdl = 9 / 4 (distinct tokens would give 5 / 4; skipping the empty doc 3)
    docs = [["q", "q", "q", "a", "a", "a"], ["q", "b"], ["c"], []]
    got = bm25_scores(["q"], docs, k1=1.5, b=0.75)
    idf = math.log(1.0 + 2.5 / 2.5)
    avgdl = 9 / 4
    exp0 = idf * 3 * 2.5 / (3 + 1.5 * (0.25 + 0.75 * 6 / avgdl))
    exp1 = idf * 1 * 2.5 / (1 + 1.5 * (0.25 + 0.75 * 2 / avgdl))
    _check(got, [exp0, exp1, 0.0, 0.0], "avgdl = (6 + 2 + 1 + 0) / 4: every occurrence counts, empty documents included")


def test_empty_corpus_and_empty_documents():
    got = bm25_scores(["a"], [])
    assert got.shape == (0,), f"no documents: expected shape (0,), got {got.shape}"
    with np.errstate(all="raise"):
        got = bm25_scores(["a", "b"], [[], [], []])
    np.testing.assert_array_equal(got, np.zeros(3), err_msg="every document empty (avgdl = 0): all scores 0.0")
    with np.errstate(all="raise"):
        got = bm25_scores(["a"], [[], ["a"], []])
    _check(got, _ref(["a"], [[], ["a"], []]), "empty documents next to a non-empty one")


def test_inputs_not_modified():
    rng = np.random.default_rng(13)
    docs = _random_corpus(rng, 10, ["a", "b", "c"], 8)
    query = ["a", "b", "a"]
    docs0, query0 = copy.deepcopy(docs), list(query)
    bm25_scores(query, docs)
    assert docs == docs0, "docs were modified"
    assert query == query0, "query was modified"


def test_larger_corpus():
    rng = np.random.default_rng(17)
    vocab = ["w%d" % i for i in range(200)]
    docs = _random_corpus(rng, 300, vocab, 120)
    query = ["w0", "w3", "w50", "w199", "w3"]
    _check(bm25_scores(query, docs, k1=1.2, b=0.75), _ref(query, docs, 1.2, 0.75), "300 documents, 200-word vocabulary")
