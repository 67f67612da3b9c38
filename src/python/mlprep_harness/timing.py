"""Relative-speed checks for hidden tests: the user's function against a reference, same machine.

A scale test must not depend on how fast the machine or the interpreter is: an absolute limit
near 1 s let a list-lookup solution pass under one Python and fail under another. Instead a test
times the user's function and a reference on the same input in the same process and allows a
stated factor plus a small fixed slack:

    from mlprep_harness.timing import assert_relative_speed

    got = assert_relative_speed(
        candidate=lambda: user_fn(x), reference=lambda: ref_fn(x),
        factor=10, slack_ms=50, key="cohort-retention/300k-events",
        what="must run within 10x of a vectorised reference on 100,000 events")

Both wall time (time.perf_counter) and CPU time (time.process_time) are measured, and the
candidate passes when either is within the limit. Wall time is what the user waits for, and on an
idle machine the two agree (the test runs alone in its process, with one BLAS thread). On a loaded
machine a 20 ms call can take 100 ms of wall time when other processes hold the CPU; its CPU time
does not grow, so a correct answer still passes. CPU time alone would miss time spent waiting and
count a multi-threaded library call several times, hence "either". A slow solution is slow in
both, so it fails either way. Guards against one unlucky moment:
  - a candidate that misses the limit by less than 2x is timed once more (best of two);
  - with a cache, the reference costs one live call (the limit uses the smaller of that and the
    cached fastest time, so a stale entry never loosens it), and before a failure is reported the
    reference is measured again in full, side by side: a cached time never fails anyone alone.

Standard library only. Python 3.9+.
"""

import hashlib
import json
import math
import os
import platform
import sys
import tempfile
import time

__all__ = ["assert_relative_speed", "load_reference", "reference_times", "cache_identity"]

CACHE_ENV = "MLPREP_TIMING_CACHE"
CACHE_FORMAT = 1
#: The reference is timed at most this many times (after one warm-up call) ...
REFERENCE_RUNS = 3
#: ... and stops early once the timed runs add up to this much.
REFERENCE_BUDGET_S = 1.0
#: A candidate within this multiple of the limit is timed a second time (best of two).
RETRY_BELOW = 2.0


def _fmt_ms(ms):
    """1234.5 -> '1,234 ms'; 12.34 -> '12.3 ms'; 0.123 -> '0.12 ms'."""
    if ms >= 100:
        return "{:,.0f} ms".format(ms)
    if ms >= 1:
        return "{:.1f} ms".format(ms)
    return "{:.2f} ms".format(ms)


def _timed(fn):
    """(result, wall milliseconds, CPU milliseconds of this process) of one call."""
    c0 = time.process_time()
    t0 = time.perf_counter()
    result = fn()
    wall = (time.perf_counter() - t0) * 1000.0
    return result, wall, (time.process_time() - c0) * 1000.0


def _cpu_model():
    """The CPU's model name on Linux (part of the machine identity); '' elsewhere or on error."""
    try:
        with open("/proc/cpuinfo", "r", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def _module_version(name):
    """The version of an already-imported module, '-' when it is not imported (never imports)."""
    mod = sys.modules.get(name)
    return str(getattr(mod, "__version__", "?")) if mod is not None else "-"


def _file_digest(path):
    """sha1 of a file's bytes ('' when unreadable): a cached time is dropped when the test changes."""
    try:
        with open(path, "rb") as f:
            return hashlib.sha1(f.read()).hexdigest()
    except (OSError, TypeError):
        return ""


def cache_identity(key, test_file=None):
    """The dict a cached reference time must match exactly to be reused.

    Machine (host name, architecture, CPU model, CPU count), interpreter (executable and full
    version), numpy / pandas versions (as imported in this process), the check's `key`, and a
    digest of the test file that made the measurement (an edited test invalidates its entries).
    """
    return {
        "format": CACHE_FORMAT,
        "key": str(key),
        "machine": [platform.node(), platform.machine(), _cpu_model(), os.cpu_count() or 0],
        "python": [os.path.realpath(sys.executable or ""), sys.version],
        "numpy": _module_version("numpy"),
        "pandas": _module_version("pandas"),
        "test": _file_digest(test_file) if test_file else "",
    }


def _cache_path(directory, identity):
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode("utf-8")).hexdigest()[:32]
    return os.path.join(directory, "ref-%s.json" % digest)


def _positive(x):
    return not isinstance(x, bool) and isinstance(x, (int, float)) and math.isfinite(x) and x > 0


def _cache_read(directory, identity):
    """The cached reference times (wall ms, CPU ms), or None: missing, unreadable, corrupt or
    foreign entries (another identity under the same name, non-positive or non-finite times) are
    ignored."""
    try:
        with open(_cache_path(directory, identity), "r", encoding="utf-8") as f:
            entry = json.load(f)
        if not isinstance(entry, dict) or entry.get("identity") != identity:
            return None
        wall, cpu = entry.get("referenceMs"), entry.get("referenceCpuMs")
        if not (_positive(wall) and _positive(cpu)):
            return None
        return float(wall), float(cpu)
    except (OSError, ValueError, TypeError):
        return None


def _cache_write(directory, identity, times, runs):
    """Writes an entry atomically (temp file + rename); a read-only or missing folder is no error."""
    try:
        os.makedirs(directory, exist_ok=True)
        entry = {"identity": identity, "referenceMs": times[0], "referenceCpuMs": times[1],
                 "runsMs": [round(r, 3) for r in runs],
                 "measuredAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        fd, tmp = tempfile.mkstemp(prefix=".ref-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(entry, f)
            os.replace(tmp, _cache_path(directory, identity))
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        pass


def _median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2.0


def _measure_reference(reference, runs=REFERENCE_RUNS, budget_s=REFERENCE_BUDGET_S):
    """((median wall ms, median CPU ms), wall times) of up to `runs` calls after one warm-up
    call (not counted: first calls pay lazy imports and caches); stops early once the timed calls
    exceed `budget_s`."""
    reference()
    walls, cpus = [], []
    while len(walls) < max(1, runs):
        _, wall, cpu = _timed(reference)
        walls.append(wall)
        cpus.append(cpu)
        if sum(walls) / 1000.0 >= budget_s:
            break
    return (_median(walls), _median(cpus)), walls


def reference_times(reference, key, test_file=None, use_cache=True):
    """((wall ms, CPU ms), 'cached' | 'measured') for `reference`.

    Without a cache (MLPREP_TIMING_CACHE unset, or use_cache=False): the medians of a few timed
    calls after a warm-up. With a cached entry for this machine, interpreter, library versions and
    key: one live call, and per clock the smaller of the two, so a stale or loaded-moment entry
    can never loosen the limit (a too-strict time is harmless: a failure is re-measured live).
    The cache keeps the fastest times seen.
    """
    directory = os.environ.get(CACHE_ENV) or ""
    identity = cache_identity(key, test_file) if directory else None
    cached = _cache_read(directory, identity) if directory else None
    if use_cache and cached is not None:
        _, wall, cpu = _timed(reference)
        best = (min(cached[0], wall), min(cached[1], cpu))
        if best != cached:
            _cache_write(directory, identity, best, [wall])
        return best, "cached"
    times, runs = _measure_reference(reference)
    if directory:
        best = times if cached is None else (min(cached[0], times[0]), min(cached[1], times[1]))
        if best != cached:
            _cache_write(directory, identity, best, runs)
    return times, "measured"


def load_reference(test_file, filename="solution.py"):
    """The problem's reference solution (`solution.py` beside `test_file`, i.e. pass `__file__`)
    loaded as its own module, so a scale test can time it next to the user's `solution` module
    (which keeps the name `solution`). Loaded once per process; raises ImportError if missing."""
    path = os.path.join(os.path.dirname(os.path.abspath(test_file)), filename)
    name = "_mlprep_reference_" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:12]
    module = sys.modules.get(name)
    if module is not None:
        return module
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None or not os.path.isfile(path):
        raise ImportError("no reference solution at %s" % path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _caller_file(depth):
    try:
        return sys._getframe(depth).f_code.co_filename
    except (AttributeError, ValueError):
        return None


def assert_relative_speed(candidate, reference, factor, slack_ms, key, what):
    """Fails unless `candidate()` runs within `factor` x the reference's time + `slack_ms`.

    candidate, reference: zero-argument callables doing the same work on the same input (build the
        input outside them: only the calls are timed).
    factor: allowed multiple of the reference's time (> 0), e.g. 10.
    slack_ms: fixed allowance in milliseconds (>= 0) for timer and scheduling noise.
    key: "<problem>/<check>", names the check in the reference-time cache.
    what: the rule in words, as the statement says it ("must run within 10x of a vectorised
        reference on 100,000 rows"); it is repeated in the failure message.

    The reference is timed first (medians of a few calls after a warm-up, or see reference_times
    for the cache), then the candidate once; the candidate passes when its wall time or its CPU
    time is within factor x the reference's (same clock) + slack_ms. Returns the candidate's
    result (from its last call), so the test can go on to check it. Raises AssertionError naming
    both times, the ratio and the rule when it is slower on both clocks; exceptions from either
    callable propagate unchanged.
    """
    if isinstance(factor, bool) or not (isinstance(factor, (int, float)) and factor > 0):
        raise ValueError("factor must be a positive number, got %r" % (factor,))
    if isinstance(slack_ms, bool) or not (isinstance(slack_ms, (int, float)) and slack_ms >= 0):
        raise ValueError("slack_ms must be a non-negative number, got %r" % (slack_ms,))
    test_file = _caller_file(2)

    def over(cand, ref):
        """How far past the limit the candidate is on its better clock (<= 1.0 passes)."""
        return min(c / (factor * r + slack_ms) for c, r in zip(cand, ref))

    ref, source = reference_times(reference, key, test_file)
    result, wall, cpu = _timed(candidate)
    cand = (wall, cpu)
    if over(cand, ref) <= 1.0:
        return result
    notes = []
    if source == "cached":
        # A cached time never fails a candidate alone: measure the reference now, side by side.
        ref, source = reference_times(reference, key, test_file, use_cache=False)
        notes.append("reference re-measured")
    if 1.0 < over(cand, ref) <= RETRY_BELOW:
        result, wall, cpu = _timed(candidate)
        cand = (min(cand[0], wall), min(cand[1], cpu))
        notes.append("best of two runs")
    if over(cand, ref) <= 1.0:
        return result
    ratio = cand[0] / ref[0] if ref[0] > 0 else float("inf")
    raise AssertionError(
        "too slow: your function took {cand} and the reference {ref} on the same input ({ratio:.1f}x; "
        "CPU time {ccpu} vs {rcpu}).\n"
        "Rule: {what} (at most {factor:g}x the reference + {slack:g} ms = {limit} here{notes}).".format(
            cand=_fmt_ms(cand[0]), ref=_fmt_ms(ref[0]), ratio=ratio, ccpu=_fmt_ms(cand[1]),
            rcpu=_fmt_ms(ref[1]), what=str(what).rstrip("."), factor=factor, slack=slack_ms,
            limit=_fmt_ms(factor * ref[0] + slack_ms), notes="; " + ", ".join(notes) if notes else ""))
