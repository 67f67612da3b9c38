"""What runs in the test child: load the solution and the tests, run each test, report each
result on the dedicated result pipe.

The child is a fork of the harness parent (or, without fork, a spawned `child` process). It
sends one JSON line per event on the result pipe, so nothing the user's code prints can pass for
a result:
  {"t": "phase", "phase": "import-solution" | "import-tests"}
  {"t": "plan", "tests": [names]}         {"t": "start", "name"}
  {"t": "result", "test": TestResult}     {"t": "done"}
  {"t": "import-error" | "test-file-error", "error": RunError}
  {"t": "missing-dependency", "modules": [names]}
On a timeout the parent sends SIGUSR1: faulthandler writes the main thread's stack to the trace
pipe (Windows: faulthandler.dump_traceback_later writes it to stderr shortly before the deadline).
"""

import faulthandler
import importlib.util
import json
import os
import re
import signal
import sys
import time
import traceback
import types

from .environment import KNOWN_DEPS
from .limits import set_limits
from . import numdiff
from .mux import write_all
from .protocol import RunError, TestResult, location
from .text import cap, cap_lines, exception_text, split_assertion

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ResultChannel:
    """Child -> parent events, one JSON line each, on the dedicated result pipe."""

    def __init__(self, fd):
        self.fd = fd
        self.pid = os.getpid()

    def send(self, *events):
        """Writes events in one write (one wake-up of the parent); silently a no-op in a process
        the user's code forked."""
        if os.getpid() != self.pid:  # a fork made by user code must not report results
            return
        data = b"".join(self._line(event) for event in events)
        try:
            write_all(self.fd, data)
        except OSError:
            pass

    @staticmethod
    def _line(event):
        try:
            return (json.dumps(event, ensure_ascii=True) + "\n").encode("ascii")
        except Exception:  # e.g. MemoryError while serialising
            name = (event.get("test") or {}).get("name")
            return (json.dumps({"t": event.get("t"), "test": TestResult(
                name=name, status="error", message="result could not be serialised").to_json()}) + "\n").encode("ascii")


def same_file_set(path):
    """The normalised spellings of `path` (absolute and real), for frame-filename comparisons."""
    out = {os.path.normcase(os.path.abspath(path))}
    try:
        out.add(os.path.normcase(os.path.realpath(path)))
    except OSError:
        pass
    return out


class ChildContext:
    """One run as the child sees it: the files, the result channel and the limits."""

    def __init__(self, solution, test_file, channel, memory_mb, requires, cpu_seconds=60, nproc=None,
                 trace_fd=None, trace_after=None, timing_cache_dir=None, test_code=None, framework=None):
        self.solution = os.path.abspath(solution)
        self.solution_names = same_file_set(self.solution)
        self.test_file = os.path.abspath(test_file)
        self.test_names = same_file_set(self.test_file)
        self.channel = channel
        self.memory_mb = memory_mb
        self.requires = list(requires or [])
        self.cpu_seconds = cpu_seconds
        self.nproc = nproc
        self.trace_fd = trace_fd
        self.trace_after = trace_after
        self.timing_cache_dir = timing_cache_dir
        self.test_code = test_code
        self.framework = framework or "numpy"

    def in_solution(self, filename):
        """True when `filename` is the solution file."""
        return os.path.normcase(os.path.abspath(filename)) in self.solution_names

    def in_tests(self, filename):
        """True when `filename` is the suite's test file."""
        return os.path.normcase(os.path.abspath(filename)) in self.test_names

    def location(self, filename, line, column=None):
        """A SourceLocation, spelled as the solution path when `filename` is the solution."""
        return location(self.solution if self.in_solution(filename) else filename, line, column)

    @staticmethod
    def frames(tb):
        """traceback.extract_tb, never raising."""
        try:
            return traceback.extract_tb(tb)
        except Exception:
            return []

    def solution_location(self, tb):
        """Location of the deepest traceback frame inside the solution file, or None."""
        for fs in reversed(self.frames(tb)):
            if self.in_solution(fs.filename):
                col = getattr(fs, "colno", None)
                return self.location(fs.filename, fs.lineno, (col + 1) if isinstance(col, int) else 1)
        return None

    def solution_trace(self, tb, limit=4):
        """The last `limit` solution frames as "  file:line in fn: source" lines."""
        lines = []
        for fs in self.frames(tb):
            if self.in_solution(fs.filename):
                src = (fs.line or "").strip()
                lines.append("  %s:%s in %s%s" % (os.path.basename(fs.filename), fs.lineno, fs.name,
                                                  (": " + cap(src, 160)) if src else ""))
        return lines[-limit:]


def load_module(name, path):
    """Imports the file `path` as module `name` (registered in sys.modules first)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError("cannot load %s" % path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def missing_module_of(exc, ctx):
    """The top-level name of a required/known module that is not installed, else None."""
    if not isinstance(exc, ImportError):
        return None
    name = (getattr(exc, "name", None) or "").split(".")[0]
    if isinstance(exc, ModuleNotFoundError) and name and (name in KNOWN_DEPS or name in ctx.requires):
        return name
    return None


def child_stdio_setup(out_fd, err_fd):
    """Points fds 0/1/2 at /dev/null / the capture pipes and rebuilds sys.std* on them."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    if out_fd != 1:
        os.dup2(out_fd, 1)
    if err_fd != 2:
        os.dup2(err_fd, 2)
    sys.stdin = open(0, "r", closefd=False)
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False)


def report_harness_bug():
    """In a test child: prints the harness's own traceback to stderr and returns exit code 70,
    which tells the parent that the harness, not the user's code, failed."""
    try:
        traceback.print_exc()
        sys.stderr.flush()
    except BaseException:  # noqa: B902
        pass
    return 70


def install_tracebacks(ctx):
    """faulthandler for crashes (all threads, to stderr) and for timeouts (main thread, to the
    trace pipe on SIGUSR1; or, without SIGUSR1, to stderr shortly before the deadline)."""
    try:
        faulthandler.enable(file=sys.stderr, all_threads=True)
    except Exception:
        pass
    try:
        if ctx.trace_fd is not None and hasattr(signal, "SIGUSR1"):
            faulthandler.register(signal.SIGUSR1, file=ctx.trace_fd, all_threads=False, chain=False)
        elif ctx.trace_after:
            faulthandler.dump_traceback_later(ctx.trace_after, exit=False, file=sys.stderr)
    except Exception:
        pass


def run_child(ctx, workdir):
    """Runs in the fresh child. Never returns normally: the caller os._exit()s."""
    send = ctx.channel.send
    set_limits(ctx.memory_mb, ctx.cpu_seconds, ctx.nproc)
    install_tracebacks(ctx)
    if ctx.timing_cache_dir:
        os.environ["MLPREP_TIMING_CACHE"] = ctx.timing_cache_dir
    os.chdir(workdir)
    sys.argv = [ctx.solution]
    sys.dont_write_bytecode = True
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != PACKAGE_PARENT]
    sys.path.insert(0, os.path.dirname(ctx.solution))
    sys.modules.pop("solution", None)

    select_framework(ctx.framework)
    wrap_numpy_testing(ctx, needed=False)
    send({"t": "phase", "phase": "import-solution"})
    if not _import_solution(ctx, send):
        return
    wrap_numpy_testing(ctx, needed=True)
    send({"t": "phase", "phase": "import-tests"})
    module = _import_tests(ctx, send)
    if module is None:
        return
    test_mod_name = module.__name__
    tests = [(name, obj) for name, obj in list(vars(module).items())
             if name.startswith("test_") and callable(obj) and getattr(obj, "__module__", None) == test_mod_name]
    # Each write wakes the parent: a result and the next test's start travel together.
    pending = [{"t": "plan", "tests": [n for n, _ in tests]}]
    for name, fn in tests:
        send(*pending, {"t": "start", "name": name})
        pending = [{"t": "result", "test": run_test(ctx, name, fn).to_json()}]
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    send(*pending, {"t": "done"})


def select_framework(name):
    """Makes `name` the framework of this run before the tests import
    mlprep_harness.frameworks.user_function: through MLPREP_FRAMEWORK (read when the module is
    first asked), and directly when a parent already imported the module. The module imports
    numpy, so it is not imported here (a run without numpy must still report that)."""
    os.environ["MLPREP_FRAMEWORK"] = name
    module = sys.modules.get(__package__ + ".frameworks")
    if module is not None:
        module.set_framework(name)


def wrap_numpy_testing(ctx, needed):
    """Wraps numpy.testing's comparisons so a failure carries its values (numdiff).

    Before the solution is imported only when numpy is already loaded (the worker preloads it),
    so a solution that patches numpy.testing still replaces the wrapper, as it would replace
    numpy's own function; after it (`needed`), numpy is imported first if the test code names it.
    A convenience for reading failures, not a boundary: see the threat model in __init__.py."""
    try:
        if "numpy" not in sys.modules:
            if not needed or not _tests_mention_numpy(ctx):
                return
            import numpy  # noqa: F401 - the tests import it next anyway
        import numpy.testing
        numdiff.install(numpy.testing)
    except BaseException:  # noqa: B902 - no numpy, or a broken one: the tests will say so
        pass


def _tests_mention_numpy(ctx):
    if ctx.test_code is not None:
        names = set(getattr(ctx.test_code, "co_names", ()))
        return "numpy" in names or "np" in names
    try:
        with open(ctx.test_file, "rb") as f:
            return b"numpy" in f.read()
    except OSError:
        return False


def _import_solution(ctx, send):
    """Imports the solution as module `solution`; on failure sends why and returns False."""
    try:
        load_module("solution", ctx.solution)
        return True
    except SyntaxError as e:
        where = ctx.location(e.filename or ctx.solution, e.lineno or 1, e.offset or 1)
        msg = "%s: %s (%s, line %s, column %s)" % (type(e).__name__, e.msg, os.path.basename(where["file"]),
                                                   where["line"], where["column"])
        send({"t": "import-error", "error": RunError("syntax-error", cap(msg), location=where).to_json()})
    except BaseException as e:  # noqa: B902 - SystemExit / KeyboardInterrupt too
        tb = e.__traceback__
        missing = missing_module_of(e, ctx)
        if missing:
            send({"t": "missing-dependency", "modules": [missing]})
            return False
        lines = ["%s (while importing %s)" % (exception_text(e, ctx.memory_mb), os.path.basename(ctx.solution))]
        lines += ctx.solution_trace(tb)
        err = RunError("exception", cap_lines("\n".join(lines)), location=ctx.solution_location(tb))
        send({"t": "import-error", "error": err.to_json()})
    return False


def _import_tests(ctx, send):
    """Imports the test file; on failure sends why and returns None."""
    name = os.path.splitext(os.path.basename(ctx.test_file))[0]
    try:
        if ctx.test_code is not None:  # compiled by the parent before the fork
            module = types.ModuleType(name)
            module.__file__ = ctx.test_file
            sys.modules[name] = module
            exec(ctx.test_code, module.__dict__)
            return module
        return load_module(name, ctx.test_file)
    except BaseException as e:  # noqa: B902
        tb = e.__traceback__
        missing = missing_module_of(e, ctx)
        if missing:
            send({"t": "missing-dependency", "modules": [missing]})
            return None
        if isinstance(e, ImportError) and (getattr(e, "name", None) == "solution" or "'solution'" in str(e)):
            m = re.search(r"cannot import name '([^']+)'", str(e))
            what = ("%s does not define `%s` (the tests import it)" % (os.path.basename(ctx.solution), m.group(1))
                    if m else exception_text(e, ctx.memory_mb))
            send({"t": "import-error", "error": RunError("missing-entry", cap(what)).to_json()})
            return None
        loc = ctx.solution_location(tb)
        if loc:
            lines = [exception_text(e, ctx.memory_mb)] + ctx.solution_trace(tb)
            send({"t": "import-error", "error": RunError("exception", cap_lines("\n".join(lines)), location=loc).to_json()})
            return None
        where = ""
        if isinstance(e, SyntaxError) and e.lineno:
            where = " (line %s)" % e.lineno
        else:
            for fs in reversed(ctx.frames(tb)):
                if ctx.in_tests(fs.filename):
                    where = " (line %s)" % fs.lineno
                    break
        send({"t": "test-file-error", "error": RunError("test-file", cap_lines(
            "the test file %s failed to load%s: %s" % (os.path.basename(ctx.test_file), where,
                                                       exception_text(e, ctx.memory_mb)))).to_json()})
        return None


def _describe_compare(exc):
    """numdiff's description of a failed numpy.testing comparison, or None (then numpy's text
    is parsed instead)."""
    cmp = getattr(exc, "mlprep_compare", None)
    np = sys.modules.get("numpy")
    if not isinstance(cmp, numdiff.Compare) or np is None:
        return None
    return numdiff.describe(cmp, np)


def _describe_plain_assert(ctx, exc, text, frames):
    """numdiff's description of a failed plain `assert` in the test file (a == b, abs(a - b) < t,
    math.isclose, np.allclose), its operands re-evaluated in the test's frame; else None."""
    np = sys.modules.get("numpy")
    if np is None or not frames or not ctx.in_tests(frames[-1].filename):
        return None
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    try:
        with open(ctx.test_file, encoding="utf-8") as f:
            source = f.read()
        head = text.strip() or "assertion failed: %s" % cap((frames[-1].line or "").strip(), 200)
        cmp = numdiff.from_assert(source, tb.tb_lineno, tb.tb_frame, err_msg=head)
    except Exception:
        return None
    finally:
        tb = None
    return numdiff.describe(cmp, np) if cmp is not None else None


def run_test(ctx, name, fn):
    """Runs one test function; returns its TestResult (never raises)."""
    t0 = time.perf_counter()
    result = TestResult(name=name, status="passed")
    try:
        fn()
    except AssertionError as e:
        tb = e.__traceback__
        frames = ctx.frames(tb)
        if frames and ctx.in_solution(frames[-1].filename):
            # an `assert` in the user's own code, not a test verdict
            result.status = "error"
            result.message = cap_lines("\n".join(
                ["AssertionError raised inside your solution: %s" % (str(e) or "assert failed")] +
                ctx.solution_trace(tb)))
            result.location = ctx.solution_location(tb)
        else:
            result.status = "failed"
            text = ""
            try:
                text = str(e)
            except Exception:
                pass
            described = _describe_compare(e) or _describe_plain_assert(ctx, e, text, frames)
            if described:
                result.message = described["message"]
                result.actual = described.get("actual")
                result.expected = described.get("expected")
            elif text.strip():
                parts = split_assertion(text)
                result.message = parts["message"]
                result.actual = parts.get("actual")
                result.expected = parts.get("expected")
            else:
                src = ""
                for fs in reversed(frames):
                    if ctx.in_tests(fs.filename):
                        src = (fs.line or "").strip()
                        break
                result.message = cap("assertion failed" + (": %s" % src if src else ""))
    except BaseException as e:  # noqa: B902 - includes SystemExit, KeyboardInterrupt, MemoryError
        tb = e.__traceback__
        result.status = "error"
        lines = [exception_text(e, ctx.memory_mb)]
        loc = ctx.solution_location(tb)
        if loc:
            lines += ctx.solution_trace(tb)
            result.location = loc
        elif not isinstance(e, (SystemExit, KeyboardInterrupt)):
            lines.append("(raised in the test code while checking your result)")
        result.message = cap_lines("\n".join(lines))
    finally:
        e = tb = None  # noqa: F841 - drop frames (and big arrays) before the next test
    result.duration_ms = round((time.perf_counter() - t0) * 1000.0, 1)
    return result
