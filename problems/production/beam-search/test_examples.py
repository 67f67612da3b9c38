import numpy as np

from solution import beam_search

P = {(0,): [0.5, 0.4, 0.1], (0, 0): [0.3, 0.3, 0.4], (0, 1): [0.05, 0.05, 0.9]}


def step_fn(seq):
    return np.log(P[tuple(int(t) for t in seq)])


def _check(got, expected):
    assert len(got) == len(expected), f"got {len(got)} hypotheses, expected {len(expected)}"
    for i, ((gs, gsc), (es, esc)) in enumerate(zip(got, expected)):
        assert [int(t) for t in gs] == es, f"rank {i}: sequence {list(gs)}, expected {es}"
        np.testing.assert_allclose(float(gsc), esc, rtol=1e-7, atol=1e-9, err_msg=f"rank {i}: score")


def test_example_greedy():
    _check(beam_search(step_fn, start=0, beam_width=1, max_len=2, end_token=2),
           [([0, 0, 2], np.log(0.5) + np.log(0.4))])


def test_example_width_two_beats_greedy():
    _check(beam_search(step_fn, start=0, beam_width=2, max_len=2, end_token=2),
           [([0, 1, 2], np.log(0.4) + np.log(0.9)), ([0, 0, 2], np.log(0.5) + np.log(0.4))])
