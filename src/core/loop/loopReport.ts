// The full-loop mock's report, in the style of a hiring committee's packet: per round the signals
// shown and missing (from the hidden tests, the design rubric scores, the key points ticked on the
// cards, the story checker's findings and the self-ratings), each judged against the level's bar;
// then an overall recommendation with its reasons, weighed as the company style weighs rounds, and
// what to practise next. Pure: titles and links arrive in `LoopReportInput`.
import { DESIGN_SECTION_KEYS } from '../catalog/types';
import { SECTION_TITLES } from '../design/notes';
import { formatClock } from '../design/timer';
import { dayKey } from '../plan/days';
import { designAverage, designCoverage, LEVELS, reachedText } from '../plan/mockInterview';
import {
  COMPANIES, LOOP_LEVELS, roundElapsed,
  type AnswerResult, type CardResult, type LoopState, type RoundKind, type RoundPlan, type RoundResult,
} from './fullLoop';

/** A round's signal, weakest to strongest. */
export const SIGNALS = ['No signal', 'Below the bar', 'Mixed', 'Meets the bar', 'Strong'] as const;
export type Signal = 0 | 1 | 2 | 3 | 4;

export const RECOMMENDATIONS = ['No hire', 'Lean no hire', 'Lean hire', 'Hire', 'Strong hire'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** What the report knows of a round besides the state: titles and links for the user. */
export interface RoundNames {
  /** The problem or prompt title (coding, design). */
  title?: string;
  /** Relative link (from the report's folder) to the solution or the session. */
  link?: string;
}

export interface LoopReportInput {
  /** Per round (same order as the plan). */
  names: RoundNames[];
  /** Card id → question and key points (for the card lines and what was missed). */
  cards: Readonly<Record<string, { question: string; keyPoints: readonly string[]; topicTitle?: string }>>;
  /** Question id → question text and competency title. */
  questions: Readonly<Record<string, { question: string; competency?: string }>>;
  /** Competency id → its title (for the off-topic story finding; default: the id). */
  competencyTitles?: Readonly<Record<string, string>>;
  /**
   * A company value's name (as picked, e.g. "Ownership") → the competency ids its questions map to
   * (questions.yaml valueSets): a story told for a value question is on topic when tagged with any.
   */
  valueCompetencies?: Readonly<Record<string, readonly string[]>>;
  /** A story's link from the report's folder, given its workspace-relative path (default: the path). */
  storyLink?: (path: string) => string;
  /** For a report of a loop cut short (defaults to the end of the last round). */
  now?: number;
  timeZone?: string;
}

export interface RoundJudgement {
  signal: Signal;
  shown: string[];
  missing: string[];
  /** Items to practise next: "[title](link)" or a plain line. */
  practise: string[];
  /** One cell for the summary table. */
  result: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const quote = (s: string) => `“${s.trim().replace(/\s+/g, ' ')}”`;
const early = (level: string) => level === 'L3' || level === 'L4';

/** 1 → "1st", 2 → "2nd", 3 → "3rd", 11 → "11th", 22 → "22nd". */
export const ordinal = (n: number): string => {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
};

/** Judges the coding round from its hidden-test result and the time used, at the loop's level. */
export function judgeCoding(s: LoopState, i: number, r: Extract<RoundResult, { kind: 'coding' }>, plan: Extract<RoundPlan, { kind: 'coding' }>, names: RoundNames, now: number): RoundJudgement {
  const level = s.plan.level;
  const used = roundElapsed(s, i, now);
  const allotted = plan.minutes * 60_000;
  const c = r.coding;
  const shown: string[] = [];
  const missing: string[] = [];
  const practise: string[] = [];
  const what = names.link ? `[${names.title ?? plan.problemId}](${names.link})` : names.title ?? plan.problemId;
  if (!c || c.total <= 0) {
    missing.push('No hidden-test run: no working code to judge.');
    practise.push(`${what}: solve it untimed, then again against the clock.`);
    return { signal: 0, shown, missing, practise, result: 'not run' };
  }
  const all = c.passed === c.total;
  const share = c.passed / c.total;
  const reached = reachedText(c);
  // Attempts: the hidden-test runs before the first passing one (or all of them, none passing).
  const tries = r.passedOnRun ? ` on the ${ordinal(r.passedOnRun)} run${r.passedOnRun > 1 ? ` (${r.passedOnRun - 1} failing before it)` : ''}` : '';
  const runs = (r.runs ? ` after ${r.runs} hidden-test run${r.runs === 1 ? '' : 's'}` : '') + (r.passedOnRun ? ` (all passed on the ${ordinal(r.passedOnRun)}, not on the last)` : '');
  if (all) shown.push(`All ${c.total} hidden tests passed${reached ? ` (${reached})` : ''}${tries}.`);
  else if (share >= 0.5) shown.push(`A working core: ${c.passed}/${c.total} hidden tests passed${runs}.`);
  else missing.push(`Correctness: only ${c.passed}/${c.total} hidden tests passed${runs}.`);
  if (!all) missing.push('Edge cases or numerical care: the failing tests name them (Test Explorer).');
  if (used <= allotted * 0.8) shown.push(`Pace: finished with ${formatClock(allotted - used)} to spare, time to discuss tests and complexity.`);
  else if (used <= allotted) shown.push('Finished within the time.');
  else missing.push(`Pace: ${formatClock(used - allotted)} over the ${plan.minutes} minutes.`);
  if (c.reached && c.reached.part < c.reached.of) missing.push(`Follow-ups: stopped at part ${c.reached.part} of ${c.reached.of}.`);
  let signal: Signal;
  if (all) signal = used <= allotted * 0.8 && (!c.reached || c.reached.part === c.reached.of) ? 4 : used <= allotted ? 3 : early(level) ? 3 : 2;
  else if (share >= 0.5) signal = early(level) && used <= allotted ? 2 : level === 'L3' ? 2 : 1;
  else signal = 1;
  if (signal < 3) practise.push(`${what}: finish it, then compare with the reference and the write-up.`);
  return { signal, shown, missing, practise, result: `${c.passed}/${c.total} tests${reached ? `, ${reached}` : ''}` };
}

/** Share of key points hit over the round's cards; cards never reached count as 0. */
export function pointsShare(cards: readonly CardResult[], planned: number): number {
  if (planned <= 0) return 0;
  const hit = cards.reduce((a, c) => a + (c.of > 0 ? Math.min(c.points.length, c.of) / c.of : 0), 0);
  return hit / planned;
}

/** Judges the fundamentals round from the key points ticked and the ratings, against the level's points bar. */
export function judgeFundamentals(s: LoopState, r: Extract<RoundResult, { kind: 'fundamentals' }>, plan: Extract<RoundPlan, { kind: 'fundamentals' }>, input: LoopReportInput): RoundJudgement {
  const bar = LOOP_LEVELS[s.plan.level].pointsBar;
  const n = plan.cardIds.length;
  const share = pointsShare(r.cards, n);
  const shown: string[] = [];
  const missing: string[] = [];
  const practise: string[] = [];
  if (!r.cards.length) {
    missing.push('No card answered.');
    return { signal: 0, shown, missing, practise: plan.cardIds.map((id) => `Card \`${id}\`: ${input.cards[id]?.question ?? ''}`), result: 'no card answered' };
  }
  const strong = r.cards.filter((c) => c.of > 0 && c.points.length >= c.of);
  const weak = r.cards.filter((c) => c.of > 0 && c.points.length / c.of < 0.5);
  shown.push(`${pct(share)} of the key points hit over ${n} cards (the ${s.plan.level} bar: ${pct(bar)}).`);
  if (strong.length) shown.push(`Complete answers: ${strong.map((c) => quote(input.cards[c.cardId]?.question ?? c.cardId)).join('; ')}.`);
  if (r.cards.length < n) missing.push(`Ran out of time: ${n - r.cards.length} of ${n} cards not reached.`);
  for (const c of weak) {
    const card = input.cards[c.cardId];
    const missed = card ? card.keyPoints.filter((_, k) => !c.points.includes(k)) : [];
    missing.push(`${quote(card?.question ?? c.cardId)}: missed ${missed.length ? missed.map((m) => quote(m)).join(', ') : `${c.of - c.points.length} key points`}.`);
  }
  const again = r.cards.filter((c) => (c.rating ?? 1) <= 2);
  for (const c of again) practise.push(`Card \`${c.cardId}\`: ${input.cards[c.cardId]?.question ?? ''} (rated ${c.rating === 2 ? 'Hard' : 'Again'}; FSRS brings it back soon)`);
  for (const id of plan.cardIds.slice(r.cards.length)) practise.push(`Card \`${id}\`: ${input.cards[id]?.question ?? ''} (not reached)`);
  const signal: Signal = share >= Math.min(0.95, bar + 0.15) ? 4 : share >= bar ? 3 : share >= bar - 0.15 ? 2 : 1;
  const rated = r.cards.filter((c) => c.rating !== undefined);
  const avg = rated.length ? rated.reduce((a, c) => a + (c.rating ?? 0), 0) / rated.length : undefined;
  return { signal, shown, missing, practise, result: `${pct(share)} of key points, ${r.cards.length}/${n} cards${avg !== undefined ? `, rated ${avg.toFixed(1)}/4` : ''}` };
}

/** Judges the design round from the rubric self-scores and the probing questions covered, against the level's design bar. */
export function judgeDesign(s: LoopState, r: Extract<RoundResult, { kind: 'design' }>, names: RoundNames): RoundJudgement {
  const bar = LEVELS[s.plan.level].designBar;
  const avg = designAverage(r.design);
  const cov = designCoverage(r.design);
  const shown: string[] = [];
  const missing: string[] = [];
  const practise: string[] = [];
  const what = names.link ? `[${names.title ?? 'the prompt'}](${names.link})` : names.title ?? 'the prompt';
  if (avg === undefined) {
    missing.push('No rubric self-assessment: the round was not completed.');
    practise.push(`${what}: run the session again and complete the self-assessment.`);
    return { signal: 0, shown, missing, practise, result: 'not assessed' };
  }
  const scores = r.design?.selfScores ?? {};
  const good = DESIGN_SECTION_KEYS.filter((k) => (scores[k] ?? 0) >= 3);
  const poor = DESIGN_SECTION_KEYS.filter((k) => scores[k] !== undefined && scores[k]! <= 2);
  const unscored = DESIGN_SECTION_KEYS.filter((k) => scores[k] === undefined);
  if (good.length) shown.push(`Strong sections (3-4/4): ${good.map((k) => SECTION_TITLES[k]).join(', ')}.`);
  shown.push(`Rubric ${avg.toFixed(1)}/4${cov !== undefined ? `, ${pct(cov)} of the probing questions covered` : ''} (the ${s.plan.level} bar: ${bar.averageScore}/4 and ${pct(bar.coverage)}).`);
  if (poor.length) missing.push(`Weak sections (1-2/4): ${poor.map((k) => SECTION_TITLES[k]).join(', ')}.`);
  if (unscored.length) missing.push(`Not assessed: ${unscored.map((k) => SECTION_TITLES[k]).join(', ')}.`);
  const notAsked = r.design?.clarifying?.notAsked ?? [];
  if (notAsked.length) missing.push(`Clarifying questions not asked: ${[...new Set(notAsked)].map(quote).join('; ')}.`);
  if (cov !== undefined && cov < bar.coverage) missing.push(`Coverage: ${pct(cov)} of the probing questions, below ${pct(bar.coverage)}.`);
  const meets = avg >= bar.averageScore && (cov === undefined || cov >= bar.coverage);
  const signal: Signal = meets ? (avg >= bar.averageScore + 0.5 && (cov === undefined || cov >= Math.min(1, bar.coverage + 0.1)) ? 4 : 3) : avg >= bar.averageScore - 0.5 ? 2 : 1;
  if (signal < 4 && poor.length) practise.push(`${what}: redo ${poor.map((k) => SECTION_TITLES[k]).join(' and ')} (its notes have the probing questions).`);
  return { signal, shown, missing, practise, result: `rubric ${avg.toFixed(1)}/4${cov !== undefined ? `, ${pct(cov)} of questions` : ''}` };
}

const FINDING_TEXT: Record<string, string> = {
  'we-not-i': '“we” far more than “I”', 'no-numbers': 'no quantified outcome', 'missing-part': 'a missing STAR part',
  'too-long': 'longer than 3 minutes spoken', 'no-decision': 'no decision with its reasoning', 'front-matter': 'front matter problems',
  'unknown-competency': 'an unknown competency',
};

/** One answer's score (1-4): the self-rating less penalties for checker findings and, at L5-L6, for no story. */
export function answerScore(a: AnswerResult, level: string): number {
  if (a.rating === undefined) return 1;
  const senior = !early(level);
  let score: number = a.rating;
  if (!a.story) score -= senior ? 1 : 0.5;
  for (const f of new Set(a.findings)) {
    if (f === 'no-decision' && senior) score -= 1;
    else if (f === 'we-not-i' || f === 'no-numbers' || f === 'missing-part' || f === 'no-decision') score -= 0.5;
  }
  return Math.max(1, Math.min(4, score));
}

/**
 * "story not tagged for <competency>" when the story's front-matter competencies include neither
 * the question's competency nor, for a company value question, any of the value's competencies;
 * undefined when on topic or when the story's or the question's competencies are unknown.
 */
export function offTopicStory(a: AnswerResult, q: { questionId: string; value?: string }, input: LoopReportInput): string | undefined {
  if (!a.storyCompetencies) return undefined;
  const own = input.questions[q.questionId]?.competency;
  const fromValue = q.value ? input.valueCompetencies?.[q.value] : undefined;
  const accepted = fromValue?.length ? fromValue : own ? [own] : [];
  if (!accepted.length || accepted.some((c) => a.storyCompetencies?.includes(c))) return undefined;
  const title = (c: string) => input.competencyTitles?.[c] ?? c;
  return fromValue?.length ? `story not tagged for ${q.value} (${accepted.map(title).join(', ')})` : `story not tagged for ${title(accepted[0])}`;
}

/** Judges the behavioural round from the self-ratings and the checker's findings on the stories told. */
export function judgeBehavioural(s: LoopState, r: Extract<RoundResult, { kind: 'behavioural' }>, plan: Extract<RoundPlan, { kind: 'behavioural' }>, input: LoopReportInput): RoundJudgement {
  const level = s.plan.level;
  const bar = LOOP_LEVELS[level].behaviouralBar;
  const shown: string[] = [];
  const missing: string[] = [];
  const practise: string[] = [];
  const n = plan.questions.length;
  if (!r.answers.length) {
    missing.push('No question answered.');
    return { signal: 0, shown, missing, practise: plan.questions.map((q) => `Question \`${q.questionId}\`: ${input.questions[q.questionId]?.question ?? ''}`), result: 'no answer' };
  }
  const scores = plan.questions.map((_, k) => (r.answers[k] ? answerScore(r.answers[k], level) : 1));
  const avg = scores.reduce((a, b) => a + b, 0) / n;
  plan.questions.forEach((q, k) => {
    const a = r.answers[k];
    const text = quote(input.questions[q.questionId]?.question ?? q.questionId);
    const asked = q.value ? ` (${q.value})` : '';
    if (!a) {
      missing.push(`${text}${asked}: not reached.`);
      practise.push(`Question \`${q.questionId}\`: ${input.questions[q.questionId]?.question ?? ''}`);
      return;
    }
    const story = a.story ? `[${a.story.split('/').pop()}](${input.storyLink?.(a.story) ?? a.story})` : 'no story';
    const problems = [...new Set(a.findings)].map((f) => FINDING_TEXT[f] ?? f);
    const offTopic = a.story ? offTopicStory(a, q, input) : undefined;
    if (offTopic) problems.push(offTopic);
    if (a.story && !problems.length && (a.rating ?? 0) >= 3) shown.push(`${text}${asked}: ${story}, self-rated ${a.rating}/4, the checker found nothing to fix.`);
    else if ((a.rating ?? 0) >= 3 && !problems.length) shown.push(`${text}${asked}: self-rated ${a.rating}/4 (${story}).`);
    else missing.push(`${text}${asked}: ${[`self-rated ${a.rating ?? '-'}/4`, a.story ? '' : `no prepared story${early(level) ? '' : ' (senior answers need one with numbers)'}`, ...problems].filter(Boolean).join('; ')}${a.story ? ` (${story})` : ''}.`);
    if (scores[k] < 3) practise.push(a.story && problems.length ? `Story ${story}: fix ${problems.join(', ')}; then rehearse \`${q.questionId}\` again.` : `Question \`${q.questionId}\`: ${a.story ? 'rehearse it again' : 'write a story for it (MLPrep: New Behavioural Story)'}.`);
  });
  const signal: Signal = avg >= Math.min(3.75, bar + 0.5) ? 4 : avg >= bar ? 3 : avg >= bar - 0.5 ? 2 : 1;
  return { signal, shown, missing, practise, result: `${r.answers.length}/${n} answered, score ${avg.toFixed(1)}/4` };
}

/** Judges round `i`. */
export function judgeRound(s: LoopState, i: number, input: LoopReportInput, now: number): RoundJudgement {
  const plan = s.plan.rounds[i];
  const r = s.results[i];
  const names = input.names[i] ?? {};
  if (plan.kind === 'coding' && r.kind === 'coding') return judgeCoding(s, i, r, plan, names, now);
  if (plan.kind === 'fundamentals' && r.kind === 'fundamentals') return judgeFundamentals(s, r, plan, input);
  if (plan.kind === 'design' && r.kind === 'design') return judgeDesign(s, r, names);
  if (plan.kind === 'behavioural' && r.kind === 'behavioural') return judgeBehavioural(s, r, plan, input);
  return { signal: 0, shown: [], missing: ['No result recorded.'], practise: [], result: '-' };
}

/**
 * The overall recommendation from the rounds' signals, weighed as the company style does:
 * every round at the bar (or above) hires, "Strong" when most are strong; one mixed round leans
 * hire; a round below the bar leans no hire, two or more do not hire. The style's decisive rounds
 * below the bar cap it at "Lean no hire"; a veto round (Amazon's bar raiser) below the bar means
 * "No hire". Reasons say which rule applied.
 */
export function recommend(s: LoopState, signals: readonly Signal[]): { recommendation: Recommendation; reasons: string[] } {
  const style = COMPANIES[s.plan.company];
  const kinds = s.plan.rounds.map((r) => r.kind);
  const title = (i: number) => s.plan.rounds[i].title;
  const below = signals.map((x, i) => (x <= 1 ? i : -1)).filter((i) => i >= 0);
  const mixed = signals.map((x, i) => (x === 2 ? i : -1)).filter((i) => i >= 0);
  const strong = signals.filter((x) => x === 4).length;
  const reasons: string[] = [];
  let rec: Recommendation;
  if (!below.length && !mixed.length) {
    rec = strong * 2 > signals.length ? 'Strong hire' : 'Hire';
    reasons.push(`Every round at or above the ${s.plan.level} bar${strong ? ` (${strong} strong)` : ''}.`);
  } else if (!below.length && mixed.length === 1) {
    rec = 'Lean hire';
    reasons.push(`One mixed round (${title(mixed[0])}); the others at or above the bar.`);
  } else if (below.length <= 1 && mixed.length + below.length <= 2) {
    rec = 'Lean no hire';
    reasons.push(`${[...below, ...mixed].map(title).join(' and ')}: below the ${s.plan.level} bar or mixed.`);
  } else {
    rec = 'No hire';
    reasons.push(`${below.length + mixed.length} rounds below the ${s.plan.level} bar, mixed or without a signal: ${[...below, ...mixed].map(title).join(', ')}.`);
  }
  const rankOf = (r: Recommendation) => RECOMMENDATIONS.indexOf(r);
  for (const k of style.decisive) {
    const i = kinds.indexOf(k as RoundKind);
    if (i >= 0 && signals[i] <= 2 && rankOf(rec) > rankOf('Lean no hire')) {
      rec = 'Lean no hire';
      reasons.push(`${style.label} weighs ${title(i)} most, and it is not at the bar.`);
    }
  }
  if (style.veto) {
    const i = kinds.indexOf(style.veto);
    if (i >= 0 && signals[i] <= 1 && rec !== 'No hire') {
      rec = 'No hire';
      reasons.push(`The bar raiser (${title(i)}) is below the bar and vetoes.`);
    }
  }
  reasons.push(style.weighs);
  return { recommendation: rec, reasons };
}

/** The report, Markdown. */
export function loopReportMarkdown(s: LoopState, input: LoopReportInput): string {
  const now = input.now ?? Math.max(s.startedAt, ...s.times.map((t) => t.endedAt ?? t.startedAt ?? s.startedAt));
  const style = COMPANIES[s.plan.company];
  const level = LEVELS[s.plan.level];
  const judged = s.plan.rounds.map((_, i) => judgeRound(s, i, input, now));
  const signals = judged.map((j) => j.signal);
  const { recommendation, reasons } = recommend(s, signals);
  const used = s.plan.rounds.reduce((a, _, i) => a + roundElapsed(s, i, now), 0);
  const allotted = s.plan.rounds.reduce((a, r) => a + r.minutes * 60_000, 0);
  const breaks = s.times.filter((t) => t.breakStartedAt !== undefined);
  const taken = breaks.filter((t) => !t.breakSkipped && t.breakEndedAt !== undefined);
  const breakMs = taken.reduce((a, t) => a + Math.max(0, (t.breakEndedAt ?? 0) - (t.breakStartedAt ?? 0)), 0);
  const out: string[] = [
    `# Full-loop mock: ${style.label}, ${level.label}`,
    '',
    `- Date: ${dayKey(s.startedAt, input.timeZone)}`,
    `- Style: ${style.summary}`,
    `- Rounds: ${formatClock(used)} of ${formatClock(allotted)}; breaks taken: ${taken.length} of ${breaks.length}${taken.length ? ` (${formatClock(breakMs)})` : ''}`,
    ...(s.phase !== 'done' ? [`- Status: unfinished (round ${s.index + 1} of ${s.plan.rounds.length})`] : []),
    '',
    `## ${style.committee}: ${recommendation}`,
    '',
    ...reasons.map((r) => `- ${r}`),
    '',
    '| Round | What | Time used | Result | Signal |',
    '| --- | --- | --- | --- | --- |',
  ];
  s.plan.rounds.forEach((r, i) => {
    // The coding and design rows link the candidate's work (solution, notes): the committee reads it, even when the round was strong.
    let what: string;
    if (r.kind === 'coding' || r.kind === 'design') {
      const named = cell(input.names[i]?.title ?? (r.kind === 'coding' ? r.problemId : r.promptId));
      const link = input.names[i]?.link;
      what = link ? `[${named.replace(/[[\]]/g, '\\$&')}](${link})` : named;
    } else what = cell(r.kind === 'fundamentals' ? `${r.cardIds.length} theory cards` : `${r.questions.length} questions`);
    out.push(`| ${i + 1}. ${cell(r.title)} | ${what} | ${formatClock(roundElapsed(s, i, now))} of ${formatClock(r.minutes * 60_000)} | ${cell(judged[i].result)} | ${SIGNALS[judged[i].signal]} |`);
  });
  out.push('');
  const expected: Record<RoundKind, string> = {
    coding: level.codingRubric, design: level.designRubric,
    fundamentals: LOOP_LEVELS[s.plan.level].fundamentalsRubric, behavioural: LOOP_LEVELS[s.plan.level].behaviouralRubric,
  };
  s.plan.rounds.forEach((r, i) => {
    const j = judged[i];
    const title = r.kind === 'coding' || r.kind === 'design' ? `: ${input.names[i]?.title ?? ''}` : '';
    out.push(`## Round ${i + 1}. ${r.title}${title}`, '', `Signal: **${SIGNALS[j.signal]}** · ${formatClock(roundElapsed(s, i, now))} of ${formatClock(r.minutes * 60_000)}`, '');
    out.push('Signals shown:', '', ...(j.shown.length ? j.shown.map((x) => `- ${x}`) : ['- None recorded.']), '');
    out.push('Signals missing:', '', ...(j.missing.length ? j.missing.map((x) => `- ${x}`) : ['- None.']), '');
    out.push(`Expected at ${s.plan.level}: ${expected[r.kind].replace(/^L\d: /, '')}`, '');
  });
  const next = judged.flatMap((j) => j.practise);
  out.push('## What to practise next', '');
  if (next.length) out.push(...next.map((x) => `- ${x}`));
  else out.push(`- Nothing below the bar in this loop: try the next level (${s.plan.level === 'L6' ? 'another company style' : `L${Number(s.plan.level.slice(1)) + 1}`}).`);
  out.push('', 'Theory cards open with “MLPrep: Open Theory Card…”; questions with “MLPrep: Rehearse a Behavioural Question”. Signals are self-assessed where the rubric is (design sections, key points, story ratings).', '');
  return out.join('\n');
}
