"""The long-lived worker (`serve`): preloads numpy and pandas once, then runs each request in a
cheap fork, streaming `started` and per-test `test` messages and ending every run request with
exactly one `report`. The protocol is described in protocol.py.

stdin is read while a run is in progress: a cancel of that run, a new run, shutdown or EOF kills
the running child at once and its report has status "cancelled"; a ping is answered at once.
"""

import collections
import gc
import json
import os
import sys
import traceback

from .containment import become_subreaper
from .environment import Preloaded, default_timing_cache_dir, preload_worker_libraries, python_info
from .limits import NprocBudget
from .mux import make_mux, write_all
from .parts import part_jobs, run_parts
from .problem import Job
from .protocol import (error_message, pong_message, ready_message, report_message, started_message,
                       test_message)
from .assemble import harness_error_report
from .supervise import CAN_FORK, Supervisor
from .text import cap


def ensure_dir(path):
    """Creates `path` (mode 0700) if needed; returns `path`, or None when it cannot be created."""
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        return path
    except OSError:
        return None


def freeze_heap():
    """Moves every object allocated so far (numpy, pandas, the harness) out of the garbage
    collector's reach: a forked child's collections then do not touch, and copy, those pages."""
    try:
        gc.collect()
        gc.freeze()
    except AttributeError:  # Python < 3.7
        pass


class Server:
    """The worker loop over JSON lines on stdin/stdout."""

    def __init__(self):
        # Protocol lines go to a private copy of fd 1; fd 1 itself now points at stderr so a stray
        # print (ours or a library's) can never corrupt the protocol.
        self.out_fd = os.dup(1)
        os.dup2(2, 1)
        sys.stdout = open(1, "w", closefd=False)
        self.inbox = collections.deque()
        self.buf = b""
        self.eof = False
        self.preloaded = Preloaded()
        self.mux = make_mux()
        self.stdin_fd = 0
        self.contained = become_subreaper()
        self.supervisor = Supervisor(self.preloaded, self.mux, self.on_stdin, private_fds=(self.out_fd,),
                                     contain=self.contained, nproc=NprocBudget())
        self.info = None
        self.timing_dirs = {}

    def send(self, msg):
        """Writes one protocol message."""
        write_all(self.out_fd, (json.dumps(msg) + "\n").encode("utf-8"))

    def on_stdin(self, data):
        """Consumes bytes read from stdin: answers pings at once, queues everything else."""
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
                self.send(error_message("bad request line: %s" % e))
                continue
            if msg.get("type") == "ping":  # answered at once, even mid-run
                self.send(pong_message())
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

    def timing_dir(self, requested):
        """The MLPREP_TIMING_CACHE for a run: the request's `timingCacheDir`, else the default."""
        base = requested if isinstance(requested, str) and requested else default_timing_cache_dir()
        if base not in self.timing_dirs:
            self.timing_dirs[base] = ensure_dir(base)
        return self.timing_dirs[base]

    def handle_run(self, msg):
        """Runs one request and sends its messages (the report in every case)."""
        run_id = msg.get("id")
        suite = msg.get("suite") or "hidden"
        problem_dir, solution = msg.get("problemDir"), msg.get("solution")
        try:
            if not isinstance(problem_dir, str) or not isinstance(solution, str):
                raise ValueError("run needs string fields problemDir and solution")
            timeout = msg.get("timeoutSeconds")
            memory = msg.get("memoryMb")
            for label, v in (("timeoutSeconds", timeout), ("memoryMb", memory)):
                if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0):
                    raise ValueError("%s must be a positive number" % label)
            framework = msg.get("framework")
            if framework is not None and not isinstance(framework, str):
                raise ValueError("framework must be a string")
            job = Job(problem_dir, solution, suite, timeout, memory,
                      timing_cache_dir=self.timing_dir(msg.get("timingCacheDir")), framework=framework)
            follow_ups = msg.get("followUps")
            if follow_ups is not None and suite != "hidden":
                raise ValueError("followUps needs the hidden suite")
            jobs = part_jobs(job, follow_ups) if follow_ups is not None else None
        except ValueError as e:
            self.send(report_message(run_id, harness_error_report(suite, self.info, str(e))))
            return
        stream = isinstance(run_id, str)  # streamed messages always name their run
        try:
            if jobs is not None:
                report = run_parts(
                    self.supervisor, jobs, self.info, should_cancel=lambda: self.interrupting(run_id),
                    on_started=(lambda names, parts: self.send(started_message(run_id, names, parts))) if stream else None,
                    on_test=(lambda index, total, test: self.send(test_message(run_id, index, total, test))) if stream else None)
            else:
                report = self.supervisor.run(
                    job, self.info, should_cancel=lambda: self.interrupting(run_id),
                    on_started=(lambda names: self.send(started_message(run_id, names))) if stream else None,
                    on_test=(lambda index, total, test: self.send(test_message(run_id, index, total, test))) if stream else None)
        except Exception:
            report = harness_error_report(suite, self.info, traceback.format_exc())
        self.send(report_message(run_id, report))
        self.supervisor.prepare()  # the next run's child, forked while the user reads this report

    def serve(self):
        """Preloads, says ready, then handles requests until shutdown or EOF. Returns the exit code."""
        preload_worker_libraries(self.preloaded)
        self.info = python_info()  # once: importlib.metadata lookups cost milliseconds
        freeze_heap()
        self.send(ready_message(os.getpid(), self.info, CAN_FORK))
        self.supervisor.prepare()
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
                self.send(error_message(cap("unknown request type %r" % (t,), 200), msg.get("id")))

    def close(self):
        """Removes the worker's temp dirs."""
        self.supervisor.close()
