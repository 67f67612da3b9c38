// A mock interview on a problem with follow-ups: the report says how far the candidate got.
import { describe, expect, it } from 'vitest';
import { finishCoding, finishDesign, mockReportMarkdown, parseMockState, reachedText, recordCodingRun, startMock } from '../../src/core/plan/mockInterview';

const T0 = Date.UTC(2026, 11, 6, 9);
const MIN = 60_000;

describe('mock interview with follow-up parts', () => {
  it('records the furthest part reached and reports it', () => {
    let s = startMock({ codingId: 'softmax', designId: 'ad-ctr-prediction' }, 'L5', T0);
    s = recordCodingRun(s, { passed: 10, total: 10, reached: { part: 2, of: 3, passed: 0, total: 0 } });
    s = finishCoding(s, T0 + 30 * MIN, { passed: 14, total: 19, reached: { part: 2, of: 3, passed: 4, total: 9 } });
    expect(reachedText(s.coding)).toBe('reached part 2 of 3, part 2: 4/9 tests');
    const reloaded = parseMockState(JSON.parse(JSON.stringify(s)));
    expect(reloaded?.coding).toEqual(s.coding); // survives a reload
    const done = finishDesign(s, T0 + 60 * MIN, { sectionsCovered: {}, selfScores: {} });
    const md = mockReportMarkdown(done, { codingTitle: 'Softmax', designTitle: 'Ads CTR', levelLabel: 'L5 (senior)', now: T0 + 60 * MIN });
    expect(md).toContain('| 14/19 tests (reached part 2 of 3, part 2: 4/9 tests) |');
    expect(md).toContain('- Follow-ups: reached part 2 of 3, part 2: 4/9 tests');
  });

  it('says nothing about parts for a problem without follow-ups, and drops a malformed record', () => {
    const s = finishCoding(startMock({ codingId: 'kmeans', designId: 'x' }, 'L4', T0), T0 + MIN, { passed: 3, total: 5 });
    expect(reachedText(s.coding)).toBe('');
    const bad = parseMockState({ ...JSON.parse(JSON.stringify(s)), coding: { passed: 3, total: 5, reached: { part: 4, of: 3, passed: 1, total: 2 } } });
    expect(bad?.coding).toEqual({ passed: 3, total: 5 });
  });
});
