import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFromDisk as loadPack } from '../../src/adapters/packFiles';
import { ERRSTATE_NOTE, frameworkTags, pytorchText } from '../../src/core/scaffold/pytorchText';
import { renderStatement, type ScaffoldSource } from '../../src/core/scaffold/planScaffold';

describe('pytorchText: a NumPy statement in torch terms', () => {
  it('names torch generators, dtypes and tensors instead of NumPy ones', () => {
    expect(pytorchText('`rng`: a `np.random.Generator`, e.g. `np.random.default_rng(0)`.'))
      .toBe('`rng`: a `torch.Generator`, e.g. `torch.Generator().manual_seed(0)`.');
    expect(pytorchText('An `int64` NumPy array of shape `(m, 2)`; a NumPy array; NumPy arrays; an ndarray'))
      .toBe('A `int64` tensor of shape `(m, 2)`; a tensor; tensors; a tensor');
    expect(pytorchText('returns `np.float64`, `np.int8` codes (`W.astype(np.int8)`), never `np.ndarray`'))
      .toBe('returns `torch.float64`, `torch.int8` codes (`W.to(torch.int8)`), never `torch.Tensor`');
    expect(pytorchText('a float (Python float, `np.float64` or 0-d array)')).toBe('a float (Python float, 0-d `torch.float64` tensor)');
    expect(pytorchText('an array of floats, two arrays, Arrays')).toBe('a tensor of floats, two tensors, Tensors');
  });

  it('maps NumPy functions to their torch counterparts, longest names first, and leaves unknown ones', () => {
    expect(pytorchText('np.clip(np.rint(W / s), -127, 127); np.linalg.norm(x); np.take_along_axis; np.concatenate'))
      .toBe('torch.clamp(torch.round(W / s), -127, 127); torch.linalg.norm(x); torch.gather; torch.cat');
    expect(pytorchText('np.argsort(-p, kind="stable") and np.argsort(-p, kind=\'stable\')')).toBe('torch.argsort(-p, stable=True) and torch.argsort(-p, stable=True)');
    expect(pytorchText('np.log(3.0) but np.log(p)')).toBe('math.log(3.0) but torch.log(p)');
    expect(pytorchText('np.frobnicate(x)')).toBe('np.frobnicate(x)');
    expect(pytorchText('draw with `rng.choice(V, p=probs)`')).toBe('draw with `torch.multinomial(probs, 1, generator=rng)`');
    expect(pytorchText('`u = rng.random()`; `rng.random(x.shape) >= p`')).toBe('`u = torch.rand(1, generator=rng).item()`; `torch.rand(x.shape, generator=rng) >= p`');
  });

  it('rewrites printed arrays in examples, not words that contain "array"', () => {
    const ex = '>>> f(np.array([1.0, 2.0]))\narray([0.5, 0.5])\n>>> q\narray([1, -1], dtype=int8)\nas_array(x) subarray';
    expect(pytorchText(ex)).toBe('>>> f(torch.tensor([1.0, 2.0]))\ntensor([0.5, 0.5])\n>>> q\ntensor([1, -1], dtype=torch.int8)\nas_array(x) subarray');
  });

  it('explains np.errstate once for torch, and marks advice to silence NumPy as NumPy only', () => {
    const out = pytorchText('the tests run under `np.errstate(all="raise")`, and again under `np.errstate(all="raise")`.');
    expect(out).toBe(`the tests run under \`np.errstate(all="raise")\` (${ERRSTATE_NOTE}), and again under \`np.errstate(all="raise")\`.`);
    expect(pytorchText("compute it inside `with np.errstate(under='ignore'):` please"))
      .toBe("compute it inside `with np.errstate(under='ignore'):` (for NumPy; torch underflows to 0 silently) please");
  });

  it('is idempotent and keeps what is not a NumPy term', () => {
    const text = 'Under `np.errstate(all="raise")`: a `np.random.Generator`, an array, `x.astype(np.float32)`, `axis` as in NumPy; NumPy only.';
    const once = pytorchText(text);
    expect(pytorchText(once)).toBe(once);
    expect(once).toContain('`axis` as in NumPy');
    expect(once).toContain('torch only');
    expect(pytorchText('No arrays here: tolerance 1e-6, `axis=-1`.')).toBe('No tensors here: tolerance 1e-6, `axis=-1`.');
  });
});

describe('frameworkTags', () => {
  it('shows pytorch instead of numpy for a PyTorch practice folder, once, and nothing changes for NumPy', () => {
    expect(frameworkTags(['softmax', 'numpy', 'stability'], 'pytorch')).toEqual(['softmax', 'pytorch', 'stability']);
    expect(frameworkTags(['llm', 'rag'], 'pytorch')).toEqual(['llm', 'rag', 'pytorch']);
    expect(frameworkTags(['numpy', 'pytorch'], 'pytorch')).toEqual(['pytorch']);
    expect(frameworkTags(['softmax', 'numpy'], 'numpy')).toEqual(['softmax', 'numpy']);
    expect(frameworkTags(['softmax', 'numpy'], undefined)).toEqual(['softmax', 'numpy']);
  });
});

const src: ScaffoldSource = {
  id: 'sampler', title: 'Sampler', difficulty: 'medium', minutes: 20, tags: ['llm', 'numpy'], companies: [],
  signature: 'sample(logits, rng) -> np.ndarray',
  statement: '`logits`: a `float64` NumPy array. `rng`: a `np.random.Generator`. Runs under `np.errstate(all="raise")`.',
  constraints: ['V <= 1000 (an array of floats)'], tolerance: 'Arrays are compared exactly.',
  hints: ['Use np.cumsum.'], requires: ['numpy'], starter: 'import torch\n', examples: 'import torch\n',
  pytorch: { signature: 'sample(logits: torch.Tensor, rng: torch.Generator) -> torch.Tensor', note: 'Logits arrive as float64 tensors.' },
  followUps: [{ title: 'Batched', statement: 'Now `logits` is a 2-D array; use `np.random.default_rng(1)` in examples.', hints: ['np.argsort per row'], minutes: 10 }],
  partCount: 2,
};

describe('renderStatement under PyTorch', () => {
  it('puts the PyTorch note before the statement and speaks torch everywhere, tags included', () => {
    const readme = renderStatement({ ...src, framework: 'pytorch' });
    expect(readme.indexOf('## PyTorch variant')).toBeLessThan(readme.indexOf('## Statement'));
    expect(readme.indexOf('Logits arrive as float64 tensors.')).toBeLessThan(readme.indexOf('`rng`: a `torch.Generator`'));
    expect(readme).toContain('`logits`: a `float64` tensor.');
    expect(readme).toContain('(a tensor of floats)');
    expect(readme).toContain('Tensors are compared exactly.');
    expect(readme).toContain('Use torch.cumsum.');
    expect(readme).toContain('Now `logits` is a 2-D tensor; use `torch.Generator().manual_seed(1)` in examples.');
    expect(readme).toContain('torch.argsort per row');
    expect(readme).toContain('`llm` `pytorch`');
    expect(readme).not.toContain('`numpy`');
    // the NumPy signature is still given, for reference, and only there
    expect(readme).toContain('`sample(logits, rng) -> np.ndarray`');
    expect(readme.replace('`sample(logits, rng) -> np.ndarray`', '')).not.toMatch(/np\.(?!errstate)|ndarray|NumPy array/);
  });

  it('uses pytorch.statement and pytorch.hints verbatim when the problem gives them, and still hides hints when asked', () => {
    const pytorch = { ...src.pytorch!, statement: 'Tensor-native statement: `np.keep` stays.', hints: ['A torch hint.'] };
    const readme = renderStatement({ ...src, pytorch, framework: 'pytorch' });
    expect(readme).toContain('Tensor-native statement: `np.keep` stays.');
    expect(readme).not.toContain('`logits`: a `float64`');
    expect(readme).toContain('A torch hint.');
    expect(readme).not.toContain('Use torch.cumsum.');
    expect(renderStatement({ ...src, pytorch, framework: 'pytorch', hints: [] })).not.toContain('A torch hint.');
  });

  it('leaves the NumPy statement, the preview and a NumPy practice folder as written', () => {
    for (const framework of ['numpy', undefined] as const) {
      const readme = renderStatement({ ...src, framework });
      expect(readme).toContain(src.statement);
      expect(readme).toContain('`llm` `numpy`');
      expect(readme).toContain('Use np.cumsum.');
      expect(readme).not.toContain('## Statement');
    }
  });

  it('every built-in PyTorch variant reads without NumPy-only terms', async () => {
    const pack = await loadPack(path.join(__dirname, '..', '..', 'problems'), { source: 'builtin' });
    const withTorch = pack.problems.filter((p) => p.pytorch);
    expect(withTorch.length).toBeGreaterThanOrEqual(25);
    for (const p of withTorch) {
      const readme = renderStatement({
        ...p, starter: '', examples: '', framework: 'pytorch', partCount: 1 + p.followUps.length,
        followUps: p.followUps.map((f) => ({ title: f.title, statement: f.statement, hints: f.hints ?? [], minutes: f.minutes })),
      });
      // the NumPy signature (for reference) and the variant's own note may name NumPy on purpose
      const body = readme.replace(`\`${p.signature}\``, '').replace(p.pytorch!.note.trim(), '');
      const leftover = body.match(/np\.(?!errstate)[A-Za-z_.]+|\bndarray\b|NumPy arrays?|np\.random|`numpy`/);
      expect(leftover?.[0], `${p.id}: "${leftover?.[0]}" in the PyTorch README`).toBeUndefined();
      expect(readme, p.id).toContain('`pytorch`');
    }
  });
});
