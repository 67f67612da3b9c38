// Seeded property test of the progress store protocol (ProgressLog over an in-memory disk):
// random interleavings of 2-4 windows on one machine plus a second machine reached only through
// the Settings-Sync copy of the synced key (last writer wins), with crashes that tear an append or
// stop between writing a snapshot's temp file and renaming it, over starts, runs (passing,
// failing, errored), resets of one problem and of everything, import-replaces, and compactions at
// random points. After a final sync round every window must hold every committed event, show the
// same derived progress, equal to the fold of the committed events, and equal to an independent
// hand model of the counting rules (so no removal is undone and no count is lost).
import { describe, expect, it } from 'vitest';
import { ProgressLog } from '../../src/adapters/progressLog';
import { derive, holds, summaryCoverage, type ProgressChange, type StoredEvent } from '../../src/core/progress/events';
import type { Progress } from '../../src/core/progress/progress';
import { Crash, MemoryDisk, MemoryLogFs } from './helpers/memoryLogFs';
import { rng } from './helpers/rng';

const canon = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
const cheapHash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0') + s.length.toString(16);
};

const PROBLEMS = ['a', 'b', 'c'];

interface Machine { name: string; dir: string; disk: MemoryDisk; slot: { value: unknown; dirty: boolean; seen: number } }
interface Win { log: ProgressLog; fs: MemoryLogFs; pid: number; machine: Machine; alive: boolean; skew: number }

/** Independent model of the counting rules, from the committed events in fold order. */
function handModel(events: StoredEvent[]): Record<string, { attempts: number; errors: number; solvedAt?: number; attemptsToSolve?: number }> {
  const sorted = [...events].sort((x, y) => x.at - y.at || ((x.w ?? '') < (y.w ?? '') ? -1 : (x.w ?? '') > (y.w ?? '') ? 1 : (x.n ?? 0) - (y.n ?? 0)));
  let m: Record<string, { attempts: number; errors: number; solvedAt?: number; attemptsToSolve?: number }> = {};
  const get = (p: string) => (m[p] ??= { attempts: 0, errors: 0 });
  const sessions = new Map<object, number>();
  for (const e of sorted) {
    if (e.kind === 'reset') {
      if (e.scope === '*') m = {};
      else delete m[e.scope as string];
    } else if (e.kind === 'import') {
      m = {};
      for (const [p, v] of Object.entries((e.record as { problems: Record<string, { attempts: number; solvedAt?: number; attemptsToSolve?: number }> }).problems)) {
        m[p] = { attempts: v.attempts, errors: 0, ...(v.solvedAt !== undefined ? { solvedAt: v.solvedAt, attemptsToSolve: v.attemptsToSolve } : {}) };
      }
    } else if (e.kind === 'start' || e.kind === 'giveUp' || e.kind === 'hint') get(e.p as string);
    else if (e.kind === 'design') {
      // Solved from an average self-score of 3.0/4; attemptsToSolve = sessions so far.
      const x = get(e.p as string);
      const n = (sessions.get(x) ?? 0) + 1;
      sessions.set(x, n);
      if (x.solvedAt === undefined && (e.score as number) >= 3) {
        x.solvedAt = e.at;
        x.attemptsToSolve = n;
      }
    }
    else if (e.kind === 'run') {
      const x = get(e.p as string);
      if (!e.counts) x.errors++;
      else {
        x.attempts++;
        if (x.solvedAt === undefined && (e.total as number) > 0 && e.passed === e.total) {
          x.solvedAt = e.at;
          x.attemptsToSolve = x.attempts;
        }
      }
    }
  }
  return m;
}

function counts(p: Progress) {
  return Object.fromEntries(Object.entries(p.problems).map(([id, e]) => [id, { attempts: e.attempts, errors: e.errors ?? 0, ...(e.solvedAt !== undefined ? { solvedAt: e.solvedAt, attemptsToSolve: e.attemptsToSolve } : {}) }]));
}

async function scenario(seed: number): Promise<{ committed: number; crashes: number; compactions: number }> {
  const r = rng(seed);
  let clock = 1000;
  let pids = 100;
  let ids = 0;
  let crashes = 0;
  let compactions = 0;
  const cloud = { value: undefined as unknown, version: 0 };
  const machines: Machine[] = [
    { name: 'm1', dir: '/m1/progress', disk: new MemoryDisk(), slot: { value: undefined, dirty: false, seen: 0 } },
    { name: 'm2', dir: '/m2/progress', disk: new MemoryDisk(), slot: { value: undefined, dirty: false, seen: 0 } },
  ];
  const wins: Win[] = [];
  const committed: StoredEvent[] = [];
  const alivePids = new Set<number>();

  const open = (machine: Machine): Win => {
    const fs = new MemoryLogFs(machine.disk);
    const pid = pids++;
    alivePids.add(pid);
    const skew = machine.name === 'm2' ? r.int(7) - 3 : 0; // the other machine's clock is off a little
    const log = new ProgressLog({
      dir: machine.dir, windowId: `w${pid}`, host: machine.name, pid, fs,
      synced: { get: () => machine.slot.value, set: async (v) => { machine.slot.value = JSON.parse(JSON.stringify(v)); machine.slot.dirty = true; } },
      isAlive: (_h, p) => alivePids.has(p),
      newId: () => `e${seed}-${ids++}`, now: () => clock + skew, hash: cheapHash,
      report: () => undefined, compactEvery: 2 + r.int(6),
    });
    const w = { log, fs, pid, machine, alive: true, skew };
    wins.push(w);
    return w;
  };
  const kill = (w: Win) => {
    w.alive = false;
    alivePids.delete(w.pid);
  };
  const sync = (m: Machine) => {
    if (m.slot.dirty) {
      cloud.value = m.slot.value; // last writer wins, as Settings Sync does for one key
      cloud.version++;
      m.slot.dirty = false;
      m.slot.seen = cloud.version;
    } else if (cloud.version > m.slot.seen) {
      m.slot.value = cloud.value;
      m.slot.seen = cloud.version;
    }
  };
  const change = (): ProgressChange => {
    const p = r.pick(PROBLEMS);
    const k = r.int(22);
    if (k === 20) return r.next() < 0.5 ? { kind: 'giveUp', p } : { kind: 'hint', p };
    if (k === 21) return { kind: 'design', p: 'd', score: 1 + r.int(7) / 2 };
    if (k < 2) return { kind: 'start', p };
    if (k < 10) return { kind: 'run', p, passed: r.int(4), total: 3, counts: true };
    if (k < 12) return { kind: 'run', p, passed: 0, total: 0, counts: false };
    if (k < 15) return { kind: 'reset', scope: p };
    if (k < 17) return { kind: 'reset', scope: '*' };
    const problems: Record<string, unknown> = {};
    for (const q of PROBLEMS) if (r.next() < 0.5) problems[q] = { attempts: 1 + r.int(5), solvedAt: clock - 10, attemptsToSolve: 1, futureField: 'kept' };
    return { kind: 'import', mode: 'replace', record: { version: 1, problems } };
  };

  const nWindows = 2 + r.int(3);
  for (let i = 0; i < nWindows; i++) open(machines[0]);
  open(machines[1]);
  const steps = 6 + r.int(12);
  for (let s = 0; s < steps; s++) {
    clock += r.int(3); // ties happen
    const live = wins.filter((w) => w.alive);
    const w = r.pick(live);
    const roll = r.int(100);
    try {
      if (roll < 60 && w) {
        if (r.next() < 0.06) {
          w.fs.crashOn = 'append';
          w.fs.tornShare = r.next();
        }
        committed.push(await w.log.record(change()));
      } else if (roll < 72 && w) {
        if (r.next() < 0.2) {
          w.fs.crashOn = 'rename';
          w.fs.tornShare = r.next();
        }
        await w.log.compactAndPublish();
        compactions++;
      } else if (roll < 80 && w) await w.log.refresh();
      else if (roll < 88) sync(r.pick(machines));
      else if (roll < 93 && w && live.length > 1) {
        kill(w);
        crashes++;
      } else if (live.filter((x) => x.machine === machines[0]).length < 4) open(machines[0]);
    } catch (e) {
      if (!(e instanceof Crash)) throw e;
      kill(w!);
      crashes++;
    }
    if (w) w.fs.crashOn = undefined; // an armed crash that did not happen (nothing to write) is not carried over
  }

  // Final round: every machine has a window open, everyone compacts and publishes, sync both ways.
  for (let round = 0; round < 3; round++) {
    for (const m of machines) if (!wins.some((w) => w.alive && w.machine === m)) open(m);
    for (const w of wins.filter((x) => x.alive)) await w.log.compactAndPublish();
    sync(machines[0]);
    sync(machines[1]);
    sync(machines[0]);
    sync(machines[1]);
  }
  for (const w of wins.filter((x) => x.alive)) await w.log.refresh();

  const expected = derive(committed);
  const want = canon(expected);
  const model = handModel(committed);
  expect(canon(counts(expected)), `seed ${seed}: fold vs hand model`).toBe(canon(model));
  for (const w of wins.filter((x) => x.alive)) {
    const known = new Map(w.log.events().map((e) => [e.id, e]));
    const cov = summaryCoverage(known.values());
    const lost = committed.filter((e) => !holds(known, cov, e));
    expect(lost.map((e) => e.id), `seed ${seed}: events lost in ${w.log === undefined ? '' : w.pid}`).toEqual([]);
    expect(canon(w.log.get()), `seed ${seed}: window ${w.pid} on ${w.machine.name} did not converge`).toBe(want);
  }
  // A window opened afterwards on either machine reads the same record from storage alone.
  for (const m of machines) {
    const fresh = open(m);
    await fresh.log.refresh();
    expect(canon(fresh.log.get()), `seed ${seed}: fresh window on ${m.name}`).toBe(want);
  }
  return { committed: committed.length, crashes, compactions };
}

describe('progress store: convergence under random interleavings (seeded)', () => {
  // Runs in ~10 s of CPU on the 2-core dev box (longer when it is shared): a generous timeout.
  it('10,000 interleavings of 2-4 windows + a synced machine: 0 events lost, 0 removals undone, every window converges', async () => {
    const N = Number(process.env.MLPREP_PROPERTY_RUNS ?? 10_000);
    let committed = 0;
    let crashes = 0;
    let compactions = 0;
    for (let seed = 1; seed <= N; seed++) {
      const s = await scenario(seed);
      committed += s.committed;
      crashes += s.crashes;
      compactions += s.compactions;
    }
    // The scenarios did exercise what they claim to.
    // One line for the closing note: what the run covered.
    console.log(`progress convergence: ${N} interleavings, ${committed} committed events, ${crashes} crashed windows (torn appends, crashes before rename, kills), ${compactions} explicit compactions: 0 lost, 0 undone, all converged`);
    expect(committed).toBeGreaterThan(N * 4);
    expect(crashes).toBeGreaterThan(N / 10);
    expect(compactions).toBeGreaterThan(N / 2);
  }, 300_000);
});
