// SessionStore does the design session's file I/O without vscode: exercised on a real temp folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESIGN_SECTION_KEYS, type DesignPrompt } from '../../src/core/catalog/types';
import { serialiseExcalidraw } from '../../src/core/design/scene';
import { applyAction, createSession, parseSession, serialiseSession, type DesignSession, type PromptShape } from '../../src/core/design/session';
import { planSections } from '../../src/core/design/timer';
import { findResumable, SessionStore, type StoreEvents } from '../../src/features/designSession/sessionStore';

const prompt = {
  id: 'card-fraud', title: 'Card fraud', difficulty: 'hard', tags: [], companies: [], minutes: 45, prompt: 'Design it.', context: ['fact'], commonMistakes: [],
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
    store.setSession(applyAction(store.session, { type: 'notes', section: 'data', text: 'hello' }, shape, Date.now()));
    await store.flush();
    expect(readdirSync(dir).sort()).toEqual(['notes.md', 'session.json', 'whiteboard.excalidraw']);
    expect(JSON.parse(read(dir, 'whiteboard.excalidraw'))).toMatchObject({ type: 'excalidraw', elements: [] });
    const saved = parseSession(read(dir, 'session.json'));
    expect(saved.ok && saved.value.sections.data.notes).toBe('hello');
    expect(read(dir, 'notes.md')).toContain('hello');
    expect(reports).toEqual([]);
  });

  it('resumes what is on disk', async () => {
    const dir = tempSessionDir();
    const a = await SessionStore.open(dir, prompt, create, recorder().events);
    a.setSession(applyAction(a.session, { type: 'timer', action: 'start' }, shape, Date.now()));
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

  it('merges a session changed by another writer instead of overwriting it', async () => {
    const dir = tempSessionDir();
    const { events, changes } = recorder();
    const store = await SessionStore.open(dir, prompt, create, events);
    await store.flush();
    // Another window edits modelling and reveals a fact...
    await later();
    const other = parseSession(read(dir, 'session.json'));
    if (!other.ok) throw new Error(other.error);
    let theirs = applyAction(other.value, { type: 'notes', section: 'modelling', text: 'theirs' }, shape, Date.now() + 5);
    theirs = applyAction(theirs, { type: 'reveal', index: 0 }, shape, Date.now() + 5);
    writeFileSync(path.join(dir, 'session.json'), serialiseSession({ ...theirs, revision: theirs.revision + 1 }));
    // ...while we edit data.
    store.setSession(applyAction(store.session, { type: 'notes', section: 'data', text: 'mine' }, shape, Date.now()));
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
    writeFileSync(path.join(dir, 'notes.md'), '# my own notes\n');
    store.setSession(applyAction(store.session, { type: 'notes', section: 'data', text: 'x' }, shape, Date.now()));
    await store.flush();
    const kept = readdirSync(dir).find((f) => f.startsWith('notes.md.edited-'));
    expect(kept && read(dir, kept)).toBe('# my own notes\n');
    expect(reports.join()).toMatch(/notes\.md was edited/);
  });

  it('writes pending changes synchronously on shutdown', async () => {
    const dir = tempSessionDir();
    const store = await SessionStore.open(dir, prompt, create, recorder().events);
    await store.flush();
    store.setSession(applyAction(store.session, { type: 'notes', section: 'evaluation', text: 'last words' }, shape, Date.now()));
    store.setScene({ elements: [rect('late', 1)], appState: {}, files: {} });
    store.flushSync(); // no await: the host is going away
    const saved = parseSession(read(dir, 'session.json'));
    expect(saved.ok && saved.value.sections.evaluation.notes).toBe('last words');
    expect(JSON.parse(read(dir, 'whiteboard.excalidraw')).elements[0].id).toBe('late');
    expect(read(dir, 'notes.md')).toContain('last words');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
