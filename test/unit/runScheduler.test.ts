// The run pipeline's pure state machine: supersession per problem, a queue across problems.
import { describe, expect, it } from 'vitest';
import { RunScheduler, type SchedulerEffect } from '../../src/core/runner/runScheduler';

const kinds = (effects: SchedulerEffect[]) => effects.map((e) => `${e.kind}:${e.run.problemId}#${e.run.seq}`);

describe('RunScheduler', () => {
  it('starts the first run at once and queues other problems behind it (none dropped)', () => {
    const s = new RunScheduler(1);
    const a = s.request('a', 'save');
    expect(kinds(a.effects)).toEqual(['start:a#1']);
    const b = s.request('b', 'save');
    expect(b.effects).toEqual([]);
    expect(s.queued.map((r) => r.problemId)).toEqual(['b']);
    expect(kinds(s.settled(a.run.seq))).toEqual(['start:b#2']);
    expect(s.settled(b.run.seq)).toEqual([]);
    expect(s.active).toEqual([]);
  });

  it('a newer request for a running problem cancels it and runs next, after the cancelled one settles', () => {
    const s = new RunScheduler(1);
    s.request('a', 'save');
    s.request('b', 'save');
    const a2 = s.request('a', 'save');
    expect(kinds(a2.effects)).toEqual(['cancel:a#1']);
    expect(s.queued.map((r) => r.seq)).toEqual([3, 2]);
    expect(kinds(s.settled(1))).toEqual(['start:a#3']);
    expect(kinds(s.settled(3))).toEqual(['start:b#2']);
  });

  it('a newer request for a queued problem replaces it in place', () => {
    const s = new RunScheduler(1);
    s.request('x', 'save');
    s.request('a', 'save');
    s.request('b', 'save');
    const a2 = s.request('a', 'command');
    expect(kinds(a2.effects)).toEqual(['drop:a#2']);
    expect(a2.effects[0]).toMatchObject({ supersededBy: a2.run.seq });
    expect(s.queued.map((r) => `${r.problemId}#${r.seq}`)).toEqual(['a#4', 'b#3']);
  });

  it('repeated cancels while settling do not cancel twice', () => {
    const s = new RunScheduler(1);
    s.request('a', 'save');
    expect(kinds(s.request('a', 'save').effects)).toEqual(['cancel:a#1']);
    // Third request while #1 is still settling: #2 (queued) is dropped, #1 is not cancelled again.
    expect(kinds(s.request('a', 'save').effects)).toEqual(['drop:a#2']);
    expect(kinds(s.settled(1))).toEqual(['start:a#3']);
  });

  it('with capacity 2, two problems run at once; the same problem never runs twice at once', () => {
    const s = new RunScheduler(2);
    expect(kinds(s.request('a', 'save').effects)).toEqual(['start:a#1']);
    expect(kinds(s.request('a', 'save').effects)).toEqual(['cancel:a#1']);
    expect(kinds(s.request('b', 'save').effects)).toEqual(['start:b#3']);
    expect(s.active.map((r) => r.seq)).toEqual([1, 3]);
    expect(kinds(s.settled(1))).toEqual(['start:a#2']);
  });

  it('user cancel: a queued run is dropped, a running one cancelled; cancelAll ends everything', () => {
    const s = new RunScheduler(1);
    s.request('a', 'save');
    s.request('b', 'save');
    s.request('c', 'save');
    expect(kinds(s.cancel(2))).toEqual(['drop:b#2']);
    expect(kinds(s.cancel(1))).toEqual(['cancel:a#1']);
    expect(s.cancel(1)).toEqual([]);
    expect(s.cancel(99)).toEqual([]);
    expect(kinds(s.cancelAll())).toEqual(['drop:c#3']);
    expect(s.settled(1)).toEqual([]);
  });

  it('every request ends exactly once over a random sequence (started runs settle, queued runs drop)', () => {
    let seed = 42;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    for (let trial = 0; trial < 200; trial++) {
      const s = new RunScheduler(1 + rand(2));
      const ended = new Map<number, number>();
      const started = new Set<number>();
      let requested = 0;
      const apply = (effects: SchedulerEffect[]) => {
        for (const e of effects) {
          if (e.kind === 'start') started.add(e.run.seq);
          if (e.kind === 'drop') ended.set(e.run.seq, (ended.get(e.run.seq) ?? 0) + 1);
        }
      };
      for (let step = 0; step < 40; step++) {
        const op = rand(3);
        if (op < 2) {
          requested++;
          apply(s.request('p' + rand(3), 'save').effects);
        } else if (s.active.length) {
          const r = s.active[rand(s.active.length)];
          ended.set(r.seq, (ended.get(r.seq) ?? 0) + 1);
          apply(s.settled(r.seq));
        }
        const ids = s.active.map((r) => r.problemId);
        expect(new Set(ids).size).toBe(ids.length);
      }
      apply(s.cancelAll());
      while (s.active.length) {
        const r = s.active[0];
        ended.set(r.seq, (ended.get(r.seq) ?? 0) + 1);
        apply(s.settled(r.seq));
      }
      expect(ended.size).toBe(requested);
      for (const n of ended.values()) expect(n).toBe(1);
    }
  });
});
