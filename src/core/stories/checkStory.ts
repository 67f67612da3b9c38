// The story checker (issue 13): five rules a behavioural answer is commonly marked down for, each
// reported with a 0-based line so the editor can show it where it applies. Heuristics, stated as
// such in the messages; nothing here knows about VS Code.
import { parseStory, sectionOf, STAR_PARTS, type ParsedStory } from './storyFile';

export type StoryRule = 'front-matter' | 'unknown-competency' | 'we-not-i' | 'no-numbers' | 'missing-part' | 'too-long' | 'no-decision';

export interface StoryFinding {
  rule: StoryRule;
  /** 0-based line; the whole line is meant. */
  line: number;
  message: string;
  severity: 'warning' | 'info';
}

/** "We" counts as too many when it occurs at least this often and more often than "I". */
export const WE_MIN = 5;
/** Speaking rate for the length estimate (words per minute) and the limit in seconds. */
export const WORDS_PER_MINUTE = 150;
export const MAX_SPOKEN_SECONDS = 180;

const WE = /\b(we|we're|we've|we'd|we'll|us|our|ours)\b/gi;
const I = /\b(I|I'm|I've|I'd|I'll|me|my|mine)\b/g;

/** Counts of first-person plural and singular words in `text` (we/us/our vs I/me/my). */
export function pronounCounts(text: string): { we: number; i: number } {
  const norm = text.replace(/[\u2018\u2019]/g, "'");
  const we = [...norm.matchAll(WE)];
  return { we: we.length, i: [...norm.matchAll(I)].length };
}

/**
 * A number with a unit: a percent, a currency amount, a multiplier (3x), or a number followed by
 * a unit of time, size, money or people (40 ms, 3 weeks, 120k, 2 engineers). Bare numbers (years,
 * version numbers) do not count.
 */
export const QUANTITY = new RegExp(
  String.raw`([$€£]\s?\d[\d,.]*\s*[kKmMbB]?)` +
    String.raw`|(\d[\d,.]*\s*(%|percent\b|pp\b|x\b|×|bps\b|k\b|K\b|M\b|B\b|ms\b|s\b|sec|second|min|minute|hour|hrs?\b|h\b|day|week|month|quarter|year|yr|QPS|qps|rps|req|request|GB|TB|MB|PB|GPU|user|customer|engineer|people|person|team|model|feature|point|incident|ticket|launch|release|label|example|row|dollar|sample|experiment|service|region|market|language))`,
  'i',
);

/** Whether `text` states a quantity (QUANTITY). */
export const hasQuantity = (text: string) => QUANTITY.test(text);

/** Verbs that announce a decision, in past tense (the story is told after the fact). */
const DECISION = /\b(decided|chose|picked|opted|selected|proposed|recommended|prioriti[sz]ed|went with|settled on|switched|dropped|rejected|pushed (?:for|back)|insisted|committed|traded|cut|killed|escalated|narrowed|replaced|paused|rolled back|deferred|bet)\b/i;
/** Words that give the reason after the decision verb. */
const REASON = /\b(because|so that|since|given|as it|as the|as we|in order to|which meant|to)\b/i;

/**
 * Whether a sentence states a decision with its reasoning: a decision verb and, after it (past an
 * immediate "to <verb>" as in "decided to ship"), a reason word (because, so that, since, given,
 * in order to, to).
 */
export function hasReasonedDecision(sentence: string): boolean {
  const m = DECISION.exec(sentence);
  if (!m) return false;
  const rest = sentence.slice(m.index + m[0].length).replace(/^\s+to\s+\S+/i, '');
  return REASON.test(rest);
}

const words = (text: string) => text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;

/** Spoken length of a text at WORDS_PER_MINUTE, in seconds (rounded). */
export function spokenSeconds(text: string): number {
  return Math.round((words(text) / WORDS_PER_MINUTE) * 60);
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

export interface CheckOptions {
  /** Competency ids of the question bank; unknown ids in the front matter are reported. */
  competencies?: ReadonlySet<string>;
}

/** Checks a story file's text; findings in line order. */
export function checkStory(source: string, o: CheckOptions = {}): StoryFinding[] {
  return checkParsedStory(parseStory(source), o);
}

/** checkStory on an already parsed story. */
export function checkParsedStory(story: ParsedStory, o: CheckOptions = {}): StoryFinding[] {
  const out: StoryFinding[] = [];
  const top = story.keyLines.title ?? 0;
  for (const p of story.problems) out.push({ rule: 'front-matter', line: p.line, message: p.message, severity: 'warning' });
  if (!story.hasFrontMatter && !story.problems.length) {
    out.push({ rule: 'front-matter', line: 0, severity: 'info', message: 'No front matter: start the file with "---", then title, competencies (e.g. [ownership]), level and metrics, then "---", so the story counts in the coverage view.' });
  }
  if (o.competencies) {
    story.front.competencies.forEach((c, i) => {
      if (!o.competencies!.has(c)) {
        out.push({ rule: 'unknown-competency', line: story.competencyLines[i] ?? story.keyLines.competencies ?? 0, severity: 'warning', message: `Unknown competency "${c}". Known: ${[...o.competencies!].join(', ')}.` });
      }
    });
  }

  // 1. Missing or empty STAR parts.
  const missing = STAR_PARTS.filter((p) => !sectionOf(story, p));
  if (missing.length) {
    out.push({ rule: 'missing-part', line: story.hasFrontMatter ? story.bodyStart - 1 : 0, severity: 'warning',
      message: `Missing ${missing.join(', ')}: give the story a "## ${missing[0]}" section${missing.length > 1 ? ` (and ${missing.slice(1).map((m) => `"## ${m}"`).join(', ')})` : ''} so it runs Situation, Task, Action, Result.` });
  }
  for (const p of STAR_PARTS) {
    const s = sectionOf(story, p);
    if (s && !s.text.trim()) out.push({ rule: 'missing-part', line: s.line, severity: 'warning', message: `The ${p} section is empty: write ${HINT[p]}.` });
  }

  // 2. "We" far more often than "I" (the interviewer scores what YOU did).
  const { we, i } = pronounCounts(story.bodyText);
  if (we >= WE_MIN && we > i) {
    // The first line that says "we" (headings and template comments excluded).
    const at = story.cleanLines.findIndex((l) => !/^#/.test(l) && WE_ONE.test(l.replace(/[\u2018\u2019]/g, "'")));
    const line = story.bodyStart + Math.max(0, at);
    out.push({ rule: 'we-not-i', line, severity: 'warning',
      message: `"We" ${we} times, "I" ${i} times (flagged when "we/us/our" occur at least ${WE_MIN} times and more often than "I/me/my"): say what you did yourself, e.g. "I wrote", "I decided".` });
  }

  // 3. No quantified outcome in Result or in the front matter's metrics.
  const result = sectionOf(story, 'Result');
  if (!story.front.metrics.some(hasQuantity) && !(result && hasQuantity(result.text))) {
    out.push({ rule: 'no-numbers', line: result?.line ?? story.keyLines.metrics ?? top, severity: 'warning',
      message: 'No quantified outcome: the Result and the front matter\'s metrics have no number with a unit (e.g. "p99 latency down 40%", "$120k/yr saved", "shipped in 3 weeks"). Add what changed, by how much.' });
  }

  // 4. Longer than about three minutes spoken.
  const secs = spokenSeconds(story.bodyText);
  if (secs > MAX_SPOKEN_SECONDS) {
    out.push({ rule: 'too-long', line: top, severity: 'warning',
      message: `About ${mmss(secs)} spoken (${words(story.bodyText)} words at ${WORDS_PER_MINUTE} words a minute); aim for at most ${mmss(MAX_SPOKEN_SECONDS)}. Shorten the Situation and keep the Action to your own decisions.` });
  }

  // 5. No decision with its reasoning in Action (a heuristic).
  const action = sectionOf(story, 'Action');
  if (action && action.text.trim()) {
    const sentences = action.text.replace(/\s+/g, ' ').split(/(?<=[.!?;])\s+/);
    if (!sentences.some(hasReasonedDecision)) {
      out.push({ rule: 'no-decision', line: action.line, severity: 'info',
        message: 'No decision with its reasoning found in Action (heuristic: a sentence with a decision verb such as "chose", "decided", "prioritised", "dropped" followed by "because", "so that", "since", "given" or "to"). Name one choice you made, the alternative, and why.' });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

const WE_ONE = /\b(we|we're|we've|we'd|we'll|us|our|ours)\b/i;

const HINT: Record<(typeof STAR_PARTS)[number], string> = {
  Situation: 'two or three sentences of context: the team, the system, what was at stake',
  Task: 'what you owned: the goal, the constraint, the deadline',
  Action: 'what you did, in the first person, with one decision and its reason',
  Result: 'the outcome in numbers and what you learned',
};
