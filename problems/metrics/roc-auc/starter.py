import numpy as np


def roc_auc(y_true, y_score):
    """Area under the ROC curve for binary labels.

    Args:
        y_true: 1-D array-like of length n with values in {0, 1} (ints, floats or bools);
            1 is the positive class.
        y_score: 1-D array-like of n finite real scores; higher means more likely positive.
            Scores may tie.

    Returns:
        float: P(score of a random positive > score of a random negative), where a tie counts 0.5.
        All-equal scores give 0.5.

    Raises:
        ValueError: if y_true has no positive or no negative sample.

    Must run in O(n log n): n can be 1_000_000. Do not modify the inputs.
    """
    raise NotImplementedError
