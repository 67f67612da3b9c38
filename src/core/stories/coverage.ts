// Which competencies and company values the user's stories cover (the dashboard's coverage view)
// and which question to rehearse next. Pure: stories and reviews come in as data.
import type { FSRS } from 'ts-fsrs';
import type { CardReview } from '../progress/progress';
import type { DayKey } from '../plan/days';
import { cardSchedule } from '../theory/schedule';
import type { BehaviouralQuestion, QuestionBank } from './types';

/** A story as the coverage needs it (from its front matter). */
export interface StorySummary {
  /** Workspace-relative path, for display and as a key. */
  path: string;
  title: string;
  competencies: string[];
  /** Whether the checker found nothing to fix. */
  clean: boolean;
}

export interface StoryCoverage {
  stories: { path: string; title: string; clean: boolean }[];
  /** Per competency of the bank (bank order): the indexes into `stories` tagged with it, and how many questions ask about it. */
  competencies: { id: string; title: string; stories: number[]; questions: number }[];
  /** Per value set: each value with the competencies its questions test and whether a story covers one of them. */
  valueSets: { id: string; title: string; values: { id: string; name: string; covered: boolean }[] }[];
  /** Competency ids with no story. */
  gaps: string[];
  /** Rehearsals of the bank's questions (added by the host: rehearsalSummary). */
  rehearsals?: RehearsalSummary;
}

export interface RehearsalSummary {
  /** Questions rehearsed at least once. */
  rehearsed: number;
  /** Of those, due today or earlier. */
  dueToday: number;
  /** Rehearsals made today. */
  today: number;
}

/** How many questions were rehearsed, are due (FSRS over their reviews) and were rehearsed today. Reviews of other ids are ignored. */
export function rehearsalSummary(
  questions: readonly BehaviouralQuestion[], reviews: Readonly<Record<string, readonly CardReview[]>> | undefined,
  o: Pick<RehearsalPickOptions, 'now' | 'dayOf' | 'scheduler'>,
): RehearsalSummary {
  const today = o.dayOf(o.now);
  const out = { rehearsed: 0, dueToday: 0, today: 0 };
  for (const q of questions) {
    const own = reviews?.[q.id];
    if (!own?.length) continue;
    out.rehearsed++;
    out.today += own.filter((r) => o.dayOf(r.at) === today).length;
    if (o.dayOf(cardSchedule(own, o.scheduler).due!) <= today) out.dueToday++;
  }
  return out;
}

/**
 * Coverage of `bank` by `stories`: a competency is covered by the stories tagged with it; a company
 * value is covered when some story is tagged with the competency of one of the value's questions.
 * Stories' unknown competency ids are ignored (the checker reports them).
 */
export function storyCoverage(bank: Pick<QuestionBank, 'competencies' | 'questions' | 'valueSets'>, stories: readonly StorySummary[]): StoryCoverage {
  const sorted = [...stories].sort((a, b) => a.title.localeCompare(b.title) || a.path.localeCompare(b.path));
  const competencies = bank.competencies.map((c) => ({
    id: c.id, title: c.title,
    stories: sorted.flatMap((s, i) => (s.competencies.includes(c.id) ? [i] : [])),
    questions: bank.questions.filter((q) => q.competency === c.id).length,
  }));
  const covered = new Set(competencies.filter((c) => c.stories.length).map((c) => c.id));
  const competencyOf = new Map(bank.questions.map((q) => [q.id, q.competency]));
  return {
    stories: sorted.map((s) => ({ path: s.path, title: s.title, clean: s.clean })),
    competencies,
    valueSets: bank.valueSets.map((vs) => ({
      id: vs.id, title: vs.title,
      values: vs.values.map((v) => ({ id: v.id, name: v.name, covered: v.questions.some((q) => covered.has(competencyOf.get(q) ?? '')) })),
    })),
    gaps: competencies.filter((c) => !c.stories.length).map((c) => c.id),
  };
}

export interface RehearsalPickOptions {
  now: number;
  dayOf: (ms: number) => DayKey;
  /** A number in [0, 1) (Math.random in the extension; fixed in tests). */
  random: () => number;
  scheduler: FSRS;
}

export type RehearsalReason = 'due' | 'uncovered' | 'new' | 'any';

/**
 * The question to rehearse: at random among the first non-empty tier of (1) questions rehearsed
 * before and due today or earlier (FSRS over their reviews), (2) never-rehearsed questions of a
 * competency no story covers, (3) never-rehearsed questions, (4) all questions. Undefined for an
 * empty bank.
 */
export function pickRehearsalQuestion(
  questions: readonly BehaviouralQuestion[], reviews: Readonly<Record<string, readonly CardReview[]>> | undefined,
  coveredCompetencies: ReadonlySet<string>, o: RehearsalPickOptions,
): { question: BehaviouralQuestion; reason: RehearsalReason } | undefined {
  const today = o.dayOf(o.now);
  const due: BehaviouralQuestion[] = [];
  const fresh: BehaviouralQuestion[] = [];
  for (const q of questions) {
    const own = reviews?.[q.id];
    if (!own?.length) fresh.push(q);
    else if (o.dayOf(cardSchedule(own, o.scheduler).due!) <= today) due.push(q);
  }
  const tiers: [RehearsalReason, readonly BehaviouralQuestion[]][] = [
    ['due', due], ['uncovered', fresh.filter((q) => !coveredCompetencies.has(q.competency))], ['new', fresh], ['any', questions],
  ];
  for (const [reason, list] of tiers) {
    if (list.length) return { question: list[Math.min(list.length - 1, Math.floor(o.random() * list.length))], reason };
  }
  return undefined;
}
