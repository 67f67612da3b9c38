import { describe, expect, it } from 'vitest';
import { DESIGN_SECTION_KEYS, type DesignSectionKey } from '../../src/core/catalog/types';
import { renderNotes } from '../../src/core/design/notes';
import {
  applyAction,
  createSession,
  newFolderName,
  parseFolderName,
  parseSession,
  serialiseSession,
  settleClock,
  type PromptShape,
} from '../../src/core/design/session';
import { boardWithScene, emptyBoard, mergeBoards, sceneOf } from '../../src/core/design/record';
import { parseExcalidrawFile, serialiseExcalidraw, type Scene } from '../../src/core/design/scene';
import { planSections } from '../../src/core/design/timer';

const MIN = 60_000;
const T0 = new Date(2026, 10, 23, 9, 0, 0).getTime();
const at = (m: number) => T0 + m * MIN;
const shape: PromptShape = { questions: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, 3])) as Record<DesignSectionKey, number>, facts: 2 };
const prompt = {
  title: 'Card fraud',
  prompt: 'Design fraud detection.\n\nKeep it simple.',
  context: [{ ask: 'What volume?', answer: '8k TPS' }, { answer: '0.1% fraud' }],
  sections: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, { questions: [`${k} q1?`, `${k} q2?`, `${k} q3?`], rubric: [`${k} r1`] }])) as Record<DesignSectionKey, { questions: string[]; rubric: string[] }>,
};
const fresh = (now = at(0)) =>
  createSession({ promptId: 'card-fraud', promptTitle: 'Card fraud', folder: 'card-fraud-2026-11-23', durationMinutes: 45, planMs: planSections(45), now });

describe('session folders', () => {
  it('names folders by slug and local date, never reusing one', () => {
    expect(newFolderName('card-fraud', T0, [])).toBe('card-fraud-2026-11-23');
    expect(newFolderName('card-fraud', T0, ['card-fraud-2026-11-23', 'card-fraud-2026-11-23-2'])).toBe('card-fraud-2026-11-23-3');
    expect(parseFolderName('card-fraud', 'card-fraud-2026-11-23-3')).toEqual({ date: '2026-11-23', n: 3 });
    expect(parseFolderName('card', 'card-fraud-2026-11-23')).toBeUndefined();
  });
});

describe('session reducer', () => {
  it('records notes, ticks, revealed facts and clock actions; no-ops return the same object', () => {
    let s = fresh();
    s = applyAction(s, { type: 'timer', action: 'start' }, shape, at(0));
    s = applyAction(s, { type: 'notes', section: 'data', text: 'labels arrive late' }, shape, at(1));
    s = applyAction(s, { type: 'tick', section: 'data', question: 2, checked: true }, shape, at(2));
    s = applyAction(s, { type: 'tick', section: 'data', question: 0, checked: true }, shape, at(2));
    s = applyAction(s, { type: 'ask', fact: 1 }, shape, at(3));
    expect(s.sections.data).toMatchObject({ notes: 'labels arrive late', ticked: [0, 2] });
    expect(s.revealed).toEqual([1]);
    expect(applyAction(s, { type: 'tick', section: 'data', question: 9, checked: true }, shape, at(4))).toBe(s);
    expect(applyAction(s, { type: 'ask', fact: 1 }, shape, at(4))).toBe(s);
    expect(applyAction(s, { type: 'ask', fact: 5 }, shape, at(4))).toBe(s);
    expect(applyAction(s, { type: 'notes', section: 'data', text: 'labels arrive late' }, shape, at(4))).toBe(s);
  });

  it('changes the length only before the clock starts', () => {
    let s = applyAction(fresh(), { type: 'setDuration', minutes: 60, planMs: planSections(60) }, shape, at(0));
    expect(s.durationMinutes).toBe(60);
    expect(s.timer.planMs[2]).toBe(18 * MIN);
    s = applyAction(s, { type: 'timer', action: 'start' }, shape, at(0));
    expect(applyAction(s, { type: 'setDuration', minutes: 45, planMs: planSections(45) }, shape, at(1))).toBe(s);
  });

  it('goes through finish, scores and completion with an average', () => {
    let s = applyAction(fresh(), { type: 'timer', action: 'start' }, shape, at(0));
    s = applyAction(s, { type: 'finish' }, shape, at(40));
    expect(s.phase).toBe('assessing');
    expect(s.timer.status).toBe('finished');
    expect(applyAction(s, { type: 'complete' }, shape, at(41))).toBe(s); // not every section scored
    DESIGN_SECTION_KEYS.forEach((k, i) => {
      s = applyAction(s, { type: 'score', section: k, score: i % 2 ? 4 : 3 }, shape, at(41));
    });
    s = applyAction(s, { type: 'complete' }, shape, at(42));
    expect(s.phase).toBe('done');
    expect(s.averageScore).toBe(3.5);
    expect(applyAction(s, { type: 'timer', action: 'resume' }, shape, at(43))).toBe(s);
  });

  it('goes back from the assessment to the board with the clock paused', () => {
    let s = applyAction(fresh(), { type: 'timer', action: 'start' }, shape, at(0));
    s = applyAction(s, { type: 'finish' }, shape, at(10));
    s = applyAction(s, { type: 'backToBoard' }, shape, at(11));
    expect(s.phase).toBe('working');
    expect(s.timer.status).toBe('paused');
  });

  it('settles the clock: auto-advance and one announcement per section end', () => {
    let s = applyAction(fresh(), { type: 'timer', action: 'start' }, shape, at(0));
    let r = settleClock(s, at(14), { autoAdvance: true });
    expect(r.session.timer.current).toBe(2);
    expect(r.ended).toEqual([0, 1]);
    s = r.session;
    r = settleClock(s, at(14.5), { autoAdvance: true });
    expect(r.ended).toEqual([]);
    expect(r.session).toBe(s);
    const manual = settleClock(applyAction(fresh(), { type: 'timer', action: 'start' }, shape, at(0)), at(14), { autoAdvance: false });
    expect(manual.session.timer.current).toBe(0);
    expect(manual.ended).toEqual([0]);
  });
});

describe('parseSession', () => {
  it('round-trips a session', () => {
    const s = applyAction(fresh(), { type: 'notes', section: 'modelling', text: 'GBDT baseline' }, shape, at(1));
    const r = parseSession(serialiseSession(s));
    expect(r).toEqual({ ok: true, value: s });
  });

  it.each([
    ['truncated JSON', (t: string) => t.slice(0, t.length / 2)],
    ['an empty file', () => ''],
    ['a JSON array', () => '[]'],
    ['another format', (t: string) => t.replace('mlprep.design-session', 'something-else')],
    ['a bad phase', (t: string) => t.replace('"phase": "working"', '"phase": "dreaming"')],
    ['a bad duration', (t: string) => t.replace('"durationMinutes": 45', '"durationMinutes": 50')],
    ['a missing section', (t: string) => JSON.stringify({ ...JSON.parse(t), sections: { data: { notes: '', ticked: [] } } })],
    ['a path as folder', (t: string) => t.replace('"folder": "card-fraud-2026-11-23"', '"folder": "../../etc"')],
    ['a bad score', (t: string) => t.replace('"ticked": []', '"ticked": [], "score": 7')],
    ['a broken timer', (t: string) => t.replace('"status": "idle"', '"status": "running"')],
  ])('reports %s as corrupt', (_name, mutate) => {
    const r = parseSession(mutate(serialiseSession(fresh())));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/\w/);
  });

  it('accepts a hand edit that is still valid', () => {
    const raw = JSON.parse(serialiseSession(fresh()));
    raw.sections.data.notes = 'edited by hand';
    raw.sections.data.ticked = [2, 2, 0];
    const r = parseSession(JSON.stringify(raw));
    expect(r.ok && r.value.sections.data).toMatchObject({ notes: 'edited by hand', ticked: [0, 2] });
  });
});

describe('renderNotes', () => {
  it('writes sections, notes, ticked questions and time per section', () => {
    let s = applyAction(fresh(), { type: 'timer', action: 'start' }, shape, at(0));
    s = applyAction(s, { type: 'notes', section: 'problem-definition', text: 'Label = chargeback within 90 days' }, shape, at(1));
    s = applyAction(s, { type: 'tick', section: 'problem-definition', question: 1, checked: true }, shape, at(2));
    s = applyAction(s, { type: 'ask', fact: 0 }, shape, at(2));
    s = applyAction(s, { type: 'timer', action: 'next' }, shape, at(6));
    const md = renderNotes(s, prompt, at(7));
    expect(md).toContain('# Card fraud');
    expect(md).toContain('> Design fraud detection.\n>\n> Keep it simple.');
    expect(md).toContain('## Asked the interviewer\n\n- **What volume?** _(asked at 2:00, in Problem definition)_\n  8k TPS\n');
    // Facts not asked stay out of notes.md while the clock runs.
    expect(md).not.toContain('0.1% fraud');
    expect(md).not.toContain('Not asked');
    expect(md).toContain('## 1. Problem definition\n\nTime: 6:00 (+1:30 over) of 4:30 planned');
    expect(md).toContain('Label = chargeback within 90 days');
    expect(md).toContain('- [ ] problem-definition q1?\n- [x] problem-definition q2?');
    expect(md).toContain('## 2. Data\n\nTime: 1:00 of 9:00 planned\n\n_No notes._');
    expect(md).toContain('- Status: in progress');
    expect(md).not.toContain('## Summary');
  });

  it('adds scores and a summary table once assessed', () => {
    let s = applyAction(fresh(), { type: 'timer', action: 'start' }, shape, at(0));
    s = applyAction(s, { type: 'finish' }, shape, at(30));
    for (const k of DESIGN_SECTION_KEYS) s = applyAction(s, { type: 'score', section: k, score: 2 }, shape, at(31));
    s = applyAction(s, { type: 'complete' }, shape, at(32));
    const md = renderNotes(s, prompt, at(40));
    expect(md).toContain('Self-assessment: 2 / 4');
    expect(md).toContain('| Problem definition | 4:30 | 30:00 (+25:30 over) | 0 / 3 | 2 |');
    expect(md).toContain('| **Total** | 45:00 | 30:00 | | 2.00 |');
    expect(md).toContain('completed, average self-assessment 2.00 / 4');
    expect(md).toContain('## Not asked (2 of 2)\n\n- You did not ask: **What volume?**\n  The answer: 8k TPS\n- You did not ask: **Anything else I should know?**\n  The answer: 0.1% fraud\n');
  });
});

describe('whiteboard scenes', () => {
  const el = (id: string, version: number, extra: Record<string, unknown> = {}) => ({ id, type: 'rectangle', version, versionNonce: 1, x: 0, y: 0, ...extra });
  const scene = (elements: ReturnType<typeof el>[]): Scene => ({ elements, appState: { viewBackgroundColor: '#ffffff' }, files: {} });

  it('writes a valid .excalidraw file without deleted elements and reads it back', () => {
    const text = serialiseExcalidraw(scene([el('a', 1), el('b', 2, { isDeleted: true })]));
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ type: 'excalidraw', version: 2, appState: { viewBackgroundColor: '#ffffff' }, files: {} });
    expect(doc.elements.map((e: { id: string }) => e.id)).toEqual(['a']);
    const back = parseExcalidrawFile(text);
    expect(back.ok && back.value.elements).toHaveLength(1);
  });

  it('reports a corrupted board', () => {
    expect(parseExcalidrawFile('{"type":"excalidraw","elements":[{"id":1}]}').ok).toBe(false);
    expect(parseExcalidrawFile('{"type":"excalidraw","elements":[').ok).toBe(false);
    expect(parseExcalidrawFile('{"type":"figma","elements":[]}').ok).toBe(false);
  });

  it('merges boards per element by version, keeping deletions and additions from both sides', () => {
    const mine = scene([el('a', 3), el('b', 5, { isDeleted: true }), el('c', 1)]);
    const disk = scene([el('a', 4, { x: 9 }), el('b', 2), el('d', 1)]);
    const board = (sc: Scene, site: string) => boardWithScene(emptyBoard(), sc, { id: site }, 1);
    const m = sceneOf(mergeBoards(board(mine, 'm'), board(disk, 'd')));
    expect(m.elements.map((e) => [e.id, e.version])).toEqual([['a', 4], ['b', 5], ['c', 1], ['d', 1]]);
    expect(m.elements[1].isDeleted).toBe(true);
  });
});
