// Runs the Python unit tests of src/python/mlprep_harness/timing.py (the relative-speed checks
// that hidden tests use) under each available interpreter. The Python side uses a fake clock, so
// the verdicts do not depend on the machine.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../../src/adapters/pythonProcess';

const SCRIPT = path.resolve(__dirname, '../python/test_timing.py');
const pythons = [process.env.MLPREP_TEST_PYTHON ?? 'python3', ...(existsSync('/usr/bin/python3') ? ['/usr/bin/python3'] : [])];

describe('mlprep_harness.timing (Python unit tests)', () => {
  for (const python of [...new Set(pythons)]) {
    it(`passes under ${python}`, async () => {
      const r = await runPython({ python, args: [SCRIPT], timeoutMs: 60_000 });
      expect(r.spawnError).toBeUndefined();
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/Ran \d+ tests/);
      expect(r.stderr).toMatch(/\nOK\s*$/);
    });
  }
});
