"""Bug: each term's IDF is computed when a document containing it is added and cached; later documents
change N (and other terms' df) but the cached IDF is not refreshed. Caught by
test_idf_of_old_terms_changes_when_documents_arrive and test_scores_after_every_batch_equal_a_full_rebuild."""
import math
from collections import Counter

import numpy as np


def bm25_scores(query, docs, k1=1.5, b=0.75):
    """Okapi BM25 score of every document for one query (reference).

    query: list of tokens (repeats count once per occurrence); docs: list of token lists.
    IDF(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)) (Lucene); returns float64 (N,).
    """
    n_docs = len(docs)
    scores = np.zeros(n_docs, dtype=np.float64)
    if n_docs == 0 or not query:
        return scores
    counts = [Counter(d) for d in docs]
    lengths = [len(d) for d in docs]
    avgdl = sum(lengths) / n_docs
    if avgdl == 0:
        return scores
    df = Counter()
    for c in counts:
        df.update(c.keys())
    for term in query:
        n_t = df.get(term, 0)
        if n_t == 0:
            continue
        idf = math.log(1.0 + (n_docs - n_t + 0.5) / (n_t + 0.5))
        for i, c in enumerate(counts):
            tf = c.get(term, 0)
            if tf:
                norm = k1 * (1.0 - b + b * lengths[i] / avgdl)
                scores[i] += idf * tf * (k1 + 1.0) / (tf + norm)
    return scores


class BM25Index:
    """An incremental BM25 index (reference, part 2).

    add(docs) indexes new documents (lists of tokens) and returns their ids (0, 1, 2, ... in the
    order added); scores(query) returns the part-1 BM25 score of every document added so far as a
    float64 array of shape (N,), equal to bm25_scores(query, all documents, k1, b). IDF and avgdl
    depend on the whole corpus, so they are computed at query time from running totals (N, total
    length, document frequency); nothing is recounted.

    State: per term a posting list (doc ids, term frequencies); per document its length.
    add: O(tokens added). scores: O(N + postings of the query's terms). Memory: O(total distinct
    (term, document) pairs + N).
    """

    def __init__(self, k1=1.5, b=0.75):
        self.k1 = float(k1)
        self.b = float(b)
        self._lengths = []        # |D| per document id
        self._total_len = 0
        self._postings = {}       # term -> ([doc ids], [tf]); df(term) = len(doc ids)
        self._idf = {}

    def add(self, docs):
        """Index the documents of `docs` (a list of token lists); return their new ids."""
        ids = []
        for doc in docs:
            doc_id = len(self._lengths)
            for term, tf in Counter(doc).items():
                posting = self._postings.get(term)
                if posting is None:
                    posting = self._postings[term] = ([], [])
                posting[0].append(doc_id)
                posting[1].append(tf)
            self._lengths.append(len(doc))
            self._total_len += len(doc)
            ids.append(doc_id)
            n = len(self._lengths)
            for term in set(doc):
                n_t = len(self._postings[term][0])
                self._idf[term] = math.log(1.0 + (n - n_t + 0.5) / (n_t + 0.5))
        return ids

    def scores(self, query):
        """BM25 score of every indexed document for `query` (part 1's definition)."""
        n_docs = len(self._lengths)
        out = np.zeros(n_docs, dtype=np.float64)
        if n_docs == 0 or not query or self._total_len == 0:
            return out
        k1, b = self.k1, self.b
        avgdl = self._total_len / n_docs
        lengths = np.asarray(self._lengths, dtype=np.float64)
        for term in query:
            posting = self._postings.get(term)
            if posting is None:
                continue
            ids = np.asarray(posting[0], dtype=np.int64)
            tf = np.asarray(posting[1], dtype=np.float64)
            n_t = ids.size
            idf = self._idf[term]
            norm = k1 * (1.0 - b + b * lengths[ids] / avgdl)
            out[ids] += idf * tf * (k1 + 1.0) / (tf + norm)
        return out
