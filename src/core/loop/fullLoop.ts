// The full-loop mock (issue 13): a company style and a level give a loop of timed rounds (coding,
// ML fundamentals, ML system design, behavioural) run back to back with breaks between them, then
// a hiring-committee report (./loopReport.ts). Here: the company styles, the loop builder (which
// problem, prompt, cards and questions, chosen deterministically from a seed, unseen ones first),
// and the loop's state machine over wall-clock timestamps (readings are derived from stored times
// and `now`, so they are right after a reload; overtime is allowed and reported; nothing
// auto-advances), plus the lease that lets only one window drive a loop.
import type { Difficulty } from '../catalog/types';
import { LEVELS, isMockLevel, type CodingResult, type DesignResult, type MockLevel } from '../plan/mockInterview';
import { seededRandom } from '../plan/recommend';
import { problemState, type CardReview, type Progress } from '../progress/progress';
import type { ListedProblem } from '../tree/problemList';

// ---------------------------------------------------------------------------------------------
// Company styles.

export const COMPANY_IDS = ['google', 'meta', 'amazon', 'apple', 'microsoft', 'startup'] as const;
export type CompanyId = (typeof COMPANY_IDS)[number];
export const isCompanyId = (v: unknown): v is CompanyId => typeof v === 'string' && (COMPANY_IDS as readonly string[]).includes(v);

export const ROUND_KINDS = ['coding', 'fundamentals', 'design', 'behavioural'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** How a company runs its loop (a style drawn from public interview guides, not any company's own process). */
export interface CompanyStyle {
  id: CompanyId;
  /** "Google". */
  label: string;
  /** One line for the picker: what the style stresses. */
  summary: string;
  /** The rounds in order. */
  order: readonly RoundKind[];
  /** Round titles where the style names them differently ("ML product sense", "Bar raiser"). */
  titles: Partial<Record<RoundKind, string>>;
  /** Who decides, for the report ("Hiring committee", "Debrief with the bar raiser"). */
  committee: string;
  /** Coding categories the style prefers (empty: any). */
  codingCategories: readonly string[];
  /** Design tags the style prefers (any one; empty: any). */
  designTags: readonly string[];
  /** Theory topics the style prefers. */
  topics: readonly string[];
  /** The behavioural value set (questions.yaml valueSets id), when the company has one in the bank. */
  valueSet?: string;
  /** Competencies to draw behavioural questions from otherwise (and after the value set's). */
  competencies: readonly string[];
  /** Extra cards and questions over the level's base (a heavier round). */
  extraCards: number;
  extraQuestions: number;
  /** Coding minutes instead of the level's (a take-home style round). */
  codingMinutes?: number;
  /** The round the style weighs most: below the bar there caps the recommendation at "Lean no hire". */
  decisive: readonly RoundKind[];
  /** The round whose interviewer can veto (Amazon's bar raiser): below the bar there means "No hire". */
  veto?: RoundKind;
  /** One sentence for the report on how the style weighs the rounds. */
  weighs: string;
}

export const COMPANIES: Readonly<Record<CompanyId, CompanyStyle>> = {
  google: {
    id: 'google', label: 'Google', summary: 'Coding quality and CS/ML fundamentals; a hiring committee reads the packet.',
    order: ['coding', 'fundamentals', 'design', 'behavioural'], titles: { behavioural: 'Googleyness and leadership' },
    committee: 'Hiring committee', codingCategories: ['ml-algorithms', 'metrics'], designTags: ['search', 'ranking', 'recommendations', 'llm'],
    topics: ['optimisation', 'bias-variance', 'regularisation', 'probability-statistics', 'neural-networks', 'classification-metrics', 'transformers'],
    valueSet: 'google-googleyness', competencies: ['ambiguity', 'conflict', 'failure'], extraCards: 2, extraQuestions: 0,
    decisive: ['coding', 'fundamentals'], weighs: 'The committee reads every interviewer’s notes; weak coding or fundamentals is hard to outweigh.',
  },
  meta: {
    id: 'meta', label: 'Meta', summary: 'Product-tied ML: an ML product-sense design round, metrics and experiments.',
    order: ['coding', 'design', 'fundamentals', 'behavioural'], titles: { design: 'ML product sense and system design' },
    committee: 'Hiring committee', codingCategories: ['ml-algorithms', 'metrics', 'data-manipulation'],
    designTags: ['ranking', 'recommendations', 'ads', 'ctr-prediction', 'integrity', 'feed'],
    topics: ['ab-testing', 'classification-metrics', 'production-ml', 'class-imbalance', 'trees-ensembles'],
    valueSet: 'meta-values', competencies: ['customer', 'influence', 'cross-team'], extraCards: 0, extraQuestions: 0,
    decisive: ['design'], weighs: 'The product-sense round decides: a model nobody can tie to a product metric does not pass.',
  },
  amazon: {
    id: 'amazon', label: 'Amazon', summary: 'Leadership Principles in every answer; a bar raiser can veto.',
    order: ['behavioural', 'coding', 'design', 'fundamentals'], titles: { behavioural: 'Bar raiser: Leadership Principles' },
    committee: 'Debrief with the bar raiser', codingCategories: [], designTags: ['recommendations', 'search', 'fraud', 'ranking', 'forecasting'],
    topics: ['production-ml', 'ab-testing', 'class-imbalance', 'trees-ensembles', 'classification-metrics'],
    valueSet: 'amazon-leadership-principles', competencies: ['ownership', 'customer', 'failure'], extraCards: 0, extraQuestions: 1,
    decisive: ['behavioural'], veto: 'behavioural', weighs: 'Every answer is scored against the Leadership Principles; the bar raiser can veto a hire alone.',
  },
  apple: {
    id: 'apple', label: 'Apple', summary: 'Domain depth: deep fundamentals, on-device ML, efficiency and privacy.',
    order: ['fundamentals', 'coding', 'design', 'behavioural'], titles: { fundamentals: 'Domain depth: ML fundamentals' },
    committee: 'Hiring manager and team debrief', codingCategories: ['ml-algorithms', 'llm'], designTags: ['privacy', 'multimodal', 'embeddings', 'kv-cache', 'quantization', 'inference'],
    topics: ['neural-networks', 'llm-inference', 'transformers', 'optimisation', 'regularisation'],
    competencies: ['ml-ethics', 'ownership', 'customer'], extraCards: 2, extraQuestions: 0,
    decisive: ['fundamentals'], weighs: 'The team hires for depth in its domain: shallow fundamentals are not made up by breadth.',
  },
  microsoft: {
    id: 'microsoft', label: 'Microsoft', summary: 'Balanced rounds: coding, fundamentals, design and behavioural weigh alike.',
    order: ['coding', 'fundamentals', 'design', 'behavioural'], titles: {},
    committee: 'Interview team debrief (the as-appropriate interviewer decides)', codingCategories: [], designTags: [],
    topics: [], competencies: ['cross-team', 'failure', 'mentoring', 'customer'], extraCards: 0, extraQuestions: 0,
    decisive: [], weighs: 'Rounds weigh alike; growth mindset (what you learned) counts in every behavioural answer.',
  },
  startup: {
    id: 'startup', label: 'A startup', summary: 'Practical: a take-home style coding round, shipping-focused design, ownership.',
    order: ['coding', 'design', 'behavioural', 'fundamentals'], titles: { coding: 'Take-home style coding' },
    committee: 'Founders’ debrief', codingCategories: ['production', 'data-manipulation'], designTags: ['mlops', 'llm', 'rag', 'caching', 'cost'],
    topics: ['production-ml', 'llm-inference', 'rag', 'llm-evaluation'], competencies: ['ownership', 'ambiguity', 'prioritisation'],
    extraCards: -2, extraQuestions: 0, codingMinutes: 90,
    decisive: ['coding'], weighs: 'Working, shippable code decides; fundamentals matter only as far as they show in the work.',
  },
};

/** Plain round titles. */
export const ROUND_TITLES: Readonly<Record<RoundKind, string>> = {
  coding: 'Coding', fundamentals: 'ML fundamentals', design: 'ML system design', behavioural: 'Behavioural',
};

/** Per level: the fundamentals and behavioural rounds, and the break between rounds. */
export interface LoopLevelSpec {
  cards: number;
  fundamentalsMinutes: number;
  questions: number;
  behaviouralMinutes: number;
  breakMinutes: number;
  /** Share of key points hit over the round's cards that meets the bar. */
  pointsBar: number;
  /** Average behavioural score (1-4) that meets the bar. */
  behaviouralBar: number;
  fundamentalsRubric: string;
  behaviouralRubric: string;
}

export const LOOP_LEVELS: Readonly<Record<MockLevel, LoopLevelSpec>> = {
  L3: {
    cards: 6, fundamentalsMinutes: 15, questions: 2, behaviouralMinutes: 15, breakMinutes: 5, pointsBar: 0.5, behaviouralBar: 2.5,
    fundamentalsRubric: 'L3: the definitions and the standard reasoning, with some prompting on trade-offs.',
    behaviouralRubric: 'L3: clear STAR stories about own tasks; says “I”; learns from feedback.',
  },
  L4: {
    cards: 6, fundamentalsMinutes: 15, questions: 3, behaviouralMinutes: 20, breakMinutes: 5, pointsBar: 0.6, behaviouralBar: 2.75,
    fundamentalsRubric: 'L4: correct, complete answers including when a method fails, without prompting.',
    behaviouralRubric: 'L4: owns a feature end to end; quantified results; handles disagreement with data.',
  },
  L5: {
    cards: 8, fundamentalsMinutes: 20, questions: 3, behaviouralMinutes: 25, breakMinutes: 10, pointsBar: 0.7, behaviouralBar: 3,
    fundamentalsRubric: 'L5: precise answers with the why, the failure modes and what you would check in practice.',
    behaviouralRubric: 'L5: decisions with their reasoning and trade-offs, measured outcomes, influence beyond the team.',
  },
  L6: {
    cards: 8, fundamentalsMinutes: 20, questions: 4, behaviouralMinutes: 30, breakMinutes: 10, pointsBar: 0.75, behaviouralBar: 3.25,
    fundamentalsRubric: 'L6: depth across the stack, connecting the theory to system and organisational consequences.',
    behaviouralRubric: 'L6: sets direction across teams, owns ambiguous multi-quarter outcomes, grows others; every story has a decision and numbers.',
  },
};

/**
 * The level picker's second line: what the fundamentals and behavioural interviewers expect at
 * `level`, each named ("Fundamentals: … Behavioural: …"), so two rubrics never run together as one
 * sentence.
 */
export function levelExpectations(level: MockLevel): string {
  const x = LOOP_LEVELS[level];
  const bare = (r: string) => r.replace(/^L\d: /, '');
  return `Fundamentals: ${bare(x.fundamentalsRubric)} Behavioural: ${bare(x.behaviouralRubric)}`;
}

// ---------------------------------------------------------------------------------------------
// The plan.

export interface BehaviouralPick {
  questionId: string;
  /** The company value it is asked for ("Customer Obsession"), when the style has a value set. */
  value?: string;
}

export type RoundPlan =
  | { kind: 'coding'; title: string; minutes: number; problemId: string }
  | { kind: 'fundamentals'; title: string; minutes: number; cardIds: string[] }
  | { kind: 'design'; title: string; minutes: number; promptId: string }
  | { kind: 'behavioural'; title: string; minutes: number; questions: BehaviouralPick[] };

export interface LoopPlan {
  company: CompanyId;
  level: MockLevel;
  rounds: RoundPlan[];
  /** Break offered after each round but the last, minutes. */
  breakMinutes: number;
}

/** The card fields the builder needs. */
export interface LoopCard {
  id: string;
  topic: string;
  level: MockLevel;
}

/** The bank fields the builder needs. */
export interface LoopBank {
  questions: readonly { id: string; competency: string; level?: MockLevel }[];
  valueSets: readonly { id: string; values: readonly { name: string; questions: readonly string[] }[] }[];
}

export interface BuildLoopInput {
  company: CompanyId;
  level: MockLevel;
  /** Coding problems and design prompts. */
  problems: readonly ListedProblem[];
  cards: readonly LoopCard[];
  bank: LoopBank;
  progress: Progress;
  /** e.g. the start time: the same seed gives the same loop. */
  seed: string;
}

const rank = (l: MockLevel) => ['L3', 'L4', 'L5', 'L6'].indexOf(l);
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Shuffles `xs` (a copy, sorted by id first so the catalogue's order does not matter) with `rand`. */
function shuffled<T extends { id: string }>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs].sort(byId);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The first non-empty tier's first element after shuffling it. */
function firstOf<T extends { id: string }>(tiers: T[][], rand: () => number): T | undefined {
  const t = tiers.find((x) => x.length);
  return t && shuffled(t, rand)[0];
}

/** Whether the user has not yet got a card right: never reviewed, or last rated Again/Hard. */
export function cardUnlearnt(reviews: readonly CardReview[] | undefined): boolean {
  if (!reviews?.length) return true;
  const last = [...reviews].sort((a, b) => a.at - b.at)[reviews.length - 1];
  return last.rating <= 2;
}

/**
 * Builds the loop for a company style and a level, deterministically by `seed`:
 * - coding: an unsolved coding problem of the level's difficulties, never-run ones first, the
 *   style's categories (and problems naming the company) first;
 * - fundamentals: the level's number of cards (plus the style's extra) of the level or below, the
 *   style's topics and cards not yet learnt first, at most two per topic while others remain;
 * - design: a prompt of the level's difficulties, never-practised ones first (the style's tags first among them);
 * - behavioural: questions of the company's value set, one per value (or of its competencies),
 *   never-rehearsed ones first.
 * Rounds in the style's order; minutes from the level (mock interview levels) and LOOP_LEVELS.
 * An error for the user when a pool is empty.
 */
export function buildLoop(input: BuildLoopInput): LoopPlan | { error: string } {
  const style = COMPANIES[input.company];
  const spec = LEVELS[input.level];
  const loopSpec = LOOP_LEVELS[input.level];
  const rand = seededRandom(`loop|${input.company}|${input.level}|${input.seed}`);
  const state = (p: ListedProblem) => problemState(input.progress.problems[p.id]);

  // Coding.
  const coding = input.problems.filter((p) => p.kind === 'coding' && spec.codingDifficulties.includes(p.difficulty) && state(p) !== 'solved');
  const named = (p: ListedProblem) => p.companies.some((c) => c.toLowerCase() === style.label.toLowerCase());
  const preferredCoding = (p: ListedProblem) => named(p) || style.codingCategories.includes(p.category);
  const isNew = (p: ListedProblem) => state(p) === 'new';
  const problem = firstOf([
    coding.filter((p) => preferredCoding(p) && isNew(p)), coding.filter(preferredCoding), coding.filter(isNew), coding,
  ], rand);
  if (!problem) return { error: `No unsolved ${spec.codingDifficulties.join(' or ')} coding problem left for ${spec.label}: pick another level or reset a problem.` };

  // Design.
  const levelDesign = (d: readonly Difficulty[]) => input.problems.filter((p) => p.kind === 'design' && d.includes(p.difficulty));
  const design = levelDesign(spec.designDifficulties);
  const anyDesign = input.problems.filter((p) => p.kind === 'design');
  const fresh = (p: ListedProblem) => !input.progress.problems[p.id]?.sessions;
  const preferredDesign = (p: ListedProblem) => named(p) || p.tags.some((t) => style.designTags.includes(t));
  const prompt = firstOf([
    design.filter((p) => preferredDesign(p) && fresh(p)), design.filter(fresh), design.filter(preferredDesign), design, anyDesign,
  ], rand);
  if (!prompt) return { error: 'No system-design prompt in the catalogue.' };

  // Fundamentals.
  const cardCount = Math.max(3, loopSpec.cards + style.extraCards);
  const eligible = input.cards.filter((c) => rank(c.level) <= rank(input.level));
  const unlearnt = (c: LoopCard) => cardUnlearnt(input.progress.reviews?.[c.id]);
  const tier = (c: LoopCard) => (style.topics.includes(c.topic) ? 0 : 2) + (unlearnt(c) ? 0 : 1);
  const order = shuffled(eligible, rand).map((c, i) => ({ c, i })).sort((a, b) => tier(a.c) - tier(b.c) || a.i - b.i).map((x) => x.c);
  const cards: LoopCard[] = [];
  const perTopic = new Map<string, number>();
  for (const cap of [2, Infinity]) {
    for (const c of order) {
      if (cards.length >= cardCount) break;
      if (cards.includes(c) || (perTopic.get(c.topic) ?? 0) >= cap) continue;
      cards.push(c);
      perTopic.set(c.topic, (perTopic.get(c.topic) ?? 0) + 1);
    }
  }
  if (cards.length < Math.min(3, cardCount)) return { error: `Too few theory cards at ${spec.label} or below for a fundamentals round.` };

  // Behavioural.
  const questionCount = loopSpec.questions + style.extraQuestions;
  const rehearsed = (id: string) => !!input.progress.reviews?.[id]?.length;
  const known = new Map(input.bank.questions.map((q) => [q.id, q]));
  const fits = (id: string) => {
    const q = known.get(id);
    return !!q && (q.level === undefined || rank(q.level) <= rank(input.level));
  };
  const questions: BehaviouralPick[] = [];
  const taken = new Set<string>();
  const set = style.valueSet ? input.bank.valueSets.find((v) => v.id === style.valueSet) : undefined;
  if (set) {
    const values = shuffled(set.values.map((v) => ({ ...v, id: v.name })), rand);
    // Values whose questions are all rehearsed come last.
    values.sort((a, b) => Number(a.questions.every(rehearsed)) - Number(b.questions.every(rehearsed)));
    for (const v of values) {
      if (questions.length >= questionCount) break;
      const ids = v.questions.filter((id) => fits(id) && !taken.has(id)).map((id) => ({ id }));
      const q = firstOf([ids.filter((x) => !rehearsed(x.id)), ids], rand);
      if (!q) continue;
      taken.add(q.id);
      questions.push({ questionId: q.id, value: v.name });
    }
  }
  const byCompetency = shuffled(input.bank.questions.filter((q) => style.competencies.includes(q.competency) && fits(q.id)), rand)
    .sort((a, b) => Number(rehearsed(a.id)) - Number(rehearsed(b.id)));
  // Take turns across the style's competencies so the round is not one theme.
  for (let pass = 0; pass < 4 && questions.length < questionCount; pass++) {
    for (const comp of style.competencies) {
      if (questions.length >= questionCount) break;
      const q = byCompetency.find((x) => x.competency === comp && !taken.has(x.id));
      if (!q) continue;
      taken.add(q.id);
      questions.push({ questionId: q.id });
    }
  }
  for (const q of shuffled(input.bank.questions.filter((x) => fits(x.id) && !taken.has(x.id)), rand)) {
    if (questions.length >= questionCount) break;
    taken.add(q.id);
    questions.push({ questionId: q.id });
  }
  if (!questions.length) return { error: 'The behavioural question bank is empty.' };

  const title = (k: RoundKind) => style.titles[k] ?? ROUND_TITLES[k];
  const rounds: RoundPlan[] = style.order.map((k): RoundPlan => {
    switch (k) {
      case 'coding': return { kind: 'coding', title: title(k), minutes: style.codingMinutes ?? spec.codingMinutes, problemId: problem.id };
      case 'fundamentals': return { kind: 'fundamentals', title: title(k), minutes: loopSpec.fundamentalsMinutes + Math.max(0, style.extraCards) * 2.5, cardIds: cards.map((c) => c.id) };
      case 'design': return { kind: 'design', title: title(k), minutes: spec.designMinutes, promptId: prompt.id };
      case 'behavioural': return { kind: 'behavioural', title: title(k), minutes: loopSpec.behaviouralMinutes + style.extraQuestions * 7, questions };
    }
  });
  return { company: input.company, level: input.level, rounds, breakMinutes: loopSpec.breakMinutes };
}

// ---------------------------------------------------------------------------------------------
// Results and the state machine.

/** One card of the fundamentals round: revealed or not, the key points ticked, the rating. */
export interface CardResult {
  cardId: string;
  /** Key points of the card (for the share hit). */
  of: number;
  points: number[];
  rating?: 1 | 2 | 3 | 4;
  /** Seconds from the card's start to its reveal. */
  secs: number;
}

/** One question of the behavioural round. */
export interface AnswerResult {
  questionId: string;
  /** Workspace-relative path of the story told; absent when answered without one. */
  story?: string;
  /** The competencies in the story's front matter when it was told (ids; for the off-topic check). */
  storyCompetencies?: string[];
  /** Rules of the story checker the story failed (src/core/stories/checkStory.ts). */
  findings: string[];
  rating?: 1 | 2 | 3 | 4;
  secs: number;
}

export type RoundResult =
  /** `runs`: hidden-test runs recorded in the round; `passedOnRun`: the first of them (1-based) to pass every test. */
  | { kind: 'coding'; coding?: CodingResult; runs?: number; passedOnRun?: number }
  | { kind: 'fundamentals'; cards: CardResult[] }
  | { kind: 'design'; design?: DesignResult; sessionDir?: string }
  | { kind: 'behavioural'; answers: AnswerResult[] };

export interface RoundTimes {
  startedAt?: number;
  endedAt?: number;
  /** The break after this round. */
  breakStartedAt?: number;
  breakEndedAt?: number;
  /** The user went straight on. */
  breakSkipped?: boolean;
}

/** Which window drives the loop: its id, process and host (for a liveness check), last seen (epoch ms). */
export interface LoopDriver {
  id: string;
  pid: number;
  host: string;
  seenAt: number;
}

export type LoopPhase = 'round' | 'break' | 'done';

export interface LoopState {
  plan: LoopPlan;
  startedAt: number;
  /** The round running, or the round whose break it is; rounds.length once done. */
  index: number;
  phase: LoopPhase;
  times: RoundTimes[];
  results: RoundResult[];
  /** While a fundamentals card or a behavioural question is on: when it started (epoch ms). */
  itemStartedAt?: number;
  /**
   * The running round's clock stopped at `at` (epoch ms), before its result was recorded: the
   * design board's Finish. Kept in the state so a reload keeps the Finish moment; it applies only
   * while `index` is the running round.
   */
  stopped?: { index: number; at: number };
  /**
   * The story chosen for the behavioural question on now, before its answer is rated (`story`:
   * workspace-relative path; absent when answering without one). Kept in the state so a reload
   * mid-question asks only for the rating, not for the story again.
   */
  chosen?: { questionId: string; story?: string };
  driver?: LoopDriver;
}

const emptyResult = (r: RoundPlan): RoundResult => {
  switch (r.kind) {
    case 'coding': return { kind: 'coding' };
    case 'fundamentals': return { kind: 'fundamentals', cards: [] };
    case 'design': return { kind: 'design' };
    case 'behavioural': return { kind: 'behavioural', answers: [] };
  }
};

/** Starts the loop at `now`: the first round's clock runs. */
export function startLoop(plan: LoopPlan, now: number): LoopState {
  return {
    plan, startedAt: now, index: 0, phase: 'round',
    times: plan.rounds.map((_, i) => (i === 0 ? { startedAt: now } : {})),
    results: plan.rounds.map(emptyResult), itemStartedAt: now,
  };
}

/** The round running or whose break it is; undefined once done. */
export function currentRound(s: LoopState): RoundPlan | undefined {
  return s.phase === 'done' ? undefined : s.plan.rounds[s.index];
}

const withResult = (s: LoopState, r: RoundResult): LoopState => ({ ...s, results: s.results.map((x, i) => (i === s.index ? r : x)) });

/** Keeps the coding round's latest hidden-test result; ignored outside a coding round. */
export function recordLoopCoding(s: LoopState, coding: CodingResult): LoopState {
  const prev = s.results[s.index];
  if (s.phase !== 'round' || prev?.kind !== 'coding') return s;
  const runs = (prev.runs ?? 0) + 1;
  const passedOnRun = prev.passedOnRun ?? (coding.total > 0 && coding.passed === coding.total ? runs : undefined);
  return withResult(s, { kind: 'coding', coding: { ...coding, ...(coding.reached ? { reached: { ...coding.reached } } : {}) }, runs, ...(passedOnRun !== undefined ? { passedOnRun } : {}) });
}

/** The design round's folder and, once assessed, its result; ignored outside a design round. */
export function recordLoopDesign(s: LoopState, patch: { sessionDir?: string; design?: DesignResult }): LoopState {
  const r = s.results[s.index];
  if (s.phase !== 'round' || r?.kind !== 'design') return s;
  return withResult(s, { ...r, ...(patch.sessionDir ? { sessionDir: patch.sessionDir } : {}), ...(patch.design ? { design: patch.design } : {}) });
}

/** The fundamentals card on now (index into the round's cards), or undefined when all are rated / not in that round. */
export function currentCard(s: LoopState): { cardId: string; index: number; of: number } | undefined {
  const plan = currentRound(s);
  const r = s.results[s.index];
  if (s.phase !== 'round' || plan?.kind !== 'fundamentals' || r?.kind !== 'fundamentals') return undefined;
  const index = r.cards.length;
  return index < plan.cardIds.length ? { cardId: plan.cardIds[index], index, of: plan.cardIds.length } : undefined;
}

/** Rates the card on now and moves to the next (its clock starts at `now`). Ignored for another card. */
export function rateLoopCard(s: LoopState, result: CardResult, now: number): LoopState {
  const cur = currentCard(s);
  const r = s.results[s.index];
  if (!cur || cur.cardId !== result.cardId || r?.kind !== 'fundamentals') return s;
  return { ...withResult(s, { kind: 'fundamentals', cards: [...r.cards, { ...result, points: [...result.points] }] }), itemStartedAt: now };
}

/** The behavioural question on now, or undefined when all are answered / not in that round. */
export function currentQuestion(s: LoopState): { pick: BehaviouralPick; index: number; of: number } | undefined {
  const plan = currentRound(s);
  const r = s.results[s.index];
  if (s.phase !== 'round' || plan?.kind !== 'behavioural' || r?.kind !== 'behavioural') return undefined;
  const index = r.answers.length;
  return index < plan.questions.length ? { pick: plan.questions[index], index, of: plan.questions.length } : undefined;
}

/** Records the answer to the question on now and moves to the next. Ignored for another question. */
export function answerLoopQuestion(s: LoopState, answer: AnswerResult, now: number): LoopState {
  const cur = currentQuestion(s);
  const r = s.results[s.index];
  if (!cur || cur.pick.questionId !== answer.questionId || r?.kind !== 'behavioural') return s;
  const { chosen: _chosen, ...rest } = withResult(s, { kind: 'behavioural', answers: [...r.answers, { ...answer, findings: [...answer.findings], ...(answer.storyCompetencies ? { storyCompetencies: [...answer.storyCompetencies] } : {}) }] });
  return { ...rest, itemStartedAt: now };
}

/**
 * Records the story chosen for the question on now (`story`: workspace-relative path, undefined to
 * answer without one). Ignored for another question or outside a behavioural round.
 */
export function chooseLoopStory(s: LoopState, questionId: string, story: string | undefined): LoopState {
  if (currentQuestion(s)?.pick.questionId !== questionId) return s;
  return { ...s, chosen: { questionId, ...(story !== undefined ? { story } : {}) } };
}

/** The story choice for the question on now, when one was made (undefined otherwise, or when stale). */
export function chosenStory(s: LoopState): { questionId: string; story?: string } | undefined {
  const q = currentQuestion(s);
  return q && s.chosen?.questionId === q.pick.questionId ? s.chosen : undefined;
}

/** Ends the running round at `now`: the break after it starts, or the loop is done after the last. */
export function finishLoopRound(s: LoopState, now: number, endedAt = now): LoopState {
  if (s.phase !== 'round') return s;
  const last = s.index === s.plan.rounds.length - 1;
  const start = s.times[s.index]?.startedAt ?? now;
  // The round's time may have stopped before `now` (the design board's Finish, then scoring);
  // the break starts now.
  const end = Math.max(Math.min(endedAt, now), start);
  const breakStart = Math.max(now, start);
  const times = s.times.map((t, i) => (i === s.index ? { ...t, endedAt: end, ...(last ? {} : { breakStartedAt: breakStart }) } : t));
  const { itemStartedAt: _drop, stopped: _stopped, chosen: _chosen, ...rest } = s;
  return last ? { ...rest, times, phase: 'done', index: s.plan.rounds.length } : { ...rest, times, phase: 'break' };
}

/** Ends the break at `now` (skipped: the user went straight on) and starts the next round. */
export function startNextRound(s: LoopState, now: number, skipped = false): LoopState {
  if (s.phase !== 'break') return s;
  const begin = Math.max(now, s.times[s.index]?.breakStartedAt ?? now);
  const next = s.index + 1;
  const times = s.times.map((t, i) => (i === s.index ? { ...t, breakEndedAt: begin, ...(skipped ? { breakSkipped: true } : {}) } : i === next ? { startedAt: begin } : t));
  return { ...s, times, index: next, phase: 'round', itemStartedAt: begin };
}

/** The running clock at `now`: a round's or a break's time left and overtime. */
export interface LoopClock {
  what: 'round' | 'break';
  title: string;
  allottedMs: number;
  elapsedMs: number;
  remainingMs: number;
  overtimeMs: number;
}

const MINUTE = 60_000;

/** The clock to show now (the one clock of the loop); undefined once done. */
export function loopClock(s: LoopState, now: number): LoopClock | undefined {
  const round = currentRound(s);
  const t = s.times[s.index];
  if (!round || !t) return undefined;
  const clock = (what: 'round' | 'break', title: string, allottedMs: number, from: number | undefined, to: number | undefined): LoopClock => {
    const elapsedMs = Math.max(0, (to ?? now) - (from ?? now));
    return { what, title, allottedMs, elapsedMs, remainingMs: Math.max(0, allottedMs - elapsedMs), overtimeMs: Math.max(0, elapsedMs - allottedMs) };
  };
  if (s.phase === 'break') return clock('break', `Break before ${s.plan.rounds[s.index + 1]?.title ?? 'the next round'}`, s.plan.breakMinutes * MINUTE, t.breakStartedAt, t.breakEndedAt);
  return clock('round', round.title, round.minutes * MINUTE, t.startedAt, t.endedAt);
}

/** When the running clock's allotted time ends (epoch ms), for a "time is up" notice. */
export function loopDeadline(s: LoopState): number | undefined {
  const c = loopClock(s, 0);
  const t = s.times[s.index];
  if (!c || !t) return undefined;
  const from = s.phase === 'break' ? t.breakStartedAt : t.startedAt;
  return from === undefined ? undefined : from + c.allottedMs;
}

/** Time used by round `i` (ms) at `now`; 0 before it started. */
export function roundElapsed(s: LoopState, i: number, now: number): number {
  const t = s.times[i];
  return t?.startedAt === undefined ? 0 : Math.max(0, (t.endedAt ?? now) - t.startedAt);
}

/** While a loop's coding round runs, hints and reference solutions are hidden (as in a mock). */
export function loopHidesAssistance(s: LoopState | undefined): boolean {
  return !!s && s.phase !== 'done';
}

// ---------------------------------------------------------------------------------------------
// The lease: one window drives a loop.

/** A lease not renewed for this long is free (its window hung or went away on another host). */
export const LEASE_MS = 30_000;

/**
 * Who drives the loop, as seen from window `me` at `now`: 'mine', 'other' (a live window holds the
 * lease), or 'free' (none, a window whose process is gone (`alive` false), or a lease older than LEASE_MS).
 */
export function leaseHolder(s: LoopState, me: string, now: number, alive: (d: LoopDriver) => boolean): 'mine' | 'other' | 'free' {
  const d = s.driver;
  if (!d) return 'free';
  if (d.id === me) return 'mine';
  if (!alive(d) || now - d.seenAt > LEASE_MS || d.seenAt - now > LEASE_MS) return 'free';
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// Parsing what was stored.

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const rating = (v: unknown): 1 | 2 | 3 | 4 | undefined => (v === 1 || v === 2 || v === 3 || v === 4 ? v : undefined);
const ints = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x) && x >= 0) : []);

function parseRound(v: unknown): RoundPlan | undefined {
  if (!isRecord(v) || !str(v.title) || !num(v.minutes) || v.minutes <= 0) return undefined;
  const base = { title: v.title, minutes: v.minutes };
  switch (v.kind) {
    case 'coding': return str(v.problemId) ? { kind: 'coding', ...base, problemId: v.problemId } : undefined;
    case 'design': return str(v.promptId) ? { kind: 'design', ...base, promptId: v.promptId } : undefined;
    case 'fundamentals': return Array.isArray(v.cardIds) && v.cardIds.length && v.cardIds.every(str) ? { kind: 'fundamentals', ...base, cardIds: [...v.cardIds] } : undefined;
    case 'behavioural': {
      if (!Array.isArray(v.questions) || !v.questions.length) return undefined;
      const qs = v.questions.filter((q): q is Record<string, unknown> => isRecord(q) && str(q.questionId)).map((q) => ({ questionId: q.questionId as string, ...(str(q.value) ? { value: q.value } : {}) }));
      return qs.length === v.questions.length ? { kind: 'behavioural', ...base, questions: qs } : undefined;
    }
    default: return undefined;
  }
}

function parseResult(plan: RoundPlan, v: unknown): RoundResult {
  const r = isRecord(v) ? v : {};
  switch (plan.kind) {
    case 'coding': {
      const c = r.coding;
      if (!isRecord(c) || !num(c.passed) || !num(c.total)) return { kind: 'coding' };
      const coding: CodingResult = { passed: c.passed, total: c.total };
      const x = c.reached;
      if (isRecord(x) && num(x.part) && num(x.of) && num(x.passed) && num(x.total)) coding.reached = { part: x.part, of: x.of, passed: x.passed, total: x.total };
      const pos = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0;
      return { kind: 'coding', coding, ...(pos(r.runs) ? { runs: r.runs } : {}), ...(pos(r.passedOnRun) && (!pos(r.runs) || r.passedOnRun <= r.runs) ? { passedOnRun: r.passedOnRun } : {}) };
    }
    case 'design': {
      const out: RoundResult = { kind: 'design' };
      if (str(r.sessionDir) && r.sessionDir) out.sessionDir = r.sessionDir;
      const d = r.design;
      if (isRecord(d) && isRecord(d.sectionsCovered) && isRecord(d.selfScores)) out.design = d as unknown as DesignResult;
      return out;
    }
    case 'fundamentals': {
      const cards = (Array.isArray(r.cards) ? r.cards : []).filter(isRecord).filter((c) => str(c.cardId) && num(c.of) && num(c.secs))
        .map((c): CardResult => ({ cardId: c.cardId as string, of: c.of as number, points: ints(c.points), secs: c.secs as number, ...(rating(c.rating) ? { rating: rating(c.rating) } : {}) }));
      return { kind: 'fundamentals', cards: cards.slice(0, plan.cardIds.length) };
    }
    case 'behavioural': {
      const answers = (Array.isArray(r.answers) ? r.answers : []).filter(isRecord).filter((a) => str(a.questionId) && num(a.secs))
        .map((a): AnswerResult => ({
          questionId: a.questionId as string, findings: Array.isArray(a.findings) ? a.findings.filter(str) : [], secs: a.secs as number,
          ...(str(a.story) ? { story: a.story } : {}), ...(rating(a.rating) ? { rating: rating(a.rating) } : {}),
          ...(Array.isArray(a.storyCompetencies) ? { storyCompetencies: a.storyCompetencies.filter(str) } : {}),
        }));
      return { kind: 'behavioural', answers: answers.slice(0, plan.questions.length) };
    }
  }
}

/** Validates a stored loop (from global state); undefined when it cannot be trusted. */
export function parseLoopState(raw: unknown): LoopState | undefined {
  if (!isRecord(raw) || !isRecord(raw.plan)) return undefined;
  const p = raw.plan;
  if (!isCompanyId(p.company) || !isMockLevel(p.level) || !num(p.breakMinutes) || !Array.isArray(p.rounds) || !p.rounds.length) return undefined;
  const rounds = p.rounds.map(parseRound);
  if (rounds.some((r) => !r)) return undefined;
  const plan: LoopPlan = { company: p.company, level: p.level, rounds: rounds as RoundPlan[], breakMinutes: p.breakMinutes };
  const { startedAt, index, phase } = raw;
  if (!num(startedAt) || !Number.isInteger(index) || (phase !== 'round' && phase !== 'break' && phase !== 'done')) return undefined;
  const i = index as number;
  if (phase === 'done' ? i !== plan.rounds.length : i < 0 || i >= plan.rounds.length) return undefined;
  if (phase === 'break' && i === plan.rounds.length - 1) return undefined;
  const rawTimes = Array.isArray(raw.times) ? raw.times : [];
  const times: RoundTimes[] = plan.rounds.map((_, k) => {
    const t = isRecord(rawTimes[k]) ? rawTimes[k] : {};
    const out: RoundTimes = {};
    for (const key of ['startedAt', 'endedAt', 'breakStartedAt', 'breakEndedAt'] as const) if (num(t[key])) out[key] = t[key];
    if (t.breakSkipped === true) out.breakSkipped = true;
    return out;
  });
  if (phase !== 'done' && times[i].startedAt === undefined) return undefined;
  if (phase === 'break' && (times[i].endedAt === undefined || times[i].breakStartedAt === undefined)) return undefined;
  const rawResults = Array.isArray(raw.results) ? raw.results : [];
  const s: LoopState = { plan, startedAt, index: i, phase, times, results: plan.rounds.map((r, k) => parseResult(r, rawResults[k])) };
  if (num(raw.itemStartedAt) && phase === 'round') s.itemStartedAt = raw.itemStartedAt;
  const st = raw.stopped;
  if (isRecord(st) && st.index === i && num(st.at) && phase === 'round') s.stopped = { index: i, at: st.at };
  const ch = raw.chosen;
  if (isRecord(ch) && str(ch.questionId) && currentQuestion(s)?.pick.questionId === ch.questionId) s.chosen = { questionId: ch.questionId, ...(str(ch.story) ? { story: ch.story } : {}) };
  const d = raw.driver;
  if (isRecord(d) && str(d.id) && num(d.pid) && str(d.host) && num(d.seenAt)) s.driver = { id: d.id, pid: d.pid, host: d.host, seenAt: d.seenAt };
  return s;
}

// ---------------------------------------------------------------------------------------------
// The loop at a glance (the status bar's hover).

const minutesText = (ms: number) => `${Math.floor(Math.max(0, ms) / MINUTE)} min`;
/** Time left reads up: 4:57 left is "5 min left", as a clock that has not yet reached 4:00. */
const minutesLeft = (ms: number) => `${Math.ceil(Math.max(0, ms) / MINUTE)} min`;

/**
 * One Markdown line per round and for a running break, at `now` with minute precision (so the
 * hover changes at most once a minute): done rounds with their time, the running round or break
 * with the time left or over, and the rounds to come with their length.
 */
export function loopOverview(s: LoopState, now: number): string[] {
  const out: string[] = [];
  s.plan.rounds.forEach((r, i) => {
    const used = roundElapsed(s, i, now);
    const allotted = r.minutes * MINUTE;
    if (s.phase === 'done' || i < s.index || (i === s.index && s.phase === 'break')) {
      out.push(`✓ ${i + 1}. ${r.title}: ${minutesText(used)} of ${r.minutes} min`);
    } else if (i === s.index) {
      out.push(`▶ **${i + 1}. ${r.title}**: ${used > allotted ? `${minutesText(used - allotted)} over` : `${minutesLeft(allotted - used)} left`} of ${r.minutes} min`);
    } else out.push(`· ${i + 1}. ${r.title}: ${r.minutes} min`);
    if (i === s.index && s.phase === 'break') {
      const t = s.times[i];
      const taken = Math.max(0, now - (t.breakStartedAt ?? now));
      out.push(`▶ **Break**: ${minutesLeft(s.plan.breakMinutes * MINUTE - taken)} left of ${s.plan.breakMinutes} min`);
    }
  });
  return out;
}
