// problem.yaml `followUps:` and the followups/<id>/ folders (contract F, problems/README.md "Follow-ups").
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPackFromDisk as loadPack } from '../../src/adapters/packFiles';
import { formatCatalogError, partCount } from '../../src/core/catalog/types';

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

async function makePack(files: Record<string, string>): Promise<string> {
  const base = await mkdtemp(path.join(tmpdir(), 'mlprep-followups-'));
  temps.push(base);
  const dir = path.join(base, 'pack');
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

const BASE = [
  'id: softmax',
  'title: Softmax',
  'category: ml-algorithms',
  'difficulty: easy',
  'tags: [numerics]',
  'companies: []',
  'minutes: 15',
  'requires: [numpy]',
  'entry: softmax',
  'signature: "softmax(z, axis=-1)"',
  'statement: "Softmax."',
  'constraints: []',
  'tolerance: "1e-12"',
  'hints: ["max"]',
].join('\n');

const FOLLOW = `
followUps:
  - id: log-softmax
    title: "Log-softmax"
    statement: "Now log."
    hints: ["logsumexp"]
    minutes: 10
  - id: backward
    title: "Backward pass"
    statement: "Now the VJP."
    minutes: 15
`;

function files(yaml: string, parts: string[] = ['log-softmax', 'backward']): Record<string, string> {
  const d = 'ml-algorithms/softmax';
  const out: Record<string, string> = {
    [`${d}/problem.yaml`]: yaml + '\n',
    [`${d}/starter.py`]: 'def softmax(z, axis=-1):\n    pass\n',
    [`${d}/solution.py`]: 'def softmax(z, axis=-1):\n    pass\n',
    [`${d}/test_examples.py`]: 'def test_a():\n    pass\n',
    [`${d}/test_hidden.py`]: 'def test_b():\n    pass\n',
  };
  for (const p of parts) {
    out[`${d}/followups/${p}/test_hidden.py`] = 'def test_c():\n    pass\n';
    out[`${d}/followups/${p}/solution.py`] = 'def softmax(z, axis=-1):\n    pass\n';
  }
  return out;
}

describe('followUps', () => {
  it('loads the parts in order with their numbers and files', async () => {
    const dir = await makePack(files(BASE + FOLLOW));
    const pack = await loadPack(dir, { source: 'user' });
    expect(pack.errors.map(formatCatalogError)).toEqual([]);
    const p = pack.problems[0];
    expect(p.followUps.map((f) => f.id)).toEqual(['log-softmax', 'backward']);
    expect(p.parts.map((f) => [f.part, f.title, f.minutes])).toEqual([[2, 'Log-softmax', 10], [3, 'Backward pass', 15]]);
    expect(p.parts[1].hints).toEqual([]);
    expect(p.parts[0].files.testHidden).toBe(path.join(dir, 'ml-algorithms/softmax/followups/log-softmax/test_hidden.py'));
    expect(partCount(p)).toBe(3);
  });

  it('a problem without followUps has one part', async () => {
    const pack = await loadPack(await makePack(files(BASE, [])), { source: 'user' });
    expect(pack.errors).toEqual([]);
    expect(pack.problems[0].parts).toEqual([]);
    expect(partCount(pack.problems[0])).toBe(1);
  });

  it('gives each part its PyTorch reference when the problem has a PyTorch variant and the file is there', async () => {
    const d = 'ml-algorithms/softmax';
    const pytorch = '\npytorch:\n  signature: "softmax(z: torch.Tensor, axis: int = -1) -> torch.Tensor"\n  note: "tensors"\n';
    const f = {
      ...files(BASE + pytorch + FOLLOW),
      [`${d}/starter_pytorch.py`]: 'import torch\n', [`${d}/solution_pytorch.py`]: 'import torch\n', [`${d}/test_examples_pytorch.py`]: 'def test_a():\n    pass\n',
      [`${d}/followups/log-softmax/solution_pytorch.py`]: 'import torch\n',
    };
    const dir = await makePack(f);
    const pack = await loadPack(dir, { source: 'user' });
    expect(pack.errors.map(formatCatalogError)).toEqual([]);
    const [p2, p3] = pack.problems[0].parts;
    expect(p2.files.solutionPytorch).toBe(path.join(dir, d, 'followups/log-softmax/solution_pytorch.py'));
    expect(p3.files.solutionPytorch).toBeUndefined();   // loads; the validator reports it missing
    // without the variant a part's solution_pytorch.py is not part of the problem
    const numpyOnly = await loadPack(await makePack({ ...files(BASE + FOLLOW), [`${d}/followups/log-softmax/solution_pytorch.py`]: 'import torch\n' }), { source: 'user' });
    expect(numpyOnly.problems[0].parts[0].files.solutionPytorch).toBeUndefined();
  });

  it('reports a missing solution.py of a part and drops the problem', async () => {
    const f = files(BASE + FOLLOW);
    delete f['ml-algorithms/softmax/followups/backward/solution.py'];
    const pack = await loadPack(await makePack(f), { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(pack.errors.map(formatCatalogError)).toEqual(['pack/ml-algorithms/softmax/followups/backward/solution.py: file is missing']);
  });

  it('reports a followups folder that is not listed, and a missing followups/ folder', async () => {
    const f = files(BASE + FOLLOW, ['log-softmax', 'backward', 'extra']);
    const pack = await loadPack(await makePack(f), { source: 'user' });
    expect(pack.errors.map(formatCatalogError)).toEqual(['pack/ml-algorithms/softmax/followups/extra: is not listed in problem.yaml followUps; ignored']);
    expect(pack.problems).toHaveLength(1);
    const none = await loadPack(await makePack(files(BASE + FOLLOW, [])), { source: 'user' });
    expect(none.problems).toEqual([]);
    expect(none.errors.map(formatCatalogError)[0]).toMatch(/problem\.yaml: followUps: lists follow-ups but the folder followups\/ is missing/);
  });

  it('validates the fields: duplicate ids, slug ids, unknown fields, too many hints', async () => {
    const yaml = BASE + `
followUps:
  - id: Log_Softmax
    title: "x"
    statement: "y"
    minutes: 5
    hints: ["a", "b", "c", "d"]
  - id: backward
    title: "x"
    statement: "y"
    minutes: 5
    tip: "?"
  - id: backward
    title: "x"
    statement: "y"
    minutes: 5
`;
    const pack = await loadPack(await makePack(files(yaml, [])), { source: 'user' });
    const msgs = pack.errors.map(formatCatalogError).join('\n');
    expect(pack.problems).toEqual([]);
    expect(msgs).toMatch(/followUps\[0\]\.id: must be lower-case/);
    expect(msgs).toMatch(/followUps\[0\]\.hints: must have at most 3 items/);
    expect(msgs).toMatch(/followUps\[1\]\.tip: unknown field/);
  });

  it('rejects two parts with the same id', async () => {
    const yaml = BASE + `
followUps:
  - { id: backward, title: "a", statement: "b", minutes: 5 }
  - { id: backward, title: "c", statement: "d", minutes: 5 }
`;
    const pack = await loadPack(await makePack(files(yaml, ['backward'])), { source: 'user' });
    expect(pack.errors.map(formatCatalogError)).toEqual(['pack/ml-algorithms/softmax/problem.yaml: followUps[1].id: duplicate follow-up id "backward"']);
  });
});
