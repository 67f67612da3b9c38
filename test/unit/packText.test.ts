import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePackText, firstInvalidUtf8, isForbiddenControl } from '../../src/core/catalog/packText';
import { checkPythonTexts, loadCatalog, loadPack, type PackEntryStat, type PackFileSystem } from '../../src/core/catalog/loadPack';
import { formatCatalogError } from '../../src/core/catalog/types';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));

/** A pack file system held in memory: file paths to contents; folders are implied. */
function memoryFs(files: Record<string, string | Uint8Array>): PackFileSystem {
  const data = new Map(Object.entries(files).map(([p, c]) => [path.resolve(p), typeof c === 'string' ? utf8(c) : c]));
  const isDir = (p: string) => [...data.keys()].some((f) => f.startsWith(p + path.sep));
  const missing = (p: string) => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  const stat = async (p: string): Promise<PackEntryStat> => {
    const f = data.get(p);
    if (f) return { kind: 'file', size: f.length };
    if (isDir(p)) return { kind: 'dir', size: 0 };
    throw missing(p);
  };
  return {
    realpath: async (p) => (data.has(p) || isDir(p) ? p : Promise.reject(missing(p))),
    lstat: stat,
    stat,
    readdir: async (p) => {
      if (!isDir(p)) throw missing(p);
      return [...new Set([...data.keys()].filter((f) => f.startsWith(p + path.sep)).map((f) => f.slice(p.length + 1).split(path.sep)[0]))];
    },
    readFile: async (p) => data.get(p) ?? Promise.reject(missing(p)),
  };
}

const YAML = [
  'id: softmax',
  'title: Softmax',
  'category: ml-algorithms',
  'difficulty: easy',
  'tags: [numerics]',
  'companies: [Google]',
  'minutes: 10',
  'requires: [numpy]',
  'entry: softmax',
  'signature: "softmax(x) -> np.ndarray"',
  'statement: |',
  '  Compute a stable softmax.',
  'constraints:',
  '  - "x is 1-D"',
  'tolerance: "1e-9"',
  'hints:',
  '  - "Subtract the max."',
].join('\n') + '\n';

function pack(yaml: string | Uint8Array, starter: string | Uint8Array = 'def softmax(x):\n    raise NotImplementedError\n'): Record<string, string | Uint8Array> {
  const d = '/packs/mine/ml-algorithms/softmax';
  return {
    [`${d}/problem.yaml`]: yaml,
    [`${d}/starter.py`]: starter,
    [`${d}/solution.py`]: 'def softmax(x):\n    return x\n',
    [`${d}/test_examples.py`]: 'def test_a():\n    pass\n',
    [`${d}/test_hidden.py`]: 'def test_b():\n    pass\n',
  };
}

describe('firstInvalidUtf8', () => {
  it('accepts ASCII, multi-byte characters and an emoji', () => {
    expect(firstInvalidUtf8(utf8('Softmax é ∑ 😀'))).toBe(-1);
  });

  it('finds stray, truncated, overlong, surrogate and out-of-range sequences', () => {
    expect(firstInvalidUtf8(bytes('Soft', [0xff], 'max'))).toBe(4);
    expect(firstInvalidUtf8(bytes('ab', [0x80]))).toBe(2); // continuation byte alone
    expect(firstInvalidUtf8(bytes('ab', [0xe2, 0x88]))).toBe(2); // truncated ∑
    expect(firstInvalidUtf8(bytes([0xc0, 0xaf]))).toBe(0); // overlong "/"
    expect(firstInvalidUtf8(bytes([0xe0, 0x80, 0xaf]))).toBe(0); // overlong, 3 bytes
    expect(firstInvalidUtf8(bytes([0xed, 0xa0, 0x80]))).toBe(0); // UTF-16 surrogate
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(bytes([0xf0, 0x9f, 0x98, 0x80]))).toBe(-1); // 😀
  });

  it('agrees with the WHATWG fatal decoder on every 2-byte sequence and every 3-byte one with a multi-byte lead', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const valid = (buf: Uint8Array) => {
      try {
        fatal.decode(buf);
        return true;
      } catch {
        return false;
      }
    };
    const disagree: string[] = [];
    const check = (buf: Uint8Array) => {
      if ((firstInvalidUtf8(buf) === -1) !== valid(buf)) disagree.push([...buf].map((b) => b.toString(16)).join(' '));
    };
    for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) check(Uint8Array.of(a, b));
    for (let a = 0xc0; a < 256; a++) for (let b = 0x70; b < 0xd0; b++) for (const c of [0x41, 0x80, 0x9f, 0xa0, 0xbf, 0xc0]) check(Uint8Array.of(a, b, c));
    expect(disagree).toEqual([]);
  });
});

describe('decodePackText', () => {
  it('returns the text, without a byte-order mark', () => {
    expect(decodePackText(bytes([0xef, 0xbb, 0xbf], 'title: Softmax\n'))).toEqual({ ok: true, text: 'title: Softmax\n' });
  });

  it('keeps tab, line feed and carriage return', () => {
    expect(decodePackText(utf8('a:\tb\r\nc\n'))).toEqual({ ok: true, text: 'a:\tb\r\nc\n' });
  });

  it('rejects invalid UTF-8 with the line and column of the first bad byte', () => {
    const r = decodePackText(bytes('id: softmax\ntitle: Soft', [0xff, 0xfe], 'max\n'));
    expect(r).toMatchObject({ ok: false, line: 2, column: 12 });
    expect(!r.ok && r.message).toBe('is not valid UTF-8: byte 0xFF at line 2, column 12; file rejected (save it as UTF-8)');
  });

  it('rejects NUL and other control characters, naming them', () => {
    const r = decodePackText(utf8('id: softmax\ntitle: "Soft\0max"\n'));
    expect(r).toMatchObject({ ok: false, line: 2, column: 13 });
    expect(!r.ok && r.message).toBe('contains the control character U+0000 (NUL) at line 2, column 13; file rejected');
    expect(decodePackText(utf8('a: "\x1b[31mred"'))).toMatchObject({ ok: false, line: 1, column: 5 });
    expect(decodePackText(utf8('a: b\x7f'))).toMatchObject({ ok: false, line: 1, column: 5 });
    expect(decodePackText(utf8('😀😀\u0085\u0090'))).toMatchObject({ ok: false, line: 1, column: 4 }); // NEL is fine, C1 U+0090 is not
  });

  it('forbids exactly C0 (but tab, LF, CR), DEL and C1 (but NEL)', () => {
    const forbidden = Array.from({ length: 0x100 }, (_, c) => c).filter(isForbiddenControl);
    const expected = [...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => ![9, 10, 13].includes(c)), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i).filter((c) => c !== 0x85)];
    expect(forbidden).toEqual(expected);
  });
});

describe('loadPack text rules (in-memory file system)', () => {
  it('loads a clean pack', async () => {
    const p = await loadPack('/packs/mine', { source: 'user', fs: memoryFs(pack(YAML)) });
    expect(p.errors.map(formatCatalogError)).toEqual([]);
    expect(p.problems.map((x) => x.title)).toEqual(['Softmax']);
  });

  it('rejects a problem.yaml with invalid UTF-8 in the title, naming the file and line', async () => {
    const broken = bytes(YAML.split('title: Softmax')[0], 'title: Soft', [0xff, 0xfe], 'max', YAML.split('title: Softmax')[1]);
    const p = await loadPack('/packs/mine', { source: 'user', fs: memoryFs(pack(broken)) });
    expect(p.problems).toEqual([]);
    expect(p.errors.map(formatCatalogError)).toEqual(['mine/ml-algorithms/softmax/problem.yaml: is not valid UTF-8: byte 0xFF at line 2, column 12; file rejected (save it as UTF-8)']);
    expect(p.errors[0]).toMatchObject({ line: 2, column: 12, file: path.resolve('/packs/mine/ml-algorithms/softmax/problem.yaml') });
  });

  it('rejects a NUL byte in a title', async () => {
    const p = await loadPack('/packs/mine', { source: 'user', fs: memoryFs(pack(YAML.replace('title: Softmax', 'title: "Soft\0max"'))) });
    expect(p.problems).toEqual([]);
    expect(p.errors.map(formatCatalogError)).toEqual(['mine/ml-algorithms/softmax/problem.yaml: contains the control character U+0000 (NUL) at line 2, column 13; file rejected']);
  });

  it('rejects a Python file of the problem with a control character, with its line', async () => {
    const p = await loadPack('/packs/mine', { source: 'user', fs: memoryFs(pack(YAML, 'def softmax(x):\n    return x\x08\n')) });
    expect(p.problems).toEqual([]);
    expect(p.errors.map(formatCatalogError)).toEqual(['mine/ml-algorithms/softmax/starter.py: contains the control character U+0008 (backspace) at line 2, column 13; file rejected']);
    expect(p.errors[0].line).toBe(2);
  });

  it('holds a user pack\'s Python files to the rules in a catalogue too', async () => {
    const user = pack(YAML, 'def softmax(x):\n    return x\0\n');
    const catalog = await loadCatalog([{ dir: '/packs/mine', source: 'user' }], memoryFs(user));
    expect(catalog.problems).toEqual([]);
    expect(catalog.errors.map(formatCatalogError)).toEqual(['mine/ml-algorithms/softmax/starter.py: contains the control character U+0000 (NUL) at line 2, column 13; file rejected']);
  });

  it('with pythonText later, lists the problem first; checkPythonTexts then takes it out with the same error', async () => {
    const user = pack(YAML, 'def softmax(x):\n    return x\0\n');
    const fs = memoryFs(user);
    const first = await loadCatalog([{ dir: '/packs/mine', source: 'user' }], fs, { pythonText: 'later' });
    expect(first.problems.map((p) => p.id)).toEqual(['softmax']);
    expect(first.errors).toEqual([]);
    const checked = await checkPythonTexts(first, fs);
    expect(checked.problems).toEqual([]);
    expect(checked.errors.map(formatCatalogError)).toEqual(['mine/ml-algorithms/softmax/starter.py: contains the control character U+0000 (NUL) at line 2, column 13; file rejected']);
    expect(checked.packs[0]).toMatchObject({ problems: 0, errors: 1 });
    // A clean pack comes back as the same catalogue: nothing to redraw.
    const clean = await loadCatalog([{ dir: '/packs/mine', source: 'user' }], memoryFs(pack(YAML)), { pythonText: 'later' });
    expect(await checkPythonTexts(clean, memoryFs(pack(YAML)))).toBe(clean);
  });

  it('rejects a design prompt with invalid UTF-8', async () => {
    const p = await loadPack('/packs/mine', { source: 'user', fs: memoryFs({ '/packs/mine/system-design/feed.yaml': bytes('id: feed\n\ntitle: ', [0xc3], '\n') }) });
    expect(p.designPrompts).toEqual([]);
    expect(p.errors.map(formatCatalogError)).toEqual(['mine/system-design/feed.yaml: is not valid UTF-8: byte 0xC3 at line 3, column 8; file rejected (save it as UTF-8)']);
  });

  it('keeps the built-in catalogue whole when a user pack is rejected', async () => {
    const builtin = Object.fromEntries(Object.entries(pack(YAML)).map(([k, v]) => [k.replace('/packs/mine/', '/ext/problems/'), v]));
    const user = Object.fromEntries(Object.entries(pack(YAML.replace('id: softmax', 'id: softmax2').replace('title: Softmax', 'title: "Soft\0max"'))).map(([k, v]) => [k.replace('/softmax/', '/softmax2/'), v]));
    const catalog = await loadCatalog([{ dir: '/ext/problems', source: 'builtin' }, { dir: '/packs/mine', source: 'user' }], memoryFs({ ...builtin, ...user }));
    expect(catalog.problems.map((p) => `${p.source}:${p.id}:${p.title}`)).toEqual(['builtin:softmax:Softmax']);
    expect(catalog.errors.map((e) => `${e.source}:${e.displayPath}:${e.line}`)).toEqual(['user:mine/ml-algorithms/softmax2/problem.yaml:2']);
  });
});
