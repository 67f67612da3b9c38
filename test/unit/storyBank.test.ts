import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackEntryStat, PackFileSystem } from '../../src/core/catalog/loadPack';
import { nodePackFileSystem } from '../../src/adapters/packFiles';
import { loadQuestionBank } from '../../src/core/stories/loadBank';
import { pickRehearsalQuestion, rehearsalSummary, storyCoverage, type StorySummary } from '../../src/core/stories/coverage';
import { MIN_BUILTIN_QUESTIONS, REQUIRED_COMPETENCIES, type QuestionBank } from '../../src/core/stories/types';
import { theoryScheduler } from '../../src/core/theory/schedule';
import { parseDashboardData, parseWebviewMessage } from '../../src/core/dashboard/protocol';
import { dashboardData } from '../../src/core/dashboard/stats';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
function memoryFs(files: Record<string, string>): PackFileSystem {
  const data = new Map(Object.entries(files).map(([p, c]) => [path.resolve(p), utf8(c)]));
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
    lstat: stat, stat,
    readdir: async (p) => [...new Set([...data.keys()].filter((f) => f.startsWith(p + path.sep)).map((f) => f.slice(p.length + 1).split(path.sep)[0]))],
    readFile: async (p) => data.get(p) ?? Promise.reject(missing(p)),
  };
}

const BASE = `
competencies:
  - { id: ownership, title: Ownership, summary: Owning outcomes. }
  - { id: conflict, title: Conflict, summary: Disagreeing well. }
questions:
  - id: bq-a
    competency: ownership
    question: Tell me about A.
    listenFor: [one, two]
  - id: bq-b
    competency: conflict
    level: L5
    question: Tell me about B.
    listenFor: [one, two, three]
valueSets:
  - id: acme
    title: Acme values
    company: Acme
    values:
      - { id: own-it, name: Own It, summary: Ours., questions: [bq-a] }
      - { id: speak-up, name: Speak Up, summary: Ours., questions: [bq-b] }
`;

describe('question bank loader', () => {
  it('loads competencies, questions (level optional) and value sets', async () => {
    const bank = await loadQuestionBank([{ dir: '/p', source: 'builtin' }], memoryFs({ '/p/behavioural/questions.yaml': BASE }));
    expect(bank.errors).toEqual([]);
    expect(bank.competencies.map((c) => c.id)).toEqual(['ownership', 'conflict']);
    expect(bank.questions).toEqual([
      { id: 'bq-a', competency: 'ownership', question: 'Tell me about A.', listenFor: ['one', 'two'] },
      { id: 'bq-b', competency: 'conflict', level: 'L5', question: 'Tell me about B.', listenFor: ['one', 'two', 'three'] },
    ]);
    expect(bank.valueSets[0].values.map((v) => v.questions)).toEqual([['bq-a'], ['bq-b']]);
  });

  it('reports bad items with field and line and leaves out only them', async () => {
    const text = BASE.replace('listenFor: [one, two]\n', 'listenFor: [one]\n') + `  - id: bad
    title: Bad
    company: X
    values:
      - { id: v, name: V, summary: S., questions: [bq-nope] }
`;
    const bank = await loadQuestionBank([{ dir: '/p', source: 'builtin' }], memoryFs({ '/p/behavioural/questions.yaml': text }));
    const messages = bank.errors.map((e) => `${e.field}@${e.line}: ${e.message}`);
    expect(messages.some((m) => /^questions\.0\.listenFor|^questions\[0\]\.listenFor/.test(m) && /at least 2/.test(m))).toBe(true);
    expect(messages.some((m) => /no question "bq-nope"/.test(m))).toBe(true);
    expect(bank.errors.every((e) => typeof e.line === 'number')).toBe(true);
    expect(bank.questions.map((q) => q.id)).toEqual(['bq-b']);
    expect(bank.valueSets.map((s) => s.id)).toEqual([]); // acme names bq-a, which was left out
  });

  it('rejects a question of an unknown competency, duplicate ids across packs and ids of theory cards', async () => {
    const user = `questions:
  - { id: bq-a, competency: ownership, question: Again?, listenFor: [x, y] }
  - { id: bq-c, competency: heroics, question: Hero?, listenFor: [x, y] }
  - { id: bq-d, competency: conflict, question: Fine?, listenFor: [x, y] }
  - { id: card-1, competency: conflict, question: Clash?, listenFor: [x, y] }
`;
    const bank = await loadQuestionBank(
      [{ dir: '/u', source: 'user' }, { dir: '/p', source: 'builtin' }],
      memoryFs({ '/p/behavioural/questions.yaml': BASE, '/u/behavioural/questions.yaml': user }), new Set(['card-1']),
    );
    expect(bank.questions.map((q) => q.id)).toEqual(['bq-a', 'bq-b', 'bq-d']);
    const text = bank.errors.map((e) => e.message).join('\n');
    expect(text).toMatch(/question "bq-a": duplicate id/);
    expect(text).toMatch(/question "bq-c": no competency "heroics"/);
    expect(text).toMatch(/question "card-1": id is already used by a theory card/);
  });

  it('the built-in bank is valid and meets issue 13 (the required competencies, at least 60 questions)', async () => {
    const bank = await loadQuestionBank([{ dir: path.join(__dirname, '../../problems'), source: 'builtin' }], nodePackFileSystem);
    expect(bank.errors.map((e) => e.message)).toEqual([]);
    expect(bank.questions.length).toBeGreaterThanOrEqual(MIN_BUILTIN_QUESTIONS);
    for (const c of REQUIRED_COMPETENCIES) expect(bank.questions.some((q) => q.competency === c), c).toBe(true);
    const amazon = bank.valueSets.find((s) => s.id === 'amazon-leadership-principles');
    expect(amazon?.values).toHaveLength(16);
  });
});

const bank: Pick<QuestionBank, 'competencies' | 'questions' | 'valueSets'> = {
  competencies: [{ id: 'ownership', title: 'Ownership', summary: '' }, { id: 'conflict', title: 'Conflict', summary: '' }, { id: 'failure', title: 'Failure', summary: '' }],
  questions: [
    { id: 'q1', competency: 'ownership', question: '', listenFor: [] },
    { id: 'q2', competency: 'conflict', question: '', listenFor: [] },
    { id: 'q3', competency: 'failure', question: '', listenFor: [] },
  ],
  valueSets: [{ id: 'acme', title: 'Acme', company: 'Acme', values: [
    { id: 'v1', name: 'V1', summary: '', questions: ['q1'] },
    { id: 'v2', name: 'V2', summary: '', questions: ['q2', 'q3'] },
    { id: 'v3', name: 'V3', summary: '', questions: ['q3'] },
  ] }],
};
const s = (p: string, competencies: string[]): StorySummary => ({ path: p, title: p, competencies, clean: true });

describe('story coverage', () => {
  it('maps competencies to the stories tagged with them and lists the gaps', () => {
    const cov = storyCoverage(bank, [s('b', ['ownership', 'unknown']), s('a', ['ownership', 'conflict'])]);
    expect(cov.stories.map((x) => x.path)).toEqual(['a', 'b']);
    expect(cov.competencies.map((c) => [c.id, c.stories, c.questions])).toEqual([['ownership', [0, 1], 1], ['conflict', [0], 1], ['failure', [], 1]]);
    expect(cov.gaps).toEqual(['failure']);
  });

  it('covers a company value when a story has the competency of one of its questions', () => {
    const cov = storyCoverage(bank, [s('a', ['conflict'])]);
    expect(cov.valueSets[0].values.map((v) => [v.id, v.covered])).toEqual([['v1', false], ['v2', true], ['v3', false]]);
    expect(storyCoverage(bank, []).valueSets[0].values.every((v) => !v.covered)).toBe(true);
  });
});

describe('rehearsal pick', () => {
  const scheduler = theoryScheduler();
  const day = 86_400_000;
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const now = Date.UTC(2026, 5, 10, 12);
  const base = { now, dayOf, scheduler };

  it('prefers due questions, then new ones of uncovered competencies, then new ones, then any', () => {
    const reviewed = { q1: [{ at: now - 30 * day, rating: 3 as const, points: [], secs: 120 }] }; // due long ago
    expect(pickRehearsalQuestion(bank.questions, reviewed, new Set(), { ...base, random: () => 0.99 })).toMatchObject({ question: { id: 'q1' }, reason: 'due' });
    expect(pickRehearsalQuestion(bank.questions, {}, new Set(['ownership', 'conflict']), { ...base, random: () => 0.5 })).toMatchObject({ question: { id: 'q3' }, reason: 'uncovered' });
    expect(pickRehearsalQuestion(bank.questions, {}, new Set(['ownership', 'conflict', 'failure']), { ...base, random: () => 0.99 })).toMatchObject({ question: { id: 'q3' }, reason: 'new' });
    const fresh = Object.fromEntries(bank.questions.map((q) => [q.id, [{ at: now - 60_000, rating: 4 as const, points: [], secs: 100 }]]));
    expect(pickRehearsalQuestion(bank.questions, fresh, new Set(), { ...base, random: () => 0 })).toMatchObject({ question: { id: 'q1' }, reason: 'any' });
    expect(pickRehearsalQuestion([], {}, new Set(), { ...base, random: () => 0 })).toBeUndefined();
  });
});

describe('dashboard protocol: stories', () => {
  it('accepts the stories messages and coverage data, and refuses malformed ones', () => {
    expect(parseWebviewMessage({ type: 'newStory', competency: 'ownership' })).toEqual({ type: 'newStory', competency: 'ownership' });
    expect(parseWebviewMessage({ type: 'rehearse' })).toEqual({ type: 'rehearse' });
    expect(parseWebviewMessage({ type: 'rehearse', competency: 'Not A Slug' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'openStory', path: 'ml-interview/stories/a.md' })).toEqual({ type: 'openStory', path: 'ml-interview/stories/a.md' });
    expect(parseWebviewMessage({ type: 'openStory', path: '../../etc/passwd' })).toBeUndefined();
    const data = dashboardData({ version: 1, problems: {}, history: [] } as never, [], { now: Date.UTC(2026, 0, 1) });
    const cov = storyCoverage(bank, [s('a', ['conflict'])]);
    expect(parseDashboardData({ ...data, stories: cov })).toBeDefined();
    expect(parseDashboardData({ ...data, stories: { ...cov, competencies: [{ ...cov.competencies[0], stories: [5] }] } })).toBeUndefined(); // index past the stories
  });
});

describe('rehearsal summary', () => {
  it('counts rehearsed questions, those due, and today\'s rehearsals; other ids are ignored', () => {
    const day = 86_400_000;
    const now = Date.UTC(2026, 5, 10, 12);
    const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const r = (at: number) => ({ at, rating: 3 as const, points: [], secs: 120 });
    const summary = rehearsalSummary(bank.questions, { q1: [r(now - 40 * day)], q2: [r(now - 60_000)], 'theory-card': [r(now)] }, { now, dayOf, scheduler: theoryScheduler() });
    expect(summary).toEqual({ rehearsed: 2, dueToday: 1, today: 1 });
  });
});
