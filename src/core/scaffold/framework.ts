// Which framework a practice folder's solution is written in (NumPy or PyTorch), and how Start
// Problem chooses it. The choice is stored beside the solution in a small sidecar file, so every
// run of that solution.py, after a reload too, asks the harness for the right framework.
import { FRAMEWORKS, isFramework, type Framework } from '../catalog/types';

/** The sidecar beside solution.py: `{"framework": "pytorch"}`. */
export const FRAMEWORK_SIDECAR = '.mlprep.json';

/** The `mlprep.framework` setting: ask at every start of a problem with a PyTorch variant, or always use one. */
export const FRAMEWORK_SETTINGS = ['ask', ...FRAMEWORKS] as const;
export type FrameworkSetting = (typeof FRAMEWORK_SETTINGS)[number];

export function normaliseFrameworkSetting(v: unknown): FrameworkSetting {
  return typeof v === 'string' && (FRAMEWORK_SETTINGS as readonly string[]).includes(v) ? (v as FrameworkSetting) : 'ask';
}

/** The sidecar's text for `framework`. */
export function renderSidecar(framework: Framework): string {
  return `${JSON.stringify({ framework }, null, 2)}\n`;
}

/**
 * The framework a sidecar names, or undefined when the text is not a sidecar (missing, broken
 * JSON, an unknown framework): the caller then falls back to NumPy.
 */
export function parseSidecar(text: string | undefined): Framework | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as { framework?: unknown };
    return v && typeof v === 'object' && isFramework(v.framework) ? v.framework : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The framework of a solution: the sidecar's, when the problem offers it; else NumPy (a problem
 * whose PyTorch variant was removed from the pack runs its solution as NumPy).
 */
export function solutionFramework(sidecar: Framework | undefined, offered: readonly Framework[]): Framework {
  return sidecar && offered.includes(sidecar) ? sidecar : 'numpy';
}

/**
 * What Start Problem does about the framework: a problem with one framework, or an already
 * started one (its folder's framework stays), needs no question; otherwise the setting decides,
 * and 'ask' means a quick pick.
 */
export function startFramework(offered: readonly Framework[], setting: FrameworkSetting, existing: Framework | undefined): Framework | 'ask' {
  if (existing) return solutionFramework(existing, offered);
  if (offered.length < 2) return offered[0] ?? 'numpy';
  if (setting !== 'ask') return offered.includes(setting) ? setting : 'numpy';
  return 'ask';
}

/** The quick pick's items in order: the last choice first (remembered), then the others. */
export function frameworkPickOrder(offered: readonly Framework[], last: unknown): Framework[] {
  const first = isFramework(last) && offered.includes(last) ? [last] : [];
  return [...first, ...offered.filter((f) => f !== first[0])];
}

/** One practice file a switch of framework rewrites. */
export interface SwitchedFile {
  /** File name in the practice folder, e.g. README.md. */
  name: string;
  /** Its text now; undefined when the file is missing. */
  current: string | undefined;
  /** The texts MLPrep would have written for the old framework (e.g. with and without hints). */
  generated: readonly string[];
  /** The text for the new framework. */
  next: string;
}

/**
 * What Reset to Starter does to the other practice files when it also switches the framework:
 * each is rewritten for the new framework, and kept first (backup) when it holds anything MLPrep
 * did not write itself (the user's notes in README.md, an extra example test), so nothing typed
 * by hand is lost. A file already equal to its new text is left alone.
 */
export function planFrameworkSwitch(files: readonly SwitchedFile[]): { name: string; content: string; backup: boolean }[] {
  return files
    .filter((f) => f.current !== f.next)
    .map((f) => ({ name: f.name, content: f.next, backup: f.current !== undefined && !f.generated.includes(f.current) }));
}
