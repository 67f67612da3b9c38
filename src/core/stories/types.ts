// The behavioural story bank (issue 13): a question bank in a pack's `behavioural/questions.yaml`
// (competencies, questions with what the interviewer listens for, company-value sets mapping each
// value to questions), and the user's own stories as Markdown files in the workspace
// (`<practice folder>/stories/*.md`, parsed by ./storyFile.ts, checked by ./checkStory.ts).
import type { CatalogError, PackSource } from '../catalog/types';

/** The file of a pack's bank, relative to the pack. */
export const BANK_FILE = 'behavioural/questions.yaml';
/** The folder of the user's stories under the practice folder. */
export const STORIES_FOLDER = 'stories';

export const STORY_LEVELS = ['L3', 'L4', 'L5', 'L6'] as const;
export type StoryLevel = (typeof STORY_LEVELS)[number];

/** The competencies issue 13 names; the built-in bank must define each (the validator checks). */
export const REQUIRED_COMPETENCIES = ['ownership', 'conflict', 'failure', 'ambiguity', 'influence', 'ml-ethics', 'cross-team'] as const;
/** The least questions the built-in bank holds (issue 13). */
export const MIN_BUILTIN_QUESTIONS = 60;

export interface Competency {
  id: string;
  title: string;
  /** One line: what the competency is about. */
  summary: string;
}

export interface BehaviouralQuestion {
  id: string;
  competency: string;
  level?: StoryLevel;
  /** The question as an interviewer asks it. */
  question: string;
  /** 2-4 lines: what the interviewer listens for. */
  listenFor: string[];
}

export interface CompanyValue {
  id: string;
  name: string;
  /** One line in our own words. */
  summary: string;
  /** Question ids of the bank. */
  questions: string[];
}

export interface ValueSet {
  id: string;
  title: string;
  company: string;
  /** A short note on where the list comes from and how to read it. */
  note?: string;
  values: CompanyValue[];
}

export interface QuestionBank {
  /** In file order (built-in pack first). */
  competencies: Competency[];
  questions: BehaviouralQuestion[];
  valueSets: ValueSet[];
  errors: CatalogError[];
}

/** Where a bank item came from (for errors). */
export interface BankOrigin {
  source: PackSource;
  file: string;
}
