// Runs the Python unit tests of src/python/mlprep_harness/numdiff.py (numeric assertion failures
// described from the values) under each available interpreter: numpy 2.x on PATH, numpy 1.24 in
// /usr/bin/python3.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../../src/adapters/pythonProcess';

const SCRIPT = path.resolve(__dirname, '../python/test_numdiff.py');
// plus the pinned environments `npm run validate-problems` creates under .venvs/, when present
const VENVS = ['np23-pd23', 'np24-pd30'].map((v) => path.resolve(__dirname, '../../.venvs', v, 'bin/python'));
const pythons = [process.env.MLPREP_TEST_PYTHON ?? 'python3', ...['/usr/bin/python3', ...VENVS].filter((p) => existsSync(p))];

describe('mlprep_harness.numdiff (Python unit tests)', () => {
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
