// "Ask the interviewer": the questions a session still offers, asks recorded by the reducer, and
// the report of what was asked and what was not.
import { describe, expect, it } from 'vitest';
import { DESIGN_SECTION_KEYS, GENERIC_ASK, type DesignFact, type DesignSectionKey } from '../../src/core/catalog/types';
import { askChoices, interviewerReport, questionOf } from '../../src/core/design/interviewer';
import { applyAction, createSession, parseSession, serialiseSession, type PromptShape } from '../../src/core/design/session';
import { planSections } from '../../src/core/design/timer';

const MIN = 60_000;
const T0 = new Date(2026, 10, 23, 9, 0, 0).getTime();
const context: DesignFact[] = [
  { ask: 'How many users and QPS?', answer: '20k users, 15 QPS at peak.' },
  { answer: 'Plain fact A.' },
  { ask: 'What latency budget?', answer: 'First token within 2 s.' },
  { answer: 'Plain fact B.' },
];
const shape: PromptShape = { questions: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, 3])) as Record<DesignSectionKey, number>, facts: context.length };
const fresh = () => createSession({ promptId: 'rag', promptTitle: 'RAG', folder: 'rag-2026-11-23', durationMinutes: 45, planMs: planSections(45), now: T0 });

describe('askChoices', () => {
  it('offers each unasked question in the prompt order, then one catch-all for the plain facts', () => {
    expect(askChoices(context, [])).toEqual([
      { fact: 0, question: 'How many users and QPS?', generic: false },
      { fact: 2, question: 'What latency budget?', generic: false },
      { fact: 1, question: GENERIC_ASK, generic: true },
    ]);
  });

  it('drops what was asked; the catch-all moves to the next plain fact, then goes', () => {
    expect(askChoices(context, [2, 1]).map((c) => c.fact)).toEqual([0, 3]);
    expect(askChoices(context, [0, 1, 2, 3])).toEqual([]);
    expect(questionOf(context, 3)).toBe(GENERIC_ASK);
    expect(questionOf(context, 2)).toBe('What latency budget?');
  });
});

describe('asking in a session', () => {
  it('records the fact, the time, the section and the session time of each ask, once per fact', () => {
    let s = applyAction(fresh(), { type: 'timer', action: 'start' }, shape, T0);
    s = applyAction(s, { type: 'ask', fact: 2 }, shape, T0 + 1 * MIN);
    s = applyAction(s, { type: 'timer', action: 'next' }, shape, T0 + 3 * MIN);
    s = applyAction(s, { type: 'ask', fact: 0 }, shape, T0 + 5 * MIN);
    expect(s.asked).toEqual([
      { fact: 2, at: T0 + MIN, section: 0, elapsedMs: MIN },
      { fact: 0, at: T0 + 5 * MIN, section: 1, elapsedMs: 5 * MIN },
    ]);
    expect(s.revealed).toEqual([0, 2]);
    expect(applyAction(s, { type: 'ask', fact: 2 }, shape, T0 + 6 * MIN)).toBe(s);
    expect(applyAction(s, { type: 'ask', fact: 4 }, shape, T0 + 6 * MIN)).toBe(s);
    const back = parseSession(serialiseSession(s));
    expect(back.ok && back.value.asked).toEqual(s.asked);
  });

  it('takes no question once the clock is over', () => {
    const s = applyAction(applyAction(fresh(), { type: 'timer', action: 'start' }, shape, T0), { type: 'finish' }, shape, T0 + MIN);
    expect(applyAction(s, { type: 'ask', fact: 0 }, shape, T0 + 2 * MIN)).toBe(s);
  });

  it('reads a session.json saved before asks were recorded, and refuses a malformed list', () => {
    const raw = JSON.parse(serialiseSession(fresh()));
    delete raw.asked;
    raw.revealed = [3];
    const r = parseSession(JSON.stringify(raw));
    expect(r.ok && r.value).toMatchObject({ revealed: [3], asked: [] });
    expect(parseSession(JSON.stringify({ ...raw, asked: [{ fact: 'x', at: 1 }] })).ok).toBe(false);
    // A fact only in `asked` is revealed too.
    const both = parseSession(JSON.stringify({ ...raw, asked: [{ fact: 1, at: T0, section: 0, elapsedMs: 0 }] }));
    expect(both.ok && both.value.revealed).toEqual([1, 3]);
  });
});

describe('interviewerReport', () => {
  it('lists what was asked in the order asked and what was not in the prompt order', () => {
    let s = applyAction(fresh(), { type: 'timer', action: 'start' }, shape, T0);
    s = applyAction(s, { type: 'ask', fact: 2 }, shape, T0 + MIN);
    s = applyAction(s, { type: 'ask', fact: 1 }, shape, T0 + 2 * MIN);
    const r = interviewerReport(context, s);
    expect(r.asked.map((a) => [a.fact, a.question, a.when?.elapsedMs])).toEqual([
      [2, 'What latency budget?', MIN],
      [1, GENERIC_ASK, 2 * MIN],
    ]);
    expect(r.notAsked).toEqual([
      { fact: 0, question: 'How many users and QPS?', answer: '20k users, 15 QPS at peak.' },
      { fact: 3, question: GENERIC_ASK, answer: 'Plain fact B.' },
    ]);
    expect(r.total).toBe(4);
  });

  it('keeps facts revealed by an older version (no time) after the timed ones, and ignores facts the prompt no longer has', () => {
    const r = interviewerReport(context, { revealed: [0, 3, 9], asked: [{ fact: 3, at: T0, section: 0, elapsedMs: 0 }] });
    expect(r.asked.map((a) => [a.fact, a.when === undefined])).toEqual([
      [3, false],
      [0, true],
    ]);
    expect(r.notAsked.map((n) => n.fact)).toEqual([1, 2]);
  });
});
