"""Resource limits of a test child (POSIX rlimits; nothing on Windows).

  RLIMIT_AS     current size + memory_mb: the preloaded numpy/pandas do not count
  RLIMIT_CPU    a backstop (time limit + 30 s) in case the parent dies and cannot enforce its own
  RLIMIT_CORE   0: a crash leaves no core file
  RLIMIT_FSIZE  FSIZE_MB per file written; SIGXFSZ is ignored so a write past it raises OSError
  RLIMIT_NPROC  the user's current task count + NPROC_MARGIN (a process bomb stops there). Linux
                counts every process *and thread* of the user against it and does not enforce it
                for root; the parent counts tasks at most every NPROC_RECOUNT_S seconds.
"""

import os
import signal
import sys
import time

try:
    import resource
except ImportError:  # Windows
    resource = None

FSIZE_MB = 512
NPROC_MARGIN = 256
NPROC_RECOUNT_S = 30.0


def _lower(limit, want):
    """Sets the soft limit `limit` to `want` (bounded by the hard limit); errors ignored."""
    try:
        _soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(limit, (want, hard))
    except (ValueError, OSError):
        pass


def set_limits(memory_mb, cpu_seconds, nproc=None, fsize_mb=FSIZE_MB):
    """In the test child, before user code: the rlimits in the module docstring.

    `memory_mb` and `fsize_mb` in MB, `cpu_seconds` of CPU on top of what was used, `nproc` the
    absolute per-user task limit (None: leave it)."""
    if resource is None:
        return
    _lower(resource.RLIMIT_CORE, 0)
    if memory_mb and hasattr(resource, "RLIMIT_AS"):
        base = 0
        try:
            with open("/proc/self/statm") as f:
                base = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            base = 0
        if base:  # without /proc (macOS) RLIMIT_AS is not enforced anyway
            _lower(resource.RLIMIT_AS, base + int(memory_mb) * 1024 * 1024)
    if cpu_seconds and hasattr(resource, "RLIMIT_CPU"):
        _lower(resource.RLIMIT_CPU, int(time.process_time()) + int(cpu_seconds))
    if fsize_mb and hasattr(resource, "RLIMIT_FSIZE"):
        if hasattr(signal, "SIGXFSZ"):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG (an OSError) instead of a kill
        _lower(resource.RLIMIT_FSIZE, int(fsize_mb) * 1024 * 1024)
    if nproc and hasattr(resource, "RLIMIT_NPROC"):
        _lower(resource.RLIMIT_NPROC, int(nproc))


def user_task_count():
    """Linux: the number of tasks (threads included) owned by this user, from /proc; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    uid = os.getuid()
    total = 0
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    for name in names:
        if not name.isdigit():
            continue
        try:
            if os.stat("/proc/" + name).st_uid != uid:
                continue
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read()
            # field 20 (num_threads), counted after the ")" that ends the command name
            total += int(stat[stat.rindex(b")") + 2:].split()[17])
        except (OSError, ValueError, IndexError):
            continue
    return total


class NprocBudget:
    """The RLIMIT_NPROC value for the next test child: the user's task count + NPROC_MARGIN.

    None for root (Linux does not enforce it for root) and off Linux; recounted at most every
    NPROC_RECOUNT_S seconds because a count reads every /proc entry (a few ms)."""

    def __init__(self, margin=NPROC_MARGIN):
        self.margin = margin
        self.value = None
        self.at = None

    def limit(self):
        """The limit to set, or None to leave RLIMIT_NPROC alone."""
        if resource is None or not hasattr(os, "getuid") or os.getuid() == 0:
            return None
        now = time.monotonic()
        if self.at is None or now - self.at > NPROC_RECOUNT_S:
            count = user_task_count()
            self.value = None if count is None else count + self.margin
            self.at = now
        return self.value


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
