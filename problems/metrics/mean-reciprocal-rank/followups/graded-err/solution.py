def mean_reciprocal_rank(ranked_lists, relevant, k=None):
    if len(ranked_lists) != len(relevant):
        raise ValueError("ranked_lists and relevant must have the same length")
    if len(ranked_lists) == 0:
        raise ValueError("need at least one query")
    total = 0.0
    for ranking, rel in zip(ranked_lists, relevant):
        rel_set = rel if isinstance(rel, (set, frozenset)) else set(rel)
        if not rel_set:
            continue
        for pos, item in enumerate(ranking[:k] if k is not None else ranking, start=1):
            if item in rel_set:
                total += 1.0 / pos
                break
    return total / len(ranked_lists)


def expected_reciprocal_rank(ranked_lists, grades, k=None, max_grade=4):
    """Mean ERR@k over queries (Chapelle et al., 2009, cascade model).

    grades[j]: dict id -> integer grade in 0..max_grade (missing ids: grade 0). A user scans the
    ranking from the top and stops at position r with probability R_r = (2**g_r - 1) / 2**max_grade;
    ERR = sum_r (1 / r) * R_r * prod_{i < r} (1 - R_i), over the first k positions."""
    if len(ranked_lists) != len(grades):
        raise ValueError("ranked_lists and grades must have the same length")
    if len(ranked_lists) == 0:
        raise ValueError("need at least one query")
    if int(max_grade) != max_grade or max_grade < 1:
        raise ValueError("max_grade must be an integer >= 1")
    scale = 2.0 ** max_grade
    total = 0.0
    for ranking, g in zip(ranked_lists, grades):
        for item, grade in g.items():
            if not 0 <= grade <= max_grade:
                raise ValueError("grade %r of %r is outside 0..%d" % (grade, item, max_grade))
        p_reach = 1.0                  # probability the user gets to this position
        err = 0.0
        for pos, item in enumerate(ranking[:k] if k is not None else ranking, start=1):
            r = (2.0 ** g.get(item, 0) - 1.0) / scale
            err += p_reach * r / pos
            p_reach *= 1.0 - r
        total += err
    return total / len(ranked_lists)
