// Which run goes next. Every trigger (save, Run command, Test Explorer, continuous run, mock
// interview) asks for a run of a problem; this state machine decides what starts, what waits and
// what is superseded. Pure: the pipeline (src/features/runner/runPipeline.ts) carries out the
// effects it returns.
//
// Rules:
// - Per problem, a newer request supersedes an older one: a queued run of that problem is dropped
//   (it never started), a running one is cancelled.
// - Runs of different problems queue in request order and start as slots free up (`capacity`
//   runs at once); none is dropped.
// - A request that supersedes a running run goes to the front of the queue: the user is working
//   on that problem now, and the cancelled run frees its slot in a moment.

/** Why a run was requested. `autosave` = a save VS Code made by itself (files.autoSave). */
export type RunReason = 'save' | 'autosave' | 'command' | 'explorer' | 'continuous' | 'mock';

export interface ScheduledRun {
  /** Increasing id, unique per scheduler. */
  seq: number;
  problemId: string;
  reason: RunReason;
}

export type SchedulerEffect =
  /** Start this run now. */
  | { kind: 'start'; run: ScheduledRun }
  /** Abort this running run; it still settles (call `settled`) and ends as cancelled. */
  | { kind: 'cancel'; run: ScheduledRun; supersededBy: number | undefined }
  /** This queued run never starts: end it as cancelled now. */
  | { kind: 'drop'; run: ScheduledRun; supersededBy: number | undefined };

export class RunScheduler {
  private readonly running: ScheduledRun[] = [];
  /** Running runs already told to cancel (still occupying their slot until they settle). */
  private readonly cancelling = new Set<number>();
  private readonly waiting: ScheduledRun[] = [];
  private nextSeq = 1;

  /** @param capacity how many runs may run at once (>= 1). */
  constructor(readonly capacity = 1) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
  }

  /** Runs that have started and not settled, oldest first. */
  get active(): readonly ScheduledRun[] {
    return this.running;
  }

  /** Runs waiting for a slot, in the order they will start. */
  get queued(): readonly ScheduledRun[] {
    return this.waiting;
  }

  /** Asks for a run of `problemId`. Returns the new run and what to do now. */
  request(problemId: string, reason: RunReason): { run: ScheduledRun; effects: SchedulerEffect[] } {
    const run: ScheduledRun = { seq: this.nextSeq++, problemId, reason };
    const effects: SchedulerEffect[] = [];
    const queuedAt = this.waiting.findIndex((r) => r.problemId === problemId);
    const runningOld = this.running.find((r) => r.problemId === problemId && !this.cancelling.has(r.seq));
    if (queuedAt >= 0) {
      // Keep the old one's place in the queue: it was already waiting its turn.
      const [old] = this.waiting.splice(queuedAt, 1, run);
      effects.push({ kind: 'drop', run: old, supersededBy: run.seq });
    } else if (runningOld) {
      this.cancelling.add(runningOld.seq);
      effects.push({ kind: 'cancel', run: runningOld, supersededBy: run.seq });
      this.waiting.unshift(run);
    } else {
      this.waiting.push(run);
    }
    if (runningOld && queuedAt >= 0) {
      // A run of this problem was running and another waiting: the running one is stale too.
      this.cancelling.add(runningOld.seq);
      effects.push({ kind: 'cancel', run: runningOld, supersededBy: run.seq });
    }
    effects.push(...this.fill());
    return { run, effects };
  }

  /** Cancels one run at the user's request (no successor). Unknown or finished runs: no effect. */
  cancel(seq: number): SchedulerEffect[] {
    const at = this.waiting.findIndex((r) => r.seq === seq);
    if (at >= 0) {
      const [old] = this.waiting.splice(at, 1);
      return [{ kind: 'drop', run: old, supersededBy: undefined }];
    }
    const running = this.running.find((r) => r.seq === seq);
    if (running && !this.cancelling.has(seq)) {
      this.cancelling.add(seq);
      return [{ kind: 'cancel', run: running, supersededBy: undefined }];
    }
    return [];
  }

  /** Cancels everything (shutdown): every queued run is dropped, every running one cancelled. */
  cancelAll(): SchedulerEffect[] {
    const effects: SchedulerEffect[] = this.waiting.splice(0).map((run) => ({ kind: 'drop', run, supersededBy: undefined }) as const);
    for (const run of this.running) {
      if (this.cancelling.has(run.seq)) continue;
      this.cancelling.add(run.seq);
      effects.push({ kind: 'cancel', run, supersededBy: undefined });
    }
    return effects;
  }

  /** A started run has ended (any way). Frees its slot and returns the runs to start next. */
  settled(seq: number): SchedulerEffect[] {
    const at = this.running.findIndex((r) => r.seq === seq);
    if (at < 0) return [];
    this.running.splice(at, 1);
    this.cancelling.delete(seq);
    return this.fill();
  }

  private fill(): SchedulerEffect[] {
    const effects: SchedulerEffect[] = [];
    while (this.running.length < this.capacity && this.waiting.length) {
      // A problem never runs twice at once: wait until its cancelled run has settled.
      const i = this.waiting.findIndex((w) => !this.running.some((r) => r.problemId === w.problemId));
      if (i < 0) break;
      const [run] = this.waiting.splice(i, 1);
      this.running.push(run);
      effects.push({ kind: 'start', run });
    }
    return effects;
  }
}
