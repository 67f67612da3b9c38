"""Runs one job in a fresh test child: fork/spawn, watch, time out, kill, contain.

The parent forks (or, without fork, spawns `child`), watches the child's result, stdout, stderr
and trace pipes, forwards each finished test as it arrives, enforces the wall-clock limit, kills
the child's process group (and, on Linux, every descendant: see containment), and hands what it
saw to assemble.py for the report.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from .assemble import RunState, assemble
from .child import PACKAGE_PARENT, ChildContext, ResultChannel, child_stdio_setup, report_harness_bug, run_child
from .containment import kill_tree, sweep_descendants
from .environment import IS_WINDOWS, missing_dependency_error, warm_up_torch
from .limits import die_with_parent
from .mux import Capture, make_mux
from .problem import TestFileCache
from .protocol import SUITES, Report, RunError, TestResult
from .text import cap

CAN_FORK = hasattr(os, "fork") and not IS_WINDOWS and os.environ.get("MLPREP_HARNESS_NO_FORK") != "1"
KILL_DRAIN_S = 0.5        # after the child is gone, how long to wait for pipes still held open
TRACE_WAIT_S = 0.3        # on a timeout, how long to wait for the child's stack dump
LAUNCHER = os.path.join(PACKAGE_PARENT, "mlprep_harness.py")


class ForkChild:
    """The test child as a fork of this (preloaded) process, in its own process group.

    Forked before its job is known: it sets up its pipes and waits on a job pipe, so the worker
    can fork the next child while idle (a *spare*) and a save does not wait for the fork.
    `start(job, workdir, nproc)` hands it the job; closing the job pipe unused makes it exit."""

    def __init__(self, private_fds=(), test_files=None):
        res_r, res_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        trace_r, trace_w = os.pipe()
        job_r, job_w = os.pipe()
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
                for fd in [res_r, out_r, err_r, trace_r, job_w] + sorted(private_fds):
                    try:
                        os.close(fd)
                    except OSError:
                        pass
                child_stdio_setup(out_w, err_w)
                os.close(out_w)
                os.close(err_w)
                die_with_parent(parent_pid)
                spec = _read_job(job_r)
                if spec is not None:
                    test_code = test_files.code(spec["test_file"]) if test_files is not None else None
                    ctx = ChildContext(spec["solution"], spec["test_file"], ResultChannel(res_w), spec["memory_mb"],
                                       spec["requires"], cpu_seconds=spec["cpu_seconds"], nproc=spec["nproc"],
                                       trace_fd=trace_w, timing_cache_dir=spec["timing_cache_dir"],
                                       test_code=test_code, framework=spec.get("framework"))
                    run_child(ctx, spec["workdir"])
            except BaseException:  # noqa: B902 - a harness bug: say so on stderr, never return
                code = report_harness_bug()
            finally:
                os._exit(code)
        os.close(job_r)
        self.job_fd = job_w
        # ---- parent
        try:
            os.setpgid(pid, pid)  # both sides set it: no window where a kill misses the group
        except OSError:
            pass
        for fd in (res_w, out_w, err_w, trace_w):
            os.close(fd)
        self.pid = pid
        self.result_fd, self.out_fd, self.err_fd, self.trace_fd = res_r, out_r, err_r, trace_r
        self.exit_fd = None
        if hasattr(os, "pidfd_open"):
            try:
                self.exit_fd = os.pidfd_open(pid)
            except OSError:
                self.exit_fd = None
        self.status = None  # ("exit", code) | ("signal", signum)

    def start(self, job, workdir, nproc=None):
        """Hands the waiting child its job (it runs at once)."""
        spec = {"solution": job.solution, "test_file": job.test_file, "memory_mb": job.memory_mb,
                "requires": job.requires, "cpu_seconds": int(job.timeout + 30), "nproc": nproc,
                "timing_cache_dir": job.timing_cache_dir, "workdir": workdir, "framework": job.framework}
        try:
            os.write(self.job_fd, json.dumps(spec).encode("utf-8"))  # small: one write, well under PIPE_BUF
        finally:
            self._close_job()

    def _close_job(self):
        if self.job_fd is not None:
            try:
                os.close(self.job_fd)
            except OSError:
                pass
            self.job_fd = None

    def discard(self):
        """Ends an unused spare: it exits on EOF; it is killed and reaped in any case."""
        self._close_job()
        self.kill_group()
        self.reap()
        self.close()

    def poll(self):
        """The exit status if the child has ended, else None."""
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

    def request_trace(self):
        """Asks the child to dump its main thread's stack on the trace pipe (SIGUSR1)."""
        try:
            os.kill(self.pid, signal.SIGUSR1)
        except OSError:
            pass

    def kill_group(self):
        """SIGKILLs the child's process group (the child if the group is gone)."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass

    def reap(self):
        """Waits for the child; returns its exit status."""
        if self.status is None:
            try:
                _, st = os.waitpid(self.pid, 0)
                self._set(st)
            except ChildProcessError:
                self.status = ("exit", -1)
        return self.status

    def close(self):
        """Closes the parent's ends of the pipes."""
        self._close_job()
        for fd in (self.result_fd, self.out_fd, self.err_fd, self.trace_fd, self.exit_fd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass


class SpawnChild:
    """Where fork is unavailable (Windows) or disabled: `python mlprep_harness.py child ...`."""

    def __init__(self, job, workdir, nproc=None):
        res_r, res_w = os.pipe()
        trace_r = trace_w = None
        if os.path.isfile(LAUNCHER):
            args = [sys.executable, LAUNCHER]
        else:
            args = [sys.executable, "-m", "mlprep_harness"]
        args += ["child", "--solution", job.solution, "--test-file", job.test_file,
                 "--workdir", workdir, "--memory-mb", str(job.memory_mb), "--cpu-seconds", str(int(job.timeout + 30)),
                 "--requires", ",".join(job.requires)]
        if nproc:
            args += ["--nproc", str(nproc)]
        if job.timing_cache_dir:
            args += ["--timing-cache", job.timing_cache_dir]
        if job.framework != "numpy":
            args += ["--framework", job.framework]
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONUTF8="1")
        env["PYTHONPATH"] = PACKAGE_PARENT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        kwargs = {}
        if IS_WINDOWS:
            import msvcrt
            handle = msvcrt.get_osfhandle(res_w)
            os.set_handle_inheritable(handle, True)
            si = subprocess.STARTUPINFO()
            si.lpAttributeList = {"handle_list": [handle]}
            kwargs["startupinfo"] = si
            kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)
            # no SIGUSR1: the child dumps its stack to stderr shortly before the deadline
            args += ["--result-handle", str(handle), "--trace-after", str(max(job.timeout * 0.5, job.timeout - 1.0))]
        else:
            trace_r, trace_w = os.pipe()
            kwargs["pass_fds"] = (res_w, trace_w)
            kwargs["start_new_session"] = True
            args += ["--result-fd", str(res_w), "--trace-fd", str(trace_w)]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=workdir, env=env, **kwargs)
        os.close(res_w)
        if trace_w is not None:
            os.close(trace_w)
        self.pid = self.proc.pid
        self.result_fd = res_r
        self.trace_fd = trace_r
        self.out_fd = self.proc.stdout.fileno()
        self.err_fd = self.proc.stderr.fileno()
        self.exit_fd = None
        self.status = None

    def poll(self):
        """The exit status if the child has ended, else None."""
        if self.status is None:
            rc = self.proc.poll()
            if rc is not None:
                self.status = ("signal", -rc) if rc < 0 else ("exit", rc)
        return self.status

    def request_trace(self):
        """POSIX: SIGUSR1 makes the child dump its stack (Windows: it does so on its own)."""
        if not IS_WINDOWS:
            try:
                os.kill(self.proc.pid, signal.SIGUSR1)
            except OSError:
                pass

    def kill_group(self):
        """Kills the child (POSIX: its whole process group)."""
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
        """Waits for the child; returns its exit status."""
        if self.status is None:
            rc = self.proc.wait()
            self.status = ("signal", -rc) if rc < 0 else ("exit", rc)
        return self.status

    def close(self):
        """Closes the parent's ends of the pipes."""
        for fd in (self.result_fd, self.trace_fd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        for f in (self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass


def _read_available(fd, key):
    """[(key, fd, data)] for what a non-blocking `fd` holds now (b"" at EOF)."""
    out = []
    while True:
        try:
            data = os.read(fd, 65536)
        except (BlockingIOError, InterruptedError):
            return out
        except OSError:
            data = b""
        out.append((key, fd, data))
        if not data:
            return out


def _read_job(fd):
    """In a waiting child: the job spec sent by the parent (JSON until EOF), or None when the
    parent closed the pipe without one."""
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except InterruptedError:
            continue
        if not chunk:
            break
        data += chunk
    os.close(fd)
    return json.loads(data.decode("utf-8")) if data else None


class Workdirs:
    """The child's cwd. An empty one is reused by the next run (mkdir/rmdir cost milliseconds on
    some disks); one the user's code wrote into is deleted."""

    def __init__(self):
        self.free = None

    def acquire(self):
        """A fresh, empty temp dir."""
        path, self.free = self.free, None
        return path if path and os.path.isdir(path) else tempfile.mkdtemp(prefix="mlprep-run-")

    def release(self, path):
        """Keeps `path` for reuse when it is still empty, else deletes it."""
        try:
            empty = not os.listdir(path)
        except OSError:
            empty = False
        if empty and self.free is None:
            self.free = path
        else:
            shutil.rmtree(path, ignore_errors=True)

    def close(self):
        """Deletes the kept dir."""
        if self.free:
            shutil.rmtree(self.free, ignore_errors=True)
            self.free = None


class Supervisor:
    """Runs jobs one at a time. Options:

    preloaded    environment.Preloaded: which required modules are importable
    mux          the multiplexer (serve: shared with the stdin reader), else a new one
    on_stdin     serve: called with bytes read from stdin while a child runs
    private_fds  fds a forked child must close (the worker's protocol stdout)
    contain      True when this process is a subreaper: sweep every descendant after a run
    nproc        limits.NprocBudget (None: leave RLIMIT_NPROC)
    """

    def __init__(self, preloaded, mux=None, on_stdin=None, private_fds=(), contain=False, nproc=None):
        self.preloaded = preloaded
        self.mux = mux or make_mux()
        self.on_stdin = on_stdin
        self.private_fds = set(private_fds) | set(self.mux.private_fds())
        self.contain = contain
        self.nproc = nproc
        self.workdirs = Workdirs()
        self.test_files = TestFileCache()
        self.spare = None
        self.unsettled = None  # (child, workdir) of a finished run whose child is not reaped yet

    def settle(self):
        """Finishes the last run's cleanup: reaps its child, sweeps every descendant (Linux), and
        releases its work dir. Called before the next run, before forking a spare, and on close."""
        if self.unsettled is None:
            return
        child, workdir = self.unsettled
        self.unsettled = None
        try:
            child.reap()
            if self.contain:
                sweep_descendants()
        finally:
            child.close()
            self.workdirs.release(workdir)

    def prepare(self):
        """Forks the next test child now, while idle, so that the next run does not wait for a fork
        (serve mode calls this after each report). No-op without fork or when one is waiting."""
        self.settle()  # first: the sweep kills every child of this process
        if CAN_FORK and (self.spare is None or self.spare.poll() is not None):
            if self.spare is not None:
                self.spare.discard()
            self.spare = ForkChild(self.private_fds, self.test_files)

    def _take_child(self, job, workdir, nproc):
        """The spare when one is waiting, else a fresh child; started on `job`."""
        if not CAN_FORK:
            return SpawnChild(job, workdir, nproc)
        child, self.spare = self.spare, None
        if child is None or child.poll() is not None:
            if child is not None:
                child.discard()
            child = ForkChild(self.private_fds, self.test_files)
        child.start(job, workdir, nproc)
        return child

    def _preload_framework(self, job):
        """A PyTorch run imports (and warms up) torch in this process the first time (about a
        second), so that it and every later PyTorch run fork with torch already loaded; a spare
        forked before that is ended. NumPy runs never import torch."""
        if job.framework != "pytorch" or "torch" in self.preloaded.state or self.preloaded.missing(["torch"]):
            return
        if self.preloaded.load("torch") is None:
            warm_up_torch()
        if self.spare is not None:
            self.spare.discard()
            self.spare = None

    def close(self):
        """Settles the last run, ends a waiting spare child and removes the kept work dir."""
        self.settle()
        if self.spare is not None:
            self.spare.discard()
            self.spare = None
        self.workdirs.close()

    def run(self, job, info, should_cancel=None, on_started=None, on_test=None):
        """Runs `job` in a fresh child; returns its Report (never raises for user-code failures).

        `should_cancel()` is polled while the child runs; `on_started(names)` and
        `on_test(index, total, TestResult)` are called as the child reports."""
        self._preload_framework(job)  # before t0: importing torch once is not the user's time
        t0 = time.monotonic()
        self.settle()
        report = Report(suite=job.suite, python=info)
        pre = self._precheck(job, report)
        if pre is not None:
            pre.duration_ms = round((time.monotonic() - t0) * 1000)
            return pre
        names = self.test_files.get(job.test_file)[0]  # compiled here too: a fresh fork inherits it
        workdir = self.workdirs.acquire()
        mux = self.mux
        state = RunState(on_started, on_test)
        out, err, trace = Capture(), Capture(), Capture(head=16 * 1024, tail=0)
        child = None
        outcome = None  # "cancelled" | "timeout" | None (child ended by itself)
        try:
            nproc = self.nproc.limit() if self.nproc is not None else None
            child = self._take_child(job, workdir, nproc)
            streams = {child.result_fd: "result", child.out_fd: "stdout", child.err_fd: "stderr"}
            if child.trace_fd is not None:
                streams[child.trace_fd] = "trace"
            sinks = {"stdout": out, "stderr": err, "trace": trace}
            for fd, key in streams.items():
                mux.add(fd, key)
            if child.exit_fd is not None:
                mux.add(child.exit_fd, "exit", read=False)
            open_fds = set(streams)
            deadline = t0 + job.timeout

            def dispatch(events):
                """Routes mux events: stdin to the server, pipe data to the run state / captures."""
                for key, fd, data in events:
                    if key == "stdin":
                        self.on_stdin(data)
                    elif key == "exit":
                        mux.remove(fd)
                        child.poll() or child.reap()
                    elif fd in open_fds:
                        if not data:
                            mux.remove(fd)
                            open_fds.discard(fd)
                        elif key == "result":
                            state.feed(data)
                        else:
                            sinks[key].add(data)

            while True:
                if child.poll() is not None or state.done:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    outcome = "timeout"
                    self._collect_trace(child, mux, dispatch, trace)
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
            if state.done and child.status is None and not IS_WINDOWS:
                # The suite finished: its output is already in the pipes (the child flushed before
                # saying done). Report now; the child's exit (tearing down a large address space
                # takes milliseconds) and the reaping happen after the report (settle()).
                for fd in list(open_fds):
                    mux.remove(fd)
                    dispatch(_read_available(fd, streams[fd]))
                open_fds.clear()
                child.kill_group()
                if self.contain:
                    # every descendant of this process belongs to the run (no spare exists while
                    # one runs), including processes already re-parented to us: SIGKILLed now
                    kill_tree(os.getpid())
                if child.exit_fd is not None:
                    mux.remove(child.exit_fd)
                self.unsettled = (child, workdir)
            else:
                # Kill the whole group: the child if still running, and anything it left behind.
                child.kill_group()
                child.reap()
                if self.contain:
                    sweep_descendants()
                # Drain what is still in the pipes (EOF at once unless a process escaped containment).
                drain_until = time.monotonic() + KILL_DRAIN_S
                while open_fds and time.monotonic() < drain_until:
                    dispatch(mux.wait(max(0.0, drain_until - time.monotonic())))
                for fd in list(open_fds):
                    mux.remove(fd)
        finally:
            if child is not None and self.unsettled is None:
                if child.exit_fd is not None:
                    mux.remove(child.exit_fd)
                if child.status is None:
                    child.kill_group()
                    child.reap()
                child.close()
                self.workdirs.release(workdir)
            elif child is None:
                self.workdirs.release(workdir)

        report.stdout, report.stderr = out.text(), err.text()
        report.stdout_stats, report.stderr_stats = out.stats(), err.stats()
        trace_text = trace.text() if child.trace_fd is not None else report.stderr
        assemble(report, job, state, child.status, outcome, names, trace_text, out)
        report.duration_ms = round((time.monotonic() - t0) * 1000)
        return report

    @staticmethod
    def _collect_trace(child, mux, dispatch, trace):
        """On a timeout: asks the child for its stack and waits briefly for the dump to arrive."""
        child.request_trace()
        if child.trace_fd is None:
            return
        end = time.monotonic() + TRACE_WAIT_S
        last = None
        while time.monotonic() < end:
            before = trace.total
            dispatch(mux.wait(0.02))
            if trace.total > before:
                last = time.monotonic()
            elif last is not None and time.monotonic() - last >= 0.02:
                return  # the dump arrived and nothing more came for 20 ms

    def _precheck(self, job, report):
        """A report when the job cannot run at all (bad suite, missing files or modules), else None."""
        if job.suite not in SUITES:
            return report.fail("harness-error", RunError(
                "bad-request", "suite must be hidden or examples (got %r)" % (job.suite,)))
        if not os.path.isfile(job.test_file):
            return report.fail("harness-error", RunError("missing-tests", cap("test file not found: %s" % job.test_file)))
        names = self.test_files.get(job.test_file)[0]
        if not os.path.isfile(job.solution):
            report.tests = [TestResult.skipped(n, "not run: the solution file is missing") for n in names]
            return report.fail("import-error", RunError(
                "missing-solution", cap("solution file not found: %s" % job.solution)))
        missing = self.preloaded.missing(job.requires)
        if missing:
            report.tests = [TestResult.skipped(n, "not run: %s not installed" % ", ".join(missing)) for n in names]
            # a missing torch gets its own command (CPU index), not mixed with the NumPy problems' needs
            return report.fail("missing-dependency", missing_dependency_error(missing, extra_known="torch" not in missing))
        return None


