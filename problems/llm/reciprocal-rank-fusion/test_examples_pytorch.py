import torch

from solution import reciprocal_rank_fusion

A, B, C, D, E = range(5)                  # the statement's documents "a".."e" as ids
RANKINGS = [torch.tensor([A, B, C, D]), torch.tensor([C, A, E]), torch.tensor([B, E, A])]


def _fused(got):
    assert isinstance(got, tuple) and len(got) == 2, f"expected an (ids, scores) tuple, got {type(got).__name__}"
    ids, scores = got
    assert isinstance(ids, torch.Tensor) and ids.dtype == torch.int64, f"ids: expected an int64 tensor, got {ids!r}"
    assert isinstance(scores, torch.Tensor) and scores.dtype == torch.float64, \
        f"scores: expected a float64 tensor, got {scores!r}"
    assert ids.shape == scores.shape and ids.ndim == 1, f"shapes {tuple(ids.shape)} and {tuple(scores.shape)}"
    return ids.tolist(), scores.tolist()


def test_example_fused_order_and_scores():
    ids, scores = _fused(reciprocal_rank_fusion(RANKINGS))
    assert ids == [A, B, C, E, D], f"got order {ids}"
    assert abs(scores[0] - (1 / 61 + 1 / 62 + 1 / 63)) < 1e-12, f"score of a: got {scores[0]}"
    assert abs(scores[-1] - 1 / 64) < 1e-12, f"score of d: got {scores[-1]}"


def test_example_top_n():
    ids, _ = _fused(reciprocal_rank_fusion(RANKINGS, top_n=2))
    assert ids == [A, B], f"got {ids}"


def test_example_tie_and_duplicates():
    x, y = 23, 24
    ids, _ = _fused(reciprocal_rank_fusion([torch.tensor([x, y]), torch.tensor([y, x])]))
    assert ids == [x, y], "exact tie: first appearance first"
    ids, scores = _fused(reciprocal_rank_fusion([torch.tensor([A, B, A, C])], k=0))
    assert ids == [A, B, C] and scores == [1.0, 0.5, 0.25], f"got {ids}, {scores}"
