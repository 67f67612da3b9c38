// What acting on a drill item does, whatever its kind: the tree's rows and the solved
// notification's "Next in Drill" run the same command.
import { Commands } from '../../commands';
import type { DrillItem } from './recommend';

/** A command id and its arguments (for vscode.commands.executeCommand). */
export interface DrillCommand {
  command: string;
  args: unknown[];
}

/**
 * The command that opens `d`: a coding problem or design prompt starts (a problem opens with its
 * unlocked parts in the statement, so a "continue · part k" item lands on part k); the theory
 * block opens the card panel on its next card (the review queue once every card was reviewed);
 * a story item starts the rehearsal of its question or competency.
 */
export function drillCommand(d: DrillItem): DrillCommand {
  if (d.kind === 'theory') return d.cardId ? { command: Commands.theoryOpenCard, args: [d.cardId] } : { command: Commands.theoryReviewDue, args: [] };
  if (d.kind === 'story') return { command: Commands.storiesRehearse, args: [d.questionId ? { questionId: d.questionId } : d.competency ? { competency: d.competency } : {}] };
  return { command: Commands.openProblem, args: [d.id] };
}

/**
 * The item "Next in Drill" goes to: the first of Today's drill not done yet, of any kind, other
 * than an item on `exceptId` (the problem just solved, whose item may not read as done yet).
 */
export function nextDrillItem(items: readonly DrillItem[], exceptId?: string): DrillItem | undefined {
  return items.find((d) => !d.done && d.id !== exceptId);
}
