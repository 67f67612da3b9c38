"""A problem on disk as the harness sees it: the two problem.yaml fields it needs, its test
names (read statically), and one run request (`Job`)."""

import ast
import os
import re

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MEMORY_MB = 2048


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
    """Top-level `def test_*` names, read with ast (never executed).

    Lets a report list every test as skipped even when the solution fails before the child could
    announce its plan."""
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


class TestFileCache:
    """Test files read once per version: their static test names and compiled code, keyed by
    (path, mtime, size). The worker compiles a suite's tests before forking, so each test child
    only executes them; a problem's tests rarely change between saves."""

    def __init__(self, limit=32):
        self.limit = limit
        self.entries = {}

    def _key(self, path):
        try:
            st = os.stat(path)
        except OSError:
            return None
        return (path, st.st_mtime_ns, st.st_size)

    def code(self, path):
        """The compiled code of `path` (cached), or None when it cannot be read or compiled."""
        key = self._key(path)
        if key is not None and key in self.entries:
            return self.entries[key][1]
        try:
            with open(path, "rb") as f:
                return compile(f.read(), path, "exec", dont_inherit=True)
        except (OSError, SyntaxError, ValueError):
            return None

    def get(self, path):
        """(static test names, code object or None when it does not compile) for `path`."""
        key = self._key(path)
        if key is not None and key in self.entries:
            return self.entries[key]
        names = static_test_names(path)
        code = None
        try:
            with open(path, "rb") as f:
                code = compile(f.read(), path, "exec", dont_inherit=True)
        except (OSError, SyntaxError, ValueError):
            code = None  # the child imports it the usual way and reports the error
        if key is not None:
            if len(self.entries) >= self.limit:
                self.entries.pop(next(iter(self.entries)))
            self.entries[key] = (names, code)
        return names, code


FRAMEWORKS = ("numpy", "pytorch")


def suite_test_file(problem_dir, suite, framework="numpy"):
    """The test file of `suite` for a solution written in `framework`: the hidden suite is shared
    (test_hidden.py adapts the user's function, see frameworks.py); the examples are per framework
    (test_examples.py, or test_examples_pytorch.py for a PyTorch solution)."""
    if suite == "hidden":
        return os.path.join(problem_dir, "test_hidden.py")
    return os.path.join(problem_dir, "test_examples_pytorch.py" if framework == "pytorch" else "test_examples.py")


class Job:
    """One run request: absolute paths, the suite's test file, time (s) and memory (MB) limits,
    the modules the problem requires, the timing-cache dir for the child's environment, and the
    framework the solution is written in ('numpy' or 'pytorch'; a PyTorch run also requires torch).

    Raises ValueError for an unknown framework."""

    def __init__(self, problem_dir, solution, suite="hidden", timeout=None, memory_mb=None, requires=None,
                 timing_cache_dir=None, framework=None, test_file=None):
        framework = framework or "numpy"
        if framework not in FRAMEWORKS:
            raise ValueError("framework must be numpy or pytorch (got %r)" % (framework,))
        self.problem_dir = os.path.abspath(problem_dir)
        self.solution = os.path.abspath(solution)
        self.suite = suite
        self.framework = framework
        meta = read_problem_meta(self.problem_dir)
        self.requires = list(requires) if requires is not None else meta.get("requires", [])
        if framework == "pytorch" and "torch" not in self.requires:
            self.requires.append("torch")
        self.timeout = float(timeout) if timeout else float(meta.get("timeLimitSeconds") or DEFAULT_TIMEOUT_S)
        self.memory_mb = int(memory_mb) if memory_mb else DEFAULT_MEMORY_MB
        self.test_file = test_file or suite_test_file(self.problem_dir, suite, framework)
        self.timing_cache_dir = timing_cache_dir
