// SessionStore does the design session's file I/O without vscode: exercised on a real temp folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESIGN_SECTION_KEYS, type DesignPrompt } from '../../src/core/catalog/types';
import { CONFLICT_START } from '../../src/core/design/lines';
import { serialiseExcalidraw } from '../../src/core/design/scene';
import { parseWebviewMessage } from '../../src/core/design/protocol';
import { createSession, parseSession, type DesignSession, type PromptShape } from '../../src/core/design/session';
import { planSections } from '../../src/core/design/timer';
import { findResumable, isGeneratedNotes, SessionStore, syncFiles, type StoreEvents } from '../../src/features/designSession/sessionStore';

const prompt = {
  id: 'card-fraud', title: 'Card fraud', difficulty: 'hard', tags: [], companies: [], minutes: 45, prompt: 'Design it.', context: [{ answer: 'fact' }], commonMistakes: [],
  sections: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, { questions: ['q1', 'q2'], rubric: ['r'] }])),
  kind: 'design', source: 'builtin', packDir: '/p', file: '/p/x.yaml',
} as unknown as DesignPrompt;
const shape: PromptShape = { questions: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, 2])) as PromptShape['questions'], facts: 1 };
const create = (): DesignSession =>
  createSession({ promptId: 'card-fraud', promptTitle: 'Card fraud', folder: 'card-fraud-2026-11-23', durationMinutes: 45, planMs: planSections(45), now: Date.now() });
const rect = (id: string, version: number) => ({ id, type: 'rectangle', version, versionNonce: 1, x: 0, y: 0, width: 10, height: 10 });

let dirs: string[] = [];
function tempSessionDir(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mlprep-store-'));
  dirs.push(root);
  return path.join(root, 'ml-interview', 'design', 'card-fraud-2026-11-23');
}
function recorder() {
  const reports: string[] = [];
  const changes: { session?: boolean; scene?: boolean }[] = [];
  const events: StoreEvents = { report: (level, m) => reports.push(`${level}: ${m}`), changedFromDisk: (w) => changes.push(w) };
  return { reports, changes, events };
}
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
/** mtime resolution differs between file systems: make sure an outside write looks new. */
const later = () => new Promise((r) => setTimeout(r, 20));

afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('SessionStore', () => {
  it('creates the folder with session.json, an empty board and notes.md, written atomically', async () => {
    const dir = tempSessionDir();
    const { events, reports } = recorder();
    const store = await SessionStore.open(dir, prompt, create, events);
    store.act({ type: 'notes', section: 'data', text: 'hello' }, shape);
    await store.flush();
    expect(readdirSync(dir).sort()).toEqual(['.sync', 'notes.md', 'session.json', 'whiteboard.excalidraw']);
    expect(syncFiles(dir)).toEqual([`${store.site.id}.board.json`, `${store.site.id}.record.json`]);
    expect(JSON.parse(read(dir, 'whiteboard.excalidraw'))).toMatchObject({ type: 'excalidraw', elements: [] });
    const saved = parseSession(read(dir, 'session.json'));
    expect(saved.ok && saved.value.sections.data.notes).toBe('hello');
    expect(read(dir, 'notes.md')).toContain('hello');
    expect(reports).toEqual([]);
  });

  it('resumes what is on disk', async () => {
    const dir = tempSessionDir();
    const a = await SessionStore.open(dir, prompt, create, recorder().events);
    a.act({ type: 'timer', action: 'start' }, shape);
    a.setScene({ elements: [rect('r1', 2)], appState: {}, files: {} });
    await a.dispose();
    const b = await SessionStore.open(dir, prompt, create, recorder().events);
    expect(b.session.timer.status).toBe('running');
    expect(b.scene.elements.map((e) => e.id)).toEqual(['r1']);
    expect(await findResumable(path.dirname(dir), 'card-fraud')).toBe(dir);
  });

  it('keeps a corrupt board aside, reports it, and never writes an empty board over it', async () => {
    const dir = tempSessionDir();
    const first = await SessionStore.open(dir, prompt, create, recorder().events);
    await first.dispose();
    writeFileSync(path.join(dir, 'whiteboard.excalidraw'), '{"type":"excalidraw","elements":[{"id":"half');
    const { events, reports } = recorder();
    const store = await SessionStore.open(dir, prompt, create, events);
    await store.flush();
    const aside = readdirSync(dir).find((f) => f.startsWith('whiteboard.excalidraw.corrupt-'));
    expect(aside).toMatch(/^whiteboard\.excalidraw\.corrupt-\d{8}T\d{6}Z$/);
    expect(read(dir, aside!)).toBe('{"type":"excalidraw","elements":[{"id":"half');
    expect(reports.join('\n')).toMatch(/whiteboard\.excalidraw .* could not be read .* kept as whiteboard\.excalidraw\.corrupt-/);
  });

  it('keeps a corrupt session.json aside and starts afresh, keeping the board', async () => {
    const dir = tempSessionDir();
    const first = await SessionStore.open(dir, prompt, create, recorder().events);
    first.setScene({ elements: [rect('keep-me', 1)], appState: {}, files: {} });
    await first.dispose();
    writeFileSync(path.join(dir, 'session.json'), '{"format":"mlprep.design-session","version":1,"phase":"dreaming"}');
    const { events, reports } = recorder();
    const store = await SessionStore.open(dir, prompt, create, events);
    await store.flush();
    expect(readdirSync(dir).some((f) => f.startsWith('session.json.corrupt-'))).toBe(true);
    expect(parseSession(read(dir, 'session.json')).ok).toBe(true);
    expect(store.scene.elements.map((e) => e.id)).toEqual(['keep-me']);
    expect(reports).toHaveLength(1);
  });

  it('merges what another window saved instead of overwriting it', async () => {
    const dir = tempSessionDir();
    const { events, changes } = recorder();
    const store = await SessionStore.open(dir, prompt, create, events);
    await store.flush();
    const other = await SessionStore.open(dir, prompt, create, recorder().events);
    other.act({ type: 'notes', section: 'modelling', text: 'theirs' }, shape);
    other.act({ type: 'ask', fact: 0 }, shape);
    await other.flush();
    store.act({ type: 'notes', section: 'data', text: 'mine' }, shape);
    await store.flush();
    const saved = parseSession(read(dir, 'session.json'));
    if (!saved.ok) throw new Error(saved.error);
    expect(saved.value.sections.data.notes).toBe('mine');
    expect(saved.value.sections.modelling.notes).toBe('theirs');
    expect(saved.value.revealed).toEqual([0]);
    expect(changes).toContainEqual({ session: true });
  });

  it('merges a board changed on disk element by element', async () => {
    const dir = tempSessionDir();
    const { events, changes } = recorder();
    const store = await SessionStore.open(dir, prompt, create, events);
    store.setScene({ elements: [rect('mine', 1)], appState: {}, files: {} });
    await store.flush();
    await later();
    // A hand edit in another Excalidraw editor.
    writeFileSync(path.join(dir, 'whiteboard.excalidraw'), serialiseExcalidraw({ elements: [rect('mine', 1), rect('theirs', 1)], appState: {}, files: {} }));
    store.setScene({ elements: [rect('mine', 2)], appState: {}, files: {} });
    await store.flush();
    const board = JSON.parse(read(dir, 'whiteboard.excalidraw'));
    expect(board.elements.map((e: { id: string; version: number }) => [e.id, e.version])).toEqual([['mine', 2], ['theirs', 1]]);
    expect(changes).toContainEqual({ scene: true });
  });

  it('keeps a hand-edited notes.md instead of overwriting it', async () => {
    const dir = tempSessionDir();
    const { events, reports } = recorder();
    const store = await SessionStore.open(dir, prompt, create, events);
    await store.flush();
    await later();
    expect(isGeneratedNotes(read(dir, 'notes.md'))).toBe(true);
    writeFileSync(path.join(dir, 'notes.md'), '# my own notes\n');
    store.act({ type: 'notes', section: 'data', text: 'x' }, shape);
    await store.flush();
    const kept = readdirSync(dir).find((f) => f.startsWith('notes.md.edited-'));
    expect(kept && read(dir, kept)).toBe('# my own notes\n');
    expect(reports.join()).toMatch(/notes\.md was edited/);
  });

  it('writes pending changes synchronously on shutdown', async () => {
    const dir = tempSessionDir();
    const store = await SessionStore.open(dir, prompt, create, recorder().events);
    await store.flush();
    store.act({ type: 'notes', section: 'evaluation', text: 'last words' }, shape);
    store.setScene({ elements: [rect('late', 1)], appState: {}, files: {} });
    store.flushSync(); // no await: the host is going away
    const saved = parseSession(read(dir, 'session.json'));
    expect(saved.ok && saved.value.sections.evaluation.notes).toBe('last words');
    expect(JSON.parse(read(dir, 'whiteboard.excalidraw')).elements[0].id).toBe('late');
    expect(read(dir, 'notes.md')).toContain('last words');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('two windows on one session, each editing its own section and saving at once: both kept in 10 of 10 trials', async () => {
    let kept = 0;
    let falseCopies = 0;
    for (let trial = 0; trial < 10; trial++) {
      const dir = tempSessionDir();
      const first = await SessionStore.open(dir, prompt, create, recorder().events);
      await first.dispose();
      const a = await SessionStore.open(dir, prompt, create, recorder().events);
      const b = await SessionStore.open(dir, prompt, create, recorder().events);
      await Promise.all([a.flush(), b.flush()]);
      a.act({ type: 'notes', section: 'data', text: `A ${trial}` }, shape);
      b.act({ type: 'notes', section: 'modelling', text: `B ${trial}` }, shape);
      a.act({ type: 'tick', section: 'data', question: 0, checked: true }, shape);
      b.act({ type: 'timer', action: 'start' }, shape);
      await Promise.all([a.flush(), b.flush()]);
      await Promise.all([a.dispose(), b.dispose()]);
      // What every view on disk says, and what a window opened now (a reload) shows.
      const file = parseSession(read(dir, 'session.json'));
      const reopened = await SessionStore.open(dir, prompt, create, recorder().events);
      const s = reopened.session;
      const ok =
        file.ok && file.value.sections.data.notes === `A ${trial}` && file.value.sections.modelling.notes === `B ${trial}` && file.value.timer.status === 'running' &&
        s.sections.data.notes === `A ${trial}` && s.sections.modelling.notes === `B ${trial}` && s.sections.data.ticked[0] === 0 &&
        read(dir, 'notes.md').includes(`A ${trial}`) && read(dir, 'notes.md').includes(`B ${trial}`);
      if (ok) kept++;
      falseCopies += readdirSync(dir).filter((f) => f.startsWith('notes.md.edited-')).length;
      await reopened.dispose();
    }
    console.log(`two windows saving at once: both windows' notes kept in ${kept}/10 trials; false notes.md.edited-* copies: ${falseCopies}`);
    expect({ kept, falseCopies }).toEqual({ kept: 10, falseCopies: 0 });
  });

  it('keeps both versions when two windows change the same line, marked in notes.md', async () => {
    const dir = tempSessionDir();
    const a = await SessionStore.open(dir, prompt, create, recorder().events);
    a.act({ type: 'notes', section: 'data', text: 'label: chargeback\nkeep me' }, shape);
    await a.flush();
    const b = await SessionStore.open(dir, prompt, create, recorder().events);
    a.act({ type: 'notes', section: 'data', text: 'label: chargeback in 90 days\nkeep me' }, shape);
    b.act({ type: 'notes', section: 'data', text: 'label: confirmed fraud\nkeep me' }, shape);
    await Promise.all([a.flush(), b.flush()]);
    await a.checkDisk();
    await b.checkDisk();
    expect(a.session.sections.data.notes).toBe(b.session.sections.data.notes);
    expect(a.session.sections.data.notes.split('\n').sort()).toEqual(['keep me', 'label: chargeback in 90 days', 'label: confirmed fraud']);
    expect(a.conflicts()).toEqual(['data']);
    await a.flush();
    const notes = read(dir, 'notes.md');
    expect(notes).toContain(CONFLICT_START);
    expect(notes).toContain('label: chargeback in 90 days');
    expect(notes).toContain('label: confirmed fraud');
    expect(readdirSync(dir).filter((f) => f.startsWith('notes.md.edited-'))).toEqual([]);
  });

  it('has no size limit that drops edits: 1,000,000 characters of notes and 30,000 elements save, and so do later edits', async () => {
    const dir = tempSessionDir();
    const store = await SessionStore.open(dir, prompt, create, recorder().events);
    const long = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(44)}`).join('\n');
    expect(long.length).toBeGreaterThan(1_000_000);
    const msg = parseWebviewMessage({ type: 'notes', section: 'data', text: long });
    expect(msg).toBeDefined();
    store.act(msg as { type: 'notes'; section: 'data'; text: string }, shape);
    const elements = Array.from({ length: 30_000 }, (_, i) => rect(`e${i}`, 1));
    const scene = parseWebviewMessage({ type: 'scene', scene: { elements, appState: {}, files: {} } });
    expect(scene).toBeDefined();
    store.setScene((scene as { scene: Parameters<typeof store.setScene>[0] }).scene);
    await store.flush();
    store.act({ type: 'notes', section: 'data', text: `${long}\none more` }, shape);
    store.setScene({ elements: [...elements, rect('later', 1)], appState: {}, files: {} });
    await store.dispose();
    const saved = parseSession(read(dir, 'session.json'));
    expect(saved.ok && saved.value.sections.data.notes).toBe(`${long}\none more`);
    expect(JSON.parse(read(dir, 'whiteboard.excalidraw')).elements).toHaveLength(30_001);
  });

  it('keeps fields of session.json it does not know and writes them back unchanged', async () => {
    const dir = tempSessionDir();
    const first = await SessionStore.open(dir, prompt, create, recorder().events);
    await first.dispose();
    const raw = JSON.parse(read(dir, 'session.json'));
    raw.interviewer = { persona: 'strict', seed: 7 };
    raw.sections.data.sketches = ['s1'];
    writeFileSync(path.join(dir, 'session.json'), JSON.stringify(raw));
    const store = await SessionStore.open(dir, prompt, create, recorder().events);
    store.act({ type: 'notes', section: 'data', text: 'new' }, shape);
    await store.dispose();
    const back = JSON.parse(read(dir, 'session.json'));
    expect(back.interviewer).toEqual({ persona: 'strict', seed: 7 });
    expect(back.sections.data.sketches).toEqual(['s1']);
    expect(back.sections.data.notes).toBe('new');
  });

  it('imports a session saved before records existed', async () => {
    const dir = tempSessionDir();
    const old = create();
    old.sections.modelling = { notes: 'GBDT first', ticked: [1], updatedAt: old.createdAt };
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'session.json'), JSON.stringify(old));
    const store = await SessionStore.open(dir, prompt, create, recorder().events);
    expect(store.session.sections.modelling).toMatchObject({ notes: 'GBDT first', ticked: [1] });
    await store.dispose();
  });

  it('folds the files of windows that closed into one, keeping everything they held', async () => {
    const dir = tempSessionDir();
    for (let i = 0; i < 5; i++) {
      const w = await SessionStore.open(dir, prompt, create, recorder().events);
      w.act({ type: 'notes', section: DESIGN_SECTION_KEYS[i], text: `window ${i}` }, shape);
      w.setScene({ elements: [rect(`r${i}`, 1)], appState: {}, files: {} });
      await w.dispose();
    }
    expect(syncFiles(dir)).toHaveLength(2);
    const last = await SessionStore.open(dir, prompt, create, recorder().events);
    for (let i = 0; i < 5; i++) expect(last.session.sections[DESIGN_SECTION_KEYS[i]].notes).toBe(`window ${i}`);
    expect(last.scene.elements.map((e) => e.id).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    await last.dispose();
  });

  it("shows another window's save without saving itself (the sync folder is watched)", async () => {
    const dir = tempSessionDir();
    let changed!: () => void;
    const seen = new Promise<void>((r) => (changed = r));
    const a = await SessionStore.open(dir, prompt, create, { report: () => undefined, changedFromDisk: () => changed() });
    await a.flush();
    const b = await SessionStore.open(dir, prompt, create, recorder().events);
    await b.flush();
    b.act({ type: 'notes', section: 'evaluation', text: 'from b' }, shape);
    await b.flush();
    await seen;
    expect(a.session.sections.evaluation.notes).toBe('from b');
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it('three windows on one folder, random edits and concurrent saves, 20 seeded trials: every window converges and nothing is lost', async () => {
    const sections = DESIGN_SECTION_KEYS;
    for (let seed = 1; seed <= 20; seed++) {
      let a = seed;
      const rand = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
      const dir = tempSessionDir();
      const first = await SessionStore.open(dir, prompt, create, recorder().events);
      await first.dispose();
      const stores = await Promise.all([0, 1, 2].map(() => SessionStore.open(dir, prompt, create, recorder().events)));
      const expectedLines: string[] = [];
      const elements: string[] = [];
      for (let step = 0; step < 15; step++) {
        const i = Math.floor(rand() * 3);
        const w = stores[i];
        const k = sections[Math.floor(rand() * sections.length)];
        const line = `w${i} s${step}`;
        // Each window appends its own line: nothing any window wrote may go missing.
        w.act({ type: 'notes', section: k, text: w.session.sections[k].notes ? `${w.session.sections[k].notes}\n${line}` : line }, shape);
        expectedLines.push(`${k}|${line}`);
        if (rand() < 0.4) {
          w.setScene({ elements: [rect(`e${seed}-${step}`, 1)], appState: {}, files: {} });
          elements.push(`e${seed}-${step}`);
        }
        if (rand() < 0.5) await Promise.all(stores.filter(() => rand() < 0.7).map((x) => x.flush()));
      }
      await Promise.all(stores.map((x) => x.flush()));
      await Promise.all(stores.map((x) => x.checkDisk()));
      const views = stores.map((x) => JSON.stringify(x.session.sections));
      expect(new Set(views).size, `seed ${seed}: windows disagree`).toBe(1);
      await Promise.all(stores.map((x) => x.dispose()));
      const reopened = await SessionStore.open(dir, prompt, create, recorder().events);
      for (const e of expectedLines) {
        const [k, line] = e.split('|');
        expect(reopened.session.sections[k as (typeof sections)[number]].notes.split('\n'), `seed ${seed}`).toContain(line);
      }
      expect(reopened.scene.elements.map((e) => e.id).sort()).toEqual([...elements].sort());
      const file = parseSession(read(dir, 'session.json'));
      expect(file.ok && JSON.stringify(file.value.sections)).toBe(JSON.stringify(reopened.session.sections));
      expect(readdirSync(dir).filter((f) => f.startsWith('notes.md.edited-'))).toEqual([]);
      await reopened.dispose();
    }
  }, 120_000);
});
