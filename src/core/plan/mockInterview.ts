// Mock interview: one unsolved coding problem and one design prompt matched to a level, run back
// to back against the clock, then a report. The clock is a pure state machine over wall-clock
// timestamps (like the design timer): readings are derived from stored times and `now`, so they
// are right after a reload or a sleep. Overtime is allowed and reported; nothing auto-advances.
import type { DesignSectionKey, Difficulty } from '../catalog/types';
import { DESIGN_SECTION_KEYS } from '../catalog/types';
import type { Score } from '../design/session';
import { SECTION_TITLES } from '../design/notes';
import { formatClock } from '../design/timer';
import { problemState, type Progress } from '../progress/progress';
import type { ListedProblem } from '../tree/problemList';
import { dayKey } from './days';
import { seededRandom } from './recommend';

/** Interview levels, junior to staff. */
export const LEVEL_IDS = ['L3', 'L4', 'L5', 'L6'] as const;
/** An interview level. */
export type MockLevel = (typeof LEVEL_IDS)[number];
/** Type guard for a stored or user-picked level. */
export const isMockLevel = (v: unknown): v is MockLevel => typeof v === 'string' && (LEVEL_IDS as readonly string[]).includes(v);

/** What a level means for the mock. */
export interface LevelSpec {
  id: MockLevel;
  /** e.g. "L5 (senior)". */
  label: string;
  codingMinutes: number;
  designMinutes: number;
  /** Coding problems offered at this level. */
  codingDifficulties: readonly Difficulty[];
  /** Design prompts offered at this level. */
  designDifficulties: readonly Difficulty[];
  /** What the coding round expects, one sentence. */
  codingRubric: string;
  /** What the design round expects, one sentence. */
  designRubric: string;
  /** The self-assessed design bar: average section score (1-4) and share of probing questions covered. */
  designBar: { averageScore: number; coverage: number };
}

/** The levels, by id. Staff loops weigh design more: a shorter coding round, a longer design one. */
export const LEVELS: Readonly<Record<MockLevel, LevelSpec>> = {
  L3: {
    id: 'L3', label: 'L3 (junior)', codingMinutes: 45, designMinutes: 45,
    codingDifficulties: ['easy', 'medium'], designDifficulties: ['easy', 'medium'],
    codingRubric: 'A correct, readable solution; asks about the inputs and tests the basic cases.',
    designRubric: 'L3: follows the framework with some prompting; a sensible baseline model, features and offline metric.',
    designBar: { averageScore: 2.5, coverage: 0.5 },
  },
  L4: {
    id: 'L4', label: 'L4 (mid-level)', codingMinutes: 45, designMinutes: 45,
    codingDifficulties: ['medium'], designDifficulties: ['medium', 'hard'],
    codingRubric: 'A correct solution with the edge cases handled and its complexity explained, without hints.',
    designRubric: 'L4: covers all six sections unprompted; justifies the model and the metric; spots label and leakage issues.',
    designBar: { averageScore: 2.75, coverage: 0.6 },
  },
  L5: {
    id: 'L5', label: 'L5 (senior)', codingMinutes: 45, designMinutes: 45,
    codingDifficulties: ['medium', 'hard'], designDifficulties: ['hard'],
    codingRubric: 'A clean, efficient solution in time, numerically careful, with its own tests; discusses alternatives.',
    designRubric: 'L5: drives the discussion; sizes scale and latency; compares alternatives; online evaluation, rollout and monitoring plan.',
    designBar: { averageScore: 3, coverage: 0.7 },
  },
  L6: {
    id: 'L6', label: 'L6 (staff)', codingMinutes: 30, designMinutes: 60,
    codingDifficulties: ['medium', 'hard'], designDifficulties: ['hard'],
    codingRubric: 'A correct, well-structured solution quickly, leaving time to discuss production concerns.',
    designRubric: 'L6: drives the problem definition, names trade-offs unprompted, plans for failure modes, cost and iteration speed across teams.',
    designBar: { averageScore: 3.25, coverage: 0.8 },
  },
};

/**
 * The role a mock is for: a general ML engineer loop, or an LLM-focused role (L5-L6) whose coding
 * round comes from the "LLM & GenAI internals" category and whose design round is a GenAI prompt.
 */
export type MockTrack = 'general' | 'llm';
/** Levels offered for the LLM-focused track (senior and staff roles). */
export const LLM_TRACK_LEVELS: readonly MockLevel[] = ['L5', 'L6'];
/** The coding category an LLM-focused mock draws from. */
export const LLM_CATEGORY = 'llm';
/** Tags that mark a design prompt as GenAI (any one of them). */
export const GENAI_DESIGN_TAGS: readonly string[] = ['llm', 'genai', 'rag'];

/** Whether a catalogue entry belongs to the pool of a mock `track` (general takes everything). */
export function inTrack(p: ListedProblem, track: MockTrack): boolean {
  if (track === 'general') return true;
  return p.kind === 'coding' ? p.category === LLM_CATEGORY : p.tags.some((t) => GENAI_DESIGN_TAGS.includes(t));
}

/**
 * The coding problems a mock can grade when the interpreter lacks the modules `lacking` (e.g.
 * pandas): those needing none of them; all of them when none is left or nothing is known to lack.
 */
export function gradableProblems<P extends { requires: readonly string[] }>(problems: readonly P[], lacking: readonly string[] | undefined): P[] {
  if (!lacking?.length) return [...problems];
  const ok = problems.filter((p) => !p.requires.some((m) => lacking.includes(m)));
  return ok.length ? ok : [...problems];
}

/** The two problems of a mock. */
export interface MockPick {
  codingId: string;
  designId: string;
}

const difficultyList = (ds: readonly Difficulty[]) => (ds.length > 1 ? `${ds.slice(0, -1).join(', ')} or ${ds[ds.length - 1]}` : ds[0]);

/**
 * Picks the mock's problems for `level`, deterministically by `seed` (e.g. the start time):
 * - coding: an unsolved coding problem of an eligible difficulty, never-run ones first (as in a
 *   real interview, the problem should be unseen);
 * - design: a prompt of an eligible difficulty, never-practised ones first (for the LLM track, any
 *   GenAI prompt when none has an eligible difficulty).
 * `track` 'llm' restricts both pools to the LLM & GenAI category and GenAI-tagged prompts.
 * An error message for the user when either pool is empty.
 */
export function pickMock(input: { level: MockLevel; problems: readonly ListedProblem[]; progress: Progress; seed: string; track?: MockTrack }): MockPick | { error: string } {
  const spec = LEVELS[input.level];
  const track = input.track ?? 'general';
  const rand = seededRandom(`mock|${input.level}|${input.seed}`);
  const byId = (a: ListedProblem, b: ListedProblem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  // Sorted so the pick does not depend on the catalogue's order.
  const choose = (pools: ListedProblem[][]) => {
    const pool = pools.find((p) => p.length)?.sort(byId);
    return pool?.[Math.floor(rand() * pool.length)];
  };
  const state = (p: ListedProblem) => problemState(input.progress.problems[p.id]);
  const pool = input.problems.filter((p) => inTrack(p, track));
  const coding = pool.filter((p) => p.kind === 'coding' && spec.codingDifficulties.includes(p.difficulty) && state(p) !== 'solved');
  const design = pool.filter((p) => p.kind === 'design' && spec.designDifficulties.includes(p.difficulty));
  const what = track === 'llm' ? ' LLM & GenAI' : '';
  const c = choose([coding.filter((p) => state(p) === 'new'), coding]);
  const fresh = (ps: ListedProblem[]) => ps.filter((p) => !input.progress.problems[p.id]?.sessions);
  // The GenAI prompts are few: an LLM-focused mock takes one of another difficulty rather than none.
  const anyDesign = track === 'general' ? [] : pool.filter((p) => p.kind === 'design');
  const d = choose([fresh(design), design, fresh(anyDesign), anyDesign]);
  if (!c) return { error: `No unsolved ${difficultyList(spec.codingDifficulties)}${what} coding problem left for ${spec.label}: pick another level or reset a problem.` };
  if (!d) return { error: `No ${difficultyList(spec.designDifficulties)}${what} design prompt for ${spec.label}: pick another level or add a prompt.` };
  return { codingId: c.id, designId: d.id };
}

// ---------------------------------------------------------------------------------------------
// The state machine.

/** Where the mock is: the coding round, the design round, or the report after both. */
export type MockPhase = 'coding' | 'design' | 'review';
/** The two timed parts. */
export type MockPart = 'coding' | 'design';

/** Hidden-test outcome of the coding round. */
export interface CodingResult {
  passed: number;
  total: number;
  /**
   * A problem with follow-ups (contract F): the furthest part the candidate reached (unlocked) of
   * `of`, and that part's own tests. Finishing part 1 early moves on to part 2, as an interviewer would.
   */
  reached?: { part: number; of: number; passed: number; total: number };
}

/** "reached part 2 of 3, part 2: 4/6 tests"; '' when the problem has no follow-ups. */
export function reachedText(r: CodingResult | undefined): string {
  if (!r?.reached || r.reached.of < 2) return '';
  const { part, of, passed, total } = r.reached;
  return `reached part ${part} of ${of}, part ${part}: ${passed}/${total} tests`;
}

/** Questions ticked of a design section's probing questions. */
export interface SectionCoverage {
  ticked: number;
  total: number;
}

/** What the user reports at the end of the design round. */
export interface DesignResult {
  sectionsCovered: Partial<Record<DesignSectionKey, SectionCoverage>>;
  selfScores: Partial<Record<DesignSectionKey, Score>>;
  /** The clarifying questions asked of the interviewer and the ones never asked (absent in mocks saved before questions were recorded). */
  clarifying?: ClarifyingQuestions;
}

export interface ClarifyingQuestions {
  asked: string[];
  notAsked: string[];
}

/** A mock in progress or finished; plain JSON, stored by the host. */
export interface MockState {
  level: MockLevel;
  /** The role the mock is for; absent in mocks stored before tracks existed (= general). */
  track?: MockTrack;
  codingId: string;
  designId: string;
  /** Allotted per part, ms (copied from the level at the start). */
  codingMs: number;
  designMs: number;
  phase: MockPhase;
  startedAt: number;
  /** End of the coding round = start of the design round. */
  codingEndedAt?: number;
  designEndedAt?: number;
  /**
   * The candidate pressed Finish in the design panel at this time (epoch ms): the round's time
   * used stops there, while they score themselves; "Back to the board" clears it (the clock runs
   * on). Only in the design phase.
   */
  designStoppedAt?: number;
  /** Folder of the design round's session, once it opened: "go to the current part" reopens it. */
  designSessionDir?: string;
  /** Latest hidden-test result of the coding problem during the coding round; absent if never run. */
  coding?: CodingResult;
  design?: DesignResult;
}

const MINUTE = 60_000;

/** Starts a mock at `now`: the coding round runs first. */
export function startMock(pick: MockPick, level: MockLevel, now: number, track: MockTrack = 'general'): MockState {
  const spec = LEVELS[level];
  return {
    level, ...(track === 'general' ? {} : { track }), codingId: pick.codingId, designId: pick.designId,
    codingMs: spec.codingMinutes * MINUTE, designMs: spec.designMinutes * MINUTE,
    phase: 'coding', startedAt: now,
  };
}

/** Moves to the next phase at `now`: coding → design → review; a finished mock stays as is. */
export function advance(state: MockState, now: number): MockState {
  if (state.phase === 'coding') return { ...state, phase: 'design', codingEndedAt: Math.max(now, state.startedAt) };
  if (state.phase === 'design') return { ...state, phase: 'review', designEndedAt: Math.max(now, state.codingEndedAt ?? state.startedAt) };
  return state;
}

/**
 * Keeps the latest hidden-test result of the mock's coding problem (the host calls it on every
 * run during the coding round). Ignored outside the coding round.
 */
export function recordCodingRun(state: MockState, result: CodingResult): MockState {
  if (state.phase !== 'coding') return state;
  return { ...state, coding: { passed: result.passed, total: result.total, ...(result.reached ? { reached: { ...result.reached } } : {}) } };
}

/** Ends the coding round with its result and starts the design round. Ignored outside the coding round. */
export function finishCoding(state: MockState, now: number, result: CodingResult): MockState {
  if (state.phase !== 'coding') return state;
  return advance(recordCodingRun(state, result), now);
}

/**
 * The candidate finished the design round's board at `now` (the panel's Finish): its time used is
 * fixed there while they assess themselves. Ignored outside the design round or when already stopped.
 */
export function stopDesignClock(state: MockState, now: number): MockState {
  if (state.phase !== 'design' || state.designStoppedAt !== undefined) return state;
  return { ...state, designStoppedAt: Math.max(now, state.codingEndedAt ?? state.startedAt) };
}

/** Back to the board from the self-assessment: the design clock runs again (wall-clock, so the assessment time counts). */
export function resumeDesignClock(state: MockState): MockState {
  if (state.designStoppedAt === undefined) return state;
  const { designStoppedAt: _stopped, ...rest } = state;
  return rest;
}

/**
 * Ends the design round with coverage and self-assessment, and shows the report. The round ends
 * when its clock stopped (Finish), else at `now`. Ignored outside the design round.
 */
export function finishDesign(state: MockState, now: number, result: DesignResult): MockState {
  if (state.phase !== 'design') return state;
  const design: DesignResult = { sectionsCovered: { ...result.sectionsCovered }, selfScores: { ...result.selfScores } };
  if (result.clarifying) design.clarifying = { asked: [...result.clarifying.asked], notAsked: [...result.clarifying.notAsked] };
  const end = state.designStoppedAt ?? now;
  return { ...advance(resumeDesignClock(state), end), design };
}

/** While a mock runs (coding or design round), hints and reference solutions are hidden. */
export function mockHidesAssistance(state: MockState | undefined): boolean {
  return !!state && state.phase !== 'review';
}

/** Time spent per part (ms) at `now`; a part not started yet is 0, a clock that went backwards never negative. */
export function elapsed(state: MockState, now: number): Record<MockPart, number> {
  const codingEnd = state.codingEndedAt ?? now;
  const designStart = state.codingEndedAt;
  return {
    coding: Math.max(0, codingEnd - state.startedAt),
    design: designStart === undefined ? 0 : Math.max(0, (state.designEndedAt ?? state.designStoppedAt ?? now) - designStart),
  };
}

/** Time left and overtime of one part. */
export interface PartClock {
  allottedMs: number;
  elapsedMs: number;
  /** 0 once the allotted time is used up. */
  remainingMs: number;
  /** Time beyond the allotted; 0 while within it. */
  overtimeMs: number;
}

/** Remaining time and overtime per part at `now`. */
export function remaining(state: MockState, now: number): Record<MockPart, PartClock> {
  const e = elapsed(state, now);
  const part = (allottedMs: number, elapsedMs: number): PartClock => ({
    allottedMs, elapsedMs, remainingMs: Math.max(0, allottedMs - elapsedMs), overtimeMs: Math.max(0, elapsedMs - allottedMs),
  });
  return { coding: part(state.codingMs, e.coding), design: part(state.designMs, e.design) };
}

/** When the running part's allotted time ends (epoch ms), for a timer/notification; undefined in review and once the design clock stopped. */
export function partDeadline(state: MockState): number | undefined {
  if (state.phase === 'coding') return state.startedAt + state.codingMs;
  if (state.phase === 'design' && state.designStoppedAt !== undefined) return undefined;
  if (state.phase === 'design') return (state.codingEndedAt ?? state.startedAt) + state.designMs;
  return undefined;
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function parseCoverage(raw: unknown): DesignResult | undefined {
  if (!isRecord(raw) || !isRecord(raw.sectionsCovered) || !isRecord(raw.selfScores)) return undefined;
  const sectionsCovered: DesignResult['sectionsCovered'] = {};
  const selfScores: DesignResult['selfScores'] = {};
  for (const k of DESIGN_SECTION_KEYS) {
    const c = raw.sectionsCovered[k];
    if (isRecord(c) && num(c.ticked) && num(c.total) && c.ticked >= 0 && c.total >= 0) sectionsCovered[k] = { ticked: c.ticked, total: c.total };
    const s = raw.selfScores[k];
    if (s === 1 || s === 2 || s === 3 || s === 4) selfScores[k] = s;
  }
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 1000 && v.every((x) => typeof x === 'string');
  const c = raw.clarifying;
  // A malformed list drops only itself, like a malformed section.
  if (isRecord(c) && strings(c.asked) && strings(c.notAsked)) return { sectionsCovered, selfScores, clarifying: { asked: [...c.asked], notAsked: [...c.notAsked] } };
  return { sectionsCovered, selfScores };
}

/** Validates a stored mock (from workspace/global state); undefined when it cannot be trusted. */
export function parseMockState(raw: unknown): MockState | undefined {
  if (!isRecord(raw)) return undefined;
  const { level, codingId, designId, codingMs, designMs, phase, startedAt, codingEndedAt, designEndedAt } = raw;
  if (!isMockLevel(level) || typeof codingId !== 'string' || typeof designId !== 'string') return undefined;
  if (!num(codingMs) || !num(designMs) || codingMs <= 0 || designMs <= 0 || !num(startedAt)) return undefined;
  if (phase !== 'coding' && phase !== 'design' && phase !== 'review') return undefined;
  if (phase !== 'coding' && !num(codingEndedAt)) return undefined;
  if (phase === 'review' && !num(designEndedAt)) return undefined;
  const s: MockState = { level, codingId, designId, codingMs, designMs, phase, startedAt };
  if (raw.track === 'llm') s.track = 'llm';
  if (phase !== 'coding') s.codingEndedAt = codingEndedAt as number;
  if (phase === 'review') s.designEndedAt = designEndedAt as number;
  if (phase === 'design' && typeof raw.designSessionDir === 'string' && raw.designSessionDir) s.designSessionDir = raw.designSessionDir;
  if (phase === 'design' && num(raw.designStoppedAt) && raw.designStoppedAt >= (codingEndedAt as number)) s.designStoppedAt = raw.designStoppedAt;
  const c = raw.coding;
  if (isRecord(c) && num(c.passed) && num(c.total)) {
    s.coding = { passed: c.passed, total: c.total };
    const r = c.reached;
    if (isRecord(r) && num(r.part) && num(r.of) && num(r.passed) && num(r.total) && r.part >= 1 && r.part <= r.of) {
      s.coding.reached = { part: r.part, of: r.of, passed: r.passed, total: r.total };
    }
  }
  const d = parseCoverage(raw.design);
  if (d && phase === 'review') s.design = d;
  return s;
}

// ---------------------------------------------------------------------------------------------
// The report.

/** Text safe inside a Markdown table cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** `38:12 of 45:00` / `47:30 of 45:00 (+2:30 over)`. */
const timeUsed = (c: PartClock) => `${formatClock(c.elapsedMs)} of ${formatClock(c.allottedMs)}${c.overtimeMs > 0 ? ` (+${formatClock(c.overtimeMs)} over)` : ''}`;

/** One line judging the coding round. */
export function codingVerdict(state: MockState, now: number): string {
  const clock = remaining(state, now).coding;
  const r = state.coding;
  if (!r || r.total <= 0) return 'No test run recorded: the interviewer would have no working code to judge.';
  if (r.passed === r.total) {
    return clock.overtimeMs > 0
      ? `All ${r.total} tests passed, but ${formatClock(clock.overtimeMs)} over time: aim to finish with time left to test.`
      : `All ${r.total} tests passed within time: meets the bar.`;
  }
  return r.passed * 2 >= r.total
    ? `Partial: ${r.passed}/${r.total} tests, a working core with edge cases missing.`
    : `Below the bar: ${r.passed}/${r.total} tests passed.`;
}

/** Share of probing questions ticked over all sections (0-1), undefined when there were none. */
export function designCoverage(result: DesignResult | undefined): number | undefined {
  if (!result) return undefined;
  let ticked = 0;
  let total = 0;
  for (const c of Object.values(result.sectionsCovered)) {
    if (!c) continue;
    ticked += Math.min(c.ticked, c.total);
    total += c.total;
  }
  return total > 0 ? ticked / total : undefined;
}

/** Average self-score over the sections scored (1-4), undefined when none was. */
export function designAverage(result: DesignResult | undefined): number | undefined {
  const scores = Object.values(result?.selfScores ?? {}).filter((s): s is Score => s !== undefined);
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : undefined;
}

/** One line judging the design round against the level's bar (self-assessed). */
export function designVerdict(state: MockState, now: number): string {
  const spec = LEVELS[state.level];
  const avg = designAverage(state.design);
  const cov = designCoverage(state.design);
  if (avg === undefined) return 'No self-assessment recorded.';
  const covText = cov === undefined ? '' : `, ${Math.round(cov * 100)}% of probing questions`;
  const meets = avg >= spec.designBar.averageScore && (cov === undefined || cov >= spec.designBar.coverage);
  const weakest = DESIGN_SECTION_KEYS.filter((k) => state.design?.selfScores[k] !== undefined)
    .sort((a, b) => (state.design?.selfScores[a] ?? 0) - (state.design?.selfScores[b] ?? 0))[0];
  const over = remaining(state, now).design.overtimeMs;
  const overText = over > 0 ? ` ${formatClock(over)} over time.` : '';
  return meets
    ? `Meets the ${spec.id} bar on your own assessment (${avg.toFixed(1)}/4${covText}).${overText}`
    : `Below the ${spec.id} bar (${avg.toFixed(1)}/4${covText}; the bar is ${spec.designBar.averageScore}/4 and ${Math.round(spec.designBar.coverage * 100)}%)` +
      `${weakest ? `: work on ${SECTION_TITLES[weakest]}.` : '.'}${overText}`;
}

/** Titles and labels for the report (the state holds only ids). */
export interface MockReportOptions {
  codingTitle: string;
  designTitle: string;
  levelLabel: string;
  /** The date line is in this time zone (default: the machine's). */
  timeZone?: string;
  /** For a report of a mock still running (defaults to the end of the design round, or the start when absent). */
  now?: number;
  /** What was hidden during the mock and comes back with the report: the coding problem's hints and reference solution (Python). */
  revealed?: { hints: readonly string[]; reference?: string };
}

/**
 * The end-of-interview report, Markdown: a summary table, then per part the tests passed, time
 * used against the allotted, design sections covered and self-scores, and a verdict line each.
 */
export function mockReportMarkdown(state: MockState, opts: MockReportOptions): string {
  const now = opts.now ?? state.designEndedAt ?? state.codingEndedAt ?? state.startedAt;
  const clocks = remaining(state, now);
  const spec = LEVELS[state.level];
  const c = state.coding;
  const avg = designAverage(state.design);
  const cov = designCoverage(state.design);
  const reached = reachedText(c);
  const codingResult = c && c.total > 0 ? `${c.passed}/${c.total} tests${reached ? ` (${reached})` : ''}` : 'not run';
  const designResult = [
    cov === undefined ? undefined : `${Math.round(cov * 100)}% of questions`,
    avg === undefined ? undefined : `self ${avg.toFixed(1)}/4`,
  ].filter(Boolean).join(', ') || 'not assessed';
  const out: string[] = [
    `# Mock interview: ${opts.levelLabel}`,
    '',
    `- Date: ${dayKey(state.startedAt, opts.timeZone)}`,
    `- Total time: ${formatClock(clocks.coding.elapsedMs + clocks.design.elapsedMs)} of ${formatClock(state.codingMs + state.designMs)}`,
    ...(state.phase !== 'review' ? [`- Status: unfinished (${state.phase} round)`] : []),
    '',
    '| Part | Problem | Time used | Result |',
    '| --- | --- | --- | --- |',
    `| Coding | ${cell(opts.codingTitle)} | ${timeUsed(clocks.coding)} | ${codingResult} |`,
    `| System design | ${cell(opts.designTitle)} | ${timeUsed(clocks.design)} | ${designResult} |`,
    '',
    `## Coding: ${opts.codingTitle}`,
    '',
    `- Tests passed: ${c && c.total > 0 ? `${c.passed} / ${c.total}` : 'no run recorded'}`,
    ...(reached ? [`- Follow-ups: ${reached} (each part unlocks when the ones before pass, as an interviewer moves on)`] : []),
    `- Time: ${timeUsed(clocks.coding)}`,
    `- Verdict: ${codingVerdict(state, now)}`,
    `- Expected at ${spec.id}: ${spec.codingRubric}`,
    '',
    `## System design: ${opts.designTitle}`,
    '',
    `- Time: ${timeUsed(clocks.design)}`,
    '',
    '| Section | Questions covered | Self-assessment |',
    '| --- | --- | --- |',
  ];
  for (const k of DESIGN_SECTION_KEYS) {
    const cv = state.design?.sectionsCovered[k];
    const sc = state.design?.selfScores[k];
    out.push(`| ${SECTION_TITLES[k]} | ${cv ? `${Math.min(cv.ticked, cv.total)} / ${cv.total}` : '-'} | ${sc !== undefined ? `${sc} / 4` : '-'} |`);
  }
  const missed = DESIGN_SECTION_KEYS.filter((k) => {
    const cv = state.design?.sectionsCovered[k];
    return cv !== undefined && cv.total > 0 && cv.ticked <= 0;
  });
  out.push('');
  if (missed.length) out.push(`- Not covered: ${missed.map((k) => SECTION_TITLES[k]).join(', ')}`);
  const cq = state.design?.clarifying;
  if (cq) {
    out.push(`- Clarifying questions asked: ${cq.asked.length} of ${cq.asked.length + cq.notAsked.length}`);
    if (cq.notAsked.length) out.push(`- You did not ask: ${[...new Set(cq.notAsked)].map((q) => `“${q.trim().replace(/\s+/g, ' ')}”`).join('; ')}`);
  }
  out.push(`- Verdict: ${designVerdict(state, now)}`, `- Expected at ${spec.id}: ${spec.designRubric}`, '');
  const r = opts.revealed;
  if (r && (r.hints.length || r.reference)) {
    out.push(`## After the interview: ${opts.codingTitle}`, '', 'Hidden during the mock, shown now.', '');
    if (r.hints.length) out.push('### Hints', '', ...r.hints.map((h, i) => `${i + 1}. ${h.trim().replace(/\n+/g, ' ')}`), '');
    if (r.reference) out.push('### Reference solution', '', '```python', r.reference.replace(/\s+$/, ''), '```', '');
  }
  return out.join('\n');
}
