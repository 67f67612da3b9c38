import { describe, expect, it } from 'vitest';
import {
  advance, codingVerdict, gradableProblems, designAverage, designCoverage, designVerdict, elapsed, finishCoding, finishDesign, isMockLevel, LEVEL_IDS, LEVELS,
  mockHidesAssistance, mockReportMarkdown, parseMockState, partDeadline, pickMock, recordCodingRun, remaining, resumeDesignClock, startMock, stopDesignClock, inTrack,
  type DesignResult, type MockState,
} from '../../src/core/plan/mockInterview';
import { emptyProgress, recordDesignSession, recordRun, type Progress } from '../../src/core/progress/progress';
import type { Difficulty, ListedProblem } from '../../src/core/tree/problemList';

const problem = (id: string, difficulty: Difficulty, kind: 'coding' | 'design' = 'coding'): ListedProblem => ({
  id, title: id, category: kind === 'design' ? 'system-design' : 'metrics', difficulty, tags: [], companies: [], minutes: 30, kind,
});
const CATALOG = [
  problem('c-easy', 'easy'), problem('c-med-1', 'medium'), problem('c-med-2', 'medium'), problem('c-med-3', 'medium'), problem('c-hard', 'hard'),
  problem('d-med', 'medium', 'design'), problem('d-hard-1', 'hard', 'design'), problem('d-hard-2', 'hard', 'design'),
];
const difficulty = new Map(CATALOG.map((p) => [p.id, p.difficulty]));
const solved = (p: Progress, id: string) => recordRun(p, id, { passed: 3, total: 3 }, 1).progress;
const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');

describe('levels', () => {
  it('defines L3 to L6 with times, difficulties and a design rubric', () => {
    expect(LEVEL_IDS).toEqual(['L3', 'L4', 'L5', 'L6']);
    for (const id of LEVEL_IDS) {
      const l = LEVELS[id];
      expect(l.id).toBe(id);
      expect(l.label).toMatch(new RegExp(`^${id} \\(`));
      expect(l.codingMinutes + l.designMinutes).toBeGreaterThanOrEqual(75);
      expect(l.codingDifficulties.length && l.designDifficulties.length).toBeTruthy();
      expect(l.designRubric.startsWith(`${id}:`)).toBe(true);
    }
    expect(LEVELS.L4).toMatchObject({ codingMinutes: 45, designMinutes: 45 });
    expect(LEVELS.L6).toMatchObject({ codingMinutes: 30, designMinutes: 60 });
    expect(LEVELS.L6.designRubric).toMatch(/drives the problem definition, names trade-offs unprompted/);
    expect(LEVELS.L3.codingDifficulties).toContain('easy');
    expect(LEVELS.L6.codingDifficulties).not.toContain('easy');
    expect(LEVELS.L6.designBar.averageScore).toBeGreaterThan(LEVELS.L3.designBar.averageScore);
    expect([isMockLevel('L5'), isMockLevel('L7'), isMockLevel(5)]).toEqual([true, false, false]);
  });
});

describe('pickMock', () => {
  it('picks an unsolved coding problem and a design prompt of the level’s difficulties', () => {
    for (const level of LEVEL_IDS) {
      for (let i = 0; i < 20; i++) {
        const pick = pickMock({ level, problems: CATALOG, progress: emptyProgress(), seed: `s${i}` });
        if ('error' in pick) throw new Error(pick.error);
        expect(LEVELS[level].codingDifficulties).toContain(difficulty.get(pick.codingId));
        expect(LEVELS[level].designDifficulties).toContain(difficulty.get(pick.designId));
      }
    }
  });

  it('draws an LLM-focused mock from the llm category and GenAI-tagged prompts only; a general one from everything', () => {
    const llm = (id: string, difficulty: Difficulty): ListedProblem => ({ ...problem(id, difficulty), category: 'llm' });
    const genai = (id: string, tags: string[]): ListedProblem => ({ ...problem(id, 'hard', 'design'), tags });
    const all = [...CATALOG, llm('l-med', 'medium'), llm('l-hard', 'hard'), llm('l-easy', 'easy'), genai('g-rag', ['rag', 'search']), genai('g-llm', ['llm'])];
    const codings = new Set<string>();
    const designs = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const pick = pickMock({ level: 'L5', track: 'llm', problems: all, progress: emptyProgress(), seed: `t${i}` });
      if ('error' in pick) throw new Error(pick.error);
      codings.add(pick.codingId);
      designs.add(pick.designId);
    }
    expect(codings).toEqual(new Set(['l-med', 'l-hard']));
    expect(designs).toEqual(new Set(['g-rag', 'g-llm']));
    const general = new Set<string>();
    for (let i = 0; i < 80; i++) {
      const pick = pickMock({ level: 'L5', problems: all, progress: emptyProgress(), seed: `g${i}` });
      if (!('error' in pick)) general.add(pick.codingId);
    }
    expect(general).toEqual(new Set(['c-med-1', 'c-med-2', 'c-med-3', 'c-hard', 'l-med', 'l-hard']));
    // Nothing of the track left: an error that names the track.
    const none = pickMock({ level: 'L5', track: 'llm', problems: CATALOG, progress: emptyProgress(), seed: 'z' });
    expect(none).toMatchObject({ error: expect.stringMatching(/LLM & GenAI coding problem/) });
    // Only a medium GenAI prompt: an L5 LLM mock takes it rather than failing.
    const mediumOnly = [...CATALOG, llm('l-hard', 'hard'), { ...genai('g-med', ['genai']), difficulty: 'medium' as Difficulty }];
    expect(pickMock({ level: 'L5', track: 'llm', problems: mediumOnly, progress: emptyProgress(), seed: 'm' })).toEqual({ codingId: 'l-hard', designId: 'g-med' });
    expect([inTrack(llm('x', 'easy'), 'llm'), inTrack(problem('y', 'easy'), 'llm'), inTrack(problem('y', 'easy'), 'general')]).toEqual([true, false, true]);
  });

  it('keeps the track through storage; mocks stored before tracks read as general', () => {
    const s = startMock({ codingId: 'l-med', designId: 'g-llm' }, 'L6', T0, 'llm');
    expect(s.track).toBe('llm');
    expect(parseMockState(JSON.parse(JSON.stringify(s)))?.track).toBe('llm');
    const old = startMock({ codingId: 'c-med-1', designId: 'd-hard-1' }, 'L5', T0);
    expect(old).not.toHaveProperty('track');
    expect(parseMockState({ ...old, track: 'bogus' })).not.toHaveProperty('track');
  });

  it('is deterministic by seed and independent of the catalogue order', () => {
    const a = pickMock({ level: 'L4', problems: CATALOG, progress: emptyProgress(), seed: '1700000000000' });
    expect(pickMock({ level: 'L4', problems: [...CATALOG].reverse(), progress: emptyProgress(), seed: '1700000000000' })).toEqual(a);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const p = pickMock({ level: 'L4', problems: CATALOG, progress: emptyProgress(), seed: String(i) });
      if (!('error' in p)) seen.add(p.codingId);
    }
    expect(seen).toEqual(new Set(['c-med-1', 'c-med-2', 'c-med-3']));
  });

  it('never picks a solved problem and prefers unseen ones', () => {
    let p = solved(emptyProgress(), 'c-med-1');
    p = recordRun(p, 'c-med-2', { passed: 1, total: 3 }, 2).progress; // attempted
    p = recordDesignSession(p, 'd-hard-1', 3, 3);
    for (let i = 0; i < 20; i++) {
      const pick = pickMock({ level: 'L5', problems: CATALOG, progress: p, seed: `x${i}` });
      expect(pick).not.toHaveProperty('error');
      if ('error' in pick) continue;
      expect(['c-med-3', 'c-hard']).toContain(pick.codingId);
      expect(pick.designId).toBe('d-hard-2');
    }
    // Only the attempted one left: it is picked rather than nothing.
    const onlyAttempted = solved(solved(p, 'c-med-3'), 'c-hard');
    expect(pickMock({ level: 'L5', problems: CATALOG, progress: onlyAttempted, seed: 'y' })).toMatchObject({ codingId: 'c-med-2' });
    // All design prompts practised: one of them again.
    const allDesigns = recordDesignSession(p, 'd-hard-2', 2, 4);
    expect(['d-hard-1', 'd-hard-2']).toContain((pickMock({ level: 'L5', problems: CATALOG, progress: allDesigns, seed: 'z' }) as { designId: string }).designId);
  });

  it('explains when nothing is eligible', () => {
    let p = emptyProgress();
    for (const id of ['c-med-1', 'c-med-2', 'c-med-3']) p = solved(p, id);
    expect(pickMock({ level: 'L4', problems: CATALOG, progress: p, seed: 's' })).toEqual({
      error: 'No unsolved medium coding problem left for L4 (mid-level): pick another level or reset a problem.',
    });
    const noHardDesign = CATALOG.filter((c) => !c.id.startsWith('d-hard'));
    expect(pickMock({ level: 'L6', problems: noHardDesign, progress: emptyProgress(), seed: 's' })).toEqual({
      error: 'No hard design prompt for L6 (staff): pick another level or add a prompt.',
    });
    expect(pickMock({ level: 'L3', problems: [], progress: emptyProgress(), seed: 's' })).toHaveProperty('error');
  });
});

describe('gradableProblems', () => {
  it('leaves out problems needing a module the interpreter lacks, unless that leaves none', () => {
    const ps = [{ id: 'np', requires: ['numpy'] }, { id: 'pd', requires: ['numpy', 'pandas'] }, { id: 'none', requires: [] }];
    expect(gradableProblems(ps, ['pandas']).map((p) => p.id)).toEqual(['np', 'none']);
    expect(gradableProblems(ps, undefined).map((p) => p.id)).toEqual(['np', 'pd', 'none']);
    expect(gradableProblems(ps, []).map((p) => p.id)).toEqual(['np', 'pd', 'none']);
    expect(gradableProblems(ps.slice(0, 2), ['numpy']).map((p) => p.id)).toEqual(['np', 'pd']); // none left: all, the start warns
  });
});

describe('mock state machine', () => {
  const pick = { codingId: 'c-med-1', designId: 'd-hard-1' };

  it('runs coding → design → review on a fake clock', () => {
    let s = startMock(pick, 'L5', T0);
    expect(s).toMatchObject({ phase: 'coding', codingMs: 45 * MIN, designMs: 45 * MIN, startedAt: T0 });
    expect(mockHidesAssistance(s)).toBe(true);
    expect(partDeadline(s)).toBe(T0 + 45 * MIN);
    expect(elapsed(s, T0 + 10 * MIN)).toEqual({ coding: 10 * MIN, design: 0 });
    expect(remaining(s, T0 + 10 * MIN).coding).toEqual({ allottedMs: 45 * MIN, elapsedMs: 10 * MIN, remainingMs: 35 * MIN, overtimeMs: 0 });

    s = recordCodingRun(s, { passed: 4, total: 8 });
    s = finishCoding(s, T0 + 38 * MIN, { passed: 8, total: 8 });
    expect(s).toMatchObject({ phase: 'design', codingEndedAt: T0 + 38 * MIN, coding: { passed: 8, total: 8 } });
    expect(mockHidesAssistance(s)).toBe(true);
    expect(partDeadline(s)).toBe(T0 + 83 * MIN);
    // The coding clock is frozen; the design clock runs.
    expect(elapsed(s, T0 + 60 * MIN)).toEqual({ coding: 38 * MIN, design: 22 * MIN });
    expect(remaining(s, T0 + 60 * MIN).coding.remainingMs).toBe(7 * MIN);
    // Overtime in design.
    const over = remaining(s, T0 + 90 * MIN).design;
    expect(over).toEqual({ allottedMs: 45 * MIN, elapsedMs: 52 * MIN, remainingMs: 0, overtimeMs: 7 * MIN });
    // Late results of the coding round no longer count.
    expect(recordCodingRun(s, { passed: 0, total: 8 })).toBe(s);
    expect(finishCoding(s, T0 + 91 * MIN, { passed: 0, total: 8 })).toBe(s);

    const design: DesignResult = { sectionsCovered: { data: { ticked: 3, total: 4 } }, selfScores: { data: 3 } };
    s = finishDesign(s, T0 + 90 * MIN, design);
    expect(s).toMatchObject({ phase: 'review', designEndedAt: T0 + 90 * MIN, design });
    expect(mockHidesAssistance(s)).toBe(false);
    expect(partDeadline(s)).toBeUndefined();
    // Frozen once finished.
    expect(elapsed(s, T0 + 500 * MIN)).toEqual({ coding: 38 * MIN, design: 52 * MIN });
    expect(advance(s, T0 + 600 * MIN)).toBe(s);
    expect(finishDesign(s, T0 + 600 * MIN, design)).toBe(s);
  });

  it('advances without a result, keeping the last run of the coding round', () => {
    let s = startMock(pick, 'L6', T0);
    expect(s.codingMs).toBe(30 * MIN);
    expect(finishDesign(s, T0 + MIN, { sectionsCovered: {}, selfScores: {} })).toBe(s); // not in design yet
    s = recordCodingRun(s, { passed: 2, total: 6 });
    s = recordCodingRun(s, { passed: 5, total: 6 });
    s = advance(s, T0 + 35 * MIN);
    expect(s).toMatchObject({ phase: 'design', coding: { passed: 5, total: 6 } });
    expect(remaining(s, T0 + 35 * MIN).coding.overtimeMs).toBe(5 * MIN);
    s = advance(s, T0 + 95 * MIN);
    expect(s).toMatchObject({ phase: 'review', designEndedAt: T0 + 95 * MIN });
    expect(s.design).toBeUndefined();
    expect(elapsed(s, 0)).toEqual({ coding: 35 * MIN, design: 60 * MIN });
  });

  it('fixes the design round’s time at the panel’s Finish, not at the self-assessment’s Record', () => {
    let s = finishCoding(startMock(pick, 'L4', T0), T0 + 40 * MIN, { passed: 2, total: 4 });
    expect(stopDesignClock(startMock(pick, 'L4', T0), T0)).toMatchObject({ phase: 'coding' }); // not in design yet
    s = stopDesignClock(s, T0 + 78 * MIN); // Finish pressed 38 minutes into the design round
    expect(s.designStoppedAt).toBe(T0 + 78 * MIN);
    expect(stopDesignClock(s, T0 + 80 * MIN)).toBe(s); // a second Finish changes nothing
    // Scoring takes 12 minutes: the round's clock does not move, and no deadline is due any more.
    expect(elapsed(s, T0 + 90 * MIN).design).toBe(38 * MIN);
    expect(remaining(s, T0 + 90 * MIN).design).toMatchObject({ elapsedMs: 38 * MIN, remainingMs: 7 * MIN, overtimeMs: 0 });
    expect(partDeadline(s)).toBeUndefined();
    expect(parseMockState(JSON.parse(JSON.stringify(s)))).toEqual(s); // survives a reload
    // Back to the board: the clock runs again (wall clock: the assessment time counts).
    const back = resumeDesignClock(s);
    expect(back.designStoppedAt).toBeUndefined();
    expect(elapsed(back, T0 + 90 * MIN).design).toBe(50 * MIN);
    expect(partDeadline(back)).toBe(T0 + 85 * MIN);
    // Recorded at 90 minutes: the report's time is the Finish moment.
    const done = finishDesign(s, T0 + 90 * MIN, { sectionsCovered: {}, selfScores: { data: 3 } });
    expect(done).toMatchObject({ phase: 'review', designEndedAt: T0 + 78 * MIN });
    expect(done.designStoppedAt).toBeUndefined();
    expect(mockReportMarkdown(done, { codingTitle: 'c', designTitle: 'd', levelLabel: 'L4' })).toContain('| System design | d | 38:00 of 45:00 |');
    // A stored stop before the design round began is not trusted.
    expect(parseMockState({ ...s, designStoppedAt: T0 })?.designStoppedAt).toBeUndefined();
  });

  it('never reads negative time from a clock that went backwards', () => {
    const s = startMock(pick, 'L4', T0);
    expect(elapsed(s, T0 - 5 * MIN)).toEqual({ coding: 0, design: 0 });
    const d = advance(s, T0 - 5 * MIN);
    expect(d.codingEndedAt).toBe(T0);
    expect(elapsed(d, T0 - MIN).design).toBe(0);
    expect(mockHidesAssistance(undefined)).toBe(false);
  });

  it('survives a JSON round trip and rejects broken state', () => {
    let s = startMock(pick, 'L5', T0);
    expect(parseMockState(JSON.parse(JSON.stringify(s)))).toEqual(s);
    s = finishCoding(s, T0 + 40 * MIN, { passed: 3, total: 4 });
    s = finishDesign(s, T0 + 80 * MIN, { sectionsCovered: { data: { ticked: 1, total: 2 } }, selfScores: { data: 2, modelling: 4 } });
    expect(parseMockState(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(parseMockState({ ...s, level: 'L9' })).toBeUndefined();
    expect(parseMockState({ ...s, phase: 'design', codingEndedAt: undefined })).toBeUndefined();
    expect(parseMockState({ ...s, designEndedAt: 'soon' })).toBeUndefined();
    expect(parseMockState({ ...s, codingMs: 0 })).toBeUndefined();
    expect(parseMockState('x')).toBeUndefined();
    const junkScores = parseMockState({ ...s, design: { sectionsCovered: { data: { ticked: -1, total: 2 } }, selfScores: { data: 7, bogus: 3 } } });
    expect(junkScores?.design).toEqual({ sectionsCovered: {}, selfScores: {} });
    // Clarifying questions survive the round trip; a malformed list is dropped on its own.
    const withQuestions = finishDesign(finishCoding(startMock(pick, 'L5', T0), T0 + MIN, { passed: 1, total: 1 }), T0 + 2 * MIN, { sectionsCovered: {}, selfScores: {}, clarifying: { asked: ['What QPS?'], notAsked: ['What latency budget?'] } });
    expect(parseMockState(JSON.parse(JSON.stringify(withQuestions)))?.design?.clarifying).toEqual({ asked: ['What QPS?'], notAsked: ['What latency budget?'] });
    expect(parseMockState({ ...withQuestions, design: { sectionsCovered: {}, selfScores: {}, clarifying: { asked: [3], notAsked: [] } } })?.design).toEqual({ sectionsCovered: {}, selfScores: {} });
  });
});

describe('mock report', () => {
  const full = (): MockState => {
    let s = startMock({ codingId: 'roc-auc', designId: 'ad-ctr-prediction' }, 'L5', T0);
    s = finishCoding(s, T0 + 38 * MIN, { passed: 7, total: 8 });
    return finishDesign(s, T0 + 38 * MIN + 50 * MIN, {
      sectionsCovered: {
        'problem-definition': { ticked: 3, total: 3 }, data: { ticked: 2, total: 4 }, modelling: { ticked: 4, total: 4 },
        evaluation: { ticked: 2, total: 3 }, 'deployment-serving': { ticked: 1, total: 3 }, 'monitoring-iteration': { ticked: 0, total: 3 },
      },
      selfScores: { 'problem-definition': 3, data: 3, modelling: 4, evaluation: 3, 'deployment-serving': 2, 'monitoring-iteration': 1 },
    });
  };

  it('reveals the coding problem’s hints and reference after the interview, and nothing of the kind without them', () => {
    const md = mockReportMarkdown(full(), { codingTitle: 'ROC AUC', designTitle: 'D', levelLabel: 'L5 (senior)', timeZone: 'UTC', revealed: { hints: ['Sort by score.', 'Ties count\nhalf.'], reference: 'def roc_auc(y, s):\n    return 0.5\n\n' } });
    expect(md).toContain('## After the interview: ROC AUC');
    expect(md).toContain('### Hints\n\n1. Sort by score.\n2. Ties count half.\n');
    expect(md).toContain('### Reference solution\n\n```python\ndef roc_auc(y, s):\n    return 0.5\n```');
    const plain = mockReportMarkdown(full(), { codingTitle: 'ROC AUC', designTitle: 'D', levelLabel: 'L5 (senior)', timeZone: 'UTC' });
    expect(plain).not.toContain('After the interview');
  });

  it('reports tests, time per part, sections, self-assessment and verdicts', () => {
    const md = mockReportMarkdown(full(), { codingTitle: 'ROC AUC', designTitle: 'Ad CTR | prediction', levelLabel: 'L5 (senior)', timeZone: 'UTC' });
    expect(md).toContain('# Mock interview: L5 (senior)');
    expect(md).toContain('- Date: 2026-11-23');
    expect(md).toContain('- Total time: 1:28:00 of 1:30:00');
    expect(md).toContain('| Coding | ROC AUC | 38:00 of 45:00 | 7/8 tests |');
    expect(md).toContain('| System design | Ad CTR \\| prediction | 50:00 of 45:00 (+5:00 over) | 60% of questions, self 2.7/4 |');
    expect(md).toContain('- Tests passed: 7 / 8');
    expect(md).toContain('- Verdict: Partial: 7/8 tests, a working core with edge cases missing.');
    expect(md).toContain('| Data | 2 / 4 | 3 / 4 |');
    expect(md).toContain('| Monitoring & iteration | 0 / 3 | 1 / 4 |');
    expect(md).toContain('- Not covered: Monitoring & iteration');
    expect(md).toContain('- Verdict: Below the L5 bar (2.7/4, 60% of probing questions; the bar is 3/4 and 70%): work on Monitoring & iteration. 5:00 over time.');
    expect(md).toContain(`- Expected at L5: ${LEVELS.L5.designRubric}`);
    expect(md).not.toContain('unfinished');
  });

  it('lists the clarifying questions asked and not asked, when the design round recorded them', () => {
    const s = full();
    const asked = { ...s, design: { ...s.design!, clarifying: { asked: ['How many requests?', 'What latency budget?'], notAsked: ['How fast do labels arrive?', 'Anything else I should know?', 'Anything else I should know?'] } } };
    const md = mockReportMarkdown(asked, { codingTitle: 'ROC AUC', designTitle: 'D', levelLabel: 'L5 (senior)', timeZone: 'UTC' });
    expect(md).toContain('- Clarifying questions asked: 2 of 5\n- You did not ask: “How fast do labels arrive?”; “Anything else I should know?”\n');
    // Mocks saved before questions were recorded say nothing about them.
    expect(mockReportMarkdown(full(), { codingTitle: 'ROC AUC', designTitle: 'D', levelLabel: 'L5 (senior)', timeZone: 'UTC' })).not.toContain('Clarifying');
  });

  it('judges each part in one line', () => {
    const s = full();
    expect(designCoverage(s.design)).toBeCloseTo(12 / 20);
    expect(designAverage(s.design)).toBeCloseTo(16 / 6);
    const end = s.designEndedAt as number;
    const pass = { ...s, coding: { passed: 8, total: 8 } };
    expect(codingVerdict(pass, end)).toBe('All 8 tests passed within time: meets the bar.');
    expect(codingVerdict({ ...pass, codingEndedAt: T0 + 50 * MIN }, end)).toBe('All 8 tests passed, but 5:00 over time: aim to finish with time left to test.');
    expect(codingVerdict({ ...s, coding: { passed: 3, total: 8 } }, end)).toBe('Below the bar: 3/8 tests passed.');
    expect(codingVerdict({ ...s, coding: undefined }, end)).toMatch(/^No test run recorded/);
    const strong: MockState = { ...s, designEndedAt: s.codingEndedAt! + 40 * MIN, design: { sectionsCovered: { data: { ticked: 4, total: 4 } }, selfScores: { data: 4, modelling: 3 } } };
    expect(designVerdict(strong, strong.designEndedAt!)).toBe('Meets the L5 bar on your own assessment (3.5/4, 100% of probing questions).');
    expect(designVerdict({ ...s, design: undefined }, end)).toBe('No self-assessment recorded.');
  });

  it('marks a report of an unfinished mock', () => {
    const s = finishCoding(startMock({ codingId: 'a', designId: 'b' }, 'L3', T0), T0 + 20 * MIN, { passed: 0, total: 0 });
    const md = mockReportMarkdown(s, { codingTitle: 'A', designTitle: 'B', levelLabel: 'L3 (junior)', now: T0 + 30 * MIN, timeZone: 'UTC' });
    expect(md).toContain('- Status: unfinished (design round)');
    expect(md).toContain('| Coding | A | 20:00 of 45:00 | not run |');
    expect(md).toContain('| System design | B | 10:00 of 45:00 | not assessed |');
    expect(md).toContain('| Data | - | - |');
  });
});
