import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.checks import as_scalar as _as_scalar
from mlprep_harness.frameworks import user_function
from mlprep_harness.timing import assert_relative_speed, load_reference
from solution import cosine_top_k as _user_cosine_top_k
from solution import recall_at_k as _user_recall_at_k

_cosine_top_k = user_function(_user_cosine_top_k)
_recall_at_k = user_function(_user_recall_at_k)


def cosine_top_k(queries, corpus, k):
    """Your cosine_top_k, its result checked to be an integer array of shape (Q, min(k, N))."""
    q, n = np.shape(queries)[0], np.shape(corpus)[0]
    got = _cosine_top_k(queries, corpus, k)
    return _as_array(got, (q, min(k, n)), "cosine_top_k result", kinds="iu")


def recall_at_k(retrieved, relevant):
    """Your recall_at_k, its result checked to be a real number."""
    return _as_scalar(_recall_at_k(retrieved, relevant), "recall_at_k result")


def _ref_scores(queries, corpus):
    """Slow reference: cosine per (query, document) pair with Python floats; 0 for zero vectors."""
    out = []
    for q in queries:
        qn = math.sqrt(sum(float(v) * float(v) for v in q))
        row = []
        for c in corpus:
            cn = math.sqrt(sum(float(v) * float(v) for v in c))
            dot = sum(float(a) * float(b) for a, b in zip(q, c))
            row.append(0.0 if qn == 0.0 or cn == 0.0 else dot / (qn * cn))
        out.append(row)
    return out


def _ref_top_k(queries, corpus, k):
    scores = _ref_scores(queries, corpus)
    return [sorted(range(len(row)), key=lambda i: (-row[i], i))[:k] for row in scores]


def _ref_recall(retrieved, relevant):
    vals = []
    for row, rel in zip(retrieved, relevant):
        rel = set(int(r) for r in rel)
        if rel:
            vals.append(len(set(int(r) for r in row) & rel) / len(rel))
    return sum(vals) / len(vals) if vals else 0.0


def _exact_vectors(rng, m, d=4, zeros=0.0):
    """Vectors whose cosines are exact in float64 whatever the formula: one-hot +-1 vectors (norm 1)
    or all-+-1 vectors (norm 2), scaled by 1, 2, 4 or 8; optionally some all-zero rows."""
    rows = []
    for _ in range(m):
        u = rng.random()
        if u < zeros:
            rows.append(np.zeros(d))
            continue
        if u < zeros + (1 - zeros) / 2:
            v = np.zeros(d)
            v[rng.integers(0, d)] = rng.choice([-1.0, 1.0])
        else:
            v = rng.choice([-1.0, 1.0], size=d)
        rows.append(v * 2.0 ** int(rng.integers(0, 4)))
    return np.array(rows)


def test_statement_example():
    queries = np.array([[1.0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]])
    corpus = np.array([[2.0, 0, 0, 0], [0, 3, 0, 0], [1, 1, 1, 1], [0, 0, 0, 0], [4, 4, 4, 4], [-1, 0, 0, 0]])
    with np.errstate(all="raise"):
        top = cosine_top_k(queries, corpus, 3)
    np.testing.assert_array_equal(top, [[0, 2, 4], [0, 1, 2], [2, 4, 0]], err_msg="the statement's example")
    np.testing.assert_allclose(recall_at_k(top, [[0, 5], [], [4]]), 0.75, rtol=1e-9,
                               err_msg="the statement's recall example")


def test_matches_reference_on_random_embeddings():
    rng = np.random.default_rng(42)
    for trial, (nq, n, d, k) in enumerate([(5, 40, 8, 5), (3, 100, 16, 10), (7, 25, 3, 25), (4, 60, 32, 1), (2, 9, 5, 20)]):
        queries = rng.normal(size=(nq, d))
        corpus = rng.normal(size=(n, d)) * rng.uniform(0.1, 10.0, size=(n, 1))   # very different norms
        got = cosine_top_k(queries, corpus, k)
        exp = np.array(_ref_top_k(queries, corpus, k))
        np.testing.assert_array_equal(got, exp, err_msg=f"random case #{trial} (Q={nq}, N={n}, d={d}, k={k})")


def test_divides_by_document_norms():
    # raw dot products prefer the long document 0; cosine prefers document 1 (same direction as q)
    queries = np.array([[1.0, 0.0], [3.0, 1.0]])
    corpus = np.array([[10.0, 10.0], [1.0, 0.0], [0.3, 0.1]])
    top = cosine_top_k(queries, corpus, 2)
    np.testing.assert_array_equal(top[0], [1, 2], err_msg="query [1, 0]: documents [1, 0] (cosine 1) and [0.3, 0.1] "
                                  "(0.95) must beat [10, 10] (0.71) although their dot products are smaller")
    np.testing.assert_array_equal(top[1], [2, 1], err_msg="query [3, 1]: document [0.3, 0.1] (cosine 1) must come first")


def test_most_similar_first():
    rng = np.random.default_rng(3)
    queries = rng.normal(size=(6, 10))
    corpus = rng.normal(size=(50, 10))
    top = cosine_top_k(queries, corpus, 8)
    scores = np.array(_ref_scores(queries, corpus))
    for i in range(6):
        s = scores[i, top[i]]
        assert top[i, 0] == int(np.argmax(scores[i])), (
            f"query {i}: the first index must be the most similar document {int(np.argmax(scores[i]))}, "
            f"got {int(top[i, 0])} (sorted ascending?)")
        assert np.all(np.diff(s) <= 0), f"query {i}: similarities of the returned documents must be non-increasing"


def test_ties_ordered_by_lower_index():
    q = np.array([[1.0, 0, 0, 0]])
    corpus = np.array([[0.0, 1, 0, 0], [2, 0, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0], [4, 0, 0, 0]])
    np.testing.assert_array_equal(cosine_top_k(q, corpus, 5), [[1, 2, 4, 0, 3]],
                                  err_msg="documents 1, 2, 4 tie at 1.0 and 0, 3 at 0.0: lower index first")
    np.testing.assert_array_equal(cosine_top_k(q, corpus, 2), [[1, 2]],
                                  err_msg="three documents tie for 2 places: keep the two lowest indices")
    rng = np.random.default_rng(8)
    for trial in range(20):
        queries = _exact_vectors(rng, 4)
        corpus = _exact_vectors(rng, 30)
        for k in (1, 4, 13, 30):
            np.testing.assert_array_equal(cosine_top_k(queries, corpus, k), np.array(_ref_top_k(queries, corpus, k)),
                                          err_msg=f"exact ties, trial {trial}, k={k}: equal similarities must be "
                                                  "ordered by lower index")


def test_zero_vectors_score_zero_without_warnings():
    q = np.array([[1.0, 0.0], [0.0, 0.0]])
    corpus = np.array([[-1.0, 0.0], [0.0, 0.0], [0.0, 1.0], [0.0, 0.0], [1.0, 0.0]])
    with np.errstate(all="raise"):
        top = cosine_top_k(q, corpus, 5)
    np.testing.assert_array_equal(top[0], [4, 1, 2, 3, 0],
                                  err_msg="query [1, 0]: zero documents score 0 (tied with the orthogonal one)")
    np.testing.assert_array_equal(top[1], [0, 1, 2, 3, 4], err_msg="a zero query scores every document 0")
    rng = np.random.default_rng(9)
    queries, corpus = _exact_vectors(rng, 6, zeros=0.3), _exact_vectors(rng, 25, zeros=0.3)
    with np.errstate(all="raise"):
        got = cosine_top_k(queries, corpus, 10)
    np.testing.assert_array_equal(got, np.array(_ref_top_k(queries, corpus, 10)),
                                  err_msg="queries and documents with zero rows")


def test_k_bounds():
    rng = np.random.default_rng(10)
    queries, corpus = rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    full = cosine_top_k(queries, corpus, 5)
    np.testing.assert_array_equal(cosine_top_k(queries, corpus, 50), full, err_msg="k > N must return all N documents")
    for row in full:
        assert sorted(row.tolist()) == list(range(5)), f"k = N must return every index once, got {row.tolist()}"
    for bad in (0, -2):
        try:
            _cosine_top_k(queries, corpus, bad)
        except ValueError:
            continue
        raise AssertionError(f"k={bad} must raise ValueError")


def test_inputs_not_modified():
    rng = np.random.default_rng(11)
    queries, corpus = rng.normal(size=(4, 6)), rng.normal(size=(20, 6))
    q0, c0 = queries.copy(), corpus.copy()
    cosine_top_k(queries, corpus, 3)
    np.testing.assert_array_equal(queries, q0, err_msg="queries were modified (normalised in place?)")
    np.testing.assert_array_equal(corpus, c0, err_msg="corpus was modified (normalised in place?)")


def test_recall_divides_by_number_of_relevant_documents():
    retrieved = np.array([[3, 1, 4, 0, 2], [5, 6, 7, 8, 9]])
    np.testing.assert_allclose(recall_at_k(retrieved, [[1, 4], [6, 100, 101]]), (1.0 + 1.0 / 3.0) / 2, rtol=1e-9,
                               err_msg="recall = found relevant / number of relevant (2 of 2 and 1 of 3), not / k")
    np.testing.assert_allclose(recall_at_k(retrieved[:1], [[7]]), 0.0, rtol=1e-9, atol=0,
                               err_msg="no relevant document retrieved gives 0")


def test_recall_excludes_queries_without_relevant_documents():
    retrieved = np.array([[0, 1], [2, 3], [4, 5]])
    np.testing.assert_allclose(recall_at_k(retrieved, [[0], [], [9, 4]]), (1.0 + 0.5) / 2, rtol=1e-9,
                               err_msg="query 1 has no relevant documents and must be left out of the mean")
    np.testing.assert_allclose(recall_at_k(retrieved, [set(), [], set()]), 0.0, atol=0,
                               err_msg="no query has a relevant document: return 0.0")


def test_recall_counts_distinct_documents_and_accepts_lists():
    got = recall_at_k([[1, 2, 3], [4, 5, 6]], [{1, 3}, [6, 6, 7]])
    np.testing.assert_allclose(got, (1.0 + 0.5) / 2, rtol=1e-9,
                               err_msg="list input; relevant [6, 6, 7] has 2 distinct documents, 1 found")


def test_recall_matches_reference_on_random_queries():
    rng = np.random.default_rng(12)
    queries, corpus = rng.normal(size=(30, 8)), rng.normal(size=(80, 8))
    top = cosine_top_k(queries, corpus, 10)
    relevant = [rng.choice(80, size=int(rng.integers(0, 6)), replace=False).tolist() for _ in range(30)]
    np.testing.assert_allclose(recall_at_k(top, relevant), _ref_recall(top, relevant), rtol=1e-9,
                               err_msg="recall@10 over 30 random queries (some without relevant documents)")


def test_scale_vectorised_on_32_queries_by_4000_documents():
    rng = np.random.default_rng(13)
    queries = rng.normal(size=(32, 64))
    corpus = rng.normal(size=(4000, 64))
    reference = load_reference(__file__).cosine_top_k
    got = assert_relative_speed(
        candidate=lambda: _cosine_top_k(queries, corpus, 10), reference=lambda: reference(queries, corpus, 10),
        factor=10, slack_ms=50, key="cosine-top-k-retrieval/32x4000x64",
        what="with 32 queries and 4,000 documents of dimension 64, must run within 10x the time of a "
             "vectorised reference plus 50 ms (one matrix product; no loop over (query, document) pairs)")
    got = _as_array(got, (32, 10), "cosine_top_k result on the large input", kinds="iu")
    sample = [0, 17, 31]
    np.testing.assert_array_equal(got[sample], np.array(_ref_top_k(queries[sample], corpus, 10)),
                                  err_msg="large input: wrong indices")
