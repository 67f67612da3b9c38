"""Which framework the user's solution is written in, and the adapter one hidden-test file uses to
judge a NumPy solution and a PyTorch solution of the same problem.

A problem may offer a PyTorch variant (``starter_pytorch.py`` / ``solution_pytorch.py``, see
problems/README.md): same statement, same function and parameter names, tensors instead of arrays.
Its hidden tests are written once, in NumPy, and wrap the user's function::

    from mlprep_harness.frameworks import user_function
    from solution import softmax as _user_softmax
    softmax = user_function(_user_softmax)     # NumPy in, NumPy out, whatever the user wrote

Under the NumPy framework ``user_function`` returns the function unchanged. Under PyTorch it
converts every ``np.ndarray`` argument (also inside lists, tuples and dicts) to a CPU tensor of
the same dtype (float64 stays float64; memory shared, so in-place changes show as in NumPy), every ``np.random.Generator`` to a ``torch.Generator``
seeded from it, and every tensor in the result back to a NumPy array (0-d tensors become 0-d
arrays, which ``checks.as_scalar`` accepts). Python scalars, lists of numbers and strings pass
through unchanged. torch is imported only when the PyTorch framework is active, so NumPy runs
never pay for it.

The framework is chosen per run by the harness (``set_framework``), or by the environment
variable ``MLPREP_FRAMEWORK`` (``numpy`` or ``pytorch``) when tests run outside it.
"""
import os

import numpy as np

FRAMEWORKS = ("numpy", "pytorch")

_state = {"name": None}


def set_framework(name):
    """Select the framework for this process: 'numpy' or 'pytorch'. Raises ValueError otherwise."""
    if name not in FRAMEWORKS:
        raise ValueError("unknown framework %r (expected one of %s)" % (name, ", ".join(FRAMEWORKS)))
    _state["name"] = name


def framework():
    """The active framework: the last ``set_framework``, else ``$MLPREP_FRAMEWORK``, else 'numpy'."""
    if _state["name"] is None:
        name = os.environ.get("MLPREP_FRAMEWORK", "numpy") or "numpy"
        set_framework(name)
    return _state["name"]


def _torch():
    import torch  # only for a PyTorch run
    return torch


def _tensor(torch, a):
    """``a`` (an ndarray) as a CPU tensor of the same dtype and shape. A writeable array is shared,
    not copied (``torch.from_numpy``), so a solution that modifies its input tensor in place
    modifies the test's array, exactly as it would in NumPy, and "does not modify its input"
    tests keep their meaning; a read-only or negatively strided array is copied. Arrays of
    non-numeric dtypes (strings, objects) stay arrays."""
    if a.dtype.kind not in "biufc":
        return a
    if a.flags.writeable:
        try:
            return torch.from_numpy(a)
        except (TypeError, ValueError, RuntimeError):  # negative strides, a dtype torch lacks
            pass
    return torch.from_numpy(np.array(a, copy=True))


def to_framework(x):
    """``x`` with every NumPy array (recursively in lists, tuples and dicts) as a CPU tensor of the
    same dtype (sharing memory when writeable: see ``_tensor``) and every ``np.random.Generator``
    as a seeded ``torch.Generator``; unchanged under NumPy."""
    if framework() == "numpy":
        return x
    torch = _torch()
    if isinstance(x, np.ndarray):
        return _tensor(torch, x)
    if isinstance(x, np.random.Generator):
        g = torch.Generator()
        g.manual_seed(int(x.integers(0, 2**62)))
        return g
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return type(x)(*(to_framework(v) for v in x))
    if isinstance(x, (list, tuple)):
        return type(x)(to_framework(v) for v in x)
    if isinstance(x, dict):
        return {k: to_framework(v) for k, v in x.items()}
    return x


def to_numpy(x):
    """``x`` with every tensor (recursively in lists, tuples and dicts) as a NumPy array of the same
    dtype (detached, on the CPU); anything else unchanged. Safe to call under NumPy."""
    if framework() == "numpy":
        return x
    torch = _torch()
    if isinstance(x, torch.Tensor):
        return x.detach().cpu().numpy()
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return type(x)(*(to_numpy(v) for v in x))
    if isinstance(x, (list, tuple)):
        return type(x)(to_numpy(v) for v in x)
    if isinstance(x, dict):
        return {k: to_numpy(v) for k, v in x.items()}
    return x


class _AdaptedObject:
    """An instance of the user's class seen through NumPy: its methods take and return NumPy values
    (attributes that are tensors read back as arrays). The wrapped object is ``.__wrapped__``."""

    def __init__(self, obj):
        object.__setattr__(self, "__wrapped__", obj)

    def __getattr__(self, name):
        value = getattr(self.__wrapped__, name)
        return user_function(value) if callable(value) else to_numpy(value)

    def __setattr__(self, name, value):
        setattr(self.__wrapped__, name, to_framework(value))

    def __repr__(self):
        return repr(self.__wrapped__)


def user_function(fn):
    """``fn`` adapted so hidden tests call it with NumPy values and get NumPy values back, whatever
    framework the user's solution is written in (see the module docstring). Under NumPy, ``fn``
    itself. A class is adapted too: its instances come back wrapped so their methods take and
    return NumPy values (``isinstance`` checks must use ``obj.__wrapped__``)."""
    if framework() == "numpy":
        return fn
    if isinstance(fn, type):
        cls = fn

        def construct(*args, **kwargs):
            return _AdaptedObject(cls(*to_framework(list(args)), **to_framework(dict(kwargs))))

        construct.__name__ = cls.__name__
        construct.__wrapped__ = cls
        return construct

    def adapted(*args, **kwargs):
        out = fn(*to_framework(list(args)), **to_framework(dict(kwargs)))
        return to_numpy(out)

    adapted.__name__ = getattr(fn, "__name__", "user_function")
    adapted.__doc__ = getattr(fn, "__doc__", None)
    adapted.__wrapped__ = fn
    return adapted
