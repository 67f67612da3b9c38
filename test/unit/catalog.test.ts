import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogFromDisk as loadCatalog, loadPackFromDisk as loadPack } from '../../src/adapters/packFiles';
import { formatCatalogError, frameworkFiles, type PackContents } from '../../src/core/catalog/types';

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes a pack `<tmp>/<name>/` from a map of relative paths to contents. */
async function makePack(files: Record<string, string>, name = 'pack'): Promise<string> {
  const base = await mkdtemp(path.join(tmpdir(), 'mlprep-catalog-'));
  temps.push(base);
  const dir = path.join(base, name);
  await mkdir(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

function problemYaml(id: string, category = 'ml-algorithms', overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    id,
    title: 'K-means clustering',
    category,
    difficulty: 'medium',
    tags: '[clustering, unsupervised]',
    companies: '[Google]',
    minutes: '30',
    requires: '[numpy]',
    entry: 'kmeans',
    signature: '"kmeans(X, k) -> np.ndarray"',
    statement: '|\n  Cluster the rows of X.',
    constraints: '\n  - "1 <= k"',
    tolerance: '"relative tolerance 1e-6"',
    hints: '\n  - "Start from k random rows."',
    ...overrides,
  };
  return Object.entries(fields)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n') + '\n';
}

function problemFiles(id: string, category = 'ml-algorithms', yaml = problemYaml(id, category)): Record<string, string> {
  const dir = `${category}/${id}`;
  return {
    [`${dir}/problem.yaml`]: yaml,
    [`${dir}/starter.py`]: 'def kmeans(X, k):\n    raise NotImplementedError\n',
    [`${dir}/solution.py`]: 'def kmeans(X, k):\n    return X\n',
    [`${dir}/test_examples.py`]: 'def test_a():\n    pass\n',
    [`${dir}/test_hidden.py`]: 'def test_b():\n    pass\n',
  };
}

const section = (n = 3): string => `{ questions: [${Array.from({ length: n }, (_, i) => `"q${i}"`).join(', ')}], rubric: ["r1", "r2", "r3"] }`;
function designYaml(id: string, sectionOrder = ['problem-definition', 'data', 'modelling', 'evaluation', 'deployment-serving', 'monitoring-iteration'], questions = 3): string {
  return [
    `id: ${id}`,
    'title: Fraud detection',
    'difficulty: hard',
    'tags: [fraud]',
    'companies: [Stripe]',
    'minutes: 50',
    'prompt: |\n  Design fraud detection.',
    'context:\n  - "1M transactions a day"',
    'sections:',
    ...sectionOrder.map((k) => `  ${k}: ${section(questions)}`),
    'commonMistakes:\n  - "Accuracy as the metric"',
  ].join('\n') + '\n';
}

const messages = (pack: PackContents): string[] => pack.errors.map(formatCatalogError);

describe('loadPack', () => {
  it('loads a valid pack with defaults and absolute file paths', async () => {
    const dir = await makePack({ ...problemFiles('kmeans'), 'system-design/fraud.yaml': designYaml('fraud'), 'README.md': '# pack' });
    const pack = await loadPack(dir, { source: 'user' });
    expect(messages(pack)).toEqual([]);
    expect(pack.problems).toHaveLength(1);
    const p = pack.problems[0];
    expect(p).toMatchObject({ id: 'kmeans', category: 'ml-algorithms', difficulty: 'medium', timeLimitSeconds: 10, source: 'user', kind: 'coding' });
    expect(p.tags).toEqual(['clustering', 'unsupervised']);
    expect(p.files.testHidden).toBe(path.join(dir, 'ml-algorithms', 'kmeans', 'test_hidden.py'));
    expect(pack.designPrompts.map((d) => d.id)).toEqual(['fraud']);
    expect(Object.keys(pack.designPrompts[0].sections)).toHaveLength(6);
  });

  it('reports broken YAML with its line and drops the problem', async () => {
    const yaml = problemYaml('kmeans').replace('minutes: 30', 'minutes: [30');
    const pack = await loadPack(await makePack(problemFiles('kmeans', 'ml-algorithms', yaml)), { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(pack.errors).toHaveLength(1);
    expect(pack.errors[0].line).toBeGreaterThanOrEqual(7);
    expect(messages(pack)[0]).toMatch(/^pack\/ml-algorithms\/kmeans\/problem\.yaml: invalid YAML: line \d+, column \d+: /);
  });

  it('names a missing field', async () => {
    const pack = await loadPack(await makePack(problemFiles('kmeans', 'ml-algorithms', problemYaml('kmeans', 'ml-algorithms', { statement: '' }))), { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(messages(pack)).toEqual(['pack/ml-algorithms/kmeans/problem.yaml: statement: is required']);
  });

  it('names a bad enum value with the allowed values, the field and its line', async () => {
    const pack = await loadPack(await makePack(problemFiles('kmeans', 'ml-algorithms', problemYaml('kmeans', 'ml-algorithms', { difficulty: 'hardest' }))), { source: 'user' });
    expect(messages(pack)).toEqual(['pack/ml-algorithms/kmeans/problem.yaml: difficulty: must be one of easy, medium, hard (got "hardest")']);
    expect(pack.errors[0]).toMatchObject({ field: 'difficulty', line: 4 });
  });

  it('reports every schema problem at once, with nested paths and typo hints', async () => {
    const yaml = problemYaml('kmeans', 'ml-algorithms', { minutes: '"thirty"', tags: '[ok, Not_OK]', hints: '[]' }) + 'timelimitSeconds: 5\n';
    const pack = await loadPack(await makePack(problemFiles('kmeans', 'ml-algorithms', yaml)), { source: 'user' });
    expect(messages(pack)).toEqual(
      expect.arrayContaining([
        'pack/ml-algorithms/kmeans/problem.yaml: minutes: must be a whole number (got "thirty")',
        'pack/ml-algorithms/kmeans/problem.yaml: tags[1]: tags are lower-case and hyphenated (got "Not_OK")',
        'pack/ml-algorithms/kmeans/problem.yaml: hints: must have at least 1 item (got 0)',
        'pack/ml-algorithms/kmeans/problem.yaml: timelimitSeconds: unknown field (did you mean "timeLimitSeconds"?)',
      ]),
    );
  });

  it('ignores a folder whose name is not a slug', async () => {
    const pack = await loadPack(await makePack({ ...problemFiles('KMeans_v2'), ...problemFiles('pca') }), { source: 'user' });
    expect(pack.problems.map((p) => p.id)).toEqual(['pca']);
    expect(messages(pack)).toEqual(['pack/ml-algorithms/KMeans_v2: name must be lower-case letters, digits and single hyphens (it becomes a folder name); problem ignored']);
  });

  it('rejects an id that tries to escape the practice folder', async () => {
    const yaml = problemYaml('kmeans').replace('id: kmeans', 'id: ../../../etc/cron.d/x');
    const pack = await loadPack(await makePack(problemFiles('kmeans', 'ml-algorithms', yaml)), { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(messages(pack)).toEqual([
      'pack/ml-algorithms/kmeans/problem.yaml: id: must be lower-case letters, digits and single hyphens (got "../../../etc/cron.d/x")',
      'pack/ml-algorithms/kmeans/problem.yaml: id: must equal the folder name "kmeans" (got "../../../etc/cron.d/x")',
    ]);
  });

  it('rejects a slug longer than 64 characters', async () => {
    const long = `a${'-b'.repeat(40)}`;
    const pack = await loadPack(await makePack(problemFiles(long)), { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(messages(pack)[0]).toContain('at most 64 allowed');
  });

  it('requires the category to match the parent folder', async () => {
    const pack = await loadPack(await makePack(problemFiles('kmeans', 'metrics', problemYaml('kmeans', 'ml-algorithms'))), { source: 'user' });
    expect(messages(pack)).toEqual(['pack/metrics/kmeans/problem.yaml: category: must equal the parent folder "metrics" (got "ml-algorithms")']);
  });

  it('rejects an oversize YAML file without reading it', async () => {
    const yaml = problemYaml('kmeans') + `# ${'x'.repeat(300 * 1024)}\n`;
    const pack = await loadPack(await makePack(problemFiles('kmeans', 'ml-algorithms', yaml)), { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(messages(pack)).toEqual(['pack/ml-algorithms/kmeans/problem.yaml: file is 301 KiB; YAML files over 256 KiB are rejected unread']);
  });

  it('rejects an alias bomb', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      bomb.push(`${cur}: &${cur} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    const yaml = `${problemYaml('kmeans')}${bomb.join('\n')}\n`;
    const started = Date.now();
    const pack = await loadPack(await makePack(problemFiles('kmeans', 'ml-algorithms', yaml)), { source: 'user' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(pack.problems).toEqual([]);
    expect(messages(pack)).toHaveLength(1);
    expect(messages(pack)[0]).toMatch(/^pack\/ml-algorithms\/kmeans\/problem\.yaml: rejected: .*alias/i);
  });

  it('names each missing problem file', async () => {
    const files = problemFiles('kmeans');
    delete files['ml-algorithms/kmeans/test_hidden.py'];
    delete files['ml-algorithms/kmeans/starter.py'];
    const pack = await loadPack(await makePack(files), { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(messages(pack)).toEqual(['pack/ml-algorithms/kmeans/starter.py: file is missing', 'pack/ml-algorithms/kmeans/test_hidden.py: file is missing']);
  });

  describe('a PyTorch variant (pytorch: in problem.yaml)', () => {
    const pytorch = '\n  signature: "kmeans(X: torch.Tensor, k: int) -> torch.Tensor"\n  note: "X arrives as a float64 CPU tensor."';
    const withVariant = (): Record<string, string> => ({
      ...problemFiles('kmeans', 'ml-algorithms', problemYaml('kmeans', 'ml-algorithms', { pytorch })),
      'ml-algorithms/kmeans/starter_pytorch.py': 'import torch\n\ndef kmeans(X, k):\n    raise NotImplementedError\n',
      'ml-algorithms/kmeans/solution_pytorch.py': 'import torch\n\ndef kmeans(X, k):\n    return X\n',
      'ml-algorithms/kmeans/test_examples_pytorch.py': 'def test_a():\n    pass\n',
    });

    it('is offered with its signature, note and three files', async () => {
      const dir = await makePack(withVariant());
      const pack = await loadPack(dir, { source: 'user' });
      expect(messages(pack)).toEqual([]);
      const p = pack.problems[0];
      expect(p.frameworks).toEqual(['numpy', 'pytorch']);
      expect(p.pytorch).toEqual({ signature: 'kmeans(X: torch.Tensor, k: int) -> torch.Tensor', note: 'X arrives as a float64 CPU tensor.' });
      const at = (f: string): string => path.join(dir, 'ml-algorithms', 'kmeans', f);
      expect(p.files.pytorch).toEqual({ starter: at('starter_pytorch.py'), solution: at('solution_pytorch.py'), testExamples: at('test_examples_pytorch.py') });
      expect(frameworkFiles(p, 'pytorch')).toEqual(p.files.pytorch);
      expect(frameworkFiles(p, 'numpy')).toEqual({ starter: p.files.starter, solution: p.files.solution, testExamples: p.files.testExamples });
    });

    it('is absent without the mapping (NumPy only; its files, if any, are ignored)', async () => {
      const files = withVariant();
      files['ml-algorithms/kmeans/problem.yaml'] = problemYaml('kmeans');
      const p = (await loadPack(await makePack(files), { source: 'user' })).problems[0];
      expect(p.frameworks).toEqual(['numpy']);
      expect(p.pytorch).toBeUndefined();
      expect(p.files.pytorch).toBeUndefined();
      expect(frameworkFiles(p, 'pytorch').starter).toBe(p.files.starter);
    });

    it('names each missing file the mapping promises and drops the problem', async () => {
      const files = withVariant();
      delete files['ml-algorithms/kmeans/solution_pytorch.py'];
      delete files['ml-algorithms/kmeans/test_examples_pytorch.py'];
      const pack = await loadPack(await makePack(files), { source: 'user' });
      expect(pack.problems).toEqual([]);
      expect(messages(pack)).toEqual(['pack/ml-algorithms/kmeans/solution_pytorch.py: file is missing', 'pack/ml-algorithms/kmeans/test_examples_pytorch.py: file is missing']);
    });

    it('checks the mapping: both fields, no others, and a signature naming the entry', async () => {
      const bad = '\n  signature: "fit(X) -> torch.Tensor"\n  notes: "typo"';
      const files = { ...withVariant(), 'ml-algorithms/kmeans/problem.yaml': problemYaml('kmeans', 'ml-algorithms', { pytorch: bad }) };
      const pack = await loadPack(await makePack(files), { source: 'user' });
      expect(pack.problems).toEqual([]);
      expect(messages(pack)).toEqual([
        'pack/ml-algorithms/kmeans/problem.yaml: pytorch.notes: unknown field (expected: signature, note, statement, hints)',
        'pack/ml-algorithms/kmeans/problem.yaml: pytorch.note: is required',
        'pack/ml-algorithms/kmeans/problem.yaml: pytorch.signature: must mention the entry "kmeans" (got "fit(X) -> torch.Tensor")',
      ]);
      const notMapping = { ...withVariant(), 'ml-algorithms/kmeans/problem.yaml': problemYaml('kmeans', 'ml-algorithms', { pytorch: 'yes' }) };
      expect(messages(await loadPack(await makePack(notMapping), { source: 'user' }))).toEqual([expect.stringContaining('pytorch: must be a mapping')]);
    });

    it('reads the optional PyTorch statement and hints, and checks them', async () => {
      const extra = '\n  signature: "kmeans(X: torch.Tensor) -> torch.Tensor"\n  note: "tensors"\n  statement: "Tensor statement."\n  hints: ["A torch hint."]';
      const files = { ...withVariant(), 'ml-algorithms/kmeans/problem.yaml': problemYaml('kmeans', 'ml-algorithms', { pytorch: extra }) };
      const pack = await loadPack(await makePack(files), { source: 'user' });
      expect(messages(pack)).toEqual([]);
      expect(pack.problems[0].pytorch).toMatchObject({ statement: 'Tensor statement.', hints: ['A torch hint.'] });
      const empty = '\n  signature: "kmeans(X) -> torch.Tensor"\n  note: "tensors"\n  hints: []';
      const bad = { ...withVariant(), 'ml-algorithms/kmeans/problem.yaml': problemYaml('kmeans', 'ml-algorithms', { pytorch: empty }) };
      expect(messages(await loadPack(await makePack(bad), { source: 'user' }))).toEqual([expect.stringContaining('pytorch.hints: must have at least 1 item')]);
    });
  });

  it('reports a duplicate id across categories and keeps the first', async () => {
    const pack = await loadPack(await makePack({ ...problemFiles('kmeans', 'metrics'), ...problemFiles('kmeans', 'ml-algorithms') }), { source: 'user' });
    expect(pack.problems.map((p) => p.category)).toEqual(['metrics']);
    expect(messages(pack)).toEqual(['pack/ml-algorithms/kmeans/problem.yaml: id: duplicate id "kmeans" (already used by pack/metrics/kmeans/problem.yaml); ignored']);
  });

  it('ignores symlinks that lead outside the pack', async () => {
    const outside = await makePack(problemFiles('secret'), 'elsewhere');
    const dir = await makePack(problemFiles('pca'));
    await symlink(path.join(outside, 'ml-algorithms', 'secret'), path.join(dir, 'ml-algorithms', 'secret'));
    await symlink('/etc/hostname', path.join(dir, 'ml-algorithms', 'pca', 'notes.md'));
    await rm(path.join(dir, 'ml-algorithms', 'pca', 'solution.py'));
    await symlink('/etc/passwd', path.join(dir, 'ml-algorithms', 'pca', 'solution.py'));
    const pack = await loadPack(dir, { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(messages(pack)).toEqual([
      'pack/ml-algorithms/pca/solution.py: is a symbolic link to a path outside the pack; ignored',
      'pack/ml-algorithms/secret: is a symbolic link to a path outside the pack; ignored',
    ]);
  });

  it('checks system-design sections: all six, in order, 3-6 items each', async () => {
    const order = ['data', 'problem-definition', 'modelling', 'evaluation', 'deployment-serving', 'monitoring-iteration'];
    const pack = await loadPack(
      await makePack({
        'system-design/swapped.yaml': designYaml('swapped', order),
        'system-design/short.yaml': designYaml('short', undefined, 2),
        'system-design/missing.yaml': designYaml('missing', order.slice(1)),
      }),
      { source: 'user' },
    );
    expect(pack.designPrompts).toEqual([]);
    expect(messages(pack)).toEqual(
      expect.arrayContaining([
        'pack/system-design/swapped.yaml: sections: sections must come in this order: problem-definition, data, modelling, evaluation, deployment-serving, monitoring-iteration',
        'pack/system-design/short.yaml: sections.data.questions: must have at least 3 items (got 2)',
        'pack/system-design/missing.yaml: sections.data: is required',
      ]),
    );
  });

  it('reads interviewer facts as { ask, answer } pairs or plain strings, and checks the pairs', async () => {
    const withContext = (id: string, context: string) => designYaml(id).replace('context:\n  - "1M transactions a day"', `context:\n${context}`);
    const pack = await loadPack(
      await makePack({
        'system-design/mixed.yaml': withContext('mixed', '  - { ask: "How many transactions?", answer: "1M a day" }\n  - "Fraud rate 0.1%"'),
        'system-design/noanswer.yaml': withContext('noanswer', '  - { ask: "How many?" }'),
        'system-design/typo.yaml': withContext('typo', '  - { ask: "How many?", anwser: "1M" }'),
        'system-design/twice.yaml': withContext('twice', '  - { ask: "How many?", answer: "1M" }\n  - { ask: "how many? ", answer: "2M" }'),
        'system-design/long.yaml': withContext('long', `  - { ask: "${'x'.repeat(161)}", answer: "1M" }`),
        'system-design/number.yaml': withContext('number', '  - 42'),
      }),
      { source: 'user' },
    );
    expect(pack.designPrompts.map((p) => p.id)).toEqual(['mixed']);
    expect(pack.designPrompts[0].context).toEqual([{ ask: 'How many transactions?', answer: '1M a day' }, { answer: 'Fraud rate 0.1%' }]);
    expect(messages(pack)).toEqual(
      expect.arrayContaining([
        'pack/system-design/noanswer.yaml: context[0].answer: is required',
        'pack/system-design/typo.yaml: context[0].anwser: unknown field (expected: ask, answer)',
        'pack/system-design/twice.yaml: context[1].ask: the same question as context[0].ask: each question must draw out its own answer',
        'pack/system-design/long.yaml: context[0].ask: must be at most 160 characters (got 161)',
        'pack/system-design/number.yaml: context[0]: must be a string or a mapping with "ask" and "answer" (got 42)',
      ]),
    );
  });

  it('reports a missing pack folder instead of throwing', async () => {
    const pack = await loadPack(path.join(tmpdir(), 'mlprep-no-such-pack-xyz'), { source: 'user' });
    expect(pack.problems).toEqual([]);
    expect(messages(pack)[0]).toMatch(/mlprep-no-such-pack-xyz: the problem pack folder cannot be read \(ENOENT\)/);
  });
});

describe('loadCatalog', () => {
  it('keeps built-in problems whatever is wrong with a user pack', async () => {
    const builtin = await makePack({ ...problemFiles('kmeans'), ...problemFiles('pca') }, 'problems');
    const user = await makePack(
      {
        ...problemFiles('kmeans'), // clashes with a built-in id
        ...problemFiles('my-knn'),
        ...problemFiles('broken', 'metrics', 'id: broken\ntitle: [\n'),
        'weird-folder/x.txt': 'hi',
      },
      'mypack',
    );
    // user pack listed first: built-ins still win
    const catalog = await loadCatalog([
      { dir: user, source: 'user' },
      { dir: builtin, source: 'builtin' },
    ]);
    expect(catalog.problems.map((p) => `${p.source}:${p.id}`).sort()).toEqual(['builtin:kmeans', 'builtin:pca', 'user:my-knn']);
    expect(catalog.errors.every((e) => e.source === 'user')).toBe(true);
    const text = catalog.errors.map(formatCatalogError);
    expect(text).toEqual(
      expect.arrayContaining([
        'mypack/ml-algorithms/kmeans/problem.yaml: id: id "kmeans" is already used by a built-in problem (problems/ml-algorithms/kmeans/problem.yaml); ignored',
        'mypack/weird-folder: unknown folder (expected ml-algorithms, metrics, data-manipulation, production, llm, system-design, theory, behavioural); ignored',
      ]),
    );
    expect(text.some((t) => t.startsWith('mypack/metrics/broken/problem.yaml: invalid YAML: line'))).toBe(true);
    expect(catalog.packs.map((p) => [p.source, p.problems])).toEqual([
      ['builtin', 2],
      ['user', 1],
    ]);
  });

  it('holds every file of the real built-in problems/ folder, Python included, to the text rules', async () => {
    // loadCatalog skips the built-in pack's Python files at load time; this (and validate-problems) covers them
    const pack = await loadPack(path.join(__dirname, '..', '..', 'problems'), { source: 'builtin' });
    expect(pack.errors.map(formatCatalogError)).toEqual([]);
    expect(pack.problems.length).toBeGreaterThan(0);
  });

  it('pairs every fact of the built-in design prompts with its own question', async () => {
    const pack = await loadPack(path.join(__dirname, '..', '..', 'problems'), { source: 'builtin' });
    expect(pack.designPrompts.length).toBeGreaterThan(0);
    for (const p of pack.designPrompts) {
      const plain = p.context.flatMap((f, i) => (f.ask === undefined ? [`${p.id}: context[${i}]`] : []));
      expect(plain, 'built-in facts are written as { ask, answer }').toEqual([]);
      expect(p.context.length, `${p.id} gives the interviewer at least 5 facts`).toBeGreaterThanOrEqual(5);
    }
  });

  it('loads the real built-in problems/ folder with zero errors', async () => {
    const catalog = await loadCatalog([{ dir: path.join(__dirname, '..', '..', 'problems'), source: 'builtin' }]);
    expect(catalog.errors.map(formatCatalogError)).toEqual([]);
    expect(catalog.problems.length).toBeGreaterThan(0);
    for (const p of catalog.problems) expect(p.dir.endsWith(path.join(p.category, p.id))).toBe(true);
  });
});
