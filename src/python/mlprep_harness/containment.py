"""Every process a run starts is gone when the run ends.

Linux: the harness parent (the `serve` worker, or `run`) makes itself a *child subreaper*
(prctl PR_SET_CHILD_SUBREAPER). A process the test child started and left behind, even in a new
session (`Popen(..., start_new_session=True)`) or double-forked, is re-parented to the harness
rather than to init. When a run ends, the test child's process group and every descendant of the
harness are SIGKILLed (`kill_tree`) before the report is sent, and `sweep_descendants` reaps
them (killing any straggler) right after it, before the next run or spare child starts.

macOS and other POSIX: no subreaper; the test child runs in its own process group and the group
is killed, so a process that calls setsid()/setpgid() escapes. Windows: the spawned test child is
killed (TerminateProcess); processes it started are not tracked (no job object).
"""

import os
import signal
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper():
    """Linux: make this process a child subreaper. Returns True when it is one."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except Exception:
        return False


def child_pids():
    """Linux: pids whose parent is this process (any of its threads). Empty elsewhere."""
    me = os.getpid()
    pids = set()
    try:
        tids = os.listdir("/proc/%d/task" % me)
    except OSError:
        return pids
    found_file = False
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/children" % (me, tid)) as f:
                found_file = True
                pids.update(int(p) for p in f.read().split())
        except (OSError, ValueError):
            continue
    if found_file:
        return pids
    # kernels without CONFIG_PROC_CHILDREN: scan every process's parent
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open("/proc/%s/stat" % name, "rb") as f:
                    stat = f.read()
                if int(stat[stat.rindex(b")") + 2:].split()[1]) == me:
                    pids.add(int(name))
            except (OSError, ValueError, IndexError):
                continue
    return pids


def descendants(root):
    """Linux: pids of every live descendant of `root` (via /proc/<pid>/task/*/children)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        try:
            tids = os.listdir("/proc/%d/task" % pid)
        except OSError:
            continue
        for tid in tids:
            try:
                with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                    kids = [int(p) for p in f.read().split()]
            except (OSError, ValueError):
                continue
            found += kids
            todo += kids
    return found


def kill_tree(root):
    """Linux: SIGKILLs every descendant of `root` (new sessions included) without waiting; the
    later sweep_descendants reaps them and catches any started meanwhile."""
    if not sys.platform.startswith("linux"):
        return
    for pid in descendants(root):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def sweep_descendants(deadline_s=2.0):
    """Kills and reaps every child of this process until none is left (or `deadline_s` passes).

    Only call when this process has no children of its own to keep (between runs, after the test
    child was reaped): it reaps with waitpid(-1). Returns the number of processes killed."""
    if not sys.platform.startswith("linux"):
        return 0
    killed = 0
    end = time.monotonic() + deadline_s
    while True:
        pids = child_pids()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
        reaped = _reap_all()
        if not pids and not reaped:
            return killed
        if time.monotonic() > end:
            return killed
        if pids and not reaped:
            time.sleep(0.001)  # killed, not yet exited


def _reap_all():
    """Reaps every exited child (WNOHANG); returns how many."""
    n = 0
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return n
        except InterruptedError:
            continue
        if pid == 0:
            return n
        n += 1
