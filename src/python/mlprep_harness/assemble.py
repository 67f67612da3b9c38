"""Turning what the test child reported, and how it ended, into a Report.

RunState follows the child's result pipe (and forwards each finished test as it arrives);
`assemble` decides the run's status and each test's verdict, saying where a timeout or a crash
happened in the solution (from faulthandler dumps) and whether printing may have caused a timeout.
"""

import collections
import json
import linecache
import os
import re
import signal

from .child import same_file_set
from .environment import missing_dependency_error
from .protocol import SUITES, Report, RunError, TestResult, location
from .text import cap, cap_lines, count_phrase, signal_description


class RunState:
    """What the parent learned from the child's result pipe; calls `on_started(names)` when the
    plan arrives and `on_test(index, total, TestResult)` for each result, as they arrive."""

    def __init__(self, on_started=None, on_test=None):
        self.buf = b""
        self.plan = None
        self.results = collections.OrderedDict()
        self.current = None
        self.phase = "starting"
        self.done = False
        self.import_error = None
        self.test_file_error = None
        self.missing = None
        self.on_started = on_started
        self.on_test = on_test

    def feed(self, data):
        """Consumes bytes from the result pipe (JSON lines; a bad line is skipped)."""
        self.buf += data
        while b"\n" in self.buf:
            line, self.buf = self.buf.split(b"\n", 1)
            try:
                ev = json.loads(line.decode("utf-8"))
            except ValueError:
                continue
            if isinstance(ev, dict):
                self.on_event(ev)

    def on_event(self, ev):
        """Applies one child event."""
        t = ev.get("t")
        if t == "phase":
            self.phase = ev.get("phase")
        elif t == "plan":
            tests = ev.get("tests")
            self.plan = [str(n) for n in tests] if isinstance(tests, list) else []
            self.phase = "tests"
            if self.on_started:
                self.on_started(list(self.plan))
        elif t == "start":
            self.current = ev.get("name")
        elif t == "result":
            test = TestResult.from_json(ev.get("test"))
            if test is not None:
                self.results[test.name] = test
                if self.on_test:
                    plan = self.plan or []
                    index = plan.index(test.name) if test.name in plan else len(self.results) - 1
                    self.on_test(index, max(len(plan), len(self.results)), test)
            self.current = None
        elif t == "import-error":
            self.import_error = RunError.from_json(ev.get("error"))
        elif t == "test-file-error":
            self.test_file_error = RunError.from_json(ev.get("error"))
        elif t == "missing-dependency":
            mods = ev.get("modules")
            self.missing = [str(m) for m in mods] if isinstance(mods, list) else []
        elif t == "done":
            self.done = True


_FRAME_RE = re.compile(r'File "([^"]+)", line (\d+) in (\S+)')


def solution_frames(dump, solution):
    """Frames of `solution` in a faulthandler dump, innermost first: [(line, function)].

    When the dump holds several stacks (a Windows stderr can hold older text), the last one wins."""
    blocks = re.split(r"^(?:Stack|Thread 0x[0-9a-f]+|Current thread 0x[0-9a-f]+) \(most recent call first\):$",
                      dump, flags=re.MULTILINE)
    names = same_file_set(solution)
    for block in reversed(blocks[1:] if len(blocks) > 1 else blocks):
        frames = [(int(m.group(2)), m.group(3)) for m in _FRAME_RE.finditer(block)
                  if os.path.normcase(os.path.abspath(m.group(1))) in names]
        if frames:
            return frames
    return []


def crash_location(stderr_text, solution):
    """Where a crash happened in the solution, from faulthandler's crash dump on stderr, or None."""
    names = same_file_set(solution)
    for m in _FRAME_RE.finditer(stderr_text):
        if os.path.normcase(os.path.abspath(m.group(1))) in names:
            return location(os.path.abspath(solution), int(m.group(2)))
    return None


def describe_frames(frames, solution, limit=4):
    """"solution.py:6 in add: `while True:`" lines, outermost first, for the innermost `limit` frames."""
    name = os.path.basename(solution)
    out = []
    for line, fn in reversed(frames[:limit]):
        src = linecache.getline(solution, line).strip()
        out.append("  %s:%d in %s%s" % (name, line, fn, (": " + cap(src, 160)) if src else ""))
    return out


def _printing_note(out):
    """For a timeout: how much the code printed, when it was enough to matter, else ""."""
    if not out.stats().truncated:
        return ""
    return ("; it printed %s (%s of output, only the first and last lines are kept), and printing that "
            "much can itself use up the time limit" % (count_phrase(out.lines, "line"), _size(out.total)))


def _size(n):
    return "%.1f MB" % (n / 1e6) if n >= 1e6 else "%d KB" % max(1, n // 1000)


def assemble(report, job, state, status, outcome, static_names, trace_text, out):
    """Fills `report` (status, error, tests) from what the child reported and how it ended."""
    names = state.plan if state.plan is not None else static_names
    sol = os.path.basename(job.solution)
    if state.missing:
        report.tests = [TestResult.skipped(n, "not run: %s not installed" % ", ".join(state.missing)) for n in names]
        report.fail("missing-dependency", missing_dependency_error(state.missing))
        return
    if state.import_error and not state.done:
        report.tests = [TestResult.skipped(n, "not run: %s failed to import" % sol) for n in names]
        report.fail("import-error", state.import_error)
        return
    if state.test_file_error and not state.done:
        report.tests = [TestResult.skipped(n, "not run: the test file failed to load") for n in names]
        report.fail("harness-error", state.test_file_error)
        return

    # Why the run ended early, if it did.
    where_loc = None
    if state.done:
        head, err, run_status = None, None, "ok"
    elif outcome == "cancelled":
        run_status, head = "cancelled", "cancelled"
        err = RunError("cancelled", "the run was cancelled")
    elif outcome == "timeout":
        run_status = "timeout"
        during = {"import-solution": "while importing %s (an infinite loop at module level?)" % sol,
                  "starting": "before the tests started", "import-tests": "while loading the tests"}.get(
            state.phase, "while running %s" % state.current if state.current else "")
        head = "timed out: the suite exceeded its %g s time limit" % job.timeout
        frames = solution_frames(trace_text, job.solution)
        at = ""
        if frames:
            where_loc = location(job.solution, frames[0][0])
            at = ", at %s line %d" % (sol, frames[0][0])
        lines = ["%s %s%s%s" % (head, during, at, _printing_note(out))]
        if frames:
            lines += ["the code was running:"] + describe_frames(frames, job.solution)
        err = RunError("timeout", cap("\n".join(lines)).strip(), location=where_loc)
    else:
        run_status = "crashed"
        kind, value = status if status else ("exit", -1)
        during = ("while running %s" % state.current) if state.current else {
            "import-solution": "while importing %s" % sol, "import-tests": "while loading the tests"}.get(
            state.phase, "between tests")
        if kind == "signal":
            head = "the test process was killed by %s %s" % (signal_description(value), during)
            if value == getattr(signal, "SIGKILL", 9):
                head += " (most likely it ran out of memory)"
            elif value == getattr(signal, "SIGXCPU", -1):
                head += " (CPU time limit)"
        else:
            head = "the test process exited with code %s %s without reporting a result (os._exit() in the solution?)" % (
                value, during)
        where_loc = crash_location(report.stderr, job.solution)
        err = RunError("crashed", cap(head), location=where_loc,
                       signal=signal_description(value).split(" ")[0] if kind == "signal" else None,
                       exit_code=None if kind == "signal" else value)
    report.status = run_status
    report.error = err

    tests = []
    for name in names:
        if name in state.results:
            tests.append(state.results[name])
        elif name == state.current and outcome == "timeout":
            tests.append(TestResult(name=name, status="timeout", location=where_loc, message=cap(
                "stopped: the suite exceeded its %g s time limit while this test ran%s" % (
                    job.timeout, (", at %s line %d" % (sol, where_loc["line"])) if where_loc else
                    " (an infinite loop, or too slow?)") + _printing_note(out))))
        elif name == state.current and run_status == "crashed":
            tests.append(TestResult(name=name, status="error", message=cap(head), location=where_loc))
        elif run_status == "ok":  # done but a planned test has no result: should not happen
            tests.append(TestResult(name=name, status="error", message="no result was reported"))
        else:
            tests.append(TestResult.skipped(name, cap("not run: " + head, 300)))
    # tests reported by the child but absent from the static list (generated tests)
    for name, t in state.results.items():
        if name not in names:
            tests.append(t)
    report.tests = tests


def harness_error_report(suite, info, message):
    """A Report with status harness-error (a bug or a bad request, not the user's code)."""
    return Report(suite=suite if suite in SUITES else "hidden", python=info).fail(
        "harness-error", RunError("harness", cap_lines(message)))
