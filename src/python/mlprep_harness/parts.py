"""Runs of a problem with follow-up parts (contract F, problems/README.md "Follow-ups").

A run request with `followUps: [id, ...]` runs part 1's test_hidden.py, then
followups/<id>/test_hidden.py for each id in order (parts 2..k), each suite in its own child with
the problem's time limit, against the same solution file. The report lists every test with its
`part`, and one summary per part. When a part's run does not end normally (the solution does not
import, a timeout, a crash), the later parts are not run: their tests are listed as skipped with
the reason, and the report carries that part's status and error.
"""

import os
import re

from .problem import Job, static_test_names
from .protocol import Report, TestResult

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FOLLOWUPS_FOLDER = "followups"


def part_test_files(problem_dir, follow_ups):
    """The test files of parts 1..k: [test_hidden.py, followups/<id>/test_hidden.py, ...].

    Raises ValueError for an id that is not a slug or a part whose test file is missing (a bad
    request: the catalogue names only parts that exist)."""
    if not isinstance(follow_ups, (list, tuple)) or not all(isinstance(x, str) for x in follow_ups):
        raise ValueError("followUps must be a list of follow-up ids")
    files = [os.path.join(os.path.abspath(problem_dir), "test_hidden.py")]
    for fid in follow_ups:
        if not _ID.match(fid) or len(fid) > 64:
            raise ValueError("follow-up id %r is not a slug" % (fid,))
        f = os.path.join(os.path.abspath(problem_dir), FOLLOWUPS_FOLDER, fid, "test_hidden.py")
        if not os.path.isfile(f):
            raise ValueError("follow-up %r has no test file (%s)" % (fid, f))
        files.append(f)
    return files


def part_jobs(base, follow_ups):
    """One Job per part (part 1 first), copying `base`'s solution, limits and requirements."""
    return [Job(base.problem_dir, base.solution, "hidden", base.timeout, base.memory_mb, base.requires,
                base.timing_cache_dir, framework=getattr(base, "framework", None), test_file=f)
            for f in part_test_files(base.problem_dir, follow_ups)]


def run_parts(supervisor, jobs, info, should_cancel=None, on_started=None, on_test=None):
    """Runs `jobs` (parts 1..k) one after another; returns one Report with `parts` = k.

    `on_started(names, parts)` is called once, with every part's statically read test names;
    `on_test(index, total, TestResult)` for each finished test, numbered across all parts."""
    plan = [static_test_names(j.test_file) for j in jobs]
    total = sum(len(names) for names in plan)
    if on_started is not None:
        on_started([n for names in plan for n in names], [k + 1 for k, names in enumerate(plan) for _ in names])
    merged = Report(suite="hidden", python=info, parts=len(jobs))
    offset = 0
    merged_part = 0
    stdout, stderr = [], []
    for k, job in enumerate(jobs):
        part = k + 1
        if merged.status != "ok":
            reason = "not run: part %d ended with %s" % (merged_part, merged.status)
            for name in plan[k]:
                t = TestResult.skipped(name, reason)
                t.part = part
                merged.tests.append(t)
            continue
        base = offset

        def forward(index, _total, test, base=base, part=part):
            test.part = part
            if on_test is not None:
                on_test(base + index, max(total, base + _total), test)

        report = supervisor.run(job, info, should_cancel=should_cancel, on_test=forward)
        for t in report.tests:
            t.part = part
        merged.tests.extend(report.tests)
        merged.duration_ms += report.duration_ms
        if report.stdout:
            stdout.append(report.stdout if len(jobs) == 1 else "[part %d]\n%s" % (part, report.stdout))
        if report.stderr:
            stderr.append(report.stderr if len(jobs) == 1 else "[part %d]\n%s" % (part, report.stderr))
        if report.stdout_stats is not None:
            merged.stdout_stats = _add_stats(merged.stdout_stats, report.stdout_stats)
            merged.stderr_stats = _add_stats(merged.stderr_stats, report.stderr_stats)
        offset += len(report.tests)
        if report.status != "ok":
            merged.fail(report.status, report.error)
            merged_part = part
    merged.stdout = "".join(stdout)
    merged.stderr = "".join(stderr)
    return merged


def _add_stats(a, b):
    if b is None:
        return a
    if a is None:
        return type(b)(b.lines, b.bytes, b.truncated)
    return type(b)(a.lines + b.lines, a.bytes + b.bytes, a.truncated or b.truncated)
