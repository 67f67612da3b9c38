// 4-, 8- and 12-week interview-prep plans, and where the user stands in the one they picked.
// Plan weeks run from the plan's start day (a plan started on a Thursday has Thursday-to-Wednesday
// weeks), counted in calendar days of the user's time zone.
import type { CodingCategory, Difficulty } from '../catalog/types';
import type { ActivityEvent, CardReview } from '../progress/progress';
import { addDays, dayKey, daysBetween, type DayKey } from './days';

/** The plan lengths on offer, in weeks. */
export const PLAN_LENGTHS = [4, 8, 12] as const;
/** A plan length in weeks. */
export type PlanLength = (typeof PLAN_LENGTHS)[number];
/** Type guard for a stored or user-picked plan length. */
export const isPlanLength = (v: unknown): v is PlanLength => v === 4 || v === 8 || v === 12;

/** What one plan week asks for. */
export interface WeekTargets {
  /** Distinct coding problems to pass this week (see PlanStatus.done). */
  coding: number;
  /** Design sessions to complete this week. */
  design: number;
  /** Full mock interviews (coding + design back to back) to run this week. */
  mocks: number;
  /** Theory-card reviews to make this week (a card reviewed on a day counts once that day). */
  theory: number;
  /** Behavioural questions to rehearse this week (a question rehearsed on a day counts once that day). */
  behavioural: number;
  /** Behavioural competencies (question-bank ids) to rehearse at least one question of this week. */
  competencies: readonly string[];
  /** Coding categories the week concentrates on; Today's drill picks new problems from these first. */
  focus: readonly CodingCategory[];
  /** Coding difficulties the week is pitched at, easiest first. */
  difficulties: readonly Difficulty[];
  /** One line for the user: what the week is for. */
  note: string;
}

/** A whole plan. */
export interface StudyPlan {
  weeks: PlanLength;
  title: string;
  /** One sentence: who the plan is for. */
  summary: string;
  /** One entry per week, `weeks` long. */
  schedule: readonly WeekTargets[];
}

const ALL: readonly CodingCategory[] = ['ml-algorithms', 'metrics', 'data-manipulation', 'production', 'llm'];
/** `practice`: [theory reviews, behavioural rehearsals, competencies to cover] of the week. */
const week = (
  coding: number, design: number, focus: readonly CodingCategory[], difficulties: readonly Difficulty[], note: string, mocks: number,
  practice: readonly [number, number, readonly string[]],
): WeekTargets => ({ coding, design, mocks, theory: practice[0], behavioural: practice[1], competencies: practice[2], focus, difficulties, note });

/** The built-in plans, by length. */
export const STUDY_PLANS: Readonly<Record<PlanLength, StudyPlan>> = {
  4: {
    weeks: 4,
    title: '4-week crash course',
    summary: 'An interview is close: the most-asked algorithms and metrics first, a design round, theory cards and behavioural stories every week, mocks at the end.',
    schedule: [
      week(8, 1, ['ml-algorithms', 'metrics'], ['easy', 'medium'], 'Core ML algorithms and metrics from scratch; one design round to learn the six-section framework.', 0, [40, 3, ['ownership', 'failure']]),
      week(8, 2, ['ml-algorithms', 'metrics', 'data-manipulation'], ['medium'], 'Harder algorithms, ranking metrics and pandas feature work; design twice, watch the clock.', 0, [50, 4, ['conflict', 'ambiguity']]),
      week(7, 2, ['data-manipulation', 'production'], ['medium', 'hard'], 'Production-style code (streams, numerics, rate limits) and leakage-free data prep.', 0, [50, 4, ['influence', 'cross-team']]),
      week(5, 2, ALL, ['medium', 'hard'], 'Mock interviews under the clock; review what you solved slowly or with the reference.', 2, [40, 5, ['ml-ethics']]),
    ],
  },
  8: {
    weeks: 8,
    title: '8-week plan',
    summary: 'Two months of steady practice: each area in turn, design, theory cards and one behavioural competency a week from the start, two weeks of mocks and review.',
    schedule: [
      week(5, 1, ['ml-algorithms'], ['easy', 'medium'], 'Warm up on classic algorithms: regression, k-means, softmax.', 0, [30, 2, ['ownership']]),
      week(5, 1, ['metrics'], ['easy', 'medium'], 'Classification and ranking metrics, splits and cross-validation.', 0, [30, 2, ['failure']]),
      week(5, 1, ['ml-algorithms', 'metrics'], ['medium'], 'Neural-net building blocks and calibration; explain complexity as you code.', 0, [35, 2, ['conflict']]),
      week(5, 1, ['data-manipulation'], ['easy', 'medium'], 'pandas: joins, windows, sessionisation, point-in-time correctness.', 0, [35, 2, ['ambiguity']]),
      week(5, 2, ['data-manipulation', 'production'], ['medium'], 'Feature pipelines and production code; two design rounds, one on a harder prompt.', 0, [35, 3, ['influence']]),
      week(5, 2, ['llm', 'production'], ['medium', 'hard'], 'LLM internals (attention, KV cache, sampling, tokenisation) and numerically stable, streaming production code.', 0, [35, 3, ['cross-team']]),
      week(4, 2, ALL, ['medium', 'hard'], 'Mixed hard practice and a first full mock interview.', 1, [35, 4, ['ml-ethics']]),
      week(3, 2, ALL, ['medium', 'hard'], 'Mocks and spaced review; rest the day before the interview.', 2, [30, 4, []]),
    ],
  },
  12: {
    weeks: 12,
    title: '12-week plan',
    summary: 'A relaxed quarter alongside a job: a few problems a week, one area at a time, design and a few theory cards every week, a behavioural competency most weeks.',
    schedule: [
      week(3, 1, ['ml-algorithms'], ['easy'], 'Get going: easy algorithms, and read the design framework once.', 0, [15, 1, []]),
      week(4, 1, ['ml-algorithms'], ['easy', 'medium'], 'Classic models from scratch.', 0, [20, 1, ['ownership']]),
      week(4, 1, ['metrics'], ['easy', 'medium'], 'Metrics and evaluation splits.', 0, [20, 1, ['failure']]),
      week(4, 1, ['metrics', 'ml-algorithms'], ['medium'], 'Ranking metrics and neural-net layers.', 0, [20, 2, ['conflict']]),
      week(4, 1, ['data-manipulation'], ['easy', 'medium'], 'pandas fundamentals: groupby, joins, windows.', 0, [20, 2, ['ambiguity']]),
      week(4, 1, ['data-manipulation'], ['medium'], 'Leakage-free features: point-in-time joins, target encoding.', 0, [25, 2, ['influence']]),
      week(4, 1, ['production'], ['easy', 'medium'], 'Production code: streams, sampling, robust loading.', 0, [25, 2, ['cross-team']]),
      week(4, 2, ['production'], ['medium', 'hard'], 'Harder production problems; two design rounds.', 0, [25, 2, ['ml-ethics']]),
      week(4, 2, ['llm'], ['easy', 'medium', 'hard'], 'LLM & GenAI internals: attention and its KV cache, RoPE, sampling, BPE, LoRA, quantisation, retrieval.', 0, [25, 2, []]),
      week(4, 2, ['data-manipulation', 'production'], ['medium', 'hard'], 'Hard data and production problems.', 0, [25, 3, []]),
      week(3, 2, ALL, ['medium', 'hard'], 'Mixed practice and a first mock interview.', 1, [25, 3, []]),
      week(3, 2, ALL, ['medium', 'hard'], 'Mock interviews and spaced review.', 2, [25, 4, []]),
    ],
  },
};

/** The plan the user picked: its length and the day its first week begins. */
export interface ActivePlan {
  weeks: PlanLength;
  startDay: DayKey;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Validates a stored ActivePlan (from globalState); undefined when it cannot be trusted. */
export function parseActivePlan(raw: unknown): ActivePlan | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!isPlanLength(r.weeks) || typeof r.startDay !== 'string' || !DAY_PATTERN.test(r.startDay)) return undefined;
  // Rejects 2026-02-31 and the like: a real day survives a round trip.
  if (addDays(r.startDay, 0) !== r.startDay) return undefined;
  return { weeks: r.weeks, startDay: r.startDay };
}

/** The last day of the plan (inclusive). */
export const planEndDay = (plan: ActivePlan): DayKey => addDays(plan.startDay, plan.weeks * 7 - 1);

/** Where the user stands in the plan on `today`. */
export interface PlanStatus {
  /** 0-based plan week, clamped to the plan: 0 before it starts, the last week after it ends. */
  weekIndex: number;
  /** First day of that plan week. */
  weekStartDay: DayKey;
  /** Last day of that plan week (inclusive). */
  weekEndDay: DayKey;
  targets: WeekTargets;
  /**
   * Done in that plan week (days weekStartDay … weekEndDay in the user's time zone):
   * - coding: distinct problems with a fully passing hidden-test run that week, whether first
   *   solves or reviews of problems solved before (a 'solve' event, or a 'run' with
   *   passed === total > 0), re-running one problem counting once; plus each follow-up part
   *   (contract F) first passed that week. A run that passed a follow-up part does not count
   *   the problem again (solving part 1 and part 2 in one week counts 2).
   * - design: design sessions completed that week (each session counts, also the same prompt twice).
   * - mocks: mock interviews finished that week.
   * - theory, behavioural, competencies: see PracticeDone (0 and [] without a PracticeRecord).
   */
  done: { coding: number; design: number; mocks: number } & PracticeDone;
  /** today is on or after startDay. */
  started: boolean;
  /** today is after the plan's last day. */
  finished: boolean;
  /** Days left in the plan week including today (7 on its first day, 1 on its last); 7 before the start, 0 after the end. */
  daysLeftInWeek: number;
}

const passing = (e: ActivityEvent) => e.kind === 'solve' || (e.kind === 'run' && e.total !== undefined && e.total > 0 && e.passed === e.total);

/**
 * Coding problems and follow-up parts passed, design sessions and mocks completed from `from` to
 * `to` (inclusive) in `timeZone` (PlanStatus.done says how each counts).
 */
export function doneBetween(history: readonly ActivityEvent[], from: DayKey, to: DayKey, timeZone?: string): { coding: number; design: number; mocks: number } {
  const solved = new Set<string>();
  const passed = new Set<string>();
  const parts = new Set<string>();
  let design = 0;
  let mocks = 0;
  for (const e of history) {
    if (e.kind !== 'design' && e.kind !== 'mock' && e.kind !== 'part' && !passing(e)) continue;
    const d = dayKey(e.at, timeZone);
    if (d < from || d > to) continue;
    if (e.kind === 'design') design++;
    else if (e.kind === 'mock') mocks++;
    else if (e.kind === 'part') parts.add(`${e.id}#${e.part}`);
    else if (e.kind === 'solve') solved.add(e.id);
    else passed.add(e.id);
  }
  const withParts = new Set([...parts].map((k) => k.slice(0, k.lastIndexOf('#'))));
  // A passing run counts its problem (a review) unless that week's passes came with a new part.
  let coding = solved.size + parts.size;
  for (const id of passed) if (!solved.has(id) && !withParts.has(id)) coding++;
  return { coding, design, mocks };
}

/** Theory reviews and behavioural rehearsals, for the plan's practice targets. */
export interface PracticeRecord {
  /** Progress.reviews: every review by id (theory cards and behavioural questions share it). */
  reviews?: Readonly<Record<string, readonly CardReview[]>>;
  /** Ids of the theory deck's cards: their reviews count as theory. */
  cardIds: ReadonlySet<string>;
  /** Behavioural question id -> its competency: their reviews count as rehearsals. Reviews of other ids are ignored. */
  questionCompetency: ReadonlyMap<string, string>;
}

/** Theory and behavioural practice done in a range of days. */
export interface PracticeDone {
  /** Theory cards reviewed, counted once per card and day. */
  theory: number;
  /** Behavioural questions rehearsed, counted once per question and day. */
  behavioural: number;
  /** Competencies with at least one question rehearsed, sorted. */
  competencies: string[];
}

/** Theory reviews and rehearsals from `from` to `to` (inclusive, days in `timeZone`). */
export function practiceDoneBetween(practice: PracticeRecord | undefined, from: DayKey, to: DayKey, timeZone?: string): PracticeDone {
  const theory = new Set<string>();
  const rehearsed = new Set<string>();
  const competencies = new Set<string>();
  for (const [id, list] of Object.entries(practice?.reviews ?? {})) {
    const competency = practice!.questionCompetency.get(id);
    const isCard = practice!.cardIds.has(id);
    if (!isCard && competency === undefined) continue;
    for (const r of list) {
      const d = dayKey(r.at, timeZone);
      if (d < from || d > to) continue;
      if (isCard) theory.add(`${id}|${d}`);
      else {
        rehearsed.add(`${id}|${d}`);
        competencies.add(competency!);
      }
    }
  }
  return { theory: theory.size, behavioural: rehearsed.size, competencies: [...competencies].sort() };
}

/** Whether every target of the week is met (competencies: each one rehearsed). */
export function weekComplete(status: Pick<PlanStatus, 'targets' | 'done'>): boolean {
  const { targets: t, done: d } = status;
  return d.coding >= t.coding && d.design >= t.design && d.mocks >= t.mocks && d.theory >= t.theory && d.behavioural >= t.behavioural
    && t.competencies.every((c) => d.competencies.includes(c));
}

/** The plan week of `today` and its targets, without what was done (no history needed). */
export function planWeek(plan: ActivePlan, today: DayKey): Omit<PlanStatus, 'done'> {
  const schedule = STUDY_PLANS[plan.weeks].schedule;
  const offset = daysBetween(plan.startDay, today);
  const started = offset >= 0;
  const finished = offset >= plan.weeks * 7;
  const weekIndex = Math.min(plan.weeks - 1, Math.max(0, Math.floor(offset / 7)));
  const weekStartDay = addDays(plan.startDay, weekIndex * 7);
  return {
    weekIndex,
    weekStartDay,
    weekEndDay: addDays(weekStartDay, 6),
    targets: schedule[weekIndex],
    started,
    finished,
    daysLeftInWeek: !started ? 7 : finished ? 0 : 7 - (offset - weekIndex * 7),
  };
}

/**
 * The plan week of `today`, its targets and what was done in it. `practice` (theory reviews and
 * rehearsals with the ids that tell them apart) fills done.theory / behavioural / competencies.
 */
export function planStatus(plan: ActivePlan, history: readonly ActivityEvent[], today: DayKey, timeZone?: string, practice?: PracticeRecord): PlanStatus {
  const week = planWeek(plan, today);
  return {
    ...week,
    done: { ...doneBetween(history, week.weekStartDay, week.weekEndDay, timeZone), ...practiceDoneBetween(practice, week.weekStartDay, week.weekEndDay, timeZone) },
  };
}
