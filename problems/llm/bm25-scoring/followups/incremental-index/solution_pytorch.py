import math
from collections import Counter

import torch


def bm25_scores(query, docs, k1=1.5, b=0.75):
    """Okapi BM25 score of every document for one query, PyTorch reference (part 1).

    Counting is plain Python; the scoring is one tensor expression over a (N, len(query)) matrix of
    term frequencies. IDF(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)); returns float64 (N,).
    """
    n_docs = len(docs)
    if n_docs == 0 or not query:
        return torch.zeros(n_docs, dtype=torch.float64)
    counts = [Counter(d) for d in docs]
    lengths = torch.tensor([len(d) for d in docs], dtype=torch.float64)
    avgdl = float(lengths.sum()) / n_docs
    if avgdl == 0:
        return torch.zeros(n_docs, dtype=torch.float64)
    df = Counter()
    for c in counts:
        df.update(c.keys())
    tf = torch.tensor([[c.get(t, 0) for t in query] for c in counts], dtype=torch.float64)   # (N, q)
    idf = torch.tensor([math.log(1.0 + (n_docs - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5)) for t in query],
                       dtype=torch.float64)                                                   # (q,)
    norm = k1 * (1.0 - b + b * lengths / avgdl)                                               # (N,)
    contrib = idf * tf * (k1 + 1.0) / (tf + norm[:, None])
    contrib = torch.where(tf > 0, contrib, torch.zeros_like(contrib))                         # k1 = 0, tf = 0: 0/0
    return contrib.sum(dim=1)


class BM25Index:
    """An incremental BM25 index, PyTorch reference (part 2).

    add(docs): docs is a list of documents (lists of string tokens; text is not a tensor); indexes
    them and returns their ids as a list of Python ints (0, 1, 2, ... in the order added, across
    calls). Neither keeps nor modifies the caller's lists.
    scores(query): a float64 tensor of shape (N,) for the N documents added so far, equal to
    bm25_scores(query, all documents, k1, b); IDF and avgdl come from running totals at query time.

    State: document lengths in a float64 tensor buffer that doubles when full (amortised O(1) per
    document), and per term a posting list (doc ids, term frequencies) as Python lists plus a cached
    int64 / float64 tensor pair, rebuilt only after the term gained documents. The document
    frequency of a term is the length of its posting list. add: O(tokens added); scores: O(N +
    postings of the query's terms), each term one gather and one index_add_.
    """

    def __init__(self, k1=1.5, b=0.75):
        self.k1 = float(k1)
        self.b = float(b)
        self._lengths = torch.zeros(16, dtype=torch.float64)   # |D| per doc id, first _n entries used
        self._n = 0
        self._total_len = 0
        self._postings = {}    # term -> [doc ids (list), tfs (list), cached (ids, tf) tensors or None]

    def add(self, docs):
        """Index `docs` (a list of token lists); return their ids as a list of ints."""
        ids = []
        new_lengths = []
        for doc in docs:
            doc_id = self._n + len(ids)
            for term, tf in Counter(doc).items():
                posting = self._postings.get(term)
                if posting is None:
                    posting = self._postings[term] = [[], [], None]
                posting[0].append(doc_id)
                posting[1].append(tf)
                posting[2] = None                                # the cached tensors are stale
            new_lengths.append(len(doc))
            ids.append(doc_id)
        if ids:
            need = self._n + len(ids)
            if need > self._lengths.numel():
                grown = torch.zeros(max(need, 2 * self._lengths.numel()), dtype=torch.float64)
                grown[:self._n] = self._lengths[:self._n]
                self._lengths = grown
            self._lengths[self._n:need] = torch.tensor(new_lengths, dtype=torch.float64)
            self._n = need
            self._total_len += sum(new_lengths)
        return ids

    def _posting_tensors(self, posting):
        if posting[2] is None:
            posting[2] = (torch.tensor(posting[0], dtype=torch.int64), torch.tensor(posting[1], dtype=torch.float64))
        return posting[2]

    def scores(self, query):
        """float64 tensor (N,): the BM25 score of every indexed document for `query` (part 1's rules)."""
        n_docs = self._n
        out = torch.zeros(n_docs, dtype=torch.float64)
        if n_docs == 0 or not query or self._total_len == 0:
            return out
        k1, b = self.k1, self.b
        avgdl = self._total_len / n_docs
        lengths = self._lengths[:n_docs]
        for term in query:                                       # repeated terms count per occurrence
            posting = self._postings.get(term)
            if posting is None:
                continue
            ids, tf = self._posting_tensors(posting)
            n_t = ids.numel()
            idf = math.log(1.0 + (n_docs - n_t + 0.5) / (n_t + 0.5))
            norm = k1 * (1.0 - b + b * lengths[ids] / avgdl)
            out.index_add_(0, ids, idf * tf * (k1 + 1.0) / (tf + norm))
        return out
