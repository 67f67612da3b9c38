"""The messages the harness shares with TypeScript, built in one place.

TypeScript parses them in src/core/runner/report.ts; test/fixtures/worker-protocol/ holds the
schema and golden messages that both sides are checked against (contract test).

Worker (`serve`) protocol, JSON lines:
  in : {"id", "type": "run", "problemDir", "solution", "suite"?, "timeoutSeconds"?, "memoryMb"?,
        "timingCacheDir"?, "framework"?: "numpy" (default) | "pytorch", "followUps"?}
       `followUps` (hidden suite only): the ids of the unlocked follow-up parts in order; the run
       then executes part 1's test_hidden.py and each followups/<id>/test_hidden.py (parts 2..k),
       one child per part, and each TestResult carries its `part`; see parts.py.
       {"id", "type": "cancel"}   {"type": "ping"}   {"type": "shutdown"}
  out: {"type": "ready", "protocol", "pid", "python", "fork"}        once, first
       {"type": "started", "id", "tests": [names], "parts"?: [part]}  once per run, when known
                                                                      (`parts` parallel to `tests`
                                                                      in a run with follow-ups)
       {"type": "test", "id", "index", "total", "test": TestResult}   per test, as it finishes
       {"type": "report", "id", "report": Report}                     exactly once per run request
       {"type": "pong"}   {"type": "error", "id"?, "message"}

A `test` message carries the same TestResult that the final report lists for that test.
"""

from dataclasses import dataclass, field
from typing import List, Optional

from .text import cap

REPORT_VERSION = 1
PROTOCOL_VERSION = 1

RUN_STATUSES = ("ok", "import-error", "timeout", "crashed", "cancelled", "missing-dependency", "harness-error")
TEST_STATUSES = ("passed", "failed", "error", "timeout", "skipped")
SUITES = ("hidden", "examples")
_SUMMARY_KEY = {"passed": "passed", "failed": "failed", "error": "errors", "timeout": "timeouts",
                "skipped": "skipped"}


def location(file, line, column=1):
    """A SourceLocation: {"file", "line" (1-based), "column" (1-based)}."""
    return {"file": str(file), "line": max(1, int(line or 1)), "column": max(1, int(column or 1))}


@dataclass
class TestResult:
    """One test's verdict. `status` is one of TEST_STATUSES; `duration_ms` is the test's own time."""

    name: str
    status: str
    message: str = ""
    duration_ms: float = 0
    expected: Optional[str] = None
    actual: Optional[str] = None
    location: Optional[dict] = None
    #: The part (1, 2, ...) whose suite holds the test; None in a run without follow-ups.
    part: Optional[int] = None

    def to_json(self):
        """The wire form (camelCase keys; optional fields only when set)."""
        out = {"name": self.name, "status": self.status, "message": self.message, "durationMs": self.duration_ms}
        if self.part is not None:
            out["part"] = self.part
        if self.expected is not None:
            out["expected"] = self.expected
        if self.actual is not None:
            out["actual"] = self.actual
        if self.location is not None:
            out["location"] = self.location
        return out

    @classmethod
    def from_json(cls, data):
        """Rebuilds a result sent by the test child; coerces odd fields instead of trusting them.

        Returns None when `data` has no usable name."""
        if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
            return None
        status = data.get("status")
        if status not in TEST_STATUSES:
            status = "error"
        try:
            duration = max(0.0, float(data.get("durationMs") or 0))
        except (TypeError, ValueError):
            duration = 0.0
        loc = data.get("location")
        if isinstance(loc, dict) and isinstance(loc.get("file"), str):
            try:
                loc = location(loc["file"], loc.get("line"), loc.get("column"))
            except (TypeError, ValueError):
                loc = None
        else:
            loc = None
        opt = lambda k: cap(data[k], 2000) if isinstance(data.get(k), str) else None  # noqa: E731
        return cls(name=data["name"], status=status, message=cap(data.get("message") or ""),
                   duration_ms=duration, expected=opt("expected"), actual=opt("actual"), location=loc)

    @classmethod
    def skipped(cls, name, message):
        """A test that did not run, and why."""
        return cls(name=name, status="skipped", message=message)


@dataclass
class RunError:
    """Why a run did not (fully) happen. `kind`: syntax-error, exception, missing-entry,
    missing-dependency, timeout, crashed, cancelled, test-file, harness, bad-request, ..."""

    kind: str
    message: str
    location: Optional[dict] = None
    modules: Optional[List[str]] = None
    install_command: Optional[str] = None
    signal: Optional[str] = None
    exit_code: Optional[int] = None

    def to_json(self):
        """The wire form (camelCase keys; optional fields only when set)."""
        out = {"kind": self.kind, "message": self.message}
        for key, value in (("location", self.location), ("modules", self.modules),
                           ("installCommand", self.install_command), ("signal", self.signal),
                           ("exitCode", self.exit_code)):
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_json(cls, data):
        """Rebuilds an error object sent by the test child (kind/message/location only)."""
        data = data if isinstance(data, dict) else {}
        loc = data.get("location")
        return cls(kind=str(data.get("kind") or "exception"), message=cap(data.get("message") or ""),
                   location=location(loc["file"], loc.get("line"), loc.get("column"))
                   if isinstance(loc, dict) and isinstance(loc.get("file"), str) else None)


@dataclass
class StreamStats:
    """How much one captured stream held: lines and bytes printed, and whether the report's text
    was cut (head and tail kept)."""

    lines: int = 0
    bytes: int = 0
    truncated: bool = False

    def to_json(self):
        """{"lines", "bytes", "truncated"}."""
        return {"lines": self.lines, "bytes": self.bytes, "truncated": self.truncated}


@dataclass
class Report:
    """The result of one run; `to_json` computes the summary from the tests."""

    suite: str
    python: dict
    status: str = "ok"
    tests: List[TestResult] = field(default_factory=list)
    duration_ms: int = 0
    stdout: str = ""
    stderr: str = ""
    error: Optional[RunError] = None
    stdout_stats: Optional[StreamStats] = None
    stderr_stats: Optional[StreamStats] = None
    #: How many parts the run covered (a run with follow-ups); None otherwise.
    parts: Optional[int] = None

    def fail(self, status, error):
        """Marks the run as ended with `status` (a RUN_STATUSES value) because of `error`."""
        self.status = status
        self.error = error
        return self

    def to_json(self):
        """The wire form, summary included."""
        summary = {"passed": 0, "failed": 0, "errors": 0, "timeouts": 0, "skipped": 0, "total": len(self.tests)}
        for t in self.tests:
            summary[_SUMMARY_KEY[t.status]] += 1
        out = {
            "version": REPORT_VERSION,
            "suite": self.suite if self.suite in SUITES else "hidden",
            "status": self.status,
            "summary": summary,
            "durationMs": int(self.duration_ms),
            "tests": [t.to_json() for t in self.tests],
            "stdout": self.stdout,
            "stderr": self.stderr,
            "python": self.python,
        }
        if self.error is not None:
            out["error"] = self.error.to_json()
        if self.parts is not None:
            # one summary per part, in part order (every part listed, even one with no tests)
            per = [{"part": k, "passed": 0, "failed": 0, "errors": 0, "timeouts": 0, "skipped": 0, "total": 0}
                   for k in range(1, self.parts + 1)]
            for t in self.tests:
                if t.part is not None and 1 <= t.part <= self.parts:
                    row = per[t.part - 1]
                    row[_SUMMARY_KEY[t.status]] += 1
                    row["total"] += 1
            out["partSummaries"] = per
        if self.stdout_stats is not None and self.stderr_stats is not None:
            out["output"] = {"stdout": self.stdout_stats.to_json(), "stderr": self.stderr_stats.to_json()}
        return out


# ---------------------------------------------------------------------------- worker messages

def ready_message(pid, python, fork):
    """The worker's first line: it has preloaded its libraries and reads requests."""
    return {"type": "ready", "protocol": PROTOCOL_VERSION, "pid": pid, "python": python, "fork": bool(fork)}


def started_message(run_id, tests, parts=None):
    """The names of the tests the run will execute, in order (once per run, when known);
    `parts` (a run with follow-ups) gives each test's part, parallel to `tests`."""
    out = {"type": "started", "id": run_id, "tests": list(tests)}
    if parts is not None:
        out["parts"] = list(parts)
    return out


def test_message(run_id, index, total, test):
    """One finished test of run `run_id`: `index` (0-based) of `total`, `test` a TestResult."""
    return {"type": "test", "id": run_id, "index": index, "total": total, "test": test.to_json()}


def report_message(run_id, report):
    """The final report of run `run_id` (exactly once per run request)."""
    return {"type": "report", "id": run_id, "report": report.to_json()}


def pong_message():
    """The answer to a ping, sent at once, even mid-run."""
    return {"type": "pong"}


def error_message(message, run_id=None):
    """A request the worker could not handle (not a run's failure: that is a report)."""
    out = {"type": "error", "message": cap(message, 300)}
    if run_id is not None:
        out["id"] = run_id
    return out
