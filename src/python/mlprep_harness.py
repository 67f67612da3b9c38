#!/usr/bin/env python3
"""MLPrep test harness: runs a problem's tests against a user's solution and prints JSON.

Modes (stdlib only; numpy/pandas are imported only when installed):

  run    python mlprep_harness.py run --problem-dir D --solution F [--suite hidden|examples]
                                      [--timeout S] [--memory-mb M]
         Prints ONE JSON report on stdout and exits 0 (1 on a harness bug, 2 on bad arguments).

  serve  python mlprep_harness.py serve
         Long-lived worker. Preloads numpy (and pandas) so each run is a cheap fork. JSON lines:
           in : {"id", "type": "run", "problemDir", "solution", "suite"?, "timeoutSeconds"?, "memoryMb"?}
                {"id", "type": "cancel"}   {"type": "ping"}   {"type": "shutdown"}
           out: {"type": "ready", "protocol": 1, "pid", "python": {...}}   (once, first)
                {"type": "report", "id", "report": {...}}   (exactly once per run request)
                {"type": "pong"}   {"type": "error", "id"?, "message"}
         stdin is read while a run is in progress: a cancel (or a new run, or shutdown) kills the
         running child at once and its report has status "cancelled".

  info   python mlprep_harness.py info   -> {"python": {...}, "modules": {"numpy": bool, "pandas": bool}}

  child  internal: the spawned test process used where os.fork() does not exist.

Every run executes in a fresh child (fork, else a spawned `child`), in its own process group,
with fds 1/2 captured, stdin at /dev/null, cwd in a temp dir, RLIMIT_AS = current size + memory-mb.
Test results travel to the parent over a dedicated pipe, one JSON line per event, so nothing the
user's code prints can pass for a result.
"""

import os

# Before anything can import numpy: one BLAS thread (fork-safe, predictable timings, RLIMIT_AS-friendly).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import ast  # noqa: E402
import collections  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

try:  # imported here, not in each forked child: a child pays no import (dlopen) cost
    import faulthandler  # noqa: E402
    import resource  # noqa: E402
except ImportError:  # Windows
    resource = None

REPORT_VERSION = 1
PROTOCOL_VERSION = 1
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MEMORY_MB = 2048
KNOWN_DEPS = ("numpy", "pandas")
PIP_NAMES = {"sklearn": "scikit-learn", "yaml": "pyyaml", "cv2": "opencv-python", "PIL": "pillow"}

MAX_MESSAGE = 2000        # a test or error message
MAX_VALUE = 400           # expected / actual
MAX_LINE = 400            # one line inside a message
STREAM_HEAD = 12 * 1024   # captured stdout/stderr: first bytes kept ...
STREAM_TAIL = 4 * 1024    # ... and last bytes kept
KILL_DRAIN_S = 0.5        # after the child is gone, how long to wait for pipes held by escaped grandchildren

IS_WINDOWS = os.name == "nt"
CAN_FORK = hasattr(os, "fork") and not IS_WINDOWS and os.environ.get("MLPREP_HARNESS_NO_FORK") != "1"
HARNESS_PATH = os.path.abspath(__file__)

# fds the parent owns that a forked child must not keep (the worker's protocol stdout, selectors).
_PRIVATE_FDS = set()


# --------------------------------------------------------------------------- small helpers

def cap(text, limit=MAX_MESSAGE):
    """Truncate a string to `limit` characters, saying so."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 20)] + " … [truncated]"


def cap_lines(text, limit=MAX_MESSAGE, line_limit=MAX_LINE):
    return cap("\n".join(cap(line, line_limit) for line in text.split("\n")), limit)


def module_version(name):
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
    return {
        "executable": sys.executable,
        "version": platform.python_version(),
        "numpy": module_version("numpy"),
        "pandas": module_version("pandas"),
    }


def module_available(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def shell_quote(arg):
    if IS_WINDOWS:
        return '"%s"' % arg if re.search(r"[\s\"&|<>^]", arg) else arg
    import shlex
    return shlex.quote(arg)


def install_command(modules):
    return " ".join([shell_quote(sys.executable), "-m", "pip", "install"] +
                    [PIP_NAMES.get(m, m) for m in modules])


def signal_description(signum):
    try:
        name = signal.Signals(signum).name
    except ValueError:
        name = "signal %d" % signum
    try:
        desc = signal.strsignal(signum)
    except (AttributeError, ValueError):
        desc = None
    return "%s (%s)" % (name, desc) if desc and desc != name else name


def read_problem_meta(problem_dir):
    """The two problem.yaml fields the harness needs, read without a YAML library.

    `requires` (flow list `[numpy, pandas]` or a block list) and `timeLimitSeconds`; both are
    top-level keys, so a line-based read is enough. Missing or odd values fall back to defaults."""
    meta = {}
    try:
        with open(os.path.join(problem_dir, "problem.yaml"), encoding="utf-8") as f:
            lines = f.read(300_000).splitlines()
    except (OSError, UnicodeDecodeError):
        return meta
    for i, line in enumerate(lines):
        m = re.match(r"^requires:\s*(.*?)\s*(?:#.*)?$", line)
        if m:
            value = m.group(1)
            items = []
            if value.startswith("["):
                items = [x.strip().strip("'\"") for x in value.strip("[]").split(",")]
            elif value == "":
                for nxt in lines[i + 1:]:
                    m2 = re.match(r"^\s*-\s*['\"]?([A-Za-z0-9_.]+)['\"]?\s*(?:#.*)?$", nxt)
                    if m2:
                        items.append(m2.group(1))
                    elif nxt.strip() == "" or nxt.lstrip().startswith("#"):
                        continue
                    else:
                        break
            meta["requires"] = [x for x in items if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", x)]
            continue
        m = re.match(r"^timeLimitSeconds:\s*([0-9]+(?:\.[0-9]+)?)\s*(?:#.*)?$", line)
        if m:
            meta["timeLimitSeconds"] = float(m.group(1))
    return meta


def static_test_names(test_file):
    """Top-level `def test_*` names, read with ast (never executed): lets a report list every test
    as skipped even when the solution fails before the child could announce its plan."""
    try:
        with open(test_file, "rb") as f:
            tree = ast.parse(f.read(), filename=test_file)
    except (OSError, SyntaxError, ValueError):
        return []
    names, seen = [], set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
            if node.name not in seen:
                seen.add(node.name)
                names.append(node.name)
    return names


class Capture:
    """Bounded capture of a byte stream: keeps the head and the tail."""

    def __init__(self, head=STREAM_HEAD, tail=STREAM_TAIL):
        self.head_limit, self.tail_limit = head, tail
        self.head, self.tail, self.total = bytearray(), bytearray(), 0

    def add(self, data):
        self.total += len(data)
        room = self.head_limit - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > self.tail_limit:
                del self.tail[: len(self.tail) - self.tail_limit]

    def text(self):
        out = self.head.decode("utf-8", "replace")
        omitted = self.total - len(self.head) - len(self.tail)
        if omitted > 0:
            out += "\n… [%d bytes of output omitted] …\n" % omitted
        return out + self.tail.decode("utf-8", "replace")


# --------------------------------------------------------------------------- I/O multiplexing

class SelectorMux:
    """POSIX: one selector over the child's pipes, its pidfd and (serve mode) our stdin."""

    def __init__(self):
        import selectors
        self.sel = selectors.DefaultSelector()
        fd = getattr(self.sel, "fileno", lambda: -1)()
        if fd >= 0:
            _PRIVATE_FDS.add(fd)

    def add(self, fd, key, read=True):
        if read:
            os.set_blocking(fd, False)
        self.sel.register(fd, 1, (key, read))  # 1 == selectors.EVENT_READ

    def remove(self, fd):
        try:
            self.sel.unregister(fd)
        except (KeyError, ValueError):
            pass

    def wait(self, timeout):
        """[(key, fd, data)]: data is bytes (b"" = EOF), or None for a readiness-only source."""
        out = []
        try:
            events = self.sel.select(timeout)
        except InterruptedError:
            return out
        for skey, _ in events:
            key, read = skey.data
            if not read:
                out.append((key, skey.fd, None))
                continue
            try:
                data = os.read(skey.fd, 65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            out.append((key, skey.fd, data))
        return out


class ThreadMux:
    """Windows: select() does not work on pipes, so one reader thread per fd feeds a queue."""

    def __init__(self):
        import queue
        import threading
        self.queue = queue.Queue()
        self.threading = threading
        self.active = set()

    def add(self, fd, key, read=True):
        if not read:
            return
        self.active.add(fd)

        def pump():
            while True:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                self.queue.put((key, fd, data))
                if not data:
                    return

        self.threading.Thread(target=pump, daemon=True).start()

    def remove(self, fd):
        self.active.discard(fd)

    def wait(self, timeout):
        import queue
        out = []
        try:
            item = self.queue.get(timeout=timeout) if timeout is None or timeout > 0 else self.queue.get_nowait()
        except queue.Empty:
            return out
        while True:
            if item[1] in self.active:
                out.append(item)
            try:
                item = self.queue.get_nowait()
            except queue.Empty:
                return out


def make_mux():
    return ThreadMux() if IS_WINDOWS else SelectorMux()


def write_all(fd, data):
    while data:
        try:
            n = os.write(fd, data)
        except InterruptedError:
            continue
        except BlockingIOError:
            time.sleep(0.001)
            continue
        data = data[n:]


# --------------------------------------------------------------------------- the child side

class ResultChannel:
    """Child -> parent events, one JSON line each, on the dedicated result pipe."""

    def __init__(self, fd):
        self.fd = fd
        self.pid = os.getpid()

    def send(self, event):
        if os.getpid() != self.pid:  # a fork made by user code must not report results
            return
        try:
            data = (json.dumps(event, ensure_ascii=True) + "\n").encode("ascii")
        except Exception:  # e.g. MemoryError while serialising
            data = (json.dumps({"t": event.get("t"), "name": event.get("name"),
                                "test": {"name": (event.get("test") or {}).get("name"), "status": "error",
                                         "message": "result could not be serialised", "durationMs": 0}}) +
                    "\n").encode("ascii")
        try:
            write_all(self.fd, data)
        except OSError:
            pass


def _same_file_set(path):
    out = {os.path.normcase(os.path.abspath(path))}
    try:
        out.add(os.path.normcase(os.path.realpath(path)))
    except OSError:
        pass
    return out


class ChildContext:
    def __init__(self, solution, test_file, channel, memory_mb, requires):
        self.solution = os.path.abspath(solution)
        self.solution_names = _same_file_set(self.solution)
        self.test_file = os.path.abspath(test_file)
        self.test_names = _same_file_set(self.test_file)
        self.channel = channel
        self.memory_mb = memory_mb
        self.requires = list(requires or [])

    def in_solution(self, filename):
        return os.path.normcase(os.path.abspath(filename)) in self.solution_names

    def in_tests(self, filename):
        return os.path.normcase(os.path.abspath(filename)) in self.test_names

    def location(self, filename, line, column=None):
        return {"file": self.solution if self.in_solution(filename) else filename,
                "line": int(line or 1), "column": int(column or 1)}

    def frames(self, tb):
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
        lines = []
        for fs in self.frames(tb):
            if self.in_solution(fs.filename):
                src = (fs.line or "").strip()
                lines.append("  %s:%s in %s%s" % (os.path.basename(fs.filename), fs.lineno, fs.name,
                                                  (": " + cap(src, 160)) if src else ""))
        return lines[-limit:]


def exception_text(exc):
    name = type(exc).__name__
    try:
        text = str(exc)
    except Exception:
        text = "<unprintable %s>" % name
    if isinstance(exc, SystemExit):
        return "SystemExit: the code called sys.exit(%s) / exit(); a solution must return, not end the process" % (
            cap(repr(exc.code), 80),)
    if isinstance(exc, KeyboardInterrupt):
        return "KeyboardInterrupt: %s" % text if text else "KeyboardInterrupt"
    if isinstance(exc, MemoryError):
        return "MemoryError: %s (tests run with a %s MB memory limit)" % (text or "out of memory", ChildState.memory_mb)
    return "%s: %s" % (name, text) if text else name


class ChildState:
    memory_mb = DEFAULT_MEMORY_MB


_ACTUAL_RE = re.compile(r"^\s*(x|ACTUAL|\[left\]):\s?(.*)$")
_EXPECTED_RE = re.compile(r"^\s*(y|DESIRED|\[right\]):\s?(.*)$")


def split_assertion(message):
    """Shorten a numpy/pandas assertion message: keep the summary lines (tolerance, err_msg,
    mismatched elements, max abs/rel difference), move the printed arrays (numpy `x:`/`y:` or
    `ACTUAL:`/`DESIRED:`, pandas `[left]`/`[right]`) into actual/expected."""
    keep, actual, expected, cur = [], [], [], None
    for line in message.split("\n"):
        m = _ACTUAL_RE.match(line)
        if m:
            cur = actual
            cur.append(m.group(2))
            continue
        m = _EXPECTED_RE.match(line)
        if m:
            cur = expected
            cur.append(m.group(2))
            continue
        if cur is not None and line.startswith(" ") and line.strip():
            cur.append(line.strip())
            continue
        cur = None
        keep.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(keep)).strip("\n")
    # numpy starts with "\nNot equal to tolerance ..." then an empty err_msg line; drop blank lines
    text = "\n".join(l for l in text.split("\n") if l.strip())
    out = {"message": cap_lines(text)}
    if actual:
        out["actual"] = cap(" ".join(actual), MAX_VALUE)
    if expected:
        out["expected"] = cap(" ".join(expected), MAX_VALUE)
    return out


def set_limits(memory_mb, cpu_seconds):
    if resource is None:
        return
    for lim, value in ((getattr(resource, "RLIMIT_CORE", None), 0),):
        if lim is not None:
            try:
                resource.setrlimit(lim, (value, resource.getrlimit(lim)[1]))
            except (ValueError, OSError):
                pass
    # Memory: on top of what is already mapped, so the preloaded numpy/pandas do not count.
    if memory_mb and hasattr(resource, "RLIMIT_AS"):
        base = 0
        try:
            with open("/proc/self/statm") as f:
                base = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            base = 0
        if base:  # without /proc (macOS) RLIMIT_AS is not enforced anyway
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            want = base + int(memory_mb) * 1024 * 1024
            if hard != resource.RLIM_INFINITY:
                want = min(want, hard)
            try:
                resource.setrlimit(resource.RLIMIT_AS, (want, hard))
            except (ValueError, OSError):
                pass
    # CPU: a backstop in case the parent dies and cannot enforce the wall-clock limit.
    if cpu_seconds and hasattr(resource, "RLIMIT_CPU"):
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        used = int(time.process_time())
        want = used + int(cpu_seconds)
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (want, hard))
        except (ValueError, OSError):
            pass


def die_with_parent(parent_pid):
    """Linux: SIGKILL this child if the harness parent dies (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux") or "ctypes" not in sys.modules:
        return
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except Exception:
        return
    if os.getppid() != parent_pid:
        os._exit(1)


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError("cannot load %s" % path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_child(ctx, workdir, cpu_seconds):
    """Runs in the fresh child. Never returns normally: the caller os._exit()s."""
    send = ctx.channel.send
    ChildState.memory_mb = ctx.memory_mb
    set_limits(ctx.memory_mb, cpu_seconds)
    try:
        faulthandler.enable(file=sys.stderr, all_threads=True)
    except Exception:
        pass
    os.chdir(workdir)
    sys.argv = [ctx.solution]
    sys.dont_write_bytecode = True
    harness_dir = os.path.dirname(HARNESS_PATH)
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != harness_dir]
    sys.path.insert(0, os.path.dirname(ctx.solution))
    sys.modules.pop("solution", None)

    # -- the solution
    send({"t": "phase", "phase": "import-solution"})
    try:
        load_module("solution", ctx.solution)
    except SyntaxError as e:
        where = ctx.location(e.filename or ctx.solution, e.lineno or 1, e.offset or 1)
        kind = type(e).__name__
        msg = "%s: %s (%s, line %s, column %s)" % (kind, e.msg, os.path.basename(where["file"]),
                                                   where["line"], where["column"])
        send({"t": "import-error", "error": {"kind": "syntax-error", "message": cap(msg), "location": where}})
        return
    except BaseException as e:  # noqa: B902 - SystemExit / KeyboardInterrupt too
        tb = e.__traceback__
        missing = missing_module_of(e, ctx)
        if missing:
            send({"t": "missing-dependency", "modules": [missing]})
            return
        lines = ["%s (while importing %s)" % (exception_text(e), os.path.basename(ctx.solution))]
        lines += ctx.solution_trace(tb)
        err = {"kind": "exception", "message": cap_lines("\n".join(lines))}
        loc = ctx.solution_location(tb)
        if loc:
            err["location"] = loc
        send({"t": "import-error", "error": err})
        return

    # -- the tests
    send({"t": "phase", "phase": "import-tests"})
    test_mod_name = os.path.splitext(os.path.basename(ctx.test_file))[0]
    try:
        module = load_module(test_mod_name, ctx.test_file)
    except BaseException as e:  # noqa: B902
        tb = e.__traceback__
        missing = missing_module_of(e, ctx)
        if missing:
            send({"t": "missing-dependency", "modules": [missing]})
            return
        if isinstance(e, ImportError) and (getattr(e, "name", None) == "solution" or "'solution'" in str(e)):
            m = re.search(r"cannot import name '([^']+)'", str(e))
            what = ("%s does not define `%s` (the tests import it)" % (os.path.basename(ctx.solution), m.group(1))) if m else exception_text(e)
            send({"t": "import-error", "error": {"kind": "missing-entry", "message": cap(what)}})
            return
        loc = ctx.solution_location(tb)
        if loc:
            lines = [exception_text(e)] + ctx.solution_trace(tb)
            send({"t": "import-error", "error": {"kind": "exception", "message": cap_lines("\n".join(lines)),
                                                 "location": loc}})
            return
        where = ""
        if isinstance(e, SyntaxError) and e.lineno:
            where = " (line %s)" % e.lineno
        else:
            for fs in reversed(ctx.frames(tb)):
                if ctx.in_tests(fs.filename):
                    where = " (line %s)" % fs.lineno
                    break
        send({"t": "test-file-error", "error": {
            "kind": "test-file", "message": cap_lines("the test file %s failed to load%s: %s" % (
                os.path.basename(ctx.test_file), where, exception_text(e)))}})
        return

    tests = []
    for name, obj in list(vars(module).items()):
        if name.startswith("test_") and callable(obj) and getattr(obj, "__module__", None) == test_mod_name:
            tests.append((name, obj))
    send({"t": "plan", "tests": [n for n, _ in tests]})

    for name, fn in tests:
        send({"t": "start", "name": name})
        t0 = time.perf_counter()
        result = {"name": name, "status": "passed", "message": ""}
        try:
            fn()
        except AssertionError as e:
            tb = e.__traceback__
            frames = ctx.frames(tb)
            if frames and ctx.in_solution(frames[-1].filename):
                # an `assert` in the user's own code, not a test verdict
                result["status"] = "error"
                result["message"] = cap_lines("\n".join(
                    ["AssertionError raised inside your solution: %s" % (str(e) or "assert failed")] +
                    ctx.solution_trace(tb)))
                result["location"] = ctx.solution_location(tb)
            else:
                result["status"] = "failed"
                text = ""
                try:
                    text = str(e)
                except Exception:
                    pass
                if text.strip():
                    result.update(split_assertion(text))
                else:
                    src = ""
                    for fs in reversed(frames):
                        if ctx.in_tests(fs.filename):
                            src = (fs.line or "").strip()
                            break
                    result["message"] = cap("assertion failed" + (": %s" % src if src else ""))
        except BaseException as e:  # noqa: B902 - includes SystemExit, KeyboardInterrupt, MemoryError
            tb = e.__traceback__
            result["status"] = "error"
            lines = [exception_text(e)]
            loc = ctx.solution_location(tb)
            if loc:
                lines += ctx.solution_trace(tb)
                result["location"] = loc
            elif not isinstance(e, (SystemExit, KeyboardInterrupt)):
                lines.append("(raised in the test code while checking your result)")
            result["message"] = cap_lines("\n".join(lines))
        finally:
            e = tb = None  # noqa: F841 - drop frames (and big arrays) before the next test
        result["durationMs"] = round((time.perf_counter() - t0) * 1000.0, 1)
        send({"t": "result", "test": result})
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    send({"t": "done"})


def missing_module_of(exc, ctx):
    """The top-level name of a required/known module that is not installed, else None."""
    if not isinstance(exc, ImportError):
        return None
    name = (getattr(exc, "name", None) or "").split(".")[0]
    if isinstance(exc, ModuleNotFoundError) and name and (name in KNOWN_DEPS or name in ctx.requires):
        return name
    return None


def child_stdio_setup(out_fd, err_fd):
    """Point fds 0/1/2 at /dev/null / the capture pipes and rebuild sys.std* on them."""
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


# --------------------------------------------------------------------------- the parent side

class Job:
    def __init__(self, problem_dir, solution, suite="hidden", timeout=None, memory_mb=None, requires=None):
        self.problem_dir = os.path.abspath(problem_dir)
        self.solution = os.path.abspath(solution)
        self.suite = suite
        meta = read_problem_meta(self.problem_dir)
        self.requires = list(requires) if requires is not None else meta.get("requires", [])
        self.timeout = float(timeout) if timeout else float(meta.get("timeLimitSeconds") or DEFAULT_TIMEOUT_S)
        self.memory_mb = int(memory_mb) if memory_mb else DEFAULT_MEMORY_MB
        self.test_file = os.path.join(self.problem_dir, "test_hidden.py" if suite == "hidden" else "test_examples.py")


class ForkChild:
    def __init__(self, job, workdir):
        res_r, res_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        parent_pid = os.getpid()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        pid = os.fork()
        if pid == 0:  # ---- child
            code = 0
            try:
                os.setpgid(0, 0)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                for fd in [res_r, out_r, err_r] + sorted(_PRIVATE_FDS):
                    try:
                        os.close(fd)
                    except OSError:
                        pass
                child_stdio_setup(out_w, err_w)
                os.close(out_w)
                os.close(err_w)
                die_with_parent(parent_pid)
                ctx = ChildContext(job.solution, job.test_file, ResultChannel(res_w), job.memory_mb, job.requires)
                run_child(ctx, workdir, job.timeout + 30)
            except BaseException:  # noqa: B902 - a harness bug: say so on stderr, never return
                code = _report_harness_bug()
            finally:
                os._exit(code)
        # ---- parent
        try:
            os.setpgid(pid, pid)  # both sides set it: no window where a kill misses the group
        except OSError:
            pass
        for fd in (res_w, out_w, err_w):
            os.close(fd)
        self.pid = pid
        self.result_fd, self.out_fd, self.err_fd = res_r, out_r, err_r
        self.exit_fd = None
        if hasattr(os, "pidfd_open"):
            try:
                self.exit_fd = os.pidfd_open(pid)
            except OSError:
                self.exit_fd = None
        self.status = None  # ("exit", code) | ("signal", signum)

    def poll(self):
        if self.status is None:
            try:
                pid, st = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.status = ("exit", -1)
                return self.status
            if pid:
                self._set(st)
        return self.status

    def _set(self, st):
        if os.WIFSIGNALED(st):
            self.status = ("signal", os.WTERMSIG(st))
        else:
            self.status = ("exit", os.WEXITSTATUS(st) if os.WIFEXITED(st) else -1)

    def kill_group(self):
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass

    def reap(self):
        if self.status is None:
            try:
                _, st = os.waitpid(self.pid, 0)
                self._set(st)
            except ChildProcessError:
                self.status = ("exit", -1)
        return self.status

    def close(self):
        for fd in (self.result_fd, self.out_fd, self.err_fd, self.exit_fd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass


class SpawnChild:
    """Where fork is unavailable (Windows) or disabled: `python mlprep_harness.py child ...`."""

    def __init__(self, job, workdir):
        res_r, res_w = os.pipe()
        args = [sys.executable, HARNESS_PATH, "child", "--solution", job.solution, "--test-file", job.test_file,
                "--workdir", workdir, "--memory-mb", str(job.memory_mb), "--cpu-seconds", str(int(job.timeout + 30)),
                "--requires", ",".join(job.requires)]
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONUTF8="1")
        kwargs = {}
        if IS_WINDOWS:
            import msvcrt
            handle = msvcrt.get_osfhandle(res_w)
            os.set_handle_inheritable(handle, True)
            si = subprocess.STARTUPINFO()
            si.lpAttributeList = {"handle_list": [handle]}
            kwargs["startupinfo"] = si
            kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)
            args += ["--result-handle", str(handle)]
        else:
            kwargs["pass_fds"] = (res_w,)
            kwargs["start_new_session"] = True
            args += ["--result-fd", str(res_w)]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=workdir, env=env, **kwargs)
        os.close(res_w)
        self.pid = self.proc.pid
        self.result_fd = res_r
        self.out_fd = self.proc.stdout.fileno()
        self.err_fd = self.proc.stderr.fileno()
        self.exit_fd = None
        self.status = None

    def poll(self):
        if self.status is None:
            rc = self.proc.poll()
            if rc is not None:
                self.status = ("signal", -rc) if rc < 0 else ("exit", rc)
        return self.status

    def kill_group(self):
        try:
            if IS_WINDOWS:
                self.proc.kill()
            else:
                os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            try:
                self.proc.kill()
            except OSError:
                pass

    def reap(self):
        if self.status is None:
            rc = self.proc.wait()
            self.status = ("signal", -rc) if rc < 0 else ("exit", rc)
        return self.status

    def close(self):
        try:
            os.close(self.result_fd)
        except OSError:
            pass
        for f in (self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass


class Preloaded:
    """Modules imported by the parent (serve: numpy and pandas; run: what the problem requires).
    Maps name -> None when importable, else the import error text."""

    def __init__(self):
        self.state = {}

    def load(self, name):
        if name in self.state:
            return self.state[name]
        try:
            __import__(name)
            self.state[name] = None
        except BaseException as e:  # noqa: B902 - a broken install can raise anything
            self.state[name] = "%s: %s" % (type(e).__name__, cap(str(e), 300))
        return self.state[name]

    def missing(self, names):
        out = []
        for name in names:
            if name in self.state:
                if self.state[name] is not None:
                    out.append(name)
            elif not module_available(name):
                out.append(name)
        return out


def missing_dependency_error(modules, extra_known=True):
    """error object for status missing-dependency; the install command also lists the other
    catalogue dependency when it is missing too, so one command fixes every problem."""
    modules = list(dict.fromkeys(modules))
    to_install = list(modules)
    if extra_known:
        to_install += [m for m in KNOWN_DEPS if m not in to_install and not module_available(m)]
    cmd = install_command(to_install)
    names = " and ".join(modules)
    return {
        "kind": "missing-dependency",
        "message": cap("This problem needs %s, which %s not installed for %s (Python %s). Install with: %s" % (
            names, "is" if len(modules) == 1 else "are", sys.executable, platform.python_version(), cmd)),
        "modules": modules,
        "installCommand": cmd,
    }


class RunState:
    """What the parent learned from the child's result pipe."""

    def __init__(self):
        self.buf = b""
        self.plan = None
        self.results = collections.OrderedDict()
        self.current = None
        self.phase = "starting"
        self.done = False
        self.import_error = None
        self.test_file_error = None
        self.missing = None

    def feed(self, data):
        self.buf += data
        while b"\n" in self.buf:
            line, self.buf = self.buf.split(b"\n", 1)
            try:
                ev = json.loads(line.decode("utf-8"))
            except ValueError:
                continue
            self.on_event(ev)

    def on_event(self, ev):
        t = ev.get("t")
        if t == "phase":
            self.phase = ev.get("phase")
        elif t == "plan":
            self.plan = [str(n) for n in ev.get("tests", [])]
            self.phase = "tests"
        elif t == "start":
            self.current = ev.get("name")
        elif t == "result":
            test = ev.get("test") or {}
            if test.get("name"):
                self.results[test["name"]] = test
            self.current = None
        elif t == "import-error":
            self.import_error = ev.get("error")
        elif t == "test-file-error":
            self.test_file_error = ev.get("error")
        elif t == "missing-dependency":
            self.missing = ev.get("modules") or []
        elif t == "done":
            self.done = True


def solution_location_from_faulthandler(stderr_text, solution):
    names = _same_file_set(solution)
    for m in re.finditer(r'File "([^"]+)", line (\d+)', stderr_text):
        if os.path.normcase(os.path.abspath(m.group(1))) in names:
            return {"file": os.path.abspath(solution), "line": int(m.group(2)), "column": 1}
    return None


def new_report(job, info):
    return {
        "version": REPORT_VERSION,
        "suite": job.suite,
        "status": "ok",
        "summary": {"passed": 0, "failed": 0, "errors": 0, "timeouts": 0, "skipped": 0, "total": 0},
        "durationMs": 0,
        "tests": [],
        "stdout": "",
        "stderr": "",
        "python": info,
    }


def finish_report(report, tests, t0):
    report["tests"] = tests
    s = report["summary"]
    key = {"passed": "passed", "failed": "failed", "error": "errors", "timeout": "timeouts", "skipped": "skipped"}
    for t in tests:
        s[key[t["status"]]] += 1
    s["total"] = len(tests)
    report["durationMs"] = int(round((time.monotonic() - t0) * 1000))
    return report


def skipped_tests(names, message):
    return [{"name": n, "status": "skipped", "message": message, "durationMs": 0} for n in names]


class Workdirs:
    """The child's cwd. An empty one is reused by the next run (mkdir/rmdir cost milliseconds on
    some disks); one the user's code wrote into is deleted."""

    def __init__(self):
        self.free = None

    def acquire(self):
        path, self.free = self.free, None
        return path if path and os.path.isdir(path) else tempfile.mkdtemp(prefix="mlprep-run-")

    def release(self, path):
        try:
            empty = not os.listdir(path)
        except OSError:
            empty = False
        if empty and self.free is None:
            self.free = path
        else:
            shutil.rmtree(path, ignore_errors=True)

    def close(self):
        if self.free:
            shutil.rmtree(self.free, ignore_errors=True)
            self.free = None


def run_job(job, info, preloaded, mux=None, on_stdin=None, should_cancel=None, workdirs=None):
    """Run one job in a fresh child and return the report. `on_stdin`/`should_cancel` let the
    serve loop keep reading requests while the child runs."""
    t0 = time.monotonic()
    report = new_report(job, info)
    if job.suite not in ("hidden", "examples"):
        report["status"] = "harness-error"
        report["error"] = {"kind": "bad-request", "message": "suite must be hidden or examples (got %r)" % (job.suite,)}
        return finish_report(report, [], t0)
    if not os.path.isfile(job.test_file):
        report["status"] = "harness-error"
        report["error"] = {"kind": "missing-tests", "message": cap("test file not found: %s" % job.test_file)}
        return finish_report(report, [], t0)
    names = static_test_names(job.test_file)
    if not os.path.isfile(job.solution):
        report["status"] = "import-error"
        report["error"] = {"kind": "missing-solution", "message": cap("solution file not found: %s" % job.solution)}
        return finish_report(report, skipped_tests(names, "not run: the solution file is missing"), t0)
    missing = preloaded.missing(job.requires)
    if missing:
        report["status"] = "missing-dependency"
        report["error"] = missing_dependency_error(missing)
        return finish_report(report, skipped_tests(names, "not run: %s not installed" % ", ".join(missing)), t0)

    own_workdirs = workdirs is None
    workdirs = workdirs or Workdirs()
    workdir = workdirs.acquire()
    mux = mux or make_mux()
    state, out, err = RunState(), Capture(), Capture()
    child = None
    outcome = None  # "cancelled" | "timeout" | None (child ended by itself)
    try:
        child = (ForkChild if CAN_FORK else SpawnChild)(job, workdir)
        streams = {child.result_fd: "result", child.out_fd: "stdout", child.err_fd: "stderr"}
        for fd, key in streams.items():
            mux.add(fd, key)
        if child.exit_fd is not None:
            mux.add(child.exit_fd, "exit", read=False)
        open_fds = set(streams)
        deadline = t0 + job.timeout

        def dispatch(events):
            for key, fd, data in events:
                if key == "stdin":
                    on_stdin(data)
                elif key == "exit":
                    mux.remove(fd)
                    child.poll() or child.reap()
                elif fd in open_fds:
                    if not data:
                        mux.remove(fd)
                        open_fds.discard(fd)
                    elif key == "result":
                        state.feed(data)
                    elif key == "stdout":
                        out.add(data)
                    else:
                        err.add(data)

        while True:
            if child.poll() is not None:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                outcome = "timeout"
                break
            # with a pidfd the exit wakes us; otherwise poll the child every 10 ms
            tick = remaining if child.exit_fd is not None else min(remaining, 0.01)
            events = mux.wait(tick)
            dispatch(events)
            if events and all(ev[0] in ("stdout", "stderr") and ev[2] for ev in events):
                # A chatty child: let output pile up a little instead of waking for every line.
                time.sleep(0.002)
            if should_cancel is not None and should_cancel():
                outcome = "cancelled"
                break
        # Kill the whole group: the child if still running, and anything it left behind.
        child.kill_group()
        child.reap()
        # Drain what is still in the pipes (EOF comes at once unless a grandchild escaped the group).
        drain_until = time.monotonic() + KILL_DRAIN_S
        while open_fds and time.monotonic() < drain_until:
            dispatch(mux.wait(max(0.0, drain_until - time.monotonic())))
        for fd in list(open_fds):
            mux.remove(fd)
    finally:
        if child is not None:
            if child.exit_fd is not None:
                mux.remove(child.exit_fd)
            if child.status is None:
                child.kill_group()
                child.reap()
            child.close()
        workdirs.release(workdir)
        if own_workdirs:
            workdirs.close()

    report["stdout"] = out.text()
    report["stderr"] = err.text()
    return assemble(report, job, state, child.status, outcome, names, t0)


def assemble(report, job, state, status, outcome, static_names, t0):
    names = state.plan if state.plan is not None else static_names
    sol = os.path.basename(job.solution)
    tests = []
    if state.missing:
        report["status"] = "missing-dependency"
        report["error"] = missing_dependency_error(state.missing)
        return finish_report(report, skipped_tests(names, "not run: %s not installed" % ", ".join(state.missing)), t0)
    if state.import_error and not state.done:
        report["status"] = "import-error"
        report["error"] = state.import_error
        return finish_report(report, skipped_tests(names, "not run: %s failed to import" % sol), t0)
    if state.test_file_error and not state.done:
        report["status"] = "harness-error"
        report["error"] = state.test_file_error
        return finish_report(report, skipped_tests(names, "not run: the test file failed to load"), t0)

    # Why the run ended early, if it did.
    if state.done:
        head, err, run_status = None, None, "ok"
    elif outcome == "cancelled":
        run_status = "cancelled"
        head = "cancelled"
        err = {"kind": "cancelled", "message": "the run was cancelled"}
    elif outcome == "timeout":
        run_status = "timeout"
        where = {"import-solution": "while importing %s (an infinite loop at module level?)" % sol,
                 "starting": "before the tests started", "import-tests": "while loading the tests"}.get(
            state.phase, "while running %s" % state.current if state.current else "")
        head = "timed out: the suite exceeded its %g s time limit" % job.timeout
        err = {"kind": "timeout", "message": cap("%s %s" % (head, where)).strip()}
    else:
        run_status = "crashed"
        kind, value = status if status else ("exit", -1)
        during = ("while running %s" % state.current) if state.current else {
            "import-solution": "while importing %s" % sol, "import-tests": "while loading the tests"}.get(
            state.phase, "between tests")
        if kind == "signal":
            desc = signal_description(value)
            head = "the test process was killed by %s %s" % (desc, during)
            if value == getattr(signal, "SIGKILL", 9):
                head += " (most likely it ran out of memory)"
            elif value == getattr(signal, "SIGXCPU", -1):
                head += " (CPU time limit)"
        else:
            head = "the test process exited with code %s %s without reporting a result (os._exit() in the solution?)" % (
                value, during)
        err = {"kind": "crashed", "message": cap(head)}
        if kind == "signal":
            err["signal"] = signal_description(value).split(" ")[0]
        else:
            err["exitCode"] = value
        loc = solution_location_from_faulthandler(report["stderr"], job.solution)
        if loc:
            err["location"] = loc
    report["status"] = run_status
    if err:
        report["error"] = err

    for name in names:
        if name in state.results:
            tests.append(state.results[name])
        elif name == state.current and outcome == "timeout":
            tests.append({"name": name, "status": "timeout",
                          "message": "stopped: the suite exceeded its %g s time limit while this test ran (an infinite loop, or too slow?)" % job.timeout,
                          "durationMs": 0})
        elif name == state.current and run_status == "crashed":
            t = {"name": name, "status": "error", "message": cap(head), "durationMs": 0}
            if err.get("location"):
                t["location"] = err["location"]
            tests.append(t)
        elif run_status == "ok":  # done but a planned test has no result: should not happen
            tests.append({"name": name, "status": "error", "message": "no result was reported", "durationMs": 0})
        else:
            tests.append({"name": name, "status": "skipped", "message": cap("not run: " + head, 300), "durationMs": 0})
    # tests reported by the child but absent from the static list (generated tests)
    for name, t in state.results.items():
        if name not in names:
            tests.append(t)
    return finish_report(report, tests, t0)


def harness_error_report(job_like, info, message):
    report = new_report(job_like, info)
    report["status"] = "harness-error"
    report["error"] = {"kind": "harness", "message": cap_lines(message)}
    return report


class _JobShell:
    def __init__(self, suite):
        self.suite = suite if suite in ("hidden", "examples") else "hidden"


# --------------------------------------------------------------------------- modes

def cmd_run(args):
    preloaded = Preloaded()
    job = Job(args.problem_dir, args.solution, args.suite, args.timeout, args.memory_mb)
    for name in job.requires:  # the child inherits them: one import for the parent and the child
        preloaded.load(name)
    info = python_info()
    try:
        report = run_job(job, info, preloaded)
        code = 0
    except Exception:
        report = harness_error_report(job, info, traceback.format_exc())
        code = 1
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    return code


class Server:
    def __init__(self):
        # Protocol lines go to a private copy of fd 1; fd 1 itself now points at stderr so a stray
        # print (ours or a library's) can never corrupt the protocol.
        self.out_fd = os.dup(1)
        _PRIVATE_FDS.add(self.out_fd)
        os.dup2(2, 1)
        sys.stdout = open(1, "w", closefd=False)
        self.inbox = collections.deque()
        self.buf = b""
        self.eof = False
        self.preloaded = Preloaded()
        self.mux = make_mux()
        self.stdin_fd = 0
        self.workdirs = Workdirs()
        self.info = None

    def send(self, msg):
        write_all(self.out_fd, (json.dumps(msg) + "\n").encode("utf-8"))

    def on_stdin(self, data):
        if not data:
            self.eof = True
            self.mux.remove(self.stdin_fd)
            return
        self.buf += data
        while b"\n" in self.buf:
            line, self.buf = self.buf.split(b"\n", 1)
            line = line.strip()
            if not line:
                continue
            try:
                msg = json.loads(line.decode("utf-8"))
                if not isinstance(msg, dict):
                    raise ValueError("not an object")
            except ValueError as e:
                self.send({"type": "error", "message": cap("bad request line: %s" % e, 300)})
                continue
            if msg.get("type") == "ping":  # answered at once, even mid-run
                self.send({"type": "pong"})
            else:
                self.inbox.append(msg)

    def interrupting(self, run_id):
        """During a run: True when the run must stop (cancel of it, a newer run, shutdown, EOF)."""
        if self.eof:
            return True
        for msg in list(self.inbox):
            t = msg.get("type")
            if t == "cancel":
                self.inbox.remove(msg)
                if msg.get("id") == run_id:
                    return True
            elif t in ("run", "shutdown"):
                return True  # left in the inbox: handled after this run's report
        return False

    def handle_run(self, msg):
        run_id = msg.get("id")
        suite = msg.get("suite") or "hidden"
        info = self.info
        problem_dir, solution = msg.get("problemDir"), msg.get("solution")
        try:
            if not isinstance(problem_dir, str) or not isinstance(solution, str):
                raise ValueError("run needs string fields problemDir and solution")
            timeout = msg.get("timeoutSeconds")
            memory = msg.get("memoryMb")
            for label, v in (("timeoutSeconds", timeout), ("memoryMb", memory)):
                if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0):
                    raise ValueError("%s must be a positive number" % label)
            job = Job(problem_dir, solution, suite, timeout, memory)
        except ValueError as e:
            self.send({"type": "report", "id": run_id, "report": harness_error_report(_JobShell(suite), info, str(e))})
            return
        try:
            report = run_job(job, info, self.preloaded, self.mux, self.on_stdin, lambda: self.interrupting(run_id),
                             self.workdirs)
        except Exception:
            report = harness_error_report(job, info, traceback.format_exc())
        self.send({"type": "report", "id": run_id, "report": report})

    def serve(self):
        for name in KNOWN_DEPS:
            self.preloaded.load(name)
        if self.preloaded.state.get("numpy") is None:
            try:  # numpy 2 imports numpy.testing lazily; every test file uses it
                import numpy.testing  # noqa: F401
            except Exception:
                pass
        _warm_up_libraries()
        self.info = python_info()  # once: importlib.metadata lookups cost milliseconds
        self.send({"type": "ready", "protocol": PROTOCOL_VERSION, "pid": os.getpid(), "python": self.info,
                   "fork": CAN_FORK})
        self.mux.add(self.stdin_fd, "stdin")
        while True:
            while not self.inbox and not self.eof:
                for key, _fd, data in self.mux.wait(None):
                    if key == "stdin":
                        self.on_stdin(data)
            if not self.inbox:
                return 0  # EOF: the editor went away
            msg = self.inbox.popleft()
            t = msg.get("type")
            if t == "shutdown":
                return 0
            if t == "run":
                self.handle_run(msg)
            elif t == "cancel":
                pass  # nothing running under that id: its report was already sent
            else:
                self.send({"type": "error", "id": msg.get("id"), "message": cap("unknown request type %r" % (t,), 200)})


def cmd_serve(_args):
    server = Server()
    try:
        return server.serve()
    except BrokenPipeError:
        return 0
    finally:
        server.workdirs.close()


def cmd_info(_args):
    out = {"python": python_info(), "modules": {m: module_available(m) for m in KNOWN_DEPS}, "fork": CAN_FORK}
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


def cmd_child(args):
    """Spawned test process (no fork): stdout/stderr are already the capture pipes."""
    if args.result_handle is not None:
        import msvcrt
        res_fd = msvcrt.open_osfhandle(int(args.result_handle), os.O_WRONLY)
    else:
        res_fd = int(args.result_fd)
    code = 0
    try:
        child_stdio_setup(1, 2)
        ctx = ChildContext(args.solution, args.test_file, ResultChannel(res_fd), args.memory_mb,
                           [r for r in (args.requires or "").split(",") if r])
        run_child(ctx, args.workdir, args.cpu_seconds)
    except BaseException:  # noqa: B902
        code = _report_harness_bug()
    finally:
        os._exit(code)


def _on_sigterm(signum, _frame):
    raise SystemExit(128 + signum)  # unwinds through run_job's finally: the child group is killed


def _report_harness_bug():
    """In a test child: print the harness's own traceback to stderr and return the exit code
    (70) that tells the parent the harness, not the user's code, failed."""
    try:
        traceback.print_exc()
        sys.stderr.flush()
    except BaseException:  # noqa: B902
        pass
    return 70


def _warm_up_libraries():
    """Runs a few typical operations once, before any fork: numpy and pandas import many
    submodules lazily on first use (groupby, merge, datetime parsing, testing helpers), and a
    forked child would otherwise pay for them on every run."""
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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="mlprep_harness.py", description="MLPrep test harness")
    sub = parser.add_subparsers(dest="mode")
    sub.required = True
    p_run = sub.add_parser("run", help="run one suite and print a JSON report")
    p_run.add_argument("--problem-dir", required=True)
    p_run.add_argument("--solution", required=True)
    p_run.add_argument("--suite", choices=("hidden", "examples"), default="hidden")
    p_run.add_argument("--timeout", type=float, default=None, help="wall-clock seconds (default: the problem's timeLimitSeconds, else 10)")
    p_run.add_argument("--memory-mb", type=int, default=None, help="memory limit in MB above the harness's own (default 2048)")
    sub.add_parser("serve", help="long-lived worker speaking JSON lines on stdin/stdout")
    sub.add_parser("info", help="print the interpreter's details as JSON")
    p_child = sub.add_parser("child", help=argparse.SUPPRESS)
    p_child.add_argument("--solution", required=True)
    p_child.add_argument("--test-file", required=True)
    p_child.add_argument("--workdir", required=True)
    p_child.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB)
    p_child.add_argument("--cpu-seconds", type=int, default=60)
    p_child.add_argument("--requires", default="")
    p_child.add_argument("--result-fd", default=None)
    p_child.add_argument("--result-handle", default=None)
    args = parser.parse_args(argv)
    if args.mode == "run" and args.timeout is not None and args.timeout <= 0:
        parser.error("--timeout must be positive")
    if args.mode == "run" and args.memory_mb is not None and args.memory_mb <= 0:
        parser.error("--memory-mb must be positive")
    if args.mode in ("run", "serve"):
        try:
            signal.signal(signal.SIGTERM, _on_sigterm)
        except (ValueError, OSError):
            pass
    return {"run": cmd_run, "serve": cmd_serve, "info": cmd_info, "child": cmd_child}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
