import numpy as np
import pandas as pd

from solution import top_k_per_group


def test_statement_example():
    df = pd.DataFrame({
        "group": ["b", "a", "a", "a", "b", "a", "c"],
        "item": [11, 3, 1, 2, 10, 4, 7],
        "score": [0.9, 0.7, 0.7, 0.9, 0.9, 0.1, 0.2],
    })
    out = top_k_per_group(df, 2)
    assert isinstance(out, pd.DataFrame), "return a pandas DataFrame"
    assert out.shape == (5, 4), f"expected shape (5, 4), got {out.shape}"
    out = out.reset_index(drop=True)
    assert out["group"].tolist() == ["a", "a", "b", "b", "c"]
    assert out["item"].tolist() == [2, 1, 10, 11, 7]
    assert out["score"].tolist() == [0.9, 0.7, 0.9, 0.9, 0.2]
    assert out["rank"].tolist() == [1, 2, 1, 2, 1]


def test_group_smaller_than_k_kept_whole():
    df = pd.DataFrame({"group": [1, 1, 2], "item": [5, 6, 7], "score": [0.3, 0.8, 0.5]})
    out = top_k_per_group(df, 3).reset_index(drop=True)
    assert out["item"].tolist() == [6, 5, 7]
    assert out["rank"].tolist() == [1, 2, 1]
