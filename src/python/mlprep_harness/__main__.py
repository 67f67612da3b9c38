"""Entry point: `python -m mlprep_harness MODE ...` (or the launcher dist/python/mlprep_harness.py).

  run        --problem-dir D --solution F [--suite hidden|examples] [--timeout S] [--memory-mb M]
             [--framework numpy|pytorch]  (default: $MLPREP_FRAMEWORK, else numpy)
             [--follow-ups ID,ID]
             Prints ONE JSON report on stdout and exits 0 (1 on a harness bug, 2 on bad arguments).
  serve      The long-lived worker (see server.py / protocol.py).
  info       {"python": {...}, "modules": {"numpy": bool, "pandas": bool, "torch": bool}, "fork": bool}
  fork-floor [--runs N]  the cost of fork + pipe + reap of this interpreter with the worker's
             preloads, in ms (median), for `npm run bench`.
  child      internal: the spawned test process used where os.fork() does not exist.
"""

import os

# Before anything can import numpy: one BLAS thread (fork-safe, predictable timings, RLIMIT_AS-friendly).
_BLAS_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
              "NUMEXPR_NUM_THREADS")

import argparse  # noqa: E402
import json  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

DEFAULT_MEMORY_MB = 2048


def pin_blas_threads():
    """One BLAS/OpenMP thread for numpy (set before numpy is imported)."""
    for var in _BLAS_VARS:
        os.environ[var] = "1"


def cmd_run(args):
    """`run`: one suite in a fresh child, one JSON report on stdout."""
    from .containment import become_subreaper
    from .environment import Preloaded, default_timing_cache_dir, python_info
    from .limits import NprocBudget
    from .problem import Job
    from .server import ensure_dir
    from .assemble import harness_error_report
    from .supervise import Supervisor
    preloaded = Preloaded()
    try:
        job = Job(args.problem_dir, args.solution, args.suite, args.timeout, args.memory_mb,
                  timing_cache_dir=ensure_dir(args.timing_cache or default_timing_cache_dir()),
                  framework=args.framework or os.environ.get("MLPREP_FRAMEWORK") or "numpy")
    except ValueError as e:
        sys.stderr.write("mlprep_harness run: %s\n" % e)
        return 2
    for name in job.requires:  # the child inherits them: one import for the parent and the child
        preloaded.load(name)
    info = python_info()
    supervisor = Supervisor(preloaded, contain=become_subreaper(), nproc=NprocBudget())
    try:
        if args.follow_ups is not None:
            from .parts import part_jobs, run_parts
            follow_ups = [x for x in args.follow_ups.split(",") if x]
            report = run_parts(supervisor, part_jobs(job, follow_ups), info).to_json()
        else:
            report = supervisor.run(job, info).to_json()
        supervisor.settle()  # every process of the run is gone before the report is printed
        code = 0
    except Exception:
        report = harness_error_report(job.suite, info, traceback.format_exc()).to_json()
        code = 1
    finally:
        supervisor.close()
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    return code


def cmd_serve(_args):
    """`serve`: the worker loop until shutdown/EOF."""
    from .server import Server
    server = Server()
    try:
        return server.serve()
    except BrokenPipeError:
        return 0
    finally:
        server.close()


def cmd_info(_args):
    """`info`: the interpreter's details as one JSON line."""
    from .environment import KNOWN_DEPS, module_available, python_info
    from .supervise import CAN_FORK
    out = {"python": python_info(), "modules": {m: module_available(m) for m in KNOWN_DEPS + ("torch",)},
           "fork": CAN_FORK}
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


def cmd_fork_floor(args):
    """`fork-floor`: median ms of pipe + fork + one byte back + _exit + reap, with the worker's preloads."""
    from .environment import Preloaded, preload_worker_libraries
    from .server import freeze_heap
    preload_worker_libraries(Preloaded())
    freeze_heap()  # as the worker does
    samples = []
    for _ in range(max(1, args.runs)):
        t0 = time.perf_counter()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.write(w, b"x")
            os._exit(0)
        os.close(w)
        os.read(r, 1)
        os.close(r)
        os.waitpid(pid, 0)
        samples.append((time.perf_counter() - t0) * 1000.0)
    samples.sort()
    mid = len(samples) // 2
    median = samples[mid] if len(samples) % 2 else (samples[mid - 1] + samples[mid]) / 2
    sys.stdout.write(json.dumps({"forkFloorMs": round(median, 3), "runs": len(samples)}) + "\n")
    return 0


def cmd_child(args):
    """`child` (internal): the spawned test process; stdout/stderr are already the capture pipes."""
    from .child import ChildContext, ResultChannel, child_stdio_setup, report_harness_bug, run_child
    if args.result_handle is not None:
        import msvcrt
        res_fd = msvcrt.open_osfhandle(int(args.result_handle), os.O_WRONLY)
    else:
        res_fd = int(args.result_fd)
    code = 0
    try:
        child_stdio_setup(1, 2)
        ctx = ChildContext(args.solution, args.test_file, ResultChannel(res_fd), args.memory_mb,
                           [r for r in (args.requires or "").split(",") if r], cpu_seconds=args.cpu_seconds,
                           nproc=args.nproc, trace_fd=int(args.trace_fd) if args.trace_fd is not None else None,
                           trace_after=args.trace_after, timing_cache_dir=args.timing_cache,
                           framework=args.framework)
        run_child(ctx, args.workdir)
    except BaseException:  # noqa: B902
        code = report_harness_bug()
    finally:
        os._exit(code)


def _on_sigterm(signum, _frame):
    raise SystemExit(128 + signum)  # unwinds through the supervisor's finally: the child group is killed


def build_parser():
    """The argparse parser for every mode."""
    parser = argparse.ArgumentParser(prog="mlprep_harness", description="MLPrep test harness")
    sub = parser.add_subparsers(dest="mode")
    sub.required = True
    p_run = sub.add_parser("run", help="run one suite and print a JSON report")
    p_run.add_argument("--problem-dir", required=True)
    p_run.add_argument("--solution", required=True)
    p_run.add_argument("--suite", choices=("hidden", "examples"), default="hidden")
    p_run.add_argument("--timeout", type=float, default=None,
                       help="wall-clock seconds (default: the problem's timeLimitSeconds, else 10)")
    p_run.add_argument("--memory-mb", type=int, default=None,
                       help="memory limit in MB above the harness's own (default 2048)")
    p_run.add_argument("--timing-cache", default=None, help="dir for cached reference timings")
    p_run.add_argument("--framework", choices=("numpy", "pytorch"), default=None,
                       help="what the solution is written in (default: $MLPREP_FRAMEWORK, else numpy)")
    p_run.add_argument("--follow-ups", default=None,
                       help="comma-separated follow-up ids: run parts 1..k (hidden suite), see parts.py")
    sub.add_parser("serve", help="long-lived worker speaking JSON lines on stdin/stdout")
    sub.add_parser("info", help="print the interpreter's details as JSON")
    p_floor = sub.add_parser("fork-floor", help="time fork+pipe+reap with the worker's preloads")
    p_floor.add_argument("--runs", type=int, default=30)
    p_child = sub.add_parser("child", help=argparse.SUPPRESS)
    p_child.add_argument("--solution", required=True)
    p_child.add_argument("--test-file", required=True)
    p_child.add_argument("--workdir", required=True)
    p_child.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB)
    p_child.add_argument("--cpu-seconds", type=int, default=60)
    p_child.add_argument("--requires", default="")
    p_child.add_argument("--nproc", type=int, default=None)
    p_child.add_argument("--timing-cache", default=None)
    p_child.add_argument("--framework", choices=("numpy", "pytorch"), default="numpy")
    p_child.add_argument("--result-fd", default=None)
    p_child.add_argument("--result-handle", default=None)
    p_child.add_argument("--trace-fd", default=None)
    p_child.add_argument("--trace-after", type=float, default=None)
    return parser


def main(argv=None):
    """Parses `argv` and runs the mode; returns the process exit code."""
    pin_blas_threads()
    parser = build_parser()
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
    return {"run": cmd_run, "serve": cmd_serve, "info": cmd_info, "fork-floor": cmd_fork_floor,
            "child": cmd_child}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
