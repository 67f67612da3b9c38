// Theory cards (contract D, problems/README.md "Theory cards"): one YAML file per topic under a
// pack's `theory/` folder, each holding interview questions with a model answer, the key points a
// strong answer hits, weak answers and a follow-up. Practised with spaced repetition (./schedule.ts).
import type { CatalogError, PackSource } from '../catalog/types';

export const THEORY_LEVELS = ['L3', 'L4', 'L5', 'L6'] as const;
export type TheoryLevel = (typeof THEORY_LEVELS)[number];

/** The answer clock when a card gives no `seconds`, and the range a card may choose. */
export const DEFAULT_CARD_SECONDS = 150;
export const MIN_CARD_SECONDS = 90;
export const MAX_CARD_SECONDS = 240;

/**
 * The topics of the built-in deck in study order (contract D); a pack's other topics follow,
 * alphabetically. New cards take turns across topics in this order (schedule.ts interleaveTopics).
 */
export const TOPIC_ORDER = [
  'bias-variance', 'regularisation', 'optimisation', 'cross-validation', 'overfitting', 'classification-metrics',
  'regression-metrics', 'class-imbalance', 'trees-ensembles', 'neural-networks', 'transformers', 'llm-training',
  'llm-inference', 'rag', 'llm-evaluation', 'production-ml', 'ab-testing', 'probability-statistics',
] as const;

/** The least cards per topic contract D asks of the built-in deck (the validator prints shortfalls). */
export const MIN_CARDS_PER_TOPIC: Readonly<Record<string, number>> = {
  'bias-variance': 10, regularisation: 10, optimisation: 12, 'cross-validation': 12, overfitting: 8, 'classification-metrics': 12,
  'regression-metrics': 6, 'class-imbalance': 8, 'trees-ensembles': 14, 'neural-networks': 16, transformers: 14, 'llm-training': 12,
  'llm-inference': 12, rag: 10, 'llm-evaluation': 10, 'production-ml': 16, 'ab-testing': 10, 'probability-statistics': 14,
};

/** Fields of one card in `theory/<topic>.yaml`. */
export interface TheoryCardMeta {
  id: string;
  level: TheoryLevel;
  question: string;
  /** Markdown. */
  answer: string;
  keyPoints: string[];
  weakAnswers: string[];
  followUp: string;
  /** Coding problem ids. */
  related: string[];
  /** The answer clock. */
  seconds: number;
}

export interface TheoryCard extends TheoryCardMeta {
  topic: string;
  source: PackSource;
  /** The topic file (absolute). */
  file: string;
}

export interface TheoryTopic {
  /** The file stem. */
  id: string;
  title: string;
  source: PackSource;
  file: string;
  cards: TheoryCard[];
}

export interface TheoryDeck {
  /** In study order (TOPIC_ORDER, then others alphabetically); cards in file order. */
  topics: TheoryTopic[];
  errors: CatalogError[];
}

/** Every card of the deck in study order. */
export function deckCards(deck: Pick<TheoryDeck, 'topics'>): TheoryCard[] {
  return deck.topics.flatMap((t) => t.cards);
}

/** Sorts topic ids in study order. */
export function topicRank(id: string): number {
  const i = (TOPIC_ORDER as readonly string[]).indexOf(id);
  return i < 0 ? TOPIC_ORDER.length : i;
}
