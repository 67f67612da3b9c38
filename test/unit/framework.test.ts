import { describe, expect, it } from 'vitest';
import { frameworkPickOrder, normaliseFrameworkSetting, parseSidecar, planFrameworkSwitch, renderSidecar, solutionFramework, startFramework } from '../../src/core/scaffold/framework';
import { backupName, planScaffold, renderStatement, type ScaffoldSource } from '../../src/core/scaffold/planScaffold';
import { installCommandFor, missingModulesMessage, missingRequired } from '../../src/core/scaffold/requiredModules';
import { parseInterpreterInfo } from '../../src/core/runner/interpreterInfo';

const src: ScaffoldSource = {
  id: 'softmax', title: 'Stable softmax', difficulty: 'easy', minutes: 10, tags: ['softmax'], companies: [],
  signature: 'softmax(z, axis=-1) -> np.ndarray', statement: 'Normalise **z**.', constraints: [], tolerance: 'rtol 1e-6.',
  hints: ['Subtract the max.'], requires: ['numpy'],
  starter: 'import torch\n\ndef softmax(z, axis=-1):\n    raise NotImplementedError\n', examples: 'import torch\n',
  pytorch: { signature: 'softmax(z: torch.Tensor, axis: int = -1) -> torch.Tensor', note: 'Tensors arrive as float64 CPU tensors.' },
};

describe('the framework of a practice folder', () => {
  it('round-trips the sidecar and refuses anything else', () => {
    expect(parseSidecar(renderSidecar('pytorch'))).toBe('pytorch');
    expect(parseSidecar(renderSidecar('numpy'))).toBe('numpy');
    for (const bad of [undefined, '', '{', '[]', 'null', '{"framework": "jax"}', '{"framework": 1}']) expect(parseSidecar(bad)).toBeUndefined();
  });

  it('runs a solution in its sidecar framework only when the problem still offers it', () => {
    expect(solutionFramework('pytorch', ['numpy', 'pytorch'])).toBe('pytorch');
    expect(solutionFramework('pytorch', ['numpy'])).toBe('numpy');
    expect(solutionFramework(undefined, ['numpy', 'pytorch'])).toBe('numpy');
  });

  it('asks only when there is a choice and nothing decided it', () => {
    expect(startFramework(['numpy'], 'ask', undefined)).toBe('numpy');
    expect(startFramework(['numpy', 'pytorch'], 'ask', undefined)).toBe('ask');
    expect(startFramework(['numpy', 'pytorch'], 'pytorch', undefined)).toBe('pytorch');
    expect(startFramework(['numpy'], 'pytorch', undefined)).toBe('numpy');
    expect(startFramework(['numpy', 'pytorch'], 'ask', 'numpy')).toBe('numpy'); // a started folder keeps its framework
    expect(startFramework(['numpy', 'pytorch'], 'numpy', 'pytorch')).toBe('pytorch');
    expect(normaliseFrameworkSetting('pytorch')).toBe('pytorch');
    expect(normaliseFrameworkSetting('tensorflow')).toBe('ask');
  });

  it('offers the last choice first', () => {
    expect(frameworkPickOrder(['numpy', 'pytorch'], 'pytorch')).toEqual(['pytorch', 'numpy']);
    expect(frameworkPickOrder(['numpy', 'pytorch'], undefined)).toEqual(['numpy', 'pytorch']);
    expect(frameworkPickOrder(['numpy', 'pytorch'], 'jax')).toEqual(['numpy', 'pytorch']);
  });
});

describe('scaffolding a problem with a PyTorch variant', () => {
  it('writes the PyTorch starter and examples, a README with the PyTorch signature and note, and the sidecar', () => {
    const files = planScaffold({ ...src, framework: 'pytorch' }, 'ml-interview');
    expect(files.map((f) => f.path)).toEqual(['ml-interview/softmax/solution.py', 'ml-interview/softmax/README.md', 'ml-interview/softmax/test_examples.py', 'ml-interview/softmax/.mlprep.json']);
    expect(files[0].content).toBe(src.starter);
    const readme = files[1].content;
    expect(readme).toContain('# Stable softmax (PyTorch)');
    expect(readme).toContain('```python\nsoftmax(z: torch.Tensor, axis: int = -1) -> torch.Tensor\n```');
    expect(readme).toContain('## PyTorch variant');
    expect(readme).toContain('Tensors arrive as float64 CPU tensors.');
    expect(readme).toContain('Needs: torch (the CPU build is enough), numpy.');
    expect(parseSidecar(files[3].content)).toBe('pytorch');
  });

  it('in NumPy: the NumPy statement, and a sidecar that says numpy', () => {
    const files = planScaffold({ ...src, framework: 'numpy' }, 'ml-interview');
    expect(files[1].content).not.toContain('PyTorch');
    expect(files[1].content).toContain('softmax(z, axis=-1) -> np.ndarray');
    expect(parseSidecar(files[3].content)).toBe('numpy');
  });

  it('a problem without the variant gets no sidecar; the preview of one with it names both frameworks', () => {
    const { pytorch: _omit, ...numpyOnly } = src;
    expect(planScaffold(numpyOnly, 'ml-interview').map((f) => f.role)).toEqual(['solution', 'statement', 'examples']);
    expect(renderStatement(numpyOnly)).not.toContain('PyTorch');
    expect(renderStatement(src)).toContain('**NumPy · PyTorch**');
  });
});

describe('torch at a PyTorch start', () => {
  const info = (torch?: boolean) => ({ executable: '/opt/py/bin/python3', version: '3.12.1', numpy: '2.1.0', pandas: null, ...(torch === undefined ? {} : { torch }) });

  it('reads whether torch is importable from the harness info', () => {
    expect(parseInterpreterInfo('{"python": {"executable": "/p", "version": "3.11.2", "numpy": "2.0", "pandas": null}, "modules": {"torch": false}}').torch).toBe(false);
    expect(parseInterpreterInfo('{"python": {"executable": "/p", "version": "3.11.2", "numpy": "2.0", "pandas": null}, "modules": {}}').torch).toBeUndefined();
  });

  it('judges torch only when the probe said, and installs the CPU build from its own index', () => {
    expect(missingRequired(['numpy', 'torch'], info(false))).toEqual(['torch']);
    expect(missingRequired(['numpy', 'torch'], info(true))).toEqual([]);
    expect(missingRequired(['numpy', 'torch'], info())).toEqual([]);
    expect(installCommandFor(['torch'], info(false), 'linux')).toBe('/opt/py/bin/python3 -m pip install torch --index-url https://download.pytorch.org/whl/cpu');
    expect(installCommandFor(['pandas', 'torch'], { ...info(false), pandas: null }, 'linux')).toBe('/opt/py/bin/python3 -m pip install pandas && /opt/py/bin/python3 -m pip install torch --index-url https://download.pytorch.org/whl/cpu');
    expect(missingModulesMessage('Stable softmax', ['torch'], '/opt/py/bin/python3', 'CMD')).toBe('MLPrep: “Stable softmax” in PyTorch needs torch, which is not installed for /opt/py/bin/python3. Install with: CMD (the CPU build is enough; the NumPy variant runs without torch)');
  });
});

describe('switching a practice folder to the other framework (Reset to Starter)', () => {
  it('rewrites what differs and keeps first only what the user changed', () => {
    const plan = planFrameworkSwitch([
      { name: 'test_examples.py', current: 'numpy examples', generated: ['numpy examples'], next: 'torch examples' },
      { name: 'README.md', current: 'README + my notes', generated: ['README with hints', 'README without hints'], next: 'PyTorch README' },
      { name: '.mlprep.json', current: undefined, generated: ['{"framework": "numpy"}'], next: '{"framework": "pytorch"}' },
      { name: 'same.txt', current: 'x', generated: ['x'], next: 'x' },
    ]);
    expect(plan).toEqual([
      { name: 'test_examples.py', content: 'torch examples', backup: false },
      { name: 'README.md', content: 'PyTorch README', backup: true },
      { name: '.mlprep.json', content: '{"framework": "pytorch"}', backup: false },
    ]);
  });

  it('names backups of any practice file by local time', () => {
    const at = new Date(2026, 10, 23, 16, 5, 2);
    expect(backupName(at)).toBe('.backups/solution-20261123-160502.py');
    expect(backupName(at, 'README.md')).toBe('.backups/README-20261123-160502.md');
    expect(backupName(at, '.mlprep.json')).toBe('.backups/.mlprep-20261123-160502.json');
  });
});
