// Runs the Python unit tests of mlprep_harness.frameworks (test/python/test_frameworks.py) under an
// interpreter without torch (the NumPy half) and, when one exists, the torch environment (both halves).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../../src/adapters/pythonProcess';
import { torchPython } from './helpers/torchPython';

const SCRIPT = path.resolve(__dirname, '../python/test_frameworks.py');
const TORCH = torchPython();
const pythons = [process.env.MLPREP_TEST_PYTHON ?? 'python3', ...['/usr/bin/python3'].filter((p) => existsSync(p))];

describe('mlprep_harness.frameworks (Python unit tests)', () => {
  for (const python of [...new Set(pythons)]) {
    it(`passes under ${python}`, async () => {
      const r = await runPython({ python, args: [SCRIPT], timeoutMs: 60_000 });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/\nOK( \(skipped=\d+\))?\s*$/);
    });
  }

  it.skipIf(!TORCH)('passes with torch, no test skipped', async () => {
    const r = await runPython({ python: TORCH!, args: [SCRIPT], timeoutMs: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Ran 9 tests[\s\S]*\nOK\s*$/);
  });
});
