"""The interpreter the harness runs in: what it is, which libraries it has, how to install more,
and the imports done once in the parent so that each forked test child starts warm."""

import importlib
import importlib.util
import os
import platform
import re
import sys

from .protocol import RunError
from .text import cap

KNOWN_DEPS = ("numpy", "pandas")
PIP_NAMES = {"sklearn": "scikit-learn", "yaml": "pyyaml", "cv2": "opencv-python", "PIL": "pillow"}
# torch comes from its own index: the CPU build is all MLPrep needs (a fraction of the CUDA one's size)
TORCH_INDEX_URL = "https://download.pytorch.org/whl/cpu"
IS_WINDOWS = os.name == "nt"


def module_version(name):
    """The installed version of module `name` (str), or None when unknown/not installed."""
    mod = sys.modules.get(name)
    if mod is not None:
        v = getattr(mod, "__version__", None)
        return str(v) if v is not None else None
    try:
        from importlib import metadata
        return metadata.version(name)
    except Exception:
        return None


def python_info():
    """{"executable", "version", "numpy", "pandas"} for this interpreter (versions may be None)."""
    return {
        "executable": sys.executable,
        "version": platform.python_version(),
        "numpy": module_version("numpy"),
        "pandas": module_version("pandas"),
    }


def module_available(name):
    """True when `import name` would find the module (it is not imported)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def shell_quote(arg):
    """`arg` quoted for the user's shell (cmd.exe style on Windows, POSIX elsewhere)."""
    if IS_WINDOWS:
        return '"%s"' % arg if re.search(r"[\s\"&|<>^]", arg) else arg
    import shlex
    return shlex.quote(arg)


def install_command(modules):
    """A `<this python> -m pip install ...` command line for `modules` (pip names mapped).

    torch is installed by a command of its own from the CPU index (TORCH_INDEX_URL), after the
    others (`&&`, which POSIX shells and cmd.exe both understand)."""
    py = shell_quote(sys.executable)
    others = [PIP_NAMES.get(m, m) for m in modules if m != "torch"]
    parts = []
    if others:
        parts.append(" ".join([py, "-m", "pip", "install"] + others))
    if "torch" in modules:
        parts.append(" ".join([py, "-m", "pip", "install", "torch", "--index-url", TORCH_INDEX_URL]))
    return " && ".join(parts)


def missing_dependency_error(modules, extra_known=True):
    """The RunError for status missing-dependency.

    The install command also lists the other catalogue dependency when it is missing too, so one
    command fixes every problem."""
    modules = list(dict.fromkeys(modules))
    to_install = list(modules)
    if extra_known:
        to_install += [m for m in KNOWN_DEPS if m not in to_install and not module_available(m)]
    cmd = install_command(to_install)
    names = " and ".join(modules)
    what = "The PyTorch variant of this problem" if "torch" in modules else "This problem"
    cpu = (" (the CPU build is enough: no GPU needed; the NumPy variant runs without torch)"
           if "torch" in modules else "")
    return RunError(
        kind="missing-dependency",
        message=cap("%s needs %s, which %s not installed for %s (Python %s). Install with: %s%s" % (
            what, names, "is" if len(modules) == 1 else "are", sys.executable, platform.python_version(), cmd, cpu)),
        modules=modules,
        install_command=cmd,
    )


class Preloaded:
    """Modules imported by the parent (serve: numpy and pandas; run: what the problem requires).

    `state` maps name -> None when importable, else the import error text."""

    def __init__(self):
        self.state = {}

    def load(self, name):
        """Imports `name` once; returns None on success, else the error text."""
        if name in self.state:
            return self.state[name]
        try:
            __import__(name)
            self.state[name] = None
        except BaseException as e:  # noqa: B902 - a broken install can raise anything
            self.state[name] = "%s: %s" % (type(e).__name__, cap(str(e), 300))
        return self.state[name]

    def missing(self, names):
        """The names in `names` that cannot be imported (preloaded failures included)."""
        out = []
        for name in names:
            if name in self.state:
                if self.state[name] is not None:
                    out.append(name)
            elif not module_available(name):
                out.append(name)
        return out


def preload_worker_libraries(preloaded):
    """What `serve` (and the fork-floor bench) import before any fork: numpy, pandas, their
    testing helpers, a warm-up of their lazily imported parts, and the timing module that
    relative-speed checks import."""
    for name in KNOWN_DEPS:
        preloaded.load(name)
    if preloaded.state.get("numpy") is None:
        try:  # numpy 2 imports numpy.testing lazily; every test file uses it
            import numpy.testing  # noqa: F401
        except Exception:
            pass
    warm_up_libraries()
    try:  # hidden tests import it (and hashlib, which loads OpenSSL); nothing here depends on it
        importlib.import_module(__package__ + ".timing")
    except ImportError:
        pass


def warm_up_libraries():
    """Runs a few typical operations once, before any fork.

    numpy and pandas import many submodules lazily on first use (groupby, merge, datetime
    parsing, testing helpers); a forked child would otherwise pay for them on every run."""
    try:
        import numpy as np
        import numpy.testing  # noqa: F401
        a = np.arange(12.0).reshape(3, 4)
        np.testing.assert_allclose(a @ a.T, (a @ a.T).copy())
        np.linalg.svd(a)
        np.random.default_rng(0).normal(size=4)
    except Exception:
        return
    try:
        import pandas as pd
        import pandas.testing  # noqa: F401
    except Exception:
        return
    try:
        df = pd.DataFrame({"k": [1, 2, 1], "v": [1.0, 2.0, 3.0],
                           "t": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"])})
        g = df.groupby("k")["v"].agg(["sum", "mean", "count"]).reset_index()
        m = df.merge(g, on="k", how="left").sort_values(["k", "t"])
        pd.merge_asof(df.sort_values("t"), df.sort_values("t"), on="t", by="k")
        df.set_index("t").groupby("k")["v"].rolling("2D").sum()
        df.groupby("k")["v"].transform("median")
        df["v"].rank(method="first")
        pd.testing.assert_frame_equal(m.reset_index(drop=True), m.reset_index(drop=True))
    except Exception:
        pass


def warm_up_torch():
    """After `import torch` in the worker (the first PyTorch run): the first torch.testing
    comparison imports some 500 modules (0.4 s), which every forked child would pay again. Runs it
    once, and a few tiny ops, only when torch uses one intra-op thread (the harness pins
    OMP_NUM_THREADS=1): then no thread pool exists at fork time (fork-safe)."""
    try:
        import torch
        if torch.get_num_threads() != 1:
            return
        a = torch.arange(6, dtype=torch.float64).reshape(2, 3)
        torch.testing.assert_close(torch.softmax(a, dim=-1), torch.softmax(a.clone(), dim=-1))
        (a @ a.T).sum().item()
    except Exception:
        pass


def default_timing_cache_dir():
    """Where relative-speed checks cache reference timings (env MLPREP_TIMING_CACHE of a test child).

    $MLPREP_TIMING_CACHE when set; else the per-user cache dir (XDG_CACHE_HOME or ~/.cache on
    Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows) + mlprep/timing; else a per-user
    dir under the temp dir. The timing module keys entries by interpreter inside it."""
    given = os.environ.get("MLPREP_TIMING_CACHE")
    if given:
        return given
    base = None
    if IS_WINDOWS:
        base = os.environ.get("LOCALAPPDATA")
    elif sys.platform == "darwin":
        home = os.path.expanduser("~")
        base = os.path.join(home, "Library", "Caches") if home != "~" else None
    else:
        base = os.environ.get("XDG_CACHE_HOME") or (
            os.path.join(os.path.expanduser("~"), ".cache") if os.path.expanduser("~") != "~" else None)
    if not base:
        import tempfile
        uid = getattr(os, "getuid", lambda: "user")()
        return os.path.join(tempfile.gettempdir(), "mlprep-%s" % uid, "timing")
    return os.path.join(base, "mlprep", "timing")
