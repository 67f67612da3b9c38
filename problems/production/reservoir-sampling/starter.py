import random


def reservoir_sample(stream, k, seed=0):
    """Uniform random sample of k items from a stream of unknown length.

    Args:
        stream: any iterable (e.g. a one-shot generator) of arbitrary items; iterate it once.
        k: int >= 0, sample size (k < 0 raises ValueError).
        seed: int seeding a private RNG (e.g. random.Random(seed) or
            np.random.default_rng(seed)); never use the global random state.

    Returns:
        list: if the stream has n <= k items, all of them in stream order; otherwise k items
        such that every k-subset of the stream is equally likely (order unspecified).
        The same seed and stream give the same result. Memory must be O(k): never store
        the whole stream.
    """
    raise NotImplementedError
