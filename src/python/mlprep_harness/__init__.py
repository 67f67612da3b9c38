"""MLPrep test harness: runs a problem's tests against a user's solution and reports JSON.

Standard library only (numpy/pandas are imported when installed); Python 3.9+. One job per
module:

  protocol     the messages and the report shared with TypeScript (one place builds them)
  text         bounded message text: capping, assertion splitting, exception/signal names
  problem      problem.yaml fields, static test names, one run request (Job)
  environment  the interpreter: info, missing modules, install command, preloads, cache dirs
  limits       the test child's rlimits (memory, CPU, core, file size, process count)
  containment  Linux subreaper: every process a run starts is gone when the run ends
  mux          waiting on several pipes; bounded output capture
  child        what runs in the test child: load solution and tests, run them, report
  numdiff      numeric assertion failures described from the values (digits that differ,
               abs/rel error against the tolerance, worst element of an array)
  supervise    fork/spawn the child (a spare forked while idle), stream its results, time out, kill
  assemble     what the child reported + how it ended -> the Report (where a timeout/crash was)
  server       the long-lived `serve` worker loop
  timing       relative-speed checks for hidden tests (assert_relative_speed)
  __main__     the command line (run | serve | info | fork-floor | child)

Threat model
------------
The judge contains *accidents* in the user's code and reports them clearly:
  crashes (segfault, os._exit)     -> status "crashed", with the signal/exit code and the line
  hangs (infinite loops)           -> the wall-clock limit; the report names the solution line
                                      that was running (a faulthandler dump of the main thread)
  sys.exit() / exit()              -> a test error; the next test still runs
  huge output                      -> head and tail kept, line count reported
  memory                           -> RLIMIT_AS (MemoryError, or a kill reported as a crash)
  process bombs                    -> RLIMIT_NPROC (user's task count + 256; not enforced for root)
  disk bombs                       -> RLIMIT_FSIZE (512 MB per file); the run's cwd is a temp dir
                                      deleted after the run if anything was written there
  stray processes                  -> the process group is killed; on Linux the harness is a child
                                      subreaper and kills every descendant, new sessions included
Every run executes in a fresh child, so one run cannot leave state for the next.

It does *not* stop deliberate tampering. Tests run in the user's process, as pytest does, so
code that wants to can read the test's frame (the expected values), patch numpy.testing or the
test functions, or write forged lines to the inherited result pipe. The harness only makes this
hard to do by accident: results travel on a dedicated pipe (printing JSON cannot fake a pass)
and the report is validated on the TypeScript side. Likewise the child wraps numpy.testing's
comparisons (numdiff) only to describe a failure from its values: a convenience for honest
mistakes, not a check; a solution that re-patches numpy.testing replaces the wrapper too. Both sides of this boundary are pinned by
tests (test/unit/harnessContainment.test.ts).

Platforms: Linux gets everything above. macOS has no subreaper: the child's process group is
killed, so a process that starts a new session (setsid) survives the run; RLIMIT_AS is not
enforced there. Windows has no fork: each run is a spawned `child` process (no preloaded numpy,
so slower), killed with TerminateProcess; processes it started are not tracked, and there are no
rlimits; the timeout stack dump comes from faulthandler.dump_traceback_later shortly before the
deadline instead of a signal.
"""
