// What the Problems view's "Theory" group and the card panel say about cards: pure, so the tree
// provider and the panel only render it.
import { daysBetween, type DayKey } from '../plan/days';
import type { CardSchedule, TheoryQueue } from './schedule';
import type { TheoryCard, TheoryTopic } from './types';

/** "Theory · 7 due today" (the group's label; the count drops as cards are reviewed). */
export function theoryGroupLabel(queue: Pick<TheoryQueue, 'due'>): string {
  return `Theory · ${queue.due.length} due today`;
}

/** A day count for people: "today", "tomorrow", "in 3 days", "2 days ago". */
export function relativeDay(from: DayKey, to: DayKey): string {
  const d = daysBetween(from, to);
  if (d === 0) return 'today';
  if (d === 1) return 'tomorrow';
  if (d === -1) return 'yesterday';
  return d > 0 ? `in ${d} days` : `${-d} days ago`;
}

/**
 * A card's state in a few words: "new", "due today", "overdue 3 days", "next in 4 days".
 * `inQueue`: whether today's queue holds it (new cards beyond the daily limit are just "new").
 */
export function cardDueText(s: CardSchedule | undefined, today: DayKey, dayOf: (ms: number) => DayKey): string {
  if (!s?.reviews || s.due === undefined) return 'new';
  const d = daysBetween(today, dayOf(s.due));
  if (d === 0) return 'due today';
  if (d < 0) return `overdue ${-d} day${d === -1 ? '' : 's'}`;
  return `next ${relativeDay(today, dayOf(s.due))}`;
}

export interface TopicSummary {
  total: number;
  /** Reviewed at least once. */
  started: number;
  /** In today's queue. */
  due: number;
}

export function topicSummary(topic: TheoryTopic, queue: Pick<TheoryQueue, 'due' | 'schedules'>): TopicSummary {
  const dueIds = new Set(queue.due.map((c) => c.id));
  return {
    total: topic.cards.length,
    started: topic.cards.filter((c) => (queue.schedules.get(c.id)?.reviews ?? 0) > 0).length,
    due: topic.cards.filter((c) => dueIds.has(c.id)).length,
  };
}

/** "2/6 started · 1 due" */
export function topicDescription(s: TopicSummary): string {
  return `${s.started}/${s.total} started${s.due ? ` · ${s.due} due` : ''}`;
}

/** A question cut to one tree row (whole words, an ellipsis when cut). */
export function shortQuestion(q: string, max = 70): string {
  const one = q.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:]$/, '')}…`;
}

/** The cards whose `related` names the coding problem `problemId`, in deck order. */
export function relatedCards(cards: readonly TheoryCard[], problemId: string): TheoryCard[] {
  return cards.filter((c) => c.related.includes(problemId));
}

/** "in 3 days" style interval from `now` to `due` in whole calendar days, for the rating buttons ("1 d", "4 d", "2 mo"). */
export function intervalLabel(now: number, due: number, dayOf: (ms: number) => DayKey): string {
  const d = Math.max(0, daysBetween(dayOf(now), dayOf(due)));
  if (d < 1) return '<1 d';
  if (d < 45) return `${d} d`;
  if (d < 365) return `${Math.round(d / 30)} mo`;
  return `${(d / 365).toFixed(1).replace(/\.0$/, '')} y`;
}
