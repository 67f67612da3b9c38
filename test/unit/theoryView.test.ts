import { describe, expect, it } from 'vitest';
import { parseHostMessage, parseWebviewMessage, type CardView } from '../../src/core/theory/protocol';
import { cardDueText, intervalLabel, relatedCards, shortQuestion, theoryGroupLabel } from '../../src/core/theory/deckView';
import { cardSchedule, theoryScheduler } from '../../src/core/theory/schedule';
import { dayKey } from '../../src/core/plan/days';
import type { TheoryCard } from '../../src/core/theory/types';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1, 10);
const utc = (ms: number) => dayKey(ms, 'UTC');

const view: CardView = {
  id: 'l1-vs-l2', topicTitle: 'Regularisation', level: 'L4', questionHtml: 'Why?', seconds: 150, startedAt: T0, hostNow: T0,
  revealed: false, draft: '', ticked: [], related: [{ id: 'linear-regression', title: 'Linear regression' }], dueLeft: 3, status: 'new',
};

describe('theory panel protocol', () => {
  it('accepts the messages each side sends and rejects malformed ones', () => {
    expect(parseHostMessage({ type: 'card', card: view })).toEqual({ type: 'card', card: view });
    // Revealed without the answer, or the answer before reveal, is not a valid card.
    expect(parseHostMessage({ type: 'card', card: { ...view, revealed: true } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...view, id: '../x' } })).toBeUndefined();
    expect(parseHostMessage({ type: 'done', done: { reviewedToday: 2, nextDue: 'tomorrow' } })?.type).toBe('done');
    expect(parseWebviewMessage({ type: 'rate', rating: 3 })).toEqual({ type: 'rate', rating: 3 });
    expect(parseWebviewMessage({ type: 'rate', rating: 5 })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'tick', index: 2, on: true })).toEqual({ type: 'tick', index: 2, on: true });
    expect(parseWebviewMessage({ type: 'tick', index: 9, on: true })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'openProblem', id: 'a b' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'draft', text: 'x'.repeat(30_000) })).toEqual({ type: 'draft', text: 'x'.repeat(20_000) });
    expect(parseWebviewMessage({ type: 'nope' })).toBeUndefined();
  });
});

describe('theory view texts', () => {
  it('says where a card stands: new, due today, overdue, next in N days', () => {
    const s = theoryScheduler();
    const good = cardSchedule([{ at: T0, rating: 3, points: [], secs: 60 }], s);
    const days = Math.round((good.due! - T0) / DAY);
    expect(cardDueText(undefined, utc(T0), utc)).toBe('new');
    expect(cardDueText(good, utc(T0), utc)).toBe(`next in ${days} days`);
    expect(cardDueText(good, utc(good.due!), utc)).toBe('due today');
    expect(cardDueText(good, utc(good.due! + 2 * DAY), utc)).toBe('overdue 2 days');
    expect(intervalLabel(T0, T0 + DAY, utc)).toBe('1 d');
    expect(intervalLabel(T0, T0 + 90 * DAY, utc)).toBe('3 mo');
    expect(theoryGroupLabel({ due: new Array(7) })).toBe('Theory · 7 due today');
  });

  it('shortens questions at a word and finds a problem\'s related cards', () => {
    expect(shortQuestion('Why does L1 regularisation give sparse weights while L2 does not?', 30)).toBe('Why does L1 regularisation…');
    expect(shortQuestion('Short?')).toBe('Short?');
    const cards = [{ id: 'a', related: ['kmeans'] }, { id: 'b', related: [] }, { id: 'c', related: ['pca', 'kmeans'] }] as unknown as TheoryCard[];
    expect(relatedCards(cards, 'kmeans').map((c) => c.id)).toEqual(['a', 'c']);
  });
});
