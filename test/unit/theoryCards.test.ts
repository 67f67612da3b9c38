import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackEntryStat, PackFileSystem } from '../../src/core/catalog/loadPack';
import { loadCatalog } from '../../src/core/catalog/loadPack';
import { formatCatalogError } from '../../src/core/catalog/types';
import { nodePackFileSystem } from '../../src/adapters/packFiles';
import { loadTheoryDeck, loadTheoryPack } from '../../src/core/theory/loadTheory';
import { deckCards } from '../../src/core/theory/types';
import { renderCardMarkdown, renderInlineMarkdown } from '../../src/core/theory/markdown';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

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

const card = (id: string, extra: Record<string, string> = {}) => {
  const f = {
    level: 'L4', question: '"Why?"', answer: '"Because."', keyPoints: '[a, b, c]', weakAnswers: '["x: wrong"]',
    followUp: '"And then?"', related: '[softmax]', ...extra,
  };
  return [`  - id: ${id}`, ...Object.entries(f).filter(([, v]) => v !== '').map(([k, v]) => `    ${k}: ${v}`)].join('\n');
};
const topic = (stem: string, ...cards: string[]) => `topic: ${stem}\ntitle: ${stem.toUpperCase()}\ncards:\n${cards.join('\n')}\n`;
const links = { codingIds: new Set(['softmax', 'kmeans']), designIds: new Set(['feed-ranking']) };

describe('theory cards: loading and validation', () => {
  it('loads a topic file with defaults (seconds 150) and the topic title', async () => {
    const fs = memoryFs({ '/p/theory/reg.yaml': topic('reg', card('l1-sparsity'), card('dropout-eval', { seconds: '200' })) });
    const deck = await loadTheoryPack('/p', { source: 'builtin', fs });
    expect(deck.errors).toEqual([]);
    expect(deck.topics.map((t) => [t.id, t.title])).toEqual([['reg', 'REG']]);
    expect(deckCards(deck).map((c) => [c.id, c.seconds, c.topic, c.keyPoints.length])).toEqual([['l1-sparsity', 150, 'reg', 3], ['dropout-eval', 200, 'reg', 3]]);
  });

  it('names the file, the card id and the field of a schema error, and leaves out only that card', async () => {
    const fs = memoryFs({ '/p/theory/reg.yaml': topic('reg', card('good-card'), card('bad-card', { keyPoints: '[only, two]' }), card('slow-card', { seconds: '600' })) });
    const deck = await loadTheoryPack('/p', { source: 'user', fs });
    expect(deckCards(deck).map((c) => c.id)).toEqual(['good-card']);
    const msgs = deck.errors.map(formatCatalogError);
    expect(msgs).toEqual([
      'p/theory/reg.yaml: cards[1].keyPoints: card "bad-card": must have at least 3 items (got 2)',
      'p/theory/reg.yaml: cards[2].seconds: card "slow-card": must be between 90 and 240 (got 600)',
    ]);
    expect(deck.errors[0].line).toBe(16); // the line of keyPoints in the second card
  });

  it('rejects missing fields, unknown fields, bad levels and a topic that is not the file stem', async () => {
    const fs = memoryFs({
      '/p/theory/reg.yaml': topic('reg', card('no-follow', { followUp: '' }), card('typo-card', { keypoints: '[a]' }), card('lvl', { level: 'L9' })),
      '/p/theory/other.yaml': topic('not-other', card('fine-card')),
    });
    const deck = await loadTheoryPack('/p', { source: 'user', fs });
    const msgs = deck.errors.map(formatCatalogError);
    expect(msgs).toContain('p/theory/reg.yaml: cards[0].followUp: card "no-follow": is required');
    expect(msgs).toContain('p/theory/reg.yaml: cards[1].keypoints: card "typo-card": unknown field (did you mean "keyPoints"?)');
    expect(msgs).toContain('p/theory/reg.yaml: cards[2].level: card "lvl": must be one of L3, L4, L5, L6 (got "L9")');
    expect(msgs).toContain('p/theory/other.yaml: topic: must equal the file name "other" (got "not-other")');
    expect(deck.topics.map((t) => t.id)).toEqual(['reg']); // the whole "other" file is out: its own fields are wrong
  });

  it('reports a card id used twice across files (the first in file order wins)', async () => {
    const fs = memoryFs({ '/p/theory/a.yaml': topic('a', card('same-id')), '/p/theory/b.yaml': topic('b', card('same-id', { question: '"Other?"' })) });
    const deck = await loadTheoryPack('/p', { source: 'user', fs });
    expect(deckCards(deck).map((c) => c.topic)).toEqual(['a']);
    expect(deck.errors.map(formatCatalogError)).toEqual(['p/theory/b.yaml: cards[0].id: card "same-id": duplicate id (already used in p/theory/a.yaml); ignored']);
  });

  it('holds topic files to the pack text rules (UTF-8, no control characters)', async () => {
    const fs = memoryFs({ '/p/theory/a.yaml': Uint8Array.from([...utf8(topic('a', card('c1')).replace('Why?', 'Wh')), 0xff]) });
    const deck = await loadTheoryPack('/p', { source: 'user', fs });
    expect(deck.topics).toEqual([]);
    expect(deck.errors[0].message).toMatch(/is not valid UTF-8/);
  });

  it('merges packs: related ids must be coding problems, ids must not reuse problems, prompts or built-in cards', async () => {
    const fs = memoryFs({
      '/ext/problems/theory/reg.yaml': topic('reg', card('builtin-card')),
      '/mine/theory/reg.yaml': topic('reg', card('builtin-card'), card('kmeans'), card('feed-ranking'), card('dangling', { related: '[softmax, no-such-problem]' }), card('user-card', { related: '[]' })),
    });
    const deck = await loadTheoryDeck([{ dir: '/mine', source: 'user' }, { dir: '/ext/problems', source: 'builtin' }], fs, links);
    expect(deckCards(deck).map((c) => `${c.source}:${c.id}`)).toEqual(['builtin:builtin-card', 'user:user-card']);
    expect(deck.errors.map(formatCatalogError)).toEqual([
      'mine/theory/reg.yaml: id: card "builtin-card": id is already used by problems/theory/reg.yaml; ignored',
      'mine/theory/reg.yaml: id: card "kmeans": id is already used by a coding problem; ignored',
      'mine/theory/reg.yaml: id: card "feed-ranking": id is already used by a design prompt; ignored',
      'mine/theory/reg.yaml: related: card "dangling": no coding problem with id "no-such-problem"; card ignored',
    ]);
  });

  it('a pack without a theory folder has no topics and no errors; the problem loader ignores the folder', async () => {
    const fs = memoryFs({ '/p/theory/a.yaml': topic('a', card('c1')) });
    expect(await loadTheoryPack('/q', { source: 'user', fs: memoryFs({ '/q/README.md': 'x' }) })).toEqual({ topics: [], errors: [] });
    const catalog = await loadCatalog([{ dir: '/p', source: 'user' }], fs);
    expect(catalog.errors).toEqual([]);
  });

  it('the built-in regularisation topic loads cleanly against the real catalogue', async () => {
    const dir = path.resolve(__dirname, '../../problems');
    const catalog = await loadCatalog([{ dir, source: 'builtin' }], nodePackFileSystem);
    const deck = await loadTheoryDeck([{ dir, source: 'builtin' }], nodePackFileSystem, {
      codingIds: new Set(catalog.problems.map((p) => p.id)), designIds: new Set(catalog.designPrompts.map((p) => p.id)),
    });
    expect(deck.errors.map(formatCatalogError)).toEqual([]);
    const reg = deck.topics.find((t) => t.id === 'regularisation');
    expect(reg?.cards.length).toBeGreaterThanOrEqual(6);
    for (const c of reg!.cards) expect(c.keyPoints.length).toBeGreaterThanOrEqual(3);
  });
});

describe('theory cards: Markdown', () => {
  it('renders Markdown and shows raw HTML as text', () => {
    expect(renderCardMarkdown('Use `w <- w - lr * grad`, **not** <script>alert(1)</script>.')).toBe(
      '<p>Use <code>w &lt;- w - lr * grad</code>, <strong>not</strong> &lt;script&gt;alert(1)&lt;/script&gt;.</p>\n',
    );
    expect(renderCardMarkdown('<img src=x onerror=alert(1)>')).not.toMatch(/<img/);
  });

  it('keeps only http(s) and mailto links, and images become their alt text', () => {
    expect(renderInlineMarkdown('[paper](https://example.org/a) and [x](javascript:alert(1)) ![pic](https://e.org/p.png)'))
      .toBe('<a href="https://example.org/a">paper</a> and x pic');
  });
});
