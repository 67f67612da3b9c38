import { describe, expect, it } from 'vitest';
import * as t from '../../src/core/design/timer';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const at = (minutes: number) => T0 + minutes * MIN;
const plan45 = t.planSections(45);

describe('planSections', () => {
  it('scales the 5/10/15/5/10/5 split to 45 and 60 minutes exactly', () => {
    expect(plan45.map((ms) => ms / MIN)).toEqual([4.5, 9, 13.5, 4.5, 9, 4.5]);
    expect(t.planSections(60).map((ms) => ms / MIN)).toEqual([6, 12, 18, 6, 12, 6]);
  });

  it('keeps the total exact with an awkward split and ignores bad weights', () => {
    const plan = t.planSections(45, { 'problem-definition': 1, data: 1, modelling: 1, evaluation: 1, 'deployment-serving': 1, 'monitoring-iteration': -3 });
    expect(plan.reduce((a, b) => a + b, 0)).toBe(45 * MIN);
    expect(plan.every((ms) => ms % 30_000 === 0)).toBe(true);
  });
});

describe('timer state machine', () => {
  it('starts, pauses and resumes from timestamps only', () => {
    let s = t.start(t.createTimer(plan45), at(0));
    expect(t.read(s, at(3)).sections[0].elapsedMs).toBe(3 * MIN);
    s = t.pause(s, at(3));
    expect(t.read(s, at(50)).totalElapsedMs).toBe(3 * MIN); // paused: the clock stands still
    s = t.resume(s, at(10));
    expect(t.read(s, at(11)).sections[0].elapsedMs).toBe(4 * MIN);
    expect(t.read(s, at(11)).totalRemainingMs).toBe(41 * MIN);
  });

  it('ignores transitions that do not apply', () => {
    const idle = t.createTimer(plan45);
    expect(t.pause(idle, at(1))).toBe(idle);
    expect(t.resume(idle, at(1))).toBe(idle);
    const running = t.start(idle, at(0));
    expect(t.start(running, at(1))).toBe(running);
    const done = t.finish(running, at(2));
    expect(t.next(done, at(3))).toBe(done);
    expect(t.goTo(running, 99, at(1))).toBe(running);
  });

  it('keeps time with the section it was spent in when moving between sections', () => {
    let s = t.start(t.createTimer(plan45), at(0));
    s = t.next(s, at(4));
    s = t.next(s, at(10));
    s = t.previous(s, at(12));
    const r = t.read(s, at(13));
    expect(r.current).toBe(1);
    expect(r.sections.map((x) => x.elapsedMs / MIN)).toEqual([4, 7, 2, 0, 0, 0]);
    expect(r.totalElapsedMs).toBe(13 * MIN);
  });

  it('reports overtime per section and in total', () => {
    let s = t.start(t.createTimer(plan45), at(0));
    let r = t.read(s, at(6));
    expect(r.sections[0].overtimeMs).toBe(1.5 * MIN);
    expect(r.sections[0].remainingMs).toBe(0);
    s = t.goTo(s, 5, at(6));
    r = t.read(s, at(50));
    expect(r.sections[5].overtimeMs).toBe(44 * MIN - 4.5 * MIN);
    expect(r.totalOvertimeMs).toBe(5 * MIN);
  });

  it('survives a reload: a stored running timer reads the same after a round trip through JSON', () => {
    let s = t.start(t.createTimer(plan45), at(0));
    s = t.next(s, at(5));
    const reloaded = t.parseTimer(JSON.parse(JSON.stringify(s)))!;
    expect(reloaded).toEqual(s);
    expect(t.read(reloaded, at(20))).toEqual(t.read(s, at(20)));
    expect(t.read(reloaded, at(20)).sections[1].elapsedMs).toBe(15 * MIN);
  });

  it('counts a machine sleep as time that passed, and never goes negative when the clock jumps back', () => {
    const s = t.start(t.createTimer(plan45), at(0));
    expect(t.read(s, at(120)).sections[0].elapsedMs).toBe(120 * MIN);
    expect(t.read(s, at(-5)).sections[0].elapsedMs).toBe(0);
    const paused = t.pause(s, at(-5));
    expect(paused.spentMs[0]).toBe(0);
  });

  it('auto-advances at the exact section boundaries, even across a long sleep', () => {
    let s = t.start(t.createTimer(plan45), at(0));
    s = t.autoAdvance(s, at(4));
    expect(s.current).toBe(0);
    // Asleep from minute 4 to minute 30: sections 1-3 ended at 4.5, 13.5 and 27 minutes.
    s = t.autoAdvance(s, at(30));
    expect(s.current).toBe(3);
    const r = t.read(s, at(30));
    expect(r.sections.map((x) => x.elapsedMs / MIN)).toEqual([4.5, 9, 13.5, 3, 0, 0]);
    expect(s.segmentStart).toBe(at(27));
    // The last section never auto-advances: it runs into overtime.
    s = t.autoAdvance(s, at(100));
    expect(s.current).toBe(5);
    expect(t.read(s, at(100)).sections[5].overtimeMs).toBe((100 - 40.5 - 4.5) * MIN);
  });

  it('auto-advance does nothing when paused', () => {
    const s = t.pause(t.start(t.createTimer(plan45), at(0)), at(1));
    expect(t.autoAdvance(s, at(100))).toBe(s);
  });

  it('announces each section end once, also after a reload', () => {
    let s = t.start(t.createTimer(plan45), at(0));
    let a = t.takeAnnouncements(s, at(4));
    expect(a.ended).toEqual([]);
    a = t.takeAnnouncements(s, at(5));
    expect(a.ended).toEqual([0]);
    s = t.parseTimer(JSON.parse(JSON.stringify(a.state)))!;
    expect(t.takeAnnouncements(s, at(6)).ended).toEqual([]);
  });

  it('tells when the current section will end, for the host to schedule one timeout', () => {
    const s = t.start(t.createTimer(plan45), at(0));
    expect(t.nextBoundary(s, at(1))).toBe(at(4.5));
    expect(t.nextBoundary(s, at(5))).toBeUndefined();
    expect(t.nextBoundary(t.pause(s, at(1)), at(1))).toBeUndefined();
  });

  it('toggles start / pause / resume for the keyboard shortcut', () => {
    let s = t.createTimer(plan45);
    s = t.toggle(s, at(0));
    expect(s.status).toBe('running');
    s = t.toggle(s, at(1));
    expect(s.status).toBe('paused');
    s = t.toggle(s, at(2));
    expect(s.status).toBe('running');
  });

  it('replans only before the start, reopens a finished clock paused', () => {
    const idle = t.createTimer(plan45);
    expect(t.replan(idle, t.planSections(60)).planMs[2]).toBe(18 * MIN);
    const running = t.start(idle, at(0));
    expect(t.replan(running, t.planSections(60))).toBe(running);
    const finished = t.finish(running, at(3));
    expect(finished.spentMs[0]).toBe(3 * MIN);
    const reopened = t.reopen(finished);
    expect(reopened.status).toBe('paused');
    expect(t.read(reopened, at(9)).totalElapsedMs).toBe(3 * MIN);
  });

  it('rejects stored timers that cannot be trusted', () => {
    const good = JSON.parse(JSON.stringify(t.start(t.createTimer(plan45), at(0))));
    expect(t.parseTimer(good)).toBeDefined();
    expect(t.parseTimer({ ...good, status: 'sprinting' })).toBeUndefined();
    expect(t.parseTimer({ ...good, planMs: [1, 2, 3] })).toBeUndefined();
    expect(t.parseTimer({ ...good, spentMs: [0, 0, 0, 0, 0, -1] })).toBeUndefined();
    expect(t.parseTimer({ ...good, current: 6 })).toBeUndefined();
    expect(t.parseTimer({ ...good, segmentStart: undefined })).toBeUndefined();
    expect(t.parseTimer(null)).toBeUndefined();
  });

  it('formats clocks', () => {
    expect(t.formatClock(0)).toBe('0:00');
    expect(t.formatClock(65_000)).toBe('1:05');
    expect(t.formatClock(3_723_000)).toBe('1:02:03');
    expect(t.formatMinutes(3_723_000)).toBe('62:03');
    expect(t.formatMinutes(60 * MIN)).toBe('60:00');
    expect(t.formatMinutes(-1)).toBe('0:00');
    expect(t.formatClock(-5)).toBe('0:00');
  });
});

describe('defaultSessionLength', () => {
  it("starts at the prompt's suggested length, whatever the setting", () => {
    expect(t.defaultSessionLength(60, 45)).toBe(60);
    expect(t.defaultSessionLength(45, 60)).toBe(45);
  });

  it('takes the nearest length for other suggestions (ties to the longer one)', () => {
    expect(t.defaultSessionLength(50, 45)).toBe(45);
    expect(t.defaultSessionLength(55, 45)).toBe(60);
    expect(t.defaultSessionLength(52.5, 45)).toBe(60);
    expect(t.defaultSessionLength(90, 45)).toBe(60);
    expect(t.defaultSessionLength(20, 60)).toBe(45);
  });

  it('falls back to the setting when the prompt suggests nothing usable', () => {
    expect(t.defaultSessionLength(undefined, 60)).toBe(60);
    expect(t.defaultSessionLength(undefined, 45)).toBe(45);
    expect(t.defaultSessionLength(0, 60)).toBe(60);
    expect(t.defaultSessionLength(Number.NaN, 60)).toBe(60);
  });
});
