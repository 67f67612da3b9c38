import { describe, expect, it } from 'vitest';
import { emptyProgress, mergeProgress, problemState, recordDesignSession, recordGiveUp, recordRun, recordStart, resetProblem } from '../../src/core/progress/progress';
import { loadProgress } from '../../src/core/progress/migrate';

describe('progress reducers', () => {
  it('moves new → attempted → solved and records the solve once', () => {
    let p = recordStart(emptyProgress(), 'kmeans', 1_000);
    expect(problemState(p.problems.kmeans)).toBe('new');
    p = recordRun(p, 'kmeans', { passed: 3, total: 7 }, 2_000).progress;
    expect(problemState(p.problems.kmeans)).toBe('attempted');
    const solved = recordRun(p, 'kmeans', { passed: 7, total: 7 }, 61_000);
    expect(solved.newlySolved).toBe(true);
    expect(solved.progress.problems.kmeans).toMatchObject({ attempts: 2, solvedAt: 61_000, attemptsToSolve: 2, solveMs: 60_000 });
    const again = recordRun(solved.progress, 'kmeans', { passed: 7, total: 7 }, 99_000);
    expect(again.newlySolved).toBe(false);
    expect(again.progress.problems.kmeans.solvedAt).toBe(61_000);
    expect(again.progress.problems.kmeans.attempts).toBe(3);
  });

  it('leaves a problem new when its runs only stopped before the tests (not attempts)', () => {
    let p = recordStart(emptyProgress(), 'kmeans', 1_000);
    p = recordRun(p, 'kmeans', { passed: 0, total: 0, countsAsAttempt: false }, 2_000).progress;
    p = recordRun(p, 'kmeans', { passed: 0, total: 0, countsAsAttempt: false }, 3_000).progress;
    expect(p.problems.kmeans).toMatchObject({ attempts: 0, errors: 2 });
    expect(problemState(p.problems.kmeans)).toBe('new');
    p = recordRun(p, 'kmeans', { passed: 1, total: 4 }, 4_000).progress;
    expect(problemState(p.problems.kmeans)).toBe('attempted');
  });

  it('keeps solved when a later run fails, and a zero-test run never solves', () => {
    let p = recordRun(emptyProgress(), 'pca', { passed: 5, total: 5 }, 10).progress;
    p = recordRun(p, 'pca', { passed: 1, total: 5 }, 20).progress;
    expect(problemState(p.problems.pca)).toBe('solved');
    expect(p.problems.pca.lastRun).toEqual({ passed: 1, total: 5, at: 20 });
    expect(recordRun(emptyProgress(), 'x', { passed: 0, total: 0 }, 1).newlySolved).toBe(false);
  });

  it('keeps the first start time and does not mutate its input', () => {
    const a = recordStart(emptyProgress(), 'k', 5);
    const frozen = JSON.stringify(a);
    const b = recordStart(a, 'k', 9);
    expect(b.problems.k.startedAt).toBe(5);
    recordRun(a, 'k', { passed: 1, total: 1 }, 10);
    expect(JSON.stringify(a)).toBe(frozen);
  });

  it('reset forgets one problem only; give-up and design sessions are recorded', () => {
    let p = recordRun(emptyProgress(), 'a', { passed: 1, total: 2 }, 1).progress;
    p = recordRun(p, 'b', { passed: 2, total: 2 }, 1).progress;
    p = recordGiveUp(resetProblem(p, 'a'), 'b');
    expect(p.problems.a).toBeUndefined();
    expect(p.problems.b.gaveUp).toBe(true);
    p = recordDesignSession(p, 'fraud', 2.5, 100);
    p = recordDesignSession(p, 'fraud', 2, 200);
    expect(p.problems.fraud).toMatchObject({ sessions: 2, bestScore: 2.5 });
    // Below 3.0/4 a completed session is practised, not solved.
    expect(p.problems.fraud.solvedAt).toBeUndefined();
    expect(problemState(p.problems.fraud)).toBe('practised');
    p = recordDesignSession(p, 'fraud', 3, 300);
    expect(p.problems.fraud).toMatchObject({ sessions: 3, bestScore: 3, solvedAt: 300, attemptsToSolve: 3 });
    expect(problemState(p.problems.fraud)).toBe('solved');
  });

  it('merges two windows without losing a solve or attempts', () => {
    const a = recordRun(emptyProgress(), 'k', { passed: 1, total: 2 }, 10).progress;
    let b = recordRun(emptyProgress(), 'k', { passed: 2, total: 2 }, 20).progress;
    b = recordRun(b, 'k', { passed: 2, total: 2 }, 30).progress;
    b = recordRun(b, 'other', { passed: 0, total: 2 }, 30).progress;
    const m = mergeProgress(a, b);
    expect(m.problems.k).toMatchObject({ attempts: 2, solvedAt: 20 });
    expect(m.problems.k.lastRun?.at).toBe(30);
    expect(m.problems.other.attempts).toBe(1);
    expect(mergeProgress(b, a).problems.k.solvedAt).toBe(20);
  });
});

describe('loadProgress (migration and corruption)', () => {
  it('treats a missing value as empty', () => {
    expect(loadProgress(undefined).kind).toBe('empty');
  });

  it('reports corrupt JSON and non-objects with a reason, keeping the raw value', () => {
    const r = loadProgress('{"version":1, "problems": {');
    expect(r.kind).toBe('corrupt');
    if (r.kind === 'corrupt') {
      expect(r.reason).toMatch(/not valid JSON/);
      expect(r.raw).toBe('{"version":1, "problems": {');
    }
    expect(loadProgress([1, 2]).kind).toBe('corrupt');
    expect(loadProgress({ version: 1, problems: 3 }).kind).toBe('corrupt');
  });

  it('keeps readable entries and returns unreadable ones for a backup', () => {
    const r = loadProgress({ version: 1, problems: { ok: { attempts: 2, solvedAt: 5 }, bad: { attempts: -1 }, worse: 'x' } });
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(Object.keys(r.progress.problems)).toEqual(['ok']);
    expect(r.rejected).toEqual({ bad: { attempts: -1 }, worse: 'x' });
    expect(r.warnings[0]).toMatch(/2 unreadable progress entries/);
  });

  it('migrates the version-0 shape', () => {
    const r = loadProgress({ solved: { kmeans: '2026-01-02T03:04:05Z' }, attempts: { kmeans: 4, pca: 2 } });
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.migratedFrom).toBe(0);
    expect(r.progress.problems.kmeans).toMatchObject({ attempts: 4, solvedAt: Date.parse('2026-01-02T03:04:05Z') });
    expect(problemState(r.progress.problems.pca)).toBe('attempted');
  });

  it('never claims a record written by a newer MLPrep', () => {
    const raw = { version: 7, problems: { k: { attempts: 1 } }, somethingNew: true };
    const r = loadProgress(raw);
    expect(r.kind).toBe('newer');
    if (r.kind === 'newer') {
      expect(r.version).toBe(7);
      expect(r.raw).toBe(raw);
      expect(r.progress.problems.k.attempts).toBe(1);
    }
  });
});

describe('activity history', () => {
  it('records starts, runs, solves and design sessions in order', () => {
    let p = recordStart(emptyProgress(), 'k', 1);
    p = recordRun(p, 'k', { passed: 1, total: 2 }, 2).progress;
    p = recordRun(p, 'k', { passed: 2, total: 2 }, 3).progress;
    p = recordDesignSession(p, 'fraud', 3, 4, { sections: { data: 4, modelling: 2 }, minutes: { data: 12 } });
    expect(p.history?.map((e) => e.kind)).toEqual(['start', 'run', 'run', 'solve', 'design']);
    expect(p.history?.[4]).toMatchObject({ id: 'fraud', score: 3, sections: { data: 4, modelling: 2 }, minutes: { data: 12 } });
  });

  it('merges two histories without duplicates, oldest first', () => {
    const a = recordRun(emptyProgress(), 'k', { passed: 0, total: 1 }, 10).progress;
    const b = recordRun(a, 'k', { passed: 0, total: 1 }, 5).progress;
    const m = mergeProgress(a, b);
    expect(m.history?.map((e) => e.at)).toEqual([5, 10]);
  });

  it('keeps readable events of a stored record and drops broken ones', () => {
    const r = loadProgress({ version: 1, problems: {}, history: [{ at: 2, id: 'k', kind: 'run', passed: 1, total: 2 }, { at: 'x' }, { at: 1, id: 'k', kind: 'start' }, { at: 3, id: 'k', kind: 'nope' }] });
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.progress.history?.map((e) => `${e.at}:${e.kind}`)).toEqual(['1:start', '2:run']);
  });

  it('loads records written before the history existed', () => {
    const r = loadProgress({ version: 1, problems: { k: { attempts: 1 } } });
    expect(r.kind === 'ok' && r.progress.history).toEqual([]);
  });
});
