// Which part's reference and write-up to show for a problem with follow-ups (contract F): the part
// the user is on, or the part a notification names (the one just passed). Pure: paths and numbers.
import * as path from 'node:path';
import { LEARN_FILE } from '../catalog/learnDoc';
import { partCount, type CodingProblem, type Framework } from '../catalog/types';
import { partsReached, unlockedParts, type ProblemProgress } from '../progress/progress';

/** The files of one part's reference: what Open Reference, the diff and the write-up read. */
export interface PartReference {
  /** 1 = the problem as first asked; 2, 3, ... = its follow-ups. */
  part: number;
  /** How many parts the problem has. */
  of: number;
  /** The part's title: the problem's for part 1, the follow-up's otherwise. */
  title: string;
  /** The reference solving parts 1..part (absolute): solution.py / solution_pytorch.py, or followups/<id>/... */
  solution: string;
  /** Whether `solution` is the PyTorch reference (false when the part has none and NumPy's is shown). */
  pytorch: boolean;
  /** The part's own learn.md (absolute; it may not exist). */
  learn: string;
  /** Part 1's learn.md, the fallback when the part has none (undefined for part 1 itself). */
  fallbackLearn?: string;
}

/**
 * The reference of part `part` (clamped to 1..parts) of `p` in `framework`. Part k >= 2 reads
 * `followups/<id>/solution.py` (or `solution_pytorch.py` when the framework is PyTorch and the
 * part has it) and `followups/<id>/learn.md`, with part 1's learn.md as the fallback.
 */
export function partReference(p: Pick<CodingProblem, 'dir' | 'files' | 'parts' | 'title' | 'followUps'>, framework: Framework, part: number): PartReference {
  const of = partCount(p);
  const k = clampPart(part, of);
  const partOne = path.join(p.dir, LEARN_FILE);
  const f = k >= 2 ? p.parts[k - 2] : undefined;
  if (!f) {
    const pytorch = framework === 'pytorch' && p.files.pytorch !== undefined;
    return { part: 1, of, title: p.title, solution: pytorch ? p.files.pytorch!.solution : p.files.solution, pytorch, learn: partOne };
  }
  const pytorch = framework === 'pytorch' && f.files.solutionPytorch !== undefined;
  return { part: k, of, title: f.title, solution: pytorch ? f.files.solutionPytorch! : f.files.solution, pytorch, learn: path.join(f.dir, LEARN_FILE), fallbackLearn: partOne };
}

/**
 * The part whose reference to show: `requested` when given (clamped to the parts unlocked, so a
 * locked part's reference never shows), else the part the user is on (the last unlocked one).
 */
export function referencePart(e: ProblemProgress | undefined, parts: number, requested?: number): number {
  const unlocked = unlockedParts(e, parts);
  return requested === undefined ? unlocked : clampPart(requested, unlocked);
}

/** Whether part `part` passed: part 1 solved, or part k recorded after parts 1..k-1 (contract F). */
export function partPassed(e: ProblemProgress | undefined, parts: number, part: number): boolean {
  return partsReached(e, parts) >= part;
}

/** The line above part 1's write-up when part `part` has none of its own. */
export function learnFallbackNote(part: number, title: string): string {
  return `> Part ${part} (“${title}”) has no write-up of its own yet: this is part 1's, which covers the problem as first asked.`;
}

/** The `mlprep:` URI query of a reference document: the framework and the part (nothing for NumPy part 1). */
export function referenceQuery(framework: Framework, part: number): string {
  return [...(framework === 'pytorch' ? ['pytorch'] : []), ...(part >= 2 ? [`part=${part}`] : [])].join('&');
}

/** Reads `referenceQuery`'s output back; no part (or an invalid one) = part 1. */
export function parseReferenceQuery(query: string): { framework: Framework; part: number } {
  const q = new URLSearchParams(query);
  const n = Number(q.get('part'));
  return { framework: q.has('pytorch') ? 'pytorch' : 'numpy', part: Number.isInteger(n) && n >= 1 ? n : 1 };
}

function clampPart(part: number, max: number): number {
  return Number.isInteger(part) ? Math.min(Math.max(1, part), Math.max(1, max)) : 1;
}
