// Spaced repetition of theory cards with FSRS, through the ts-fsrs library (issue 13: "scheduled
// with FSRS through ts-fsrs; do not write your own scheduler"). Nothing is stored but the reviews
// (progress events, src/core/progress/events.ts): a card's memory state and due date are DERIVED by
// replaying its reviews in time order through ts-fsrs. The progress fold merges windows' events by
// union and orders them by time, so every window replays the same reviews in the same order and
// computes the same schedule; a reset of the card (a tombstone) removes its reviews.
import { State, createEmptyCard, fsrs, type Card, type FSRS, type Grade } from 'ts-fsrs';
import type { CardReview } from '../progress/progress';
import type { DayKey } from '../plan/days';
import type { TheoryCard } from './types';

export const RATINGS = [
  { rating: 1, label: 'Again', key: '1' },
  { rating: 2, label: 'Hard', key: '2' },
  { rating: 3, label: 'Good', key: '3' },
  { rating: 4, label: 'Easy', key: '4' },
] as const;
export type CardRating = 1 | 2 | 3 | 4;

/**
 * The scheduler's parameters. Short-term learning steps are off: a theory card is a 2-3 minute
 * spoken answer, and hearing it again ten minutes later tests short-term memory rather than recall,
 * so every rating schedules whole days ahead (Again: the next day) and "due today" is a plain daily
 * queue. Fuzz stays on (it spreads cards learnt together over nearby days); ts-fsrs seeds it from
 * the review time and the card's state, so a replay gives the same dates everywhere.
 */
export const THEORY_FSRS_PARAMS = { enable_short_term: false, enable_fuzz: true, request_retention: 0.9 } as const;

/** The ts-fsrs scheduler with THEORY_FSRS_PARAMS (build one and reuse it). */
export function theoryScheduler(): FSRS {
  return fsrs(THEORY_FSRS_PARAMS);
}

export type CardStatus = 'new' | 'learning' | 'review' | 'relearning';
const STATUS: Record<State, CardStatus> = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' };

/** A card's schedule derived from its reviews. Times in epoch ms. */
export interface CardSchedule {
  status: CardStatus;
  /** When the card is due next; undefined for a card never reviewed. */
  due?: number;
  reviews: number;
  lapses: number;
  /** FSRS memory state (days; difficulty 1-10); 0 before the first review. */
  stability: number;
  difficulty: number;
  firstReview?: number;
  lastReview?: number;
  lastRating?: CardRating;
  /** The ts-fsrs card after the last review (for previews of the next interval). */
  fsrsCard: Card;
}

/** Reviews in replay order: by time, ties by rating, points and seconds (a total order, so any input order replays the same). */
export function replayOrder(reviews: readonly CardReview[]): CardReview[] {
  const key = (r: CardReview) => `${r.rating}:${r.points.join(',')}:${r.secs}`;
  return [...reviews].sort((a, b) => a.at - b.at || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Replays a card's reviews through `scheduler` (ts-fsrs `next`, one call per review, in replay
 * order) and returns its schedule. No reviews: a new card.
 */
export function cardSchedule(reviews: readonly CardReview[] | undefined, scheduler: FSRS): CardSchedule {
  const ordered = replayOrder(reviews ?? []);
  let card = createEmptyCard(new Date(ordered[0]?.at ?? 0));
  for (const r of ordered) card = scheduler.next(card, new Date(r.at), r.rating as Grade).card;
  const last = ordered[ordered.length - 1];
  return {
    status: STATUS[card.state],
    due: ordered.length ? card.due.getTime() : undefined,
    reviews: ordered.length,
    lapses: card.lapses,
    stability: card.stability,
    difficulty: card.difficulty,
    firstReview: ordered[0]?.at,
    lastReview: last?.at,
    lastRating: last?.rating,
    fsrsCard: card,
  };
}

/** The due date (epoch ms) each rating would give if the card were reviewed at `now`. */
export function previewIntervals(schedule: CardSchedule, now: number, scheduler: FSRS): Record<CardRating, number> {
  const card = schedule.reviews ? schedule.fsrsCard : createEmptyCard(new Date(now));
  const out = {} as Record<CardRating, number>;
  for (const { rating } of RATINGS) out[rating] = scheduler.next(card, new Date(now), rating as Grade).card.due.getTime();
  return out;
}

export interface TheoryQueueOptions {
  now: number;
  /** New cards introduced per calendar day (setting mlprep.theory.newCardsPerDay). */
  newPerDay: number;
  /** The calendar day of a time (src/core/plan/days.ts dayKey, in the user's zone). */
  dayOf: (ms: number) => DayKey;
  /** The day the queue is for (default: dayOf(now)); Today's drill asks for today's queue as it stood at the start of the day. */
  today?: DayKey;
}

export interface TheoryQueue {
  /** What to review today, in order: cards due by the end of today (most overdue first), then the day's new cards (interleaveTopics). */
  due: TheoryCard[];
  /** Of `due`, how many are new. */
  dueNew: number;
  /** Every card's schedule, by id. */
  schedules: Map<string, CardSchedule>;
  /** Cards first reviewed today (they used up the day's new-card allowance). */
  newToday: number;
  /** Reviews made today (any card of the deck). */
  reviewedToday: number;
  /** Cards reviewed at least once. */
  started: number;
  /** The earliest due date after today, if any (for "next review ..."). */
  nextDue?: number;
}

/**
 * New cards in the order they are introduced: round-robin over the topics (each topic's first new
 * card, in the deck's topic order, then each one's second...), so the first days cover the whole
 * syllabus rather than one topic at a time. Within a topic, file order.
 */
export function interleaveTopics(cards: readonly TheoryCard[]): TheoryCard[] {
  const byTopic = new Map<string, TheoryCard[]>();
  for (const c of cards) (byTopic.get(c.topic) ?? byTopic.set(c.topic, []).get(c.topic)!).push(c);
  const lists = [...byTopic.values()];
  const out: TheoryCard[] = [];
  for (let i = 0; out.length < cards.length; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

/**
 * Today's queue of a deck (`cards` in study order) given the reviews by card id. A reviewed card
 * is due today when its FSRS due date falls on today or earlier (calendar days of `dayOf`); new
 * cards join at most `newPerDay` a day (taking turns across topics), counting those already started today. Reviews of ids not in
 * `cards` are ignored.
 */
export function theoryQueue(cards: readonly TheoryCard[], reviews: Readonly<Record<string, readonly CardReview[]>> | undefined, o: TheoryQueueOptions, scheduler: FSRS = theoryScheduler()): TheoryQueue {
  const today = o.today ?? o.dayOf(o.now);
  const schedules = new Map<string, CardSchedule>();
  const dueOld: { card: TheoryCard; due: number }[] = [];
  const fresh: TheoryCard[] = [];
  let newToday = 0;
  let reviewedToday = 0;
  let started = 0;
  let nextDue: number | undefined;
  for (const card of cards) {
    const own = reviews?.[card.id];
    const s = cardSchedule(own, scheduler);
    schedules.set(card.id, s);
    if (!s.reviews) {
      fresh.push(card);
      continue;
    }
    started++;
    for (const r of own ?? []) if (o.dayOf(r.at) === today) reviewedToday++;
    if (o.dayOf(s.firstReview!) === today) newToday++;
    if (o.dayOf(s.due!) <= today) dueOld.push({ card, due: s.due! });
    else if (nextDue === undefined || s.due! < nextDue) nextDue = s.due;
  }
  dueOld.sort((a, b) => a.due - b.due);
  const allowance = Math.max(0, Math.floor(o.newPerDay) - newToday);
  const dueNew = interleaveTopics(fresh).slice(0, allowance);
  return { due: [...dueOld.map((d) => d.card), ...dueNew], dueNew: dueNew.length, schedules, newToday, reviewedToday, started, nextDue };
}
