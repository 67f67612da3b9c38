// What the Get Started walkthrough ticks, from the real state rather than from which command ran
// (a start through the tree or a mock, a setting edited in the file, a session from a mock...).
import type { Progress } from './progress';

/** Context keys the extension sets; package.json's walkthrough steps complete on them. */
export const WALKTHROUGH_KEYS = {
  /** A coding problem was started or run (any path). */
  startedProblem: 'mlprep.hasStartedProblem',
  /** A run reached the hidden tests: the environment works. */
  ranTests: 'mlprep.hasRunTests',
  /** mlprep.pythonPath is set (user, workspace or folder settings), or an interpreter ran the tests. */
  interpreterChosen: 'mlprep.interpreterChosen',
  /** A design session exists (a folder in the practice folder, or a completed session in progress). */
  hasDesignSession: 'mlprep.hasDesignSession',
} as const;

/** The walkthrough step (package.json contributes.walkthroughs[0].steps[].id) each fact completes. */
export const WALKTHROUGH_STEPS: Record<keyof typeof WALKTHROUGH_KEYS, string> = {
  startedProblem: 'firstProblem',
  ranTests: 'environment',
  interpreterChosen: 'interpreter',
  hasDesignSession: 'firstDesign',
};

export type WalkthroughFacts = Record<keyof typeof WALKTHROUGH_KEYS, boolean>;

/**
 * The walkthrough's facts. Coding and design entries are told apart by `sessions` (only design
 * sessions set it). `pythonPath`: the values of mlprep.pythonPath in each settings scope;
 * `designFolders`: number of design session folders found on disk.
 */
export function walkthroughFacts(progress: Progress, env: { pythonPath: readonly unknown[]; designFolders: number }): WalkthroughFacts {
  const entries = Object.values(progress.problems);
  const coding = entries.filter((e) => e.sessions === undefined);
  const ranTests = coding.some((e) => e.attempts > 0);
  return {
    startedProblem: coding.some((e) => e.startedAt !== undefined || e.attempts > 0 || (e.errors ?? 0) > 0),
    ranTests,
    // The step's aim is a working interpreter: one that already ran the tests counts as chosen.
    interpreterChosen: ranTests || env.pythonPath.some((v) => typeof v === 'string' && v.trim() !== ''),
    hasDesignSession: env.designFolders > 0 || entries.some((e) => (e.sessions ?? 0) > 0),
  };
}
