// Progress as a convergent event log. Pure: no I/O, no clock, no randomness (ids and times are
// passed in). The adapter (src/adapters/progressLog.ts) stores the events; this module says what
// they mean.
//
// Model
// - Every change is an event: { id (uuid), w (writer = window id), n (1, 2, 3... per writer, no
//   gaps), at (epoch ms), kind, ...fields }. The visible `Progress` is DERIVED by folding all
//   events in a total order `ord` = (at, w, n, id).
// - A set of events merges with another by union on `id`: commutative, associative, idempotent.
// - Removals are tombstones: `reset` (scope = problem id, or '*' = everything) and
//   `import` with mode 'replace' (= reset '*' then the imported record). The fold applies them
//   in place, so a tombstone wins over every event ordered before it and nothing older comes back
//   whatever order the events arrive in; events after it count again.
// - Kinds and fields this version does not know are kept (stored and written back verbatim) and
//   ignored by the fold.
//
// Compaction, and why it is convergent
// A summary `{ kind: 'summary', id: 'sum:<w>:<upto>', of: w, upto, ev }` replaces the writer w's
// events 1..upto. It is a LOSSLESS re-encoding of them (times delta-coded, runs as small tuples,
// everything else verbatim) that drops only the uuids and the repeated writer id. Because of that:
// - it is a pure function of w's prefix 1..upto, which never changes once written (append-only,
//   one writer per log), so two windows compacting the same prefix write byte-identical summaries
//   with the same id (idempotent), and a longer prefix strictly contains a shorter one;
// - the fold reads, per writer, the summary with the largest `upto` plus that writer's raw events
//   after it: a function of the SET of events, so any interleaving of compactions converges;
// - counts stay exact, and a tombstone that arrives late (Settings Sync from a machine that was
//   offline) still splits a compacted range exactly, because per-event times are kept. A summary
//   of bare counts cannot do that: a late reset landing inside its range would either undo a
//   removal or drop counts. So the log stays O(events), ~6x smaller per run; display history is
//   still cut to HISTORY_LIMIT.
// A writer's prefix is only compacted when it has no gap (a torn line's event never counted).
import {
  HISTORY_LIMIT, PROGRESS_VERSION, applyDesignRule, designStep, mergeEntry, mergeHistory, partStep, runStep, startStep,
  type ActivityEvent, type CardReview, type Progress, type ProblemProgress,
} from './progress';
import { parseEntry, parseEvent } from './migrate';

/** One stored event. Known kinds are below; any other kind or field is kept untouched. */
export interface StoredEvent {
  id: string;
  /** Writer (window) id; absent on events that are not part of a writer's sequence. */
  w?: string;
  /** 1-based position in the writer's sequence. */
  n?: number;
  at: number;
  kind: string;
  [field: string]: unknown;
}

export const RESET_ALL = '*';

/** What a caller records; the store adds id, w, n, at. */
export type ProgressChange =
  /** fresh: the solution was (re)written from the starter code now (scaffold, Reset to Starter). */
  | { kind: 'start'; p: string; fresh?: boolean }
  | { kind: 'run'; p: string; passed: number; total: number; counts: boolean }
  /** Follow-up part `part` (2, 3, ...) of problem p passed: every test of parts 1..part passed (contract F). */
  | { kind: 'part'; p: string; part: number }
  | { kind: 'giveUp'; p: string }
  | { kind: 'hint'; p: string }
  | { kind: 'design'; p: string; score: number; sections?: Record<string, number>; minutes?: Record<string, number> }
  | { kind: 'mock'; level: string; passed?: number; total?: number; score?: number }
  /** A theory-card review (p = card id; rating 1-4 = Again, Hard, Good, Easy; points = key points ticked; secs = seconds used). */
  | { kind: 'review'; p: string; rating: 1 | 2 | 3 | 4; points: number[]; secs: number }
  | { kind: 'reset'; scope: string }
  /** `record` is the imported value as read (any shape loadProgress accepts), kept verbatim. */
  | { kind: 'import'; mode: 'merge' | 'replace'; record: unknown };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A value read from storage as an event, or undefined when it is not one (the caller backs it up). */
export function asStoredEvent(v: unknown): StoredEvent | undefined {
  if (!isObj(v) || typeof v.id !== 'string' || !v.id || !finite(v.at) || typeof v.kind !== 'string') return undefined;
  return v as StoredEvent;
}

const sequenced = (e: StoredEvent): e is StoredEvent & { w: string; n: number } =>
  typeof e.w === 'string' && typeof e.n === 'number' && Number.isInteger(e.n) && e.n >= 1 && e.kind !== 'summary';

interface Summary extends StoredEvent { kind: 'summary'; of: string; upto: number; v: 1; ev: unknown[] }
const isSummary = (e: StoredEvent): e is Summary =>
  e.kind === 'summary' && e.v === 1 && typeof e.of === 'string' && Number.isInteger(e.upto) && (e.upto as number) >= 1 && Array.isArray(e.ev) && e.ev.length === e.upto;

/** Total order of the fold: time, then writer and position (ties are rare but must be decided the same everywhere). */
export function ord(a: StoredEvent, b: StoredEvent): number {
  return a.at - b.at || cmp(a.w ?? '', b.w ?? '') || (a.n ?? 0) - (b.n ?? 0) || cmp(a.id, b.id);
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Union by id. Pure: returns a new map. */
export function union(...sets: Iterable<StoredEvent>[]): Map<string, StoredEvent> {
  const out = new Map<string, StoredEvent>();
  for (const s of sets) for (const e of s) if (!out.has(e.id)) out.set(e.id, e);
  return out;
}

// ---- summaries -------------------------------------------------------------------------------

const RUN = 0; // [dt, 0, p, passed, total, counts(0|1)] — the bulk of every log
const GENERIC = 1; // [dt, 1, {kind, ...fields}] — anything else, verbatim

const RUN_KEYS = new Set(['id', 'w', 'n', 'at', 'kind', 'p', 'passed', 'total', 'counts']);
/** Exactly a run with the known fields (anything more goes the verbatim way). */
function plainRun(e: StoredEvent): boolean {
  if (e.kind !== 'run' || typeof e.p !== 'string' || !Number.isInteger(e.passed) || !Number.isInteger(e.total) || typeof e.counts !== 'boolean') return false;
  let n = 0;
  for (const k in e) {
    if (!RUN_KEYS.has(k)) return false;
    n++;
  }
  return n === RUN_KEYS.size;
}

/** Encodes events in order; `prevAt` is the time of the event before the first (0 at the start). */
function encode(events: readonly StoredEvent[], prevAt = 0): unknown[] {
  let prev = prevAt;
  return events.map((e) => {
    const dt = e.at - prev;
    prev = e.at;
    if (plainRun(e)) return [dt, RUN, e.p, e.passed, e.total, e.counts ? 1 : 0];
    const { id: _id, w: _w, n: _n, at: _at, ...rest } = e;
    return [dt, GENERIC, rest];
  });
}

const decoded = new WeakMap<Summary, StoredEvent[]>();
function decode(s: Summary): StoredEvent[] {
  const hit = decoded.get(s);
  if (hit) return hit;
  const out = decodeRows(s);
  decoded.set(s, out);
  return out;
}

function decodeRows(s: Summary): StoredEvent[] {
  let at = 0;
  return s.ev.map((row, i) => {
    const r = row as unknown[];
    at += r[0] as number;
    const base = { id: `${s.id}#${i + 1}`, w: s.of, n: i + 1, at };
    if (r[1] === RUN) return { ...base, kind: 'run', p: r[2] as string, passed: r[3] as number, total: r[4] as number, counts: r[5] === 1 };
    return { ...base, ...(r[2] as Record<string, unknown>), ...base } as StoredEvent;
  });
}

const isTombstone = (e: StoredEvent) => e.kind === 'reset' || (e.kind === 'import' && e.mode === 'replace');

/** The time of the newest removal (reset, import-replace) inside `e` (a summary holds many); -Infinity if none. */
export function newestTombstoneAt(e: StoredEvent): number {
  if (isSummary(e)) {
    let at = 0;
    let newest = -Infinity;
    for (const row of e.ev as unknown[][]) {
      at += row[0] as number;
      if (row[1] === GENERIC && isTombstone({ id: '', at, ...(row[2] as { kind: string }) })) newest = at;
    }
    return newest;
  }
  return isTombstone(e) ? e.at : -Infinity;
}

/** Builds the summary of writer `w`'s events 1..upto (must be exactly those, in order). */
export function summarize(w: string, events: readonly StoredEvent[], from?: StoredEvent): StoredEvent {
  const upto = events.length;
  // Extending an earlier summary of the same writer gives the same rows as encoding from scratch
  // (each row only depends on its event and the previous event's time).
  const base = from && isSummary(from) && from.of === w && from.upto <= upto ? from : undefined;
  const ev = base ? [...base.ev, ...encode(events.slice(base.upto), base.at)] : encode(events);
  return { id: `sum:${w}:${upto}`, kind: 'summary', v: 1, of: w, upto, at: upto ? events[upto - 1].at : 0, ev };
}

/**
 * The events the fold reads: per writer, the widest summary decoded plus the raw events after it;
 * plus every event outside any writer's sequence. Malformed summaries and unknown kinds are
 * treated as opaque events (kept, not folded).
 */
export function effectiveEvents(all: Iterable<StoredEvent>): StoredEvent[] {
  const best = new Map<string, Summary>();
  const raw: StoredEvent[] = [];
  for (const e of union(all).values()) {
    if (isSummary(e)) {
      const b = best.get(e.of);
      if (!b || e.upto > b.upto) best.set(e.of, e);
    } else raw.push(e);
  }
  const out: StoredEvent[] = [];
  for (const s of best.values()) for (const e of decode(s)) out.push(e);
  for (const e of raw) {
    if (sequenced(e) && (best.get(e.w)?.upto ?? 0) >= e.n) continue; // covered by a summary
    out.push(e);
  }
  // Two raw copies of one writer position (cannot happen from one writer; a hand-edited file
  // could) are both kept: dedupe is by id only, the fold stays deterministic through `ord`.
  return out.sort(ord);
}

/**
 * Compacts: for every writer whose events 1..k are all present with k above its widest summary
 * (and at least `minNew` new ones), adds the summary of 1..k and drops what it covers. Returns the
 * new set; never changes the derived view (tested).
 */
export function compact(all: Iterable<StoredEvent>, minNew = 1): Map<string, StoredEvent> {
  const set = union(all);
  const best = new Map<string, Summary>();
  for (const e of set.values()) if (isSummary(e) && (best.get(e.of)?.upto ?? 0) < e.upto) best.set(e.of, e);
  const eff = effectiveEvents(set.values());
  const byWriter = new Map<string, StoredEvent[]>();
  for (const e of eff) if (sequenced(e)) (byWriter.get(e.w) ?? byWriter.set(e.w, []).get(e.w)!).push(e);
  const covered = new Map<string, number>();
  for (const [w, evs] of byWriter) {
    evs.sort((a, b) => (a.n as number) - (b.n as number));
    let k = 0;
    while (k < evs.length && evs[k].n === k + 1) k++;
    const have = best.get(w);
    if (k - (have?.upto ?? 0) < minNew || k === 0) continue;
    const s = summarize(w, evs.slice(0, k), have);
    set.set(s.id, s);
    covered.set(w, k);
  }
  for (const [id, e] of set) {
    if (isSummary(e) && covered.has(e.of) && e.upto < covered.get(e.of)!) set.delete(id);
    else if (sequenced(e) && (covered.get(e.w) ?? 0) >= e.n) set.delete(id);
  }
  return set;
}


/** True when `e` is held by `set`: the same id, or a summary of its writer covering its position. */
export function holds(set: ReadonlyMap<string, StoredEvent>, uptoOf: ReadonlyMap<string, number>, e: StoredEvent): boolean {
  if (set.has(e.id)) return true;
  if (isSummary(e)) return (uptoOf.get(e.of) ?? 0) >= e.upto;
  return sequenced(e) && (uptoOf.get(e.w) ?? 0) >= e.n;
}

/** Per writer, the widest summary in `set` (for `holds`). */
export function summaryCoverage(set: Iterable<StoredEvent>): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of set) if (isSummary(e)) out.set(e.of, Math.max(out.get(e.of) ?? 0, e.upto));
  return out;
}

// ---- derivation --------------------------------------------------------------------------------

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
const numRecord = (v: unknown): Record<string, number> | undefined => {
  if (!isObj(v)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) if (finite(n)) out[k] = n;
  return out;
};

/** A record's theory-card reviews (`Progress.reviews`, as exported), malformed ones dropped. */
function importedReviews(v: unknown): Map<string, CardReview[]> {
  const out = new Map<string, CardReview[]>();
  if (!isObj(v)) return out;
  for (const [id, list] of Object.entries(v)) {
    if (!Array.isArray(list)) continue;
    const ok = list.filter((r): r is CardReview => isObj(r) && finite(r.at) && (r.rating === 1 || r.rating === 2 || r.rating === 3 || r.rating === 4)
      && Array.isArray(r.points) && r.points.every((i) => count(i) !== undefined) && finite(r.secs));
    if (ok.length) out.set(id, ok.map((r) => ({ at: r.at, rating: r.rating, points: [...r.points], secs: r.secs })));
  }
  return out;
}

/** The imported record's entries and history, or undefined when it is not a usable record. */
function importedRecord(v: unknown): { problems: Record<string, ProblemProgress>; history: ActivityEvent[]; reviews: Map<string, CardReview[]> } | undefined {
  let rec = v;
  if (typeof rec === 'string') {
    try {
      rec = JSON.parse(rec);
    } catch {
      return undefined;
    }
  }
  if (!isObj(rec) || !isObj(rec.problems)) return undefined;
  const problems: Record<string, ProblemProgress> = {};
  for (const [id, raw] of Object.entries(rec.problems)) {
    const e = parseEntry(raw);
    if (e) problems[id] = applyDesignRule(e);
  }
  const history = (Array.isArray(rec.history) ? rec.history : []).map(parseEvent).filter((e): e is ActivityEvent => !!e);
  return { problems, history, reviews: importedReviews(rec.reviews) };
}

/**
 * The visible progress: all events folded in `ord` order. Pure and deterministic: equal sets give
 * deep-equal results.
 */
export function derive(all: Iterable<StoredEvent>): Progress {
  const problems = new Map<string, ProblemProgress>();
  const reviews = new Map<string, CardReview[]>();
  let history: ActivityEvent[] = [];
  const push = (e: ActivityEvent) => history.push(e);
  // Problems whose started entry a reset removed: their code on disk may predate the reset, so
  // the next start (or run) is untimed unless it comes with fresh starter code (TIMING_RULE).
  const carried = new Set<string>();
  const forget = (id: string) => {
    if (problems.get(id)?.startedAt !== undefined) carried.add(id);
    problems.delete(id);
  };
  const forgetAll = () => [...problems.keys()].forEach(forget);
  const resumeCarried = (id: string) => {
    if (!carried.delete(id) || problems.has(id)) return;
    problems.set(id, { attempts: 0, untimed: true });
  };
  for (const e of effectiveEvents(all)) {
    const p = str(e.p);
    switch (e.kind) {
      case 'start': {
        if (!p) break;
        if (e.fresh === true) {
          carried.delete(p);
          const cur = problems.get(p);
          // Fresh starter code after untimed work: the clock restarts here.
          if (cur?.untimed && cur.solvedAt === undefined) {
            const { untimed: _u, ...rest } = cur;
            problems.set(p, { ...rest, startedAt: e.at });
            push({ at: e.at, id: p, kind: 'start' });
            break;
          }
        } else resumeCarried(p);
        const r = startStep(problems.get(p), e.at);
        problems.set(p, r.entry);
        if (r.changed) push({ at: e.at, id: p, kind: 'start' });
        break;
      }
      case 'run': {
        const passed = count(e.passed);
        const total = count(e.total);
        if (!p || passed === undefined || total === undefined) break;
        const counts = e.counts !== false;
        resumeCarried(p);
        const r = runStep(problems.get(p), { passed, total, countsAsAttempt: counts }, e.at);
        problems.set(p, r.entry);
        if (counts) push({ at: e.at, id: p, kind: 'run', passed, total });
        if (r.solvedNow) push({ at: e.at, id: p, kind: 'solve' });
        break;
      }
      case 'part': {
        if (!p || typeof e.part !== 'number') break;
        resumeCarried(p);
        const r = partStep(problems.get(p), e.part, e.at);
        problems.set(p, r.entry);
        if (r.changed) push({ at: e.at, id: p, kind: 'part', part: e.part });
        break;
      }
      case 'giveUp':
        if (p) problems.set(p, { ...(problems.get(p) ?? { attempts: 0 }), gaveUp: true });
        break;
      case 'hint':
        if (p) {
          const cur = problems.get(p) ?? { attempts: 0 };
          problems.set(p, { ...cur, hints: (cur.hints ?? 0) + 1 });
        }
        break;
      case 'design': {
        if (!p || !finite(e.score)) break;
        problems.set(p, designStep(problems.get(p), e.score, e.at));
        const sections = numRecord(e.sections);
        const minutes = numRecord(e.minutes);
        push({ at: e.at, id: p, kind: 'design', score: e.score, ...(sections ? { sections } : {}), ...(minutes ? { minutes } : {}) });
        break;
      }
      case 'mock': {
        const level = str(e.level);
        if (!level) break;
        push({
          at: e.at, id: `mock:${level}`, kind: 'mock',
          ...(count(e.passed) !== undefined ? { passed: e.passed as number } : {}),
          ...(count(e.total) !== undefined ? { total: e.total as number } : {}),
          ...(finite(e.score) ? { score: e.score } : {}),
        });
        break;
      }
      case 'review': {
        const rating = e.rating;
        if (!p || (rating !== 1 && rating !== 2 && rating !== 3 && rating !== 4)) break;
        const points = Array.isArray(e.points) ? e.points.filter((i): i is number => count(i) !== undefined) : [];
        const secs = finite(e.secs) && e.secs >= 0 ? e.secs : 0;
        (reviews.get(p) ?? reviews.set(p, []).get(p)!).push({ at: e.at, rating, points, secs });
        break;
      }
      case 'reset': {
        const scope = str(e.scope);
        if (scope === RESET_ALL) {
          forgetAll();
          reviews.clear();
          history = [];
        } else if (scope) {
          forget(scope); // its past days stay on the calendar
          reviews.delete(scope);
        }
        break;
      }
      case 'import': {
        const rec = importedRecord(e.record);
        if (!rec || (e.mode !== 'merge' && e.mode !== 'replace')) break;
        if (e.mode === 'replace') {
          forgetAll();
          reviews.clear();
          history = [];
        }
        for (const [id, entry] of Object.entries(rec.problems)) problems.set(id, mergeEntry(problems.get(id), entry));
        // Theory reviews: a union (the same review exported twice counts once), in time order.
        for (const [id, list] of rec.reviews) {
          const key = (r: CardReview) => `${r.at}|${r.rating}|${r.points.join(',')}|${r.secs}`;
          const have = reviews.get(id) ?? [];
          const seen = new Set(have.map(key));
          const merged = [...have, ...list.filter((r) => !seen.has(key(r)))].sort((a, b) => a.at - b.at);
          reviews.set(id, merged);
        }
        history = mergeHistory(history, rec.history, Infinity);
        break;
      }
      default:
        break; // unknown kind: kept in storage, not understood here
    }
  }
  history.sort((a, b) => a.at - b.at);
  if (history.length > HISTORY_LIMIT) history = history.slice(history.length - HISTORY_LIMIT);
  const out: Record<string, ProblemProgress> = {};
  for (const id of [...problems.keys()].sort()) out[id] = problems.get(id)!;
  if (!reviews.size) return { version: PROGRESS_VERSION, problems: out, history };
  const byCard: Record<string, CardReview[]> = {};
  for (const id of [...reviews.keys()].sort()) byCard[id] = reviews.get(id)!;
  return { version: PROGRESS_VERSION, problems: out, history, reviews: byCard };
}

/**
 * The v1 record (globalState `mlprep.progress` before events) as one import-merge event with an id
 * derived from its content, so windows migrating the same record at once write the same event.
 * `at` is the newest time inside the record: deterministic, and ordered before anything later.
 */
export function migrationEvent(raw: unknown, hash: (s: string) => string): StoredEvent {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  let at = 0;
  const visit = (v: unknown, key?: string) => {
    if (finite(v) && key && /At$|^at$/.test(key)) at = Math.max(at, v);
    else if (Array.isArray(v)) v.forEach((x) => visit(x));
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(typeof raw === 'string' ? safeParse(raw) : raw);
  return { id: `v1:${hash(text)}`, at, kind: 'import', mode: 'merge', record: raw, migratedFrom: 'globalState' };
}

const safeParse = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};
