// Today's drill: a few problems for today mixing new ones with spaced repetition.
//
// The list is computed from the progress as it stood at the start of `today` (events of today
// are ignored for choosing), so it stays the same all day while the user works through it;
// items done today are flagged `done` instead of being replaced by new ones. Ties are broken by
// a hash of the day, so the list changes from one day to the next but never within one.
import type { FSRS } from 'ts-fsrs';
import type { ActivityEvent, CardReview, ProblemProgress, Progress } from '../progress/progress';
import { categoryLabel, type Difficulty, type ListedProblem } from '../tree/problemList';
import { cardSchedule, theoryQueue, theoryScheduler } from '../theory/schedule';
import type { TheoryCard } from '../theory/types';
import type { BehaviouralQuestion, Competency } from '../stories/types';
import { addDays, dayKey, daysBetween, weekStart, type DayKey } from './days';
import { planWeek, practiceDoneBetween, type ActivePlan, type PlanStatus, type PracticeRecord } from './studyPlan';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (also used by mock-interview picking).

/** FNV-1a, 32-bit: a stable hash of a string (same value on every machine and run). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small PRNG (mulberry32) seeded by a string: returns a function yielding numbers in [0, 1). */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashString(seed));
}

/** mulberry32 seeded by a 32-bit number: a function yielding numbers in [0, 1), the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Spaced repetition.

/** Days from the last passing run to the next review, by the number of successful reviews so far. */
export const REVIEW_INTERVALS: readonly number[] = [3, 7, 21, 60];
/** An attempted, unsolved problem untouched for this many days comes back as a retry. */
export const RETRY_AFTER_DAYS = 2;
/** Failing runs between two passes that mark a review as a struggle (back to the first interval). */
export const STRUGGLE_FAILS = 3;
/** A design prompt practised this many days ago (or more) may be suggested again once all are tried. */
export const DESIGN_REVIEW_DAYS = 14;

/**
 * How much shorter the review intervals of a problem are, from how it was solved: 0.5 when the
 * user looked at the reference or needed 6+ runs, 0.75 for 3-5 runs, 1 otherwise.
 */
export function reviewEase(p: Pick<ProblemProgress, 'gaveUp' | 'attemptsToSolve'>): number {
  const attempts = p.attemptsToSolve ?? 1;
  if (p.gaveUp || attempts >= 6) return 0.5;
  return attempts >= 3 ? 0.75 : 1;
}

/** Review interval in days for a stage (successful reviews so far) and ease; at least 1. */
export function reviewInterval(stage: number, ease: number): number {
  const base = REVIEW_INTERVALS[Math.min(Math.max(0, stage), REVIEW_INTERVALS.length - 1)];
  return Math.max(1, Math.round(base * ease));
}

/** Where a solved problem stands in its review schedule. */
export interface ReviewSchedule {
  /** Successful reviews so far (0 right after the first solve). */
  stage: number;
  ease: number;
  intervalDays: number;
  /** Day of the last fully passing run (the solve itself, or the last review). */
  lastPassDay: DayKey;
  /** lastPassDay + intervalDays. */
  dueDay: DayKey;
}

/** Epoch ms → calendar day; todaysDrill memoises it (Intl formatting dominates its cost). */
type DayOf = (ts: number) => DayKey;

function memoDay(timeZone: string | undefined): DayOf {
  const cache = new Map<number, DayKey>();
  return (ts) => {
    let d = cache.get(ts);
    if (d === undefined) {
      d = dayKey(ts, timeZone);
      cache.set(ts, d);
    }
    return d;
  };
}

const isPass = (e: ActivityEvent) => e.kind === 'run' && e.total !== undefined && e.total > 0 && e.passed === e.total;

/**
 * The review schedule of a solved coding problem from its runs since the solve. `events` are
 * that problem's activity events, oldest first; only days up to `until` (inclusive; default:
 * all) count. Walking the passing runs day by day:
 * - a pass on a later day than the last one, once the interval had run out, is a successful
 *   review: the next interval is longer (3 → 7 → 21 → 60 days, times the ease);
 * - a pass with STRUGGLE_FAILS or more failing runs since the previous pass is a struggle:
 *   back to the first interval;
 * - an early pass (before due) restarts the current interval from that day.
 * Undefined for problems not solved (by `until`).
 */
export function reviewSchedule(
  p: ProblemProgress | undefined, events: readonly ActivityEvent[], opts: { timeZone?: string; until?: DayKey } = {},
): ReviewSchedule | undefined {
  return schedule(p, events, (ts) => dayKey(ts, opts.timeZone), opts.until);
}

function schedule(p: ProblemProgress | undefined, events: readonly ActivityEvent[], day: DayOf, until: DayKey | undefined): ReviewSchedule | undefined {
  if (!p || p.solvedAt === undefined) return undefined;
  const solveDay = day(p.solvedAt);
  if (until !== undefined && solveDay > until) return undefined;
  const ease = reviewEase(p);
  let stage = 0;
  let lastPassDay = solveDay;
  let fails = 0;
  // Runs after the solving run (a reset and re-solve starts the schedule over).
  for (const e of events) {
    if (e.kind !== 'run' || e.at <= p.solvedAt) continue;
    const d = day(e.at);
    if (until !== undefined && d > until) break;
    if (!isPass(e)) {
      fails++;
      continue;
    }
    if (d > lastPassDay) {
      if (fails >= STRUGGLE_FAILS) stage = 0;
      else if (daysBetween(lastPassDay, d) >= reviewInterval(stage, ease)) stage++;
      lastPassDay = d;
    }
    fails = 0;
  }
  // History is capped; the per-problem record may know of a later pass than the events shown.
  const lr = p.lastRun;
  if (lr && lr.total > 0 && lr.passed === lr.total && lr.at > p.solvedAt) {
    const d = day(lr.at);
    if ((until === undefined || d <= until) && d > lastPassDay) lastPassDay = d;
  }
  const intervalDays = reviewInterval(stage, ease);
  return { stage, ease, intervalDays, lastPassDay, dueDay: addDays(lastPassDay, intervalDays) };
}

// ---------------------------------------------------------------------------------------------
// Difficulty progression.

const RANK: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };

/**
 * The difficulty new problems are pitched at, from the coding problems solved so far: easy until
 * 3 solves, medium until 5 medium-or-hard solves, then hard.
 */
export function ladderDifficulty(solved: Readonly<Record<Difficulty, number>>): Difficulty {
  if (solved.easy + solved.medium + solved.hard < 3) return 'easy';
  return solved.medium + solved.hard < 5 ? 'medium' : 'hard';
}

/** `target` moved into `allowed` (the nearest, easier on a tie); `target` when allowed is empty. */
function clampDifficulty(target: Difficulty, allowed: readonly Difficulty[]): Difficulty {
  if (!allowed.length || allowed.includes(target)) return target;
  return [...allowed].sort((a, b) => Math.abs(RANK[a] - RANK[target]) - Math.abs(RANK[b] - RANK[target]) || RANK[a] - RANK[b])[0];
}

// ---------------------------------------------------------------------------------------------
// Today's drill.

/**
 * Why an item is in today's drill. continue: a coding problem whose next follow-up part is
 * unlocked but not passed; rehearse: a behavioural question (story item).
 */
export type DrillReason = 'new' | 'review' | 'retry' | 'continue' | 'rehearse';

/** One recommendation. */
export interface DrillItem {
  /** The problem or prompt id (coding, design); 'theory:today' (theory); 'story:<question, competency or any>' (story). */
  id: string;
  reason: DrillReason;
  /** theory: today's block of due theory cards; story: one behavioural rehearsal. */
  kind: 'coding' | 'design' | 'theory' | 'story';
  /** One short line for the user, e.g. "Solved 23 days ago after 6 attempts — review". */
  why: string;
  /**
   * Already done today: solved (new, retry), passed again (review), the part passed (continue),
   * a session completed (design), every card of the block reviewed (theory), rehearsed (story).
   */
  done: boolean;
  /** continue: the part to work on (2, 3, ...) and how many parts the problem has. */
  part?: number;
  parts?: number;
  /** theory: the cards of today's block (as of the start of the day) and how many were reviewed today. */
  cards?: string[];
  reviewed?: number;
  /** theory: the card a click opens (the first of the block not reviewed today); undefined once all are. */
  cardId?: string;
  /** story: the question to rehearse (one due for rehearsal) or the competency to pick one from. */
  questionId?: string;
  competency?: string;
}

/** The theory deck, for the drill's block of due cards. */
export interface DrillTheory {
  /** Every card of the deck in study order. */
  cards: readonly TheoryCard[];
  /** New cards a day (setting mlprep.theory.newCardsPerDay). */
  newPerDay: number;
  scheduler?: FSRS;
}

/** The behavioural question bank and which competencies the user's stories cover, for the drill's rehearsal. */
export interface DrillStories {
  questions: readonly Pick<BehaviouralQuestion, 'id' | 'competency'>[];
  competencies: readonly Pick<Competency, 'id' | 'title'>[];
  /** Competencies some story is tagged with. */
  covered: ReadonlySet<string>;
}

/** Input of todaysDrill. */
export interface DrillInput {
  /** The catalogue: coding problems and design prompts. */
  problems: readonly ListedProblem[];
  progress: Progress;
  today: DayKey;
  /** IANA time zone the days are counted in (default: the machine's); `today` must be in it. */
  timeZone?: string;
  /** The user's study plan: its week's focus, difficulties and design target steer the picks. */
  plan?: ActivePlan;
  /** How many coding and design items (default 3); the theory block and the rehearsal come on top. */
  count?: number;
  /** The theory deck: adds a block of the cards due today. */
  theory?: DrillTheory;
  /** The behavioural bank: adds a rehearsal when one is due or the week's pace asks for it. */
  stories?: DrillStories;
}

/** What the drill knows of a problem as of the start of today. */
interface Snapshot {
  p: ListedProblem;
  rec?: ProblemProgress;
  events: ActivityEvent[];
  solved: boolean;
  runsBefore: number;
  sessionsBefore: number;
  lastTouchDay?: DayKey;
  startedDay?: DayKey;
  lastRunBefore?: { passed: number; total: number };
  lastSessionDay?: DayKey;
  /** Parts passed in a row before today (0 = part 1 not solved; contract F). */
  partsBefore: number;
  /** Today's activity on it. */
  solvedToday: boolean;
  passedToday: boolean;
  designedToday: boolean;
  /** Follow-up parts first passed today. */
  partsToday: Set<number>;
}

const ago = (n: number) => (n <= 0 ? 'today' : n === 1 ? 'yesterday' : `${n} days ago`);

function snapshot(p: ListedProblem, progress: Progress, events: ActivityEvent[], today: DayKey, day: DayOf): Snapshot {
  const rec = progress.problems[p.id];
  const s: Snapshot = {
    p, rec, events, solved: false, runsBefore: 0, sessionsBefore: 0, partsBefore: 0,
    solvedToday: false, passedToday: false, designedToday: false, partsToday: new Set(),
  };
  // A reset forgets the problem: it is new again, whatever the history says.
  if (!rec) return s;
  let runsToday = 0;
  let designsToday = 0;
  for (const e of events) {
    const d = day(e.at);
    if (d >= today) {
      if (d > today) continue;
      if (e.kind === 'run') {
        runsToday++;
        if (isPass(e)) s.passedToday = true;
      }
      if (e.kind === 'design') designsToday++;
      continue;
    }
    if (rec.startedAt !== undefined && e.at < rec.startedAt) continue; // before a reset
    s.lastTouchDay = d;
    if (e.kind === 'run') s.lastRunBefore = { passed: e.passed ?? 0, total: e.total ?? 0 };
    if (e.kind === 'design') s.lastSessionDay = d;
  }
  const before = (ts: number | undefined) => ts !== undefined && day(ts) < today;
  s.solved = before(rec.solvedAt);
  s.solvedToday = rec.solvedAt !== undefined && day(rec.solvedAt) === today;
  s.runsBefore = Math.max(0, rec.attempts - runsToday);
  s.sessionsBefore = Math.max(0, (rec.sessions ?? 0) - designsToday);
  s.designedToday = designsToday > 0;
  if (before(rec.startedAt)) s.startedDay = day(rec.startedAt as number);
  if (rec.lastRun && before(rec.lastRun.at)) {
    const d = day(rec.lastRun.at);
    if (!s.lastTouchDay || d > s.lastTouchDay) {
      s.lastTouchDay = d;
      s.lastRunBefore = { passed: rec.lastRun.passed, total: rec.lastRun.total };
    }
  }
  s.lastTouchDay ??= s.startedDay;
  if (s.solved) {
    const count = 1 + (p.followUpTitles?.length ?? 0);
    s.partsBefore = 1;
    while (s.partsBefore < count && before(rec.parts?.[String(s.partsBefore + 1)])) s.partsBefore++;
  }
  for (const [k, ts] of Object.entries(rec.parts ?? {})) if (day(ts) === today) s.partsToday.add(Number(k));
  return s;
}

/** The follow-up part a solved problem is on as of the start of today (2, 3, ...), if any is left. */
const pendingPart = (s: Snapshot): number | undefined =>
  s.p.kind === 'coding' && s.solved && s.partsBefore < 1 + (s.p.followUpTitles?.length ?? 0) ? s.partsBefore + 1 : undefined;

interface Candidate {
  item: DrillItem;
  /** Higher first. */
  urgency: number;
}

function dueItems(snaps: Snapshot[], today: DayKey, day: DayOf, tie: (id: string) => number): Candidate[] {
  const yesterday = addDays(today, -1);
  const out: (Candidate & { tie: number })[] = [];
  for (const s of snaps) {
    if (s.p.kind !== 'coding') continue;
    // A follow-up to continue is practice of the problem too: offered as 'continue', not as a review.
    if (pendingPart(s) !== undefined) continue;
    if (s.solved) {
      const r = schedule(s.rec, s.events, day, yesterday);
      if (!r || r.dueDay > today) continue;
      const since = daysBetween(r.lastPassDay, today);
      const attempts = s.rec?.attemptsToSolve ?? 1;
      const why = r.stage > 0
        ? `Passed ${ago(since)}, ${r.stage} review${r.stage > 1 ? 's' : ''} so far — review`
        : s.rec?.gaveUp
          ? `Solved ${ago(since)} with the reference open — review`
          : `Solved ${ago(since)} ${attempts > 1 ? `after ${attempts} attempts` : 'on the first try'} — review`;
      out.push({ item: { id: s.p.id, reason: 'review', kind: 'coding', why, done: s.passedToday }, urgency: since / r.intervalDays, tie: tie(s.p.id) });
    } else if (s.runsBefore > 0 && s.lastTouchDay !== undefined) {
      const since = daysBetween(s.lastTouchDay, today);
      if (since < RETRY_AFTER_DAYS) continue;
      const last = s.lastRunBefore;
      const why = last && last.total > 0
        ? `${last.passed}/${last.total} tests passed, last tried ${ago(since)} — retry`
        : `Last tried ${ago(since)} — retry`;
      // Retries rank as if a week were their interval: a review a little overdue comes first.
      out.push({ item: { id: s.p.id, reason: 'retry', kind: 'coding', why, done: s.solvedToday }, urgency: since / 7, tie: tie(s.p.id) });
    }
  }
  return out.sort((a, b) => b.urgency - a.urgency || a.tie - b.tie);
}

/**
 * Solved problems whose next follow-up part is unlocked (as of the start of today) and not passed:
 * "Continue: part 2 of 3". The most recently unlocked first (freshest in mind), then the day's hash.
 */
function continueItems(snaps: Snapshot[], today: DayKey, day: DayOf, tie: (id: string) => number): DrillItem[] {
  const out: { item: DrillItem; since: number; tie: number }[] = [];
  for (const s of snaps) {
    const part = pendingPart(s);
    if (part === undefined || !s.rec) continue;
    const parts = 1 + (s.p.followUpTitles?.length ?? 0);
    const unlockedAt = part === 2 ? s.rec.solvedAt! : s.rec.parts![String(part - 1)];
    const since = daysBetween(day(unlockedAt), today);
    const title = s.p.followUpTitles![part - 2];
    const why = `Continue: part ${part} of ${parts} — ${title} · part ${part - 1} passed ${ago(since)}`;
    out.push({ item: { id: s.p.id, reason: 'continue', kind: 'coding', why, done: s.partsToday.has(part), part, parts }, since, tie: tie(s.p.id) });
  }
  return out.sort((a, b) => a.since - b.since || a.tie - b.tie).map((c) => c.item);
}

function newCodingItems(
  snaps: Snapshot[], today: DayKey, n: number, focus: readonly string[], allowed: readonly Difficulty[], focusNote: string,
  tie: (id: string) => number,
): DrillItem[] {
  if (n <= 0) return [];
  const solved: Record<Difficulty, number> = { easy: 0, medium: 0, hard: 0 };
  for (const s of snaps) if (s.p.kind === 'coding' && s.solved) solved[s.p.difficulty]++;
  const target = RANK[clampDifficulty(ladderDifficulty(solved), allowed)];
  const pool = snaps
    .filter((s) => s.p.kind === 'coding' && !s.solved && s.runsBefore === 0)
    .map((s) => {
      const r = RANK[s.p.difficulty];
      return {
        s,
        focusMiss: focus.length && !focus.includes(s.p.category) ? 1 : 0,
        // Nearest to the target first; one easier before one harder.
        distance: Math.abs(r - target) * 2 + (r > target ? 1 : 0),
        opened: s.startedDay ? 0 : 1,
        tie: tie(s.p.id),
      };
    });
  const picked: DrillItem[] = [];
  const perCategory = new Map<string, number>();
  while (picked.length < n && pool.length) {
    // Greedy: best tier first, then the category picked least so far (a mix), then the day's hash.
    let best = 0;
    const key = (c: (typeof pool)[number]) => [c.focusMiss, c.distance, c.opened, perCategory.get(c.s.p.category) ?? 0, c.tie];
    for (let i = 1; i < pool.length; i++) {
      const a = key(pool[i]);
      const b = key(pool[best]);
      const cmp = a.findIndex((v, j) => v !== b[j]);
      if (cmp >= 0 && a[cmp] < b[cmp]) best = i;
    }
    const { s, focusMiss } = pool.splice(best, 1)[0];
    perCategory.set(s.p.category, (perCategory.get(s.p.category) ?? 0) + 1);
    const what = `${s.p.difficulty} · ${categoryLabel(s.p.category)}`;
    const why = s.startedDay
      ? `Opened ${ago(daysBetween(s.startedDay, today))}, not run yet · ${what}`
      : `New ${what}${!focusMiss && focusNote ? ` — ${focusNote}` : ''}`;
    picked.push({ id: s.p.id, reason: 'new', kind: 'coding', why, done: s.solvedToday });
  }
  return picked;
}

function designItem(snaps: Snapshot[], today: DayKey, paceNote: string, tie: (id: string) => number): DrillItem | undefined {
  const prompts = snaps.filter((s) => s.p.kind === 'design');
  const sessionsSoFar = prompts.reduce((a, s) => a + s.sessionsBefore, 0);
  // Two mediums before the hard prompts.
  const preferred = sessionsSoFar < 2 ? 'medium' : 'hard';
  const untried = prompts
    .filter((s) => s.sessionsBefore === 0)
    .sort((a, b) => (a.p.difficulty === preferred ? 0 : 1) - (b.p.difficulty === preferred ? 0 : 1) || tie(a.p.id) - tie(b.p.id));
  if (untried.length) {
    const s = untried[0];
    return { id: s.p.id, reason: 'new', kind: 'design', why: `Design round · ${s.p.difficulty} — ${paceNote}`, done: s.designedToday };
  }
  const lastDay = (s: Snapshot) => s.lastSessionDay ?? s.lastTouchDay ?? today;
  const again = prompts
    .filter((s) => daysBetween(lastDay(s), today) >= DESIGN_REVIEW_DAYS)
    .sort((a, b) => (a.rec?.bestScore ?? 0) - (b.rec?.bestScore ?? 0) || lastDay(a).localeCompare(lastDay(b)) || tie(a.p.id) - tie(b.p.id));
  if (!again.length) return undefined;
  const s = again[0];
  const score = s.rec?.bestScore;
  const why = `${score !== undefined ? `Best ${score.toFixed(1)}/4, ` : ''}practised ${ago(daysBetween(lastDay(s), today))} — design again`;
  return { id: s.p.id, reason: 'review', kind: 'design', why, done: s.designedToday };
}

/**
 * Today's drill: `count` problems (default 3) for `today`, in this order: due items (reviews of
 * solved problems whose interval has run out, and retries of attempted problems untouched for
 * RETRY_AFTER_DAYS+ days, most overdue first), follow-ups to continue, new coding problems, a
 * design prompt; then, on top of `count`, the block of theory cards due today (with `theory`) and
 * a behavioural rehearsal (with `stories`; see theoryItem and storyItem).
 *
 * Slots: one due item per three (at least one when anything is due and count ≥ 2); one design
 * prompt when the design pace calls for it (count ≥ 2); new coding problems for the rest, the
 * first of them a follow-up part to continue when a solved problem has one unlocked (its
 * "continue" replaces its review); slots left empty by one kind go to the others.
 * - New problems: the plan week's focus categories first, then the difficulty nearest to the
 *   user's ladder (ladderDifficulty, kept inside the week's difficulties), problems opened but
 *   never run first, then a mix of categories.
 * - Design pace: with a plan (between its start and end), the week's design target spread over
 *   its 7 days (a target of 1 comes up from the 4th day, 2 from the 2nd and 6th); without one,
 *   one per calendar week from Thursday. Untried prompts first (mediums for the first two
 *   sessions); once all are tried, the lowest-scored prompt not practised for DESIGN_REVIEW_DAYS.
 *
 * Deterministic: the same input gives the same list, and today's own activity only sets `done`.
 */
export function todaysDrill(input: DrillInput): DrillItem[] {
  const { problems, progress, today, timeZone, plan } = input;
  const day = memoDay(timeZone);
  const count = Math.max(0, Math.floor(input.count ?? 3));
  if (!count) return [];
  const history = progress.history ?? [];
  const byId = new Map<string, ActivityEvent[]>();
  for (const e of [...history].sort((a, b) => a.at - b.at)) {
    const list = byId.get(e.id);
    if (list) list.push(e);
    else byId.set(e.id, [e]);
  }
  const seen = new Set<string>();
  const snaps: Snapshot[] = [];
  for (const p of problems) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    snaps.push(snapshot(p, progress, byId.get(p.id) ?? [], today, day));
  }
  const tie = (id: string) => hashString(`${today}|${id}`);
  const yesterday = addDays(today, -1);

  // The plan week (only between the plan's first and last day).
  const week = plan ? planWeek(plan, today) : undefined;
  const active = week && week.started && !week.finished ? week : undefined;
  /** Design sessions from `from` to yesterday: today's own sessions must not change today's list. */
  const designsSince = (from: DayKey) => history.filter((e) => e.kind === 'design' && day(e.at) >= from && day(e.at) <= yesterday).length;
  let designWanted: boolean;
  let paceNote: string;
  if (active) {
    const target = active.targets.design;
    const before = designsSince(active.weekStartDay);
    const dayOfWeek = daysBetween(active.weekStartDay, today) + 1;
    designWanted = before < Math.round((target * dayOfWeek) / 7);
    paceNote = `${Math.min(target, before + 1)} of ${target} this week`;
  } else {
    const monday = weekStart(today);
    designWanted = daysBetween(monday, today) >= 3 && designsSince(monday) === 0;
    paceNote = 'weekly design practice';
  }
  const focusNote = active ? `week ${active.weekIndex + 1} focus` : '';

  const due = dueItems(snaps, today, day, tie).map((c) => c.item);
  const continuing = continueItems(snaps, today, day, tie);
  const design = designWanted ? designItem(snaps, today, paceNote, tie) : undefined;
  let dueSlots = count >= 2 && due.length ? Math.min(due.length, Math.max(1, Math.floor(count / 3))) : 0;
  let designSlots = count >= 2 && design ? 1 : 0;
  let continueSlots = Math.min(continuing.length, count - dueSlots - designSlots > 0 ? 1 : 0);
  const newItems = newCodingItems(snaps, today, count - dueSlots - designSlots - continueSlots, active?.targets.focus ?? [], active?.targets.difficulties ?? [], focusNote, tie);
  // Fill what the new problems left empty: more due items, more follow-ups, then the design prompt.
  let free = count - dueSlots - designSlots - continueSlots - newItems.length;
  const moreDue = Math.min(free, due.length - dueSlots);
  dueSlots += moreDue;
  free -= moreDue;
  const moreContinue = Math.min(free, continuing.length - continueSlots);
  continueSlots += moreContinue;
  free -= moreContinue;
  if (free > 0 && design && !designSlots) designSlots = 1;
  const practice: PracticeRecord | undefined = input.theory || input.stories ? {
    reviews: progress.reviews,
    cardIds: new Set((input.theory?.cards ?? []).map((c) => c.id)),
    questionCompetency: new Map((input.stories?.questions ?? []).map((q) => [q.id, q.competency])),
  } : undefined;
  const ctx: PracticeContext = { today, yesterday, day, timeZone, active, practice: practice!, reviews: progress.reviews ?? {} };
  const theory = input.theory ? theoryItem(input.theory, ctx) : undefined;
  const story = input.stories ? storyItem(input.stories, ctx) : undefined;
  return [
    ...due.slice(0, dueSlots), ...continuing.slice(0, continueSlots), ...newItems, ...(designSlots && design ? [design] : []),
    ...(theory ? [theory] : []), ...(story ? [story] : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Theory and behavioural items.

interface PracticeContext {
  today: DayKey;
  yesterday: DayKey;
  day: DayOf;
  timeZone?: string;
  /** The plan week, between the plan's first and last day. */
  active?: Omit<PlanStatus, 'done'>;
  practice: PracticeRecord;
  reviews: Readonly<Record<string, readonly CardReview[]>>;
}

/** Reviews made before `today` (the drill is chosen from the progress as it stood at the start of the day). */
function reviewsBefore(reviews: Readonly<Record<string, readonly CardReview[]>>, ids: Iterable<string>, today: DayKey, day: DayOf): Record<string, CardReview[]> {
  const out: Record<string, CardReview[]> = {};
  for (const id of ids) {
    const list = reviews[id]?.filter((r) => day(r.at) < today);
    if (list?.length) out[id] = list;
  }
  return out;
}

const reviewedOn = (reviews: readonly CardReview[] | undefined, today: DayKey, day: DayOf) => !!reviews?.some((r) => day(r.at) === today);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The theory block: the cards due today as the queue stood at the start of the day (FSRS due
 * dates from the reviews before today, plus the day's new cards, theoryQueue), so the block stays
 * the same while the user works through it; done when each was reviewed today (its new cards: when
 * as many new cards as it holds were first reviewed today, whichever they were). Undefined when
 * nothing is due. With a plan, the line says where the week's theory target stands.
 */
function theoryItem(theory: DrillTheory, ctx: PracticeContext): DrillItem | undefined {
  const { today, day } = ctx;
  const before = reviewsBefore(ctx.reviews, theory.cards.map((c) => c.id), today, day);
  const q = theoryQueue(theory.cards, before, { now: 0, today, newPerDay: theory.newPerDay, dayOf: day }, theory.scheduler ?? theoryScheduler());
  if (!q.due.length) return undefined;
  const cards = q.due.map((c) => c.id);
  // A review counts wherever it was made (card panel, drill, a full-loop round). The block's new
  // cards are interchangeable with any other new card: the day's new-card allowance is used up by
  // whichever cards were first reviewed today (a full-loop round picks its own), as theoryQueue does.
  const firstToday = theory.cards.filter((c) => !before[c.id] && reviewedOn(ctx.reviews[c.id], today, day)).length;
  const unreviewed = (id: string) => !reviewedOn(ctx.reviews[id], today, day);
  const newLeft = cards.filter((id) => !before[id] && unreviewed(id)).slice(0, Math.max(0, q.dueNew - firstToday));
  const left = cards.filter((id) => (before[id] ? unreviewed(id) : newLeft.includes(id)));
  const reviewed = cards.length - left.length;
  let why = `${plural(cards.length, 'card')} due today${q.dueNew ? ` (${q.dueNew} new)` : ''}`;
  if (reviewed) why += ` · ${reviewed} reviewed`;
  if (ctx.active && ctx.active.targets.theory) {
    const week = practiceDoneBetween(ctx.practice, ctx.active.weekStartDay, today, ctx.timeZone).theory;
    why += ` · ${week} of ${ctx.active.targets.theory} this week`;
  }
  return { id: 'theory:today', reason: q.dueNew === cards.length ? 'new' : 'review', kind: 'theory', why, done: !left.length, cards, reviewed, ...(left.length ? { cardId: left[0] } : {}) };
}

/**
 * The behavioural rehearsal, when one is wanted today (as of the start of the day):
 * - questions rehearsed before and due again (FSRS): the most overdue one;
 * - else, with a plan, when the week's rehearsals are behind pace (the target spread over its 7
 *   days, as design sessions are) or one of the week's competencies is not rehearsed yet from its
 *   2nd day: a question of that competency (the first not rehearsed this week), else of a
 *   competency no story covers, else any;
 * - else, without a plan, one a calendar week from Wednesday when none was made that week.
 * Done once rehearsed today (that question, that competency, or any).
 */
function storyItem(stories: DrillStories, ctx: PracticeContext): DrillItem | undefined {
  const { today, yesterday, day } = ctx;
  if (!stories.questions.length) return undefined;
  const before = reviewsBefore(ctx.reviews, stories.questions.map((q) => q.id), today, day);
  const scheduler = theoryScheduler();
  const due = stories.questions
    .filter((q) => before[q.id])
    .map((q) => ({ q, due: cardSchedule(before[q.id], scheduler).due! }))
    .filter((d) => day(d.due) <= today)
    .sort((a, b) => a.due - b.due || (a.q.id < b.q.id ? -1 : 1));
  const title = (id: string) => stories.competencies.find((c) => c.id === id)?.title ?? id;
  const withQuestions = new Set(stories.questions.map((q) => q.competency));
  const gap = stories.competencies.find((c) => !stories.covered.has(c.id) && withQuestions.has(c.id))?.id;
  const competencyOf = new Map(stories.questions.map((q) => [q.id, q.competency]));
  const rehearsedToday = (match: (id: string) => boolean) => stories.questions.some((q) => match(q.id) && reviewedOn(ctx.reviews[q.id], today, day));
  let pace = '';
  let focus: string | undefined;
  let wanted: boolean;
  if (ctx.active) {
    const t = ctx.active.targets;
    const week = practiceDoneBetween(ctx.practice, ctx.active.weekStartDay, yesterday, ctx.timeZone);
    const dayOfWeek = daysBetween(ctx.active.weekStartDay, today) + 1;
    focus = t.competencies.find((c) => !week.competencies.includes(c) && withQuestions.has(c));
    wanted = week.behavioural < Math.round((t.behavioural * dayOfWeek) / 7) || (focus !== undefined && dayOfWeek >= 2);
    if (t.behavioural) pace = ` · ${Math.min(t.behavioural, week.behavioural + 1)} of ${t.behavioural} this week`;
  } else {
    const monday = weekStart(today);
    const thisWeek = Object.values(before).some((list) => list.some((r) => day(r.at) >= monday));
    wanted = daysBetween(monday, today) >= 2 && !thisWeek;
  }
  if (due.length) {
    const q = due[0].q;
    const since = daysBetween(day(before[q.id][before[q.id].length - 1].at), today);
    const why = `${due.length > 1 ? `${due.length} rehearsals due` : 'Due again'}: ${title(q.competency)} · last rehearsed ${ago(since)}${pace}`;
    return { id: `story:${q.id}`, reason: 'rehearse', kind: 'story', why, done: rehearsedToday((id) => id === q.id), questionId: q.id, competency: q.competency };
  }
  if (!wanted) return undefined;
  const competency = focus ?? gap;
  const why = focus ? `Rehearse a question on ${title(focus)} — week ${ctx.active!.weekIndex + 1} focus${pace}`
    : gap ? `No story covers ${title(gap)} yet — rehearse one${pace}`
      : `Behavioural rehearsal${pace || ' — weekly practice'}`;
  return {
    id: `story:${competency ?? 'any'}`, reason: 'rehearse', kind: 'story', why,
    done: rehearsedToday((id) => competency === undefined || competencyOf.get(id) === competency),
    ...(competency ? { competency } : {}),
  };
}
