"""Unit tests for src/python/mlprep_harness/frameworks.py (stdlib unittest + numpy; the PyTorch
half needs torch and is skipped without it). Run by test/unit/harnessFrameworks.test.ts under an
interpreter without torch and one with it.

    python3 test/python/test_frameworks.py
"""

import importlib.util
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "src", "python"))

import numpy as np  # noqa: E402

from mlprep_harness import frameworks  # noqa: E402

HAS_TORCH = importlib.util.find_spec("torch") is not None


class NumpyFramework(unittest.TestCase):
    def setUp(self):
        frameworks.set_framework("numpy")

    def test_user_function_is_the_function_itself(self):
        def f(x):
            return x
        self.assertIs(frameworks.user_function(f), f)
        self.assertIs(frameworks.user_function(dict), dict)

    def test_numpy_run_does_not_import_torch(self):
        frameworks.to_numpy(frameworks.to_framework([np.zeros(2)]))
        if "torch" in sys.modules:
            self.skipTest("torch was imported by someone else in this process")
        self.assertNotIn("torch", sys.modules)

    def test_unknown_framework_is_refused(self):
        with self.assertRaises(ValueError):
            frameworks.set_framework("jax")


@unittest.skipUnless(HAS_TORCH, "torch is not installed")
class PytorchFramework(unittest.TestCase):
    def setUp(self):
        frameworks.set_framework("pytorch")
        import torch
        self.torch = torch

    def tearDown(self):
        frameworks.set_framework("numpy")

    def test_arrays_become_tensors_of_the_same_dtype_and_results_come_back_as_arrays(self):
        torch = self.torch
        seen = {}

        def f(x, xs, d, k=None):
            seen.update(x=x, xs=xs, d=d, k=k)
            return x * 2, {"sum": x.sum()}, [xs[0]]
        out, extra, lst = frameworks.user_function(f)(np.arange(3.0), [np.arange(2, dtype=np.int64)], {"m": np.ones((2, 2), dtype=np.float32)}, k=3)
        self.assertIsInstance(seen["x"], torch.Tensor)
        self.assertEqual(seen["x"].dtype, torch.float64)
        self.assertEqual(seen["xs"][0].dtype, torch.int64)
        self.assertEqual(seen["d"]["m"].dtype, torch.float32)
        self.assertEqual(seen["k"], 3)
        self.assertIsInstance(out, np.ndarray)
        np.testing.assert_array_equal(out, [0.0, 2.0, 4.0])
        self.assertIsInstance(extra["sum"], np.ndarray)
        self.assertEqual(extra["sum"].shape, ())   # a 0-d tensor comes back as a 0-d array
        self.assertEqual(float(extra["sum"]), 3.0)
        self.assertIsInstance(lst[0], np.ndarray)

    def test_in_place_changes_reach_the_callers_array(self):
        x = np.array([1.0, 2.0])
        frameworks.user_function(lambda t: t.mul_(3))(x)
        np.testing.assert_array_equal(x, [3.0, 6.0])

    def test_read_only_and_reversed_arrays_are_copied(self):
        ro = np.arange(3.0)
        ro.setflags(write=False)
        back = frameworks.user_function(lambda t: t + 1)(ro[::-1])
        np.testing.assert_array_equal(back, [3.0, 2.0, 1.0])

    def test_string_arrays_and_scalars_pass_through(self):
        got = {}
        frameworks.user_function(lambda s, n, name: got.update(s=s, n=n, name=name))(np.array(["a", "b"]), 2.5, "x")
        self.assertIsInstance(got["s"], np.ndarray)
        self.assertEqual((got["n"], got["name"]), (2.5, "x"))

    def test_numpy_generator_becomes_a_seeded_torch_generator(self):
        torch = self.torch

        def draw(rng):
            self.assertIsInstance(rng, torch.Generator)
            return torch.rand(4, generator=rng)
        a = frameworks.user_function(draw)(np.random.default_rng(7))
        b = frameworks.user_function(draw)(np.random.default_rng(7))
        c = frameworks.user_function(draw)(np.random.default_rng(8))
        np.testing.assert_array_equal(a, b)
        self.assertFalse(np.array_equal(a, c))

    def test_class_instances_are_wrapped(self):
        torch = self.torch

        class Acc:
            def __init__(self, w):
                self.w = w

            def add(self, x):
                self.w = self.w + x
                return self.w

        make = frameworks.user_function(Acc)
        obj = make(np.zeros(2))
        self.assertIsInstance(obj.__wrapped__.w, torch.Tensor)
        out = obj.add(np.ones(2))
        self.assertIsInstance(out, np.ndarray)
        self.assertIsInstance(obj.w, np.ndarray)       # attributes read back as arrays
        obj.w = np.full(2, 5.0)                        # and are set as tensors
        self.assertIsInstance(obj.__wrapped__.w, torch.Tensor)


if __name__ == "__main__":
    unittest.main()
