// Schema of a theory topic file (contract D). Each card is checked on its own, so one bad card
// leaves out only itself; every issue names the card (by id when it has a usable one) and field.
import {
  isMapping, list, mapping, number, oneOf, optional, required, show, slug, text, title,
  type FieldPath, type SchemaIssue, type Shape,
} from '../catalog/validate';
import { DEFAULT_CARD_SECONDS, MAX_CARD_SECONDS, MIN_CARD_SECONDS, THEORY_LEVELS, type TheoryCardMeta } from './types';

const cardShape: Shape<TheoryCardMeta> = {
  id: required(slug),
  level: required(oneOf(THEORY_LEVELS)),
  question: required(text),
  answer: required(text),
  keyPoints: required(list(text, { min: 3, max: 6 })),
  weakAnswers: required(list(text, { min: 1, max: 4 })),
  followUp: required(text),
  related: required(list(slug, { unique: true })),
  seconds: optional(number({ min: MIN_CARD_SECONDS, max: MAX_CARD_SECONDS, integer: true }), DEFAULT_CARD_SECONDS),
};

export interface TopicValidation {
  /** Present when the file's own fields (topic, title, cards being a list) are right. */
  topic?: { id: string; title: string };
  /** The cards that passed, with their index in `cards`. */
  cards: { index: number; card: TheoryCardMeta }[];
  /** Issues; `message` starts with `card "<id>": ` for a card's issue. */
  issues: SchemaIssue[];
}

/**
 * Validates a parsed `theory/<stem>.yaml`: `topic` must equal the stem, `title` a short text,
 * `cards` a non-empty list of cards (contract D). Card ids are not checked for uniqueness here
 * (across files: loadTheory.ts).
 */
export function validateTopicFile(data: unknown, stem: string): TopicValidation {
  const issues: SchemaIssue[] = [];
  if (!isMapping(data)) return { cards: [], issues: [{ path: [], message: `must be a mapping with topic, title and cards (got ${show(data)})` }] };
  const head = mapping<{ topic: string; title: string; cards: unknown[] }>({
    topic: required(slug),
    title: required(title),
    cards: required(((v, path, out) => (Array.isArray(v) ? v : (out.push({ path, message: `must be a list (got ${show(v)})` }), undefined)))),
  })(data, [], issues);
  if (typeof data.topic === 'string' && data.topic !== stem) issues.push({ path: ['topic'], message: `must equal the file name "${stem}" (got ${show(data.topic)})` });
  const rawCards = Array.isArray(data.cards) ? data.cards : [];
  if (Array.isArray(data.cards) && !rawCards.length) issues.push({ path: ['cards'], message: 'must have at least 1 card' });
  const cards: TopicValidation['cards'] = [];
  rawCards.forEach((raw, index) => {
    const own: SchemaIssue[] = [];
    const card = mapping(cardShape)(raw, ['cards', index], own);
    const id = isMapping(raw) && typeof raw.id === 'string' && raw.id.trim() ? raw.id : undefined;
    const label = id ? `card "${id}"` : `card ${index + 1}`;
    for (const i of own) issues.push({ path: i.path, message: `${label}: ${i.message}` });
    if (card && !own.length) cards.push({ index, card });
  });
  const fileOk = !issues.some((i) => !isCardPath(i.path));
  return { topic: fileOk && head ? { id: stem, title: head.title } : undefined, cards, issues };
}

const isCardPath = (p: FieldPath) => p[0] === 'cards' && typeof p[1] === 'number';
