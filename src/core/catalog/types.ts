// Catalogue model: what a problem pack (problems/README.md) holds once loaded and validated.

export const CODING_CATEGORIES = ['ml-algorithms', 'metrics', 'data-manipulation', 'production', 'llm'] as const;
export type CodingCategory = (typeof CODING_CATEGORIES)[number];

export const DESIGN_FOLDER = 'system-design';
/** Theory cards (src/core/theory): `theory/<topic>.yaml`. */
export const THEORY_FOLDER = 'theory';
/** The behavioural question bank (src/core/stories): `behavioural/questions.yaml`. */
export const BEHAVIOURAL_FOLDER = 'behavioural';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** The six sections of a system-design round, in the order they are discussed. */
export const DESIGN_SECTION_KEYS = [
  'problem-definition',
  'data',
  'modelling',
  'evaluation',
  'deployment-serving',
  'monitoring-iteration',
] as const;
export type DesignSectionKey = (typeof DESIGN_SECTION_KEYS)[number];

export type PackSource = 'builtin' | 'user';

/** Lower-case letters, digits and single hyphens; also the folder (or file) name, so never a path. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 64;
export const MAX_YAML_BYTES = 256 * 1024;
export const DEFAULT_TIME_LIMIT_SECONDS = 10;
/** Longest Problems-view label that leaves the difficulty visible at the default sidebar width. */
export const TREE_LABEL_MAX = 26;

export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}

/** Fields of `problem.yaml`. */
export interface CodingProblemMeta {
  id: string;
  title: string;
  /** The Problems view's label when the title is too long for the default sidebar width (at most 26 characters). */
  shortTitle?: string;
  category: CodingCategory;
  difficulty: Difficulty;
  tags: string[];
  companies: string[];
  minutes: number;
  /** Python modules the tests and reference need (numpy, pandas). */
  requires: string[];
  /** The main function the user writes. */
  entry: string;
  signature: string;
  /** Wall time for the whole hidden suite. */
  timeLimitSeconds: number;
  /** Markdown. */
  statement: string;
  constraints: string[];
  tolerance: string;
  hints: string[];
  /** Present when the problem offers a PyTorch variant (`pytorch:` in problem.yaml; contract A in problems/README.md). */
  pytorch?: PytorchVariantMeta;
  /**
   * problem.yaml `followUps:` (contract F, problems/README.md "Follow-ups"): parts 2, 3, ... in
   * order; empty when the problem has none. Part k (k >= 2) is `followUps[k - 2]`.
   */
  followUps: FollowUpMeta[];
}

/** One follow-up part: what the interviewer asks once the previous part passes. */
export interface FollowUpMeta {
  /** Slug, unique within the problem; its folder is `followups/<id>/`. */
  id: string;
  /** Short: shown as "Part 2: <title>". */
  title: string;
  /** Markdown: what the interviewer asks, with every new convention stated. */
  statement: string;
  /** 0-3 nudges. */
  hints: string[];
  /** Suggested time for this part. */
  minutes: number;
}

/** A loaded follow-up: its meta, its part number (2, 3, ...) and its files (absolute). */
export interface FollowUpPart extends FollowUpMeta {
  part: number;
  dir: string;
  /**
   * `solutionPytorch`: followups/<id>/solution_pytorch.py, the PyTorch reference of parts 1..k,
   * when the problem has a PyTorch variant and the file is there (the validator requires it then).
   */
  files: { testHidden: string; solution: string; solutionPytorch?: string };
}

/** Folder of the follow-ups inside a problem folder. */
export const FOLLOWUPS_FOLDER = 'followups';

/** What a solution is written in. Every problem has 'numpy'; some also 'pytorch'. */
export const FRAMEWORKS = ['numpy', 'pytorch'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export function isFramework(value: unknown): value is Framework {
  return typeof value === 'string' && (FRAMEWORKS as readonly string[]).includes(value);
}

/** Display name: NumPy, PyTorch. */
export function frameworkLabel(f: Framework): string {
  return f === 'pytorch' ? 'PyTorch' : 'NumPy';
}

/** The `pytorch:` mapping of problem.yaml: the statement is shared; these add the tensor view. */
export interface PytorchVariantMeta {
  /** E.g. "softmax(z: torch.Tensor, axis: int = -1) -> torch.Tensor"; names the entry. */
  signature: string;
  /** How inputs arrive and what to return (dtypes, devices, autograd). */
  note: string;
  /**
   * Optional: the whole statement as a PyTorch user reads it, for a problem whose statement does
   * not translate term by term (src/core/scaffold/pytorchText.ts translates the others).
   */
  statement?: string;
  /** Optional: the hints for a PyTorch solution (default: the NumPy hints, translated). */
  hints?: string[];
}

export interface ProblemFiles {
  problemYaml: string;
  starter: string;
  /** The reference solution. */
  solution: string;
  testExamples: string;
  /** Never copied into the user's workspace. */
  testHidden: string;
  /** The PyTorch variant's files (present exactly when the problem has `pytorch:`). */
  pytorch?: PytorchFiles;
}

export interface PytorchFiles {
  /** starter_pytorch.py */
  starter: string;
  /** solution_pytorch.py: the reference written with torch ops. */
  solution: string;
  /** test_examples_pytorch.py: the statement's examples with tensors. */
  testExamples: string;
}

export interface CodingProblem extends CodingProblemMeta {
  kind: 'coding';
  source: PackSource;
  /** The pack folder this problem came from. */
  packDir: string;
  /** The problem folder (absolute). */
  dir: string;
  files: ProblemFiles;
  /** ['numpy'], or ['numpy', 'pytorch'] for a problem with a PyTorch variant. */
  frameworks: Framework[];
  /** The follow-up parts with their files, in order (`parts[i].part === i + 2`); empty when none. */
  parts: FollowUpPart[];
}

/** How many parts a problem has: 1 + its follow-ups. */
export function partCount(p: { followUps?: readonly unknown[] }): number {
  return 1 + (p.followUps?.length ?? 0);
}

/** The starter, reference and example tests of `problem` for `framework` (NumPy's when the problem has no such variant). */
export function frameworkFiles(problem: Pick<CodingProblem, 'files'>, framework: Framework): { starter: string; solution: string; testExamples: string } {
  const f = problem.files;
  if (framework === 'pytorch' && f.pytorch) return f.pytorch;
  return { starter: f.starter, solution: f.solution, testExamples: f.testExamples };
}

/**
 * One thing the interviewer knows about a design prompt: the clarifying question that draws it
 * out, and the answer. `ask` is absent for a fact written as a plain string (older and user packs):
 * such facts are offered together as "Anything else I should know?", one at a time, in order.
 */
export interface DesignFact {
  ask?: string;
  answer: string;
}

/** The question offered for facts written without one (plain strings in `context:`). */
export const GENERIC_ASK = 'Anything else I should know?';

export interface DesignSection {
  questions: string[];
  rubric: string[];
}

/** Fields of `system-design/<slug>.yaml`. */
export interface DesignPromptMeta {
  id: string;
  title: string;
  /** The Problems view's label when the title is too long for the default sidebar width (at most 26 characters). */
  shortTitle?: string;
  difficulty: Difficulty;
  tags: string[];
  companies: string[];
  minutes: number;
  /** Markdown: what the interviewer says first. */
  prompt: string;
  /**
   * What the interviewer answers when asked: in the YAML each entry is `{ ask, answer }` or a
   * plain string (an answer without its question). The index of a fact is its identity in
   * session records, so packs append new facts at the end.
   */
  context: DesignFact[];
  sections: Record<DesignSectionKey, DesignSection>;
  commonMistakes: string[];
}

export interface DesignPrompt extends DesignPromptMeta {
  kind: 'design';
  source: PackSource;
  packDir: string;
  /** The prompt's YAML file (absolute). */
  file: string;
}

export interface CatalogError {
  source: PackSource;
  /** Absolute path of the file or folder concerned. */
  file: string;
  /** Path from the pack folder's parent, e.g. `problems/metrics/roc-auc/problem.yaml`. */
  displayPath: string;
  /** Field path inside the YAML, e.g. `sections.data.rubric[2]`. */
  field?: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
  message: string;
}

export interface PackContents {
  problems: CodingProblem[];
  designPrompts: DesignPrompt[];
  errors: CatalogError[];
}

/** `problems/ml-algorithms/kmeans/problem.yaml: difficulty: must be one of easy, medium, hard (got "hardest")` */
export function formatCatalogError(e: CatalogError): string {
  return `${e.displayPath}: ${e.field ? `${e.field}: ` : ''}${e.message}`;
}
