// What Today's drill and the study plan's week need beyond the catalogue and the progress record:
// the theory deck (its card ids and today's new-card allowance) and the behavioural bank (its
// questions and competencies, and which competencies the user's stories cover). Read from the
// theory and story services when asked, so every view (tree, dashboard) computes the same thing.
import type { DrillStories, DrillTheory } from '../../core/plan/recommend';
import { planStatus, type PracticeRecord } from '../../core/plan/studyPlan';
import { planSummary, type PlanSummary } from '../../core/dashboard/planCard';
import { dayKey } from '../../core/plan/days';
import type { ProgressStore } from '../../adapters/progressStore';
import type { PlanStore } from './planStore';
import type { Progress } from '../../core/progress/progress';
import { deckCards } from '../../core/theory/types';
import type { StoryService } from '../stories/storyService';
import type { TheoryService } from '../theory/theoryService';

export interface PracticeSources {
  theory?: Pick<TheoryService, 'deck' | 'scheduler' | 'newCardsPerDay'>;
  stories?: Pick<StoryService, 'bank' | 'stories'>;
}

export interface PracticeInputs {
  theory?: DrillTheory;
  stories?: DrillStories & { titles: ReadonlyMap<string, string> };
  /** For planStatus: which reviews are theory and which rehearsals. */
  record: (progress: Progress) => PracticeRecord;
}

/** The drill's and the plan's theory and behavioural inputs; a source that fails to load is left out. */
export async function practiceInputs(src: PracticeSources): Promise<PracticeInputs> {
  const deck = await src.theory?.deck().catch(() => undefined);
  const cards = deck ? deckCards(deck) : [];
  const bank = await src.stories?.bank().catch(() => undefined);
  const stories = bank?.questions.length ? await src.stories!.stories().catch(() => []) : [];
  const theory: DrillTheory | undefined = cards.length
    ? { cards, newPerDay: src.theory!.newCardsPerDay(), scheduler: src.theory!.scheduler } : undefined;
  const storiesIn = bank?.questions.length ? {
    questions: bank.questions, competencies: bank.competencies,
    covered: new Set(stories.flatMap((s) => s.summary.competencies)),
    titles: new Map(bank.questions.map((q) => [q.id, q.question])),
  } : undefined;
  const cardIds = new Set(cards.map((c) => c.id));
  const questionCompetency = new Map((bank?.questions ?? []).map((q) => [q.id, q.competency]));
  return { theory, stories: storiesIn, record: (progress) => ({ reviews: progress.reviews, cardIds, questionCompetency }) };
}

/**
 * The dashboard's "This week's plan" card as of now, or undefined when no plan is followed. The
 * same week and counts as the Problems view's plan row (planStatus with the practice record).
 */
export async function currentPlanSummary(
  plans: Pick<PlanStore, 'get'>, progress: Pick<ProgressStore, 'get'>, src: PracticeSources, now: number = Date.now(),
): Promise<PlanSummary | undefined> {
  const plan = plans.get();
  if (!plan) return undefined;
  const practice = await practiceInputs(src);
  const p = progress.get();
  const status = planStatus(plan, p.history ?? [], dayKey(now), undefined, practice.record(p));
  const bank = await src.stories?.bank().catch(() => undefined);
  const titles = new Map((bank?.competencies ?? []).map((c) => [c.id, c.title]));
  return planSummary(plan, status, (id) => titles.get(id) ?? id);
}
