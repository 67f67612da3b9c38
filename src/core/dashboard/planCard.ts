// The dashboard's "This week's plan" card: the study plan's week with each target against what was
// done (coding with follow-up parts, design, mocks, theory reviews, behavioural rehearsals) and the
// week's competencies. Pure: built from a PlanStatus (src/core/plan/studyPlan.ts).
import { STUDY_PLANS, type ActivePlan, type PlanStatus } from '../plan/studyPlan';

export type PlanTargetKey = 'coding' | 'design' | 'mocks' | 'theory' | 'behavioural';

export interface PlanTargetRow {
  key: PlanTargetKey;
  label: string;
  done: number;
  target: number;
}

export interface PlanSummary {
  title: string;
  weeks: number;
  /** 0-based. */
  weekIndex: number;
  weekStartDay: string;
  weekEndDay: string;
  daysLeftInWeek: number;
  started: boolean;
  finished: boolean;
  /** What the week is for. */
  note: string;
  /** The week's targets with a target above 0, in this order: coding, design, mocks, theory, behavioural. */
  rows: PlanTargetRow[];
  /** The week's competencies, each with whether a question of it was rehearsed this week. */
  competencies: { id: string; title: string; done: boolean }[];
}

const LABELS: Record<PlanTargetKey, string> = {
  coding: 'Coding problems and follow-up parts passed',
  design: 'Design sessions',
  mocks: 'Mock interviews',
  theory: 'Theory cards reviewed',
  behavioural: 'Behavioural questions rehearsed',
};

/** The card's data; `competencyTitle` names a competency id (the bank's titles; the id when unknown). */
export function planSummary(plan: ActivePlan, status: PlanStatus, competencyTitle: (id: string) => string = (id) => id): PlanSummary {
  const t = status.targets;
  const keys: PlanTargetKey[] = ['coding', 'design', 'mocks', 'theory', 'behavioural'];
  return {
    title: STUDY_PLANS[plan.weeks].title,
    weeks: plan.weeks,
    weekIndex: status.weekIndex,
    weekStartDay: status.weekStartDay,
    weekEndDay: status.weekEndDay,
    daysLeftInWeek: status.daysLeftInWeek,
    started: status.started,
    finished: status.finished,
    note: t.note,
    rows: keys.filter((k) => t[k] > 0).map((key) => ({ key, label: LABELS[key], done: status.done[key], target: t[key] })),
    competencies: t.competencies.map((id) => ({ id, title: competencyTitle(id), done: status.done.competencies.includes(id) })),
  };
}

/**
 * The card's header counts, matching what the card shows: `met` of `targets` counts the target rows
 * (one meter each); the competency chips are counted apart (`rehearsed` of `competencies`), as they
 * are shown apart, under their own line.
 */
export function planCounts(plan: Pick<PlanSummary, 'rows' | 'competencies'>): { met: number; targets: number; rehearsed: number; competencies: number } {
  return {
    met: plan.rows.filter((r) => r.done >= r.target).length,
    targets: plan.rows.length,
    rehearsed: plan.competencies.filter((c) => c.done).length,
    competencies: plan.competencies.length,
  };
}
