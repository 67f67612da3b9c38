// How a problem with follow-up parts (contract F) reads in the Problems view: "part 2 of 3" in the
// description and one line per part in the tooltip. Pure.
import { partsReached, unlockedParts, type ProblemProgress } from '../progress/progress';

export type PartState = 'passed' | 'current' | 'locked';

export interface PartRow {
  part: number;
  title: string;
  state: PartState;
}

/**
 * One row per part: passed (parts 1..reached), current (the first unlocked part not passed yet),
 * locked (the rest). `followUpTitles` are the titles of parts 2, 3, ...
 */
export function partRows(title: string, followUpTitles: readonly string[], entry: ProblemProgress | undefined): PartRow[] {
  const count = 1 + followUpTitles.length;
  const reached = partsReached(entry, count);
  const unlocked = unlockedParts(entry, count);
  return [title, ...followUpTitles].map((t, i) => {
    const part = i + 1;
    const state: PartState = part <= reached ? 'passed' : part <= unlocked ? 'current' : 'locked';
    return { part, title: t, state };
  });
}

/**
 * "part 2 of 3" (the part being worked on), "3/3 parts" once all pass; undefined for a problem
 * without follow-ups.
 */
export function partsDescription(rows: readonly PartRow[]): string | undefined {
  if (rows.length < 2) return undefined;
  const passed = rows.filter((r) => r.state === 'passed').length;
  if (passed === rows.length) return `${rows.length}/${rows.length} parts`;
  const current = rows.find((r) => r.state === 'current')?.part ?? 1;
  return `part ${current} of ${rows.length}`;
}

const ICON: Record<PartState, string> = { passed: '$(pass-filled)', current: '$(circle-large-outline)', locked: '$(lock)' };
const WORD: Record<PartState, string> = { passed: 'passed', current: 'unlocked, not passed yet', locked: 'locked until the part before passes' };

/** Tooltip lines (Markdown with codicons), one per part: "$(lock) Part 3: Backward pass — locked ...". */
export function partsTooltip(rows: readonly PartRow[], escape: (s: string) => string = (s) => s): string[] {
  if (rows.length < 2) return [];
  return rows.map((r) => `${ICON[r.state]} Part ${r.part}: ${escape(r.title)} — ${WORD[r.state]}`);
}
