"""Unit tests for src/python/mlprep_harness/numdiff.py (stdlib unittest + numpy; run by
test/unit/harnessNumdiff.test.ts under each interpreter, so numpy 1.x and 2.x both).

    python3 test/python/test_numdiff.py
"""

import os
import sys
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "src", "python"))

import numpy as np  # noqa: E402

from mlprep_harness import numdiff  # noqa: E402


def fail(fn, *args, **kwargs):
    """Runs a wrapped numpy.testing function that must fail; returns numdiff's description."""
    testing = types.SimpleNamespace(**{n: getattr(np.testing, n) for n in numdiff.WRAPPED})
    numdiff.install(testing)
    try:
        getattr(testing, fn)(*args, **kwargs)
    except AssertionError as exc:
        cmp = getattr(exc, "mlprep_compare", None)
        assert cmp is not None, "the wrapper did not attach the values"
        return numdiff.describe(cmp, np)
    raise AssertionError("%s did not fail" % fn)


class Numbers(unittest.TestCase):
    def test_digits_show_where_values_differ(self):
        self.assertEqual(numdiff.digits_to_show(0.6380671, 0.6380683), 7)
        self.assertEqual(numdiff.digits_to_show(0.638067123, 0.638068456), 7)
        self.assertEqual(numdiff.digits_to_show(0.5, 0.75), 2)
        self.assertEqual(numdiff.digits_to_show(-1.0, 123456.0), 6)
        self.assertEqual(numdiff.digits_to_show(1.0, 1.0 + 2e-16), 17)
        self.assertEqual(numdiff.digits_to_show(0.1 + 0.2, 0.3), 17)
        self.assertEqual(numdiff.digits_to_show(float("nan"), 1.0), 7)

    def test_plain_numbers(self):
        self.assertEqual(numdiff.fmt_number(0.6380671, 7), "0.6380671")
        self.assertEqual(numdiff.fmt_number(3, 7), "3")             # int stays int
        self.assertEqual(numdiff.fmt_number(3.0, 7), "3.0")         # float says so
        self.assertEqual(numdiff.fmt_number(1e-12, 4), "1e-12")
        self.assertEqual(numdiff.fmt_number(float("nan")), "nan")
        self.assertEqual(numdiff.fmt_number(float("-inf")), "-inf")
        self.assertEqual(numdiff.fmt_number(True), "True")


class Describe(unittest.TestCase):
    def test_scalar(self):
        d = fail("assert_allclose", 0.6380671, 0.6380683, rtol=1e-7, err_msg="AUC (n=7)")
        self.assertEqual(d["actual"], "0.6380671")
        self.assertEqual(d["expected"], "0.6380683")
        self.assertEqual(d["message"], "AUC (n=7)\nactual 0.6380671, expected 0.6380683: abs err 1.2e-06, "
                                       "rel err 1.9e-06; tolerance rtol=1e-07, atol=0")

    def test_zero_d_array_reads_as_a_number(self):
        d = fail("assert_allclose", np.array(0.25), np.float32(0.5), atol=1e-3)
        self.assertEqual((d["actual"], d["expected"]), ("0.25", "0.5"))
        self.assertNotIn("array", d["message"])
        self.assertIn("tolerance rtol=1e-07, atol=0.001", d["message"])

    def test_one_d(self):
        d = fail("assert_allclose", [1.0, 2.0, 3.5, 4.0], [1.0, 2.0, 3.0, 4.2])
        lines = d["message"].split("\n")
        self.assertEqual(lines[0], "2 of 4 elements differ (shape (4,)); tolerance rtol=1e-07, atol=0")
        self.assertEqual(lines[1], "worst at [2]: actual 3.5, expected 3.0; abs err 0.5, rel err 0.17")
        self.assertEqual(d["actual"], "[1.0, 2.0, 3.5, 4.0]")

    def test_two_d_worst_index(self):
        exp = np.arange(12.0).reshape(3, 4)
        got = exp.copy()
        got[2, 1] += 0.01
        got[0, 3] += 0.002
        d = fail("assert_allclose", got, exp)
        self.assertIn("2 of 12 elements differ (shape (3, 4))", d["message"])
        self.assertIn("worst at [2, 1]: actual 9.01, expected 9.0; abs err 0.01", d["message"])
        self.assertEqual(d["actual"].count("\n"), 2)  # one line per row

    def test_nan_and_inf(self):
        d = fail("assert_allclose", [1.0, np.nan, np.inf], [1.0, 2.0, np.inf])
        self.assertIn("1 of 3 elements differ", d["message"])  # inf == inf is a match
        self.assertIn("worst at [1]: actual nan, expected 2.0; nan where a number was expected", d["message"])
        self.assertEqual(d["actual"], "[1.0, nan, inf]")
        d = fail("assert_allclose", [np.inf], [-np.inf])
        self.assertIn("actual inf, expected -inf", d["message"])
        # nan == nan counts as equal (numpy's default), so only the 1.0 vs 1.5 mismatch is counted
        d = fail("assert_allclose", [np.nan, 1.0], [np.nan, 1.5])
        self.assertIn("1 of 2 elements differ", d["message"])

    def test_int_vs_float(self):
        d = fail("assert_array_equal", np.array([1, 2, 3]), np.array([1.0, 2.0, 3.5]))
        self.assertEqual(d["actual"], "[1, 2, 3]")
        self.assertEqual(d["expected"], "[1.0, 2.0, 3.5]")
        self.assertIn("tolerance exact equality", d["message"])
        d = fail("assert_equal", 3, 4)
        self.assertEqual((d["actual"], d["expected"]), ("3", "4"))

    def test_huge_array_is_truncated(self):
        exp = np.arange(1_000_000, dtype=float)
        got = exp.copy()
        got[123_456] = -1.0
        d = fail("assert_allclose", got, exp)
        self.assertIn("1 of 1,000,000 elements differ (shape (1000000,))", d["message"])
        self.assertIn("worst at [123456]: actual -1.0, expected 123456.0", d["message"])
        self.assertIn("...", d["actual"])
        self.assertLessEqual(len(d["actual"]), numdiff.MAX_ARRAY_VIEW)
        big = np.zeros((300, 300))
        d = fail("assert_allclose", big + 1, big)
        self.assertIn("90,000 of 90,000", d["message"])
        self.assertLess(len(d["actual"]), 400)
        # many dimensions: fewer edge items until the view fits, never cut mid-number
        cube = np.random.default_rng(0).random((6, 6, 6, 6))
        d = fail("assert_allclose", cube + 1e-3, cube)
        self.assertLessEqual(len(d["actual"]), numdiff.MAX_ARRAY_VIEW)
        self.assertNotIn("truncated", d["actual"])
        self.assertTrue(d["actual"].endswith("]]]]"), d["actual"][-40:])

    def test_shape_mismatch(self):
        d = fail("assert_allclose", np.array([[0.5]]), np.array([0.5, 0.5]))
        self.assertEqual(d["message"], "shape mismatch: actual has shape (1, 1), expected shape (2,)")

    def test_scalar_against_array(self):
        d = fail("assert_allclose", 0.5, [0.5, 0.6])
        self.assertIn("1 of 2 elements differ (shape (2,))", d["message"])
        self.assertIn("(a single value compared with every element: actual has shape (), expected shape (2,))",
                      d["message"])
        self.assertEqual(d["actual"], "0.5")

    def test_decimal(self):
        d = fail("assert_array_almost_equal", [1.0, 2.0], [1.0, 2.001], decimal=4)
        self.assertIn("tolerance decimal=4 (abs err < 0.00015)", d["message"])
        self.assertIn("worst at [1]: actual 2.0, expected 2.001", d["message"])

    def test_not_numeric_falls_back(self):
        try:
            testing = types.SimpleNamespace(assert_equal=np.testing.assert_equal)
            numdiff.install(testing)
            testing.assert_equal({"a": 1}, {"a": 2})
        except AssertionError as exc:
            self.assertIsNone(numdiff.describe(exc.mlprep_compare, np))
        self.assertIsNone(fail("assert_array_equal", np.array(["a"]), np.array(["b"])))

    def test_wrapper_keeps_numpy_behaviour(self):
        testing = types.SimpleNamespace(assert_allclose=np.testing.assert_allclose)
        self.assertEqual(numdiff.install(testing), ["assert_allclose"])
        self.assertEqual(numdiff.install(testing), [])  # once
        self.assertIsNone(testing.assert_allclose([1.0], [1.0 + 1e-9]))  # passes as before
        with self.assertRaises(TypeError):
            testing.assert_allclose([1.0])  # a bad call still fails numpy's way


class Fallback(unittest.TestCase):
    """Values numdiff cannot describe keep numpy's text, with 0-d arrays shown as numbers."""

    def test_zero_d_text(self):
        from mlprep_harness.text import split_assertion
        parts = split_assertion("\nNot equal to tolerance rtol=1e-07, atol=0\n\nMismatched elements: 1 / 1 (100%)\n"
                                " x: array(0.638067)\n y: array(0.638068)")
        self.assertEqual((parts["actual"], parts["expected"]), ("0.638067", "0.638068"))
        parts = split_assertion("msg\n x: array([1., 2.])\n y: array([1., 3.])")
        self.assertEqual(parts["actual"], "array([1., 2.])")


class PlainAsserts(unittest.TestCase):
    """from_assert: which plain asserts are described, evaluated in a frame's namespace."""

    def compare(self, source, **names):
        frame = types.SimpleNamespace(f_globals={"np": np, "math": __import__("math"), "abs": abs}, f_locals=names)
        return numdiff.from_assert(source, 1, frame, err_msg="m")

    def test_forms(self):
        c = self.compare("assert got == 0.5", got=0.25)
        self.assertEqual((c.kind, c.actual, c.expected), ("exact", 0.25, 0.5))
        c = self.compare("assert abs(got - want) <= 1e-9", got=1.0, want=2.0)
        self.assertEqual((c.kind, c.atol, c.inclusive), ("abs", 1e-9, True))
        c = self.compare("assert math.isclose(got, 0.5, rel_tol=1e-6, abs_tol=1e-12)", got=0.25)
        self.assertEqual((c.kind, c.rtol, c.atol), ("isclose", 1e-6, 1e-12))
        c = self.compare("assert np.allclose(got, [1.0, 2.0], 1e-3)", got=[1.0, 3.0])
        self.assertEqual((c.kind, c.rtol, c.atol), ("allclose", 1e-3, 1e-8))
        d = numdiff.describe(c, np)
        self.assertIn("worst at [1]: actual 3.0, expected 2.0", d["message"])
        self.assertEqual(self.compare("assert out[0][1] == float(k)", out=[[1, 2]], k=3).actual, 2)

    def test_never_calls_the_solution_again(self):
        calls = []

        def f():
            calls.append(1)
            return 1.0
        self.assertIsNone(self.compare("assert f() == 0.5", f=f))
        self.assertIsNone(self.compare("assert abs(f() - 0.5) < 1e-9", f=f))
        self.assertIsNone(self.compare("assert math.isclose(f(), 0.5)", f=f))
        self.assertIsNone(self.compare("assert got > 0.5", got=0.1))
        self.assertEqual(calls, [])

    def test_pytest_approx(self):
        approx = lambda v, rel=None, abs=None: None  # noqa: E731 - only its arguments are read
        c = numdiff.from_assert("assert got == approx(0.5, rel=1e-3)", 1, types.SimpleNamespace(
            f_globals={"approx": approx}, f_locals={"got": 0.51}), err_msg="m")
        self.assertEqual((c.kind, c.rtol, c.atol), ("approx", 1e-3, 0.0))
        d = numdiff.describe(c, np)
        self.assertIn("actual 0.51, expected 0.5: abs err 0.01, rel err 0.02; tolerance pytest.approx rel=0.001, abs=0",
                      d["message"])
        c = self.compare("assert got == pytest.approx(0.5)", got=0.25, pytest=types.SimpleNamespace(approx=approx))
        self.assertEqual((c.rtol, c.atol), (1e-6, 1e-12))

    def test_isclose_rule(self):
        c = self.compare("assert math.isclose(got, 100.0, rel_tol=1e-3)", got=100.2)
        self.assertIn("tolerance rel_tol=0.001, abs_tol=0", numdiff.describe(c, np)["message"])


if __name__ == "__main__":
    unittest.main()
