// "Ask the interviewer": which clarifying questions a design session still offers, and, for the
// report, what was asked (when, in which section) and what was never asked. Pure; the panel, the
// quick pick, notes.md and the assessment all read it from here.
import { GENERIC_ASK, type DesignFact } from '../catalog/types';
import type { AskedQuestion, DesignSession } from './session';

/** One question the candidate may ask now. */
export interface AskChoice {
  /** Index of the fact in the prompt's `context` that the answer reveals. */
  fact: number;
  question: string;
  /** True for the catch-all question that reveals the next fact written without its own question. */
  generic: boolean;
}

/** The question that draws out fact `i` (the catch-all one for a fact written as a plain string). */
export function questionOf(context: readonly DesignFact[], i: number): string {
  return context[i]?.ask ?? GENERIC_ASK;
}

/**
 * The questions still open, in the prompt's order: one per unasked fact that has its own
 * question, then (if any plain fact is left) one catch-all question revealing the first of them,
 * so plain facts still come one at a time and in order.
 */
export function askChoices(context: readonly DesignFact[], revealed: readonly number[]): AskChoice[] {
  const done = new Set(revealed);
  const out: AskChoice[] = [];
  let plain: number | undefined;
  context.forEach((f, i) => {
    if (done.has(i)) return;
    if (f.ask !== undefined) out.push({ fact: i, question: f.ask, generic: false });
    else plain ??= i;
  });
  if (plain !== undefined) out.push({ fact: plain, question: GENERIC_ASK, generic: true });
  return out;
}

export interface AskedFact {
  fact: number;
  question: string;
  answer: string;
  /** When and where it was asked; absent for a fact revealed by a version that kept no time. */
  when?: Omit<AskedQuestion, 'fact'>;
}

export interface InterviewerReport {
  /** In the order asked (facts with no recorded time last, by number). */
  asked: AskedFact[];
  /** Facts never asked for, in the prompt's order. */
  notAsked: { fact: number; question: string; answer: string }[];
  total: number;
}

/** What the session asked of the interviewer and what it never asked, for notes.md and the assessment. */
export function interviewerReport(context: readonly DesignFact[], session: Pick<DesignSession, 'revealed' | 'asked'>): InterviewerReport {
  const asked: AskedFact[] = [];
  const seen = new Set<number>();
  for (const a of session.asked) {
    if (!context[a.fact] || seen.has(a.fact)) continue;
    seen.add(a.fact);
    asked.push({ fact: a.fact, question: questionOf(context, a.fact), answer: context[a.fact].answer, when: { at: a.at, section: a.section, elapsedMs: a.elapsedMs } });
  }
  for (const i of [...session.revealed].sort((x, y) => x - y)) {
    if (!context[i] || seen.has(i)) continue;
    seen.add(i);
    asked.push({ fact: i, question: questionOf(context, i), answer: context[i].answer });
  }
  const notAsked = context.flatMap((f, i) => (seen.has(i) ? [] : [{ fact: i, question: questionOf(context, i), answer: f.answer }]));
  return { asked, notAsked, total: context.length };
}
