// The one protocol between the theory-card panel's host (src/features/theory/cardPanel.ts) and its
// webview (webview/theory.tsx): discriminated unions both ways, and a validator for what each side
// receives. The host owns the state (which card, when its clock started, revealed or not, ticked
// points, the typed answer); the webview renders it and reports what the user does.
import { isSlug } from '../catalog/types';
import { THEORY_LEVELS, type TheoryLevel } from './types';

export const THEORY_VIEW_TYPE = 'mlprep.theoryCard';

export type Rating = 1 | 2 | 3 | 4;

/** One card as the panel shows it. HTML fields come from renderCardMarkdown (raw HTML escaped). */
export interface CardView {
  id: string;
  topicTitle: string;
  level: TheoryLevel;
  /** The question (HTML, inline Markdown). */
  questionHtml: string;
  /** The answer clock: seconds allowed, and when it started (host epoch ms) and the host's now (the webview corrects its own clock by the difference). */
  seconds: number;
  startedAt: number;
  hostNow: number;
  revealed: boolean;
  /** The typed answer so far (kept on the host: the page is dropped while the panel is hidden, and shown again with it). */
  draft: string;
  /** Present once revealed. */
  answer?: {
    answerHtml: string;
    keyPointsHtml: string[];
    weakAnswersHtml: string[];
    followUpHtml: string;
    /** What each rating would schedule, e.g. { 1: "1 d", 3: "4 d" }. */
    intervals: Record<Rating, string>;
    /** Seconds used, frozen at reveal. */
    usedSeconds: number;
  };
  ticked: number[];
  related: { id: string; title: string }[];
  /** Cards left in today's queue, this one included (0 when opened outside the queue). */
  dueLeft: number;
  /** A short state line: "new", "due today", "next in 4 days". */
  status: string;
  /**
   * Present while the card is one of a full-loop mock's fundamentals round: card `index` (0-based)
   * of `of`, under the round's title. The round's one clock is in the status bar, so the card shows none.
   */
  round?: { index: number; of: number; title: string };
}

export interface DoneView {
  reviewedToday: number;
  /** "tomorrow", "in 3 days"; undefined when nothing is scheduled. */
  nextDue?: string;
}

export type HostToWebview =
  | { type: 'card'; card: CardView }
  | { type: 'done'; done: DoneView };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'reveal' }
  | { type: 'tick'; index: number; on: boolean }
  | { type: 'draft'; text: string }
  | { type: 'rate'; rating: Rating }
  | { type: 'openProblem'; id: string }
  | { type: 'reviewDue' }
  /** The webview drew a message (for the integration test and screenshots). */
  | { type: 'rendered'; cardId?: string; revealed: boolean }
  | { type: 'problem'; message: string };

const MAX_DRAFT = 20_000;
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const bool = (v: unknown): v is boolean => typeof v === 'boolean';
const strs = (v: unknown, max = 50): v is string[] => Array.isArray(v) && v.length <= max && v.every(str);
const isRating = (v: unknown): v is Rating => v === 1 || v === 2 || v === 3 || v === 4;

function isCardView(v: unknown): v is CardView {
  if (!isObj(v) || !str(v.id) || !isSlug(v.id) || !str(v.topicTitle) || !(THEORY_LEVELS as readonly unknown[]).includes(v.level)) return false;
  if (!str(v.questionHtml) || !count(v.seconds) || !num(v.startedAt) || !num(v.hostNow) || !bool(v.revealed) || !str(v.draft)) return false;
  if (!Array.isArray(v.ticked) || !v.ticked.every(count) || !count(v.dueLeft) || !str(v.status)) return false;
  if (!Array.isArray(v.related) || !v.related.every((r) => isObj(r) && str(r.id) && isSlug(r.id) && str(r.title))) return false;
  const r = v.round;
  if (r !== undefined && !(isObj(r) && count(r.index) && count(r.of) && r.index < r.of && str(r.title))) return false;
  if (v.answer === undefined) return !v.revealed;
  const a = v.answer;
  return isObj(a) && str(a.answerHtml) && strs(a.keyPointsHtml, 6) && strs(a.weakAnswersHtml, 4) && str(a.followUpHtml) && num(a.usedSeconds)
    && isObj(a.intervals) && [1, 2, 3, 4].every((r) => str((a.intervals as Record<number, unknown>)[r]));
}

/** Validates a message from the host (the webview's side of the contract). */
export function parseHostMessage(m: unknown): HostToWebview | undefined {
  if (!isObj(m)) return undefined;
  if (m.type === 'card') return isCardView(m.card) ? { type: 'card', card: m.card } : undefined;
  if (m.type === 'done') {
    const d = m.done;
    return isObj(d) && count(d.reviewedToday) && (d.nextDue === undefined || str(d.nextDue)) ? { type: 'done', done: d as unknown as DoneView } : undefined;
  }
  return undefined;
}

/** Validates a message from the webview; undefined for anything malformed. */
export function parseWebviewMessage(m: unknown): WebviewToHost | undefined {
  if (!isObj(m) || !str(m.type)) return undefined;
  switch (m.type) {
    case 'ready':
    case 'reveal':
    case 'reviewDue':
      return { type: m.type };
    case 'tick':
      return count(m.index) && m.index < 6 && bool(m.on) ? { type: 'tick', index: m.index, on: m.on } : undefined;
    case 'draft':
      return str(m.text) ? { type: 'draft', text: m.text.slice(0, MAX_DRAFT) } : undefined;
    case 'rate':
      return isRating(m.rating) ? { type: 'rate', rating: m.rating } : undefined;
    case 'openProblem':
      return str(m.id) && isSlug(m.id) ? { type: 'openProblem', id: m.id } : undefined;
    case 'rendered':
      return bool(m.revealed) && (m.cardId === undefined || (str(m.cardId) && isSlug(m.cardId))) ? { type: 'rendered', revealed: m.revealed, ...(m.cardId !== undefined ? { cardId: m.cardId as string } : {}) } : undefined;
    case 'problem':
      return str(m.message) ? { type: 'problem', message: m.message.slice(0, 2000) } : undefined;
    default:
      return undefined;
  }
}
