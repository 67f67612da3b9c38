"""Unit tests for src/python/mlprep_harness/timing.py (stdlib unittest; run by test/unit/timing.test.ts).

Durations come from a fake clock that the callables advance, so every verdict is deterministic:
no test here depends on how fast or loaded the machine is.

    python3 test/python/test_timing.py
"""

import json
import os
import sys
import tempfile
import time as real_time
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "src", "python"))

from mlprep_harness import timing  # noqa: E402


class FakeClock:
    """Stands in for the `time` module inside timing.py; `work(ms)` returns a callable that
    'takes' ms milliseconds and counts its calls."""

    def __init__(self):
        self.now = 1000.0
        self.cpu = 5.0
        self.calls = {}

    def module(self):
        return types.SimpleNamespace(perf_counter=lambda: self.now, process_time=lambda: self.cpu,
                                     strftime=real_time.strftime, gmtime=real_time.gmtime)

    def work(self, name, *durations_ms, result=None, waiting_ms=0.0):
        """A callable whose i-th call takes durations_ms[i] of CPU (the last one repeats), plus
        waiting_ms of wall time without CPU (another process holding the core)."""
        self.calls[name] = 0

        def fn():
            i = self.calls[name]
            self.calls[name] = i + 1
            busy = durations_ms[min(i, len(durations_ms) - 1)] / 1000.0
            self.now += busy + waiting_ms / 1000.0
            self.cpu += busy
            return result if result is not None else (name, i)
        return fn


class TimingTest(unittest.TestCase):
    def setUp(self):
        self.clock = FakeClock()
        self._saved_time = timing.time
        timing.time = self.clock.module()
        self._saved_env = os.environ.pop(timing.CACHE_ENV, None)
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        timing.time = self._saved_time
        os.environ.pop(timing.CACHE_ENV, None)
        if self._saved_env is not None:
            os.environ[timing.CACHE_ENV] = self._saved_env
        self.tmp.cleanup()

    def check(self, cand, ref, factor=10, slack=50, key="demo/check", what="must run within 10x of the reference"):
        return timing.assert_relative_speed(candidate=cand, reference=ref, factor=factor, slack_ms=slack,
                                            key=key, what=what)

    def test_fast_candidate_passes_and_returns_its_result(self):
        ref = self.clock.work("ref", 20)
        cand = self.clock.work("cand", 150, result=[1, 2, 3])
        self.assertEqual(self.check(cand, ref), [1, 2, 3])
        self.assertEqual(self.clock.calls["cand"], 1, "a passing candidate is timed once")
        # one warm-up call, then three timed calls
        self.assertEqual(self.clock.calls["ref"], 1 + timing.REFERENCE_RUNS)

    def test_reference_time_is_the_median_after_a_warm_up(self):
        # warm-up 500 ms (ignored), then 10, 40, 12 -> median 12; limit = 2 * 12 + 0 = 24
        ref = self.clock.work("ref", 500, 10, 40, 12)
        self.assertEqual(self.check(self.clock.work("ok", 23), ref, factor=2, slack=0), ("ok", 0))
        ref = self.clock.work("ref", 500, 10, 40, 12)
        with self.assertRaises(AssertionError) as cm:
            self.check(self.clock.work("slow", 60), ref, factor=2, slack=0)
        self.assertIn("12.0 ms", str(cm.exception))

    def test_slow_candidate_fails_with_both_times_ratio_and_rule(self):
        ref = self.clock.work("ref", 20)
        cand = self.clock.work("cand", 2400)
        rule = "must run within 10x of a vectorised reference on 100,000 rows"
        with self.assertRaises(AssertionError) as cm:
            self.check(cand, ref, what=rule)
        msg = str(cm.exception)
        for part in ("2,400 ms", "20.0 ms", "120.0x", rule, "10x the reference + 50 ms = 250 ms"):
            self.assertIn(part, msg)
        self.assertEqual(self.clock.calls["cand"], 1, "a clearly slow candidate is not run twice")

    def test_waiting_for_the_cpu_does_not_fail_a_correct_answer(self):
        # a loaded machine: the candidate used 30 ms of CPU but waited 400 ms for a core
        ref = self.clock.work("ref", 20)
        self.assertEqual(self.check(self.clock.work("cand", 30, waiting_ms=400, result="ok"), ref), "ok")
        # ... while a slow answer is slow on both clocks
        ref = self.clock.work("ref", 20)
        with self.assertRaises(AssertionError) as cm:
            self.check(self.clock.work("cand", 2000, waiting_ms=400), ref)
        self.assertIn("CPU time 2,000 ms vs 20.0 ms", str(cm.exception))

    def test_borderline_candidate_gets_a_second_run(self):
        ref = self.clock.work("ref", 20)
        cand = self.clock.work("cand", 300, 200, result="r")  # limit 250: first 300 misses, then 200
        self.assertEqual(self.check(cand, ref), "r")
        self.assertEqual(self.clock.calls["cand"], 2)
        ref = self.clock.work("ref", 20)
        cand = self.clock.work("cand", 300, 280)
        with self.assertRaises(AssertionError) as cm:
            self.check(cand, ref)
        self.assertIn("280 ms", str(cm.exception))
        self.assertIn("best of two runs", str(cm.exception))

    def test_cache_hit_skips_the_reference(self):
        os.environ[timing.CACHE_ENV] = self.tmp.name
        self.check(self.clock.work("cand", 100), self.clock.work("ref", 20))
        self.assertEqual(self.clock.calls["ref"], 1 + timing.REFERENCE_RUNS)
        entries = [f for f in os.listdir(self.tmp.name) if f.endswith(".json")]
        self.assertEqual(len(entries), 1)
        ref = self.clock.work("ref", 20)
        self.check(self.clock.work("cand", 100), ref)
        self.assertEqual(self.clock.calls["ref"], 1, "with a cached time the reference costs one live call")
        # another key is another entry
        self.check(self.clock.work("cand", 100), self.clock.work("ref", 20), key="demo/other")
        self.assertEqual(self.clock.calls["ref"], 1 + timing.REFERENCE_RUNS)

    def test_no_cache_without_the_environment_variable(self):
        self.check(self.clock.work("cand", 100), self.clock.work("ref", 20))
        ref = self.clock.work("ref", 20)
        self.check(self.clock.work("cand", 100), ref)
        self.assertEqual(self.clock.calls["ref"], 1 + timing.REFERENCE_RUNS)
        self.assertEqual(os.listdir(self.tmp.name), [])

    def _entry_path(self, key="demo/check"):
        identity = timing.cache_identity(key, __file__)
        return timing._cache_path(self.tmp.name, identity), identity

    def test_corrupt_or_foreign_cache_entries_are_ignored(self):
        os.environ[timing.CACHE_ENV] = self.tmp.name
        path, identity = self._entry_path()
        foreign = dict(identity, python=["/other/python", "3.0"])
        for content in ("{not json", json.dumps([1, 2]), json.dumps({"identity": identity, "referenceMs": -5, "referenceCpuMs": 5}),
                        json.dumps({"identity": identity, "referenceMs": "fast", "referenceCpuMs": 5}),
                        json.dumps({"identity": identity, "referenceMs": 20.0}),
                        json.dumps({"identity": foreign, "referenceMs": 20.0, "referenceCpuMs": 20.0})):
            with open(path, "w") as f:
                f.write(content)
            ref = self.clock.work("ref", 20)
            self.check(self.clock.work("cand", 100), ref)
            self.assertEqual(self.clock.calls["ref"], 1 + timing.REFERENCE_RUNS, "ignored: %s" % content)
            with open(path) as f:
                self.assertEqual(json.load(f)["identity"], identity, "the bad entry is replaced")

    def test_a_cached_time_never_fails_a_candidate_alone(self):
        os.environ[timing.CACHE_ENV] = self.tmp.name
        path, identity = self._entry_path()
        with open(path, "w") as f:  # a time cached at a quiet moment, far below today's
            json.dump({"identity": identity, "referenceMs": 1.0, "referenceCpuMs": 1.0}, f)
        ref = self.clock.work("ref", 100)
        self.assertEqual(self.check(self.clock.work("cand", 900, result="ok"), ref), "ok")
        self.assertEqual(self.clock.calls["ref"], 1 + 1 + timing.REFERENCE_RUNS, "one live call, then re-measured in full")
        ref = self.clock.work("ref", 100)
        with self.assertRaises(AssertionError) as cm:
            self.check(self.clock.work("cand", 5000), ref)
        self.assertIn("reference re-measured", str(cm.exception))
        self.assertIn("100 ms", str(cm.exception))

    def test_the_cache_keeps_the_fastest_reference_time(self):
        os.environ[timing.CACHE_ENV] = self.tmp.name
        path, identity = self._entry_path()
        with open(path, "w") as f:
            json.dump({"identity": identity, "referenceMs": 10.0, "referenceCpuMs": 10.0}, f)
        # a slow candidate forces a live re-measure on a loaded moment (reference now 40 ms) ...
        with self.assertRaises(AssertionError):
            self.check(self.clock.work("cand", 5000), self.clock.work("ref", 40))
        with open(path) as f:
            self.assertEqual(json.load(f)["referenceMs"], 10.0, "a slower measurement must not replace a faster one")
        # ... while a faster measurement does replace it
        with open(path, "w") as f:
            json.dump({"identity": identity, "referenceMs": 1.0, "referenceCpuMs": 1.0}, f)
        self.check(self.clock.work("cand", 60), self.clock.work("ref", 5))
        with open(path) as f:
            self.assertEqual(json.load(f)["referenceMs"], 1.0)
        os.unlink(path)
        self.check(self.clock.work("cand", 60), self.clock.work("ref", 5))
        with open(path) as f:
            self.assertAlmostEqual(json.load(f)["referenceMs"], 5.0, places=6, msg="a missing entry is written")

    def test_a_stale_slow_cache_entry_never_loosens_the_limit(self):
        os.environ[timing.CACHE_ENV] = self.tmp.name
        path, identity = self._entry_path()
        with open(path, "w") as f:  # measured on a loaded moment: 100 ms, today 10 ms
            json.dump({"identity": identity, "referenceMs": 100.0, "referenceCpuMs": 100.0}, f)
        with self.assertRaises(AssertionError) as cm:  # 10 x 100 + 50 would let 800 ms through
            self.check(self.clock.work("cand", 800), self.clock.work("ref", 10))
        self.assertIn("10.0 ms", str(cm.exception))
        with open(path) as f:
            self.assertAlmostEqual(json.load(f)["referenceMs"], 10.0, places=6)

    def test_cache_identity_names_machine_interpreter_versions_and_test(self):
        ident = timing.cache_identity("a/b", __file__)
        self.assertEqual(ident["key"], "a/b")
        self.assertEqual(ident["python"][1], sys.version)
        self.assertTrue(ident["test"])
        self.assertNotEqual(timing._cache_path("d", ident), timing._cache_path("d", dict(ident, numpy="9.9")))

    def test_unwritable_cache_folder_is_no_error(self):
        blocker = os.path.join(self.tmp.name, "file")
        with open(blocker, "w") as f:
            f.write("x")
        os.environ[timing.CACHE_ENV] = os.path.join(blocker, "sub")  # a folder under a file
        self.assertEqual(self.check(self.clock.work("cand", 10, result=7), self.clock.work("ref", 20)), 7)

    def test_bad_arguments_raise_value_error(self):
        for factor, slack in ((0, 10), (-1, 10), ("5", 10), (5, -1)):
            with self.assertRaises(ValueError):
                self.check(self.clock.work("c", 1), self.clock.work("r", 1), factor=factor, slack=slack)

    def test_load_reference_loads_the_solution_beside_the_test_once(self):
        folder = os.path.join(self.tmp.name, "prob")
        os.makedirs(folder)
        with open(os.path.join(folder, "solution.py"), "w") as f:
            f.write("LOADS = globals().get('LOADS', 0) + 1\ndef f(x):\n    return x * 2\n")
        test_file = os.path.join(folder, "test_hidden.py")
        ref = timing.load_reference(test_file)
        self.assertEqual(ref.f(21), 42)
        self.assertIs(timing.load_reference(test_file), ref)
        self.assertNotIn(ref.__name__, ("solution", "__main__"))
        with self.assertRaises(ImportError):
            timing.load_reference(os.path.join(self.tmp.name, "nowhere", "test_hidden.py"))

    def test_exceptions_propagate(self):
        def boom():
            raise KeyError("x")
        with self.assertRaises(KeyError):
            self.check(boom, self.clock.work("ref", 1))


if __name__ == "__main__":
    unittest.main(verbosity=1)
