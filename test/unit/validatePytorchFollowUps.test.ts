// The validator's PyTorch checks of follow-up parts (scripts/validate-problems.ts), run for real on a
// copy of the built-in softmax problem: intact it passes under the torch interpreter; a part whose
// PyTorch reference fails its tests, a part the previous PyTorch reference already solves, and a
// missing PyTorch reference are each reported.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPython } from '../../src/adapters/pythonProcess';
import { torchPython } from './helpers/torchPython';

const ROOT = path.resolve(__dirname, '../..');
const TORCH = torchPython();
// bundled like out/tools (the script finds the repo two folders up from its own)
const BUNDLE = path.join(ROOT, 'out', 'unit-tools', 'validate-problems.js');
const temps: string[] = [];

function softmaxPack(): { pack: string; problem: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'mlprep-validate-pt-'));
  temps.push(base);
  const problem = path.join(base, 'problems', 'ml-algorithms', 'softmax');
  cpSync(path.join(ROOT, 'problems', 'ml-algorithms', 'softmax'), problem, { recursive: true });
  return { pack: path.join(base, 'problems'), problem };
}

async function validate(pack: string, python = TORCH!): Promise<{ code: number | null; out: string }> {
  const r = await runPython({ python: process.execPath, args: [BUNDLE, '--problems', pack, '--python', python, '--no-variants', 'softmax'], timeoutMs: 240_000 });
  return { code: r.exitCode, out: r.stdout + r.stderr };
}

describe.skipIf(!TORCH)('validate-problems: follow-up parts under PyTorch', () => {
  beforeAll(async () => {
    await build({ entryPoints: [path.join(ROOT, 'scripts', 'validate-problems.ts')], outfile: BUNDLE, bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'error', alias: { vscode: path.join(ROOT, 'test', 'stubs', 'vscode.ts') } });
  });
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('passes the real softmax, and reports a PyTorch part reference that fails its part or is missing', async () => {
    const ok = softmaxPack();
    const good = await validate(ok.pack);
    expect(good.out).toMatch(/PASS ml-algorithms\/softmax .*PyTorch 10\/10 hidden.*2 follow-ups/);
    expect(good.code).toBe(0);

    // part 2's PyTorch reference solves part 3 already; part 3's is part 1's
    const bad = softmaxPack();
    const ref = (f: string) => readFileSync(path.join(bad.problem, f), 'utf8');
    const part1 = ref('solution_pytorch.py');
    writeFileSync(path.join(bad.problem, 'followups', 'log-softmax', 'solution_pytorch.py'), ref('followups/backward/solution_pytorch.py'));
    writeFileSync(path.join(bad.problem, 'followups', 'backward', 'solution_pytorch.py'), part1);
    const r = await validate(bad.pack);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/part 3 \(backward\) under PyTorch: followups\/backward\/solution_pytorch\.py fails the tests of parts 1\.\.3/);
    expect(r.out).toMatch(/part 3 \(backward\) under PyTorch: the PyTorch reference of part 2 passes every test of part 3/);
    expect(r.out).not.toMatch(/part 2 \(log-softmax\) under PyTorch/);

    // a part without its PyTorch reference: a static rule, reported whatever the interpreters
    const missing = softmaxPack();
    rmSync(path.join(missing.problem, 'followups', 'backward', 'solution_pytorch.py'));
    const m = await validate(missing.pack, process.env.MLPREP_TEST_PYTHON ?? 'python3');
    expect(m.code).not.toBe(0);
    expect(m.out).toMatch(/part 3 \(backward\): followups\/backward\/solution_pytorch\.py is missing/);
    expect(existsSync(BUNDLE)).toBe(true);
  }, 480_000);
});
