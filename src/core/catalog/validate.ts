// Schema checks for problem.yaml and system-design prompts: a small walker over the parsed YAML
// that collects every problem (not just the first) with its field path.
import {
  CODING_CATEGORIES,
  DEFAULT_TIME_LIMIT_SECONDS,
  DESIGN_SECTION_KEYS,
  DIFFICULTIES,
  SLUG_MAX_LENGTH,
  SLUG_PATTERN,
  TREE_LABEL_MAX,
  type CodingProblemMeta,
  type FollowUpMeta,
  type DesignFact,
  type DesignPromptMeta,
  type DesignSection,
  type DesignSectionKey,
  type PytorchVariantMeta,
} from './types';

/** A path into the YAML document: keys and list indexes. */
export type FieldPath = (string | number)[];

export interface SchemaIssue {
  path: FieldPath;
  message: string;
}

export interface Validation<T> {
  /** Present only when there were no issues. */
  value?: T;
  issues: SchemaIssue[];
}

/** `sections.data.rubric[2]` */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}

type Check<T> = (value: unknown, path: FieldPath, issues: SchemaIssue[]) => T | undefined;

interface StringRule {
  nonEmpty?: boolean;
  maxLength?: number;
  pattern?: RegExp;
  /** Said instead of the regex when the pattern does not match. */
  patternHint?: string;
}

const string =
  (rule: StringRule = { nonEmpty: true }): Check<string> =>
  (v, path, issues) => {
    if (typeof v !== 'string') {
      issues.push({ path, message: `must be a string (got ${show(v)})` });
      return undefined;
    }
    if (rule.nonEmpty && v.trim() === '') {
      issues.push({ path, message: 'must not be empty' });
      return undefined;
    }
    if (rule.maxLength !== undefined && v.length > rule.maxLength) {
      issues.push({ path, message: `must be at most ${rule.maxLength} characters (got ${v.length})` });
      return undefined;
    }
    if (rule.pattern && !rule.pattern.test(v)) {
      issues.push({ path, message: `${rule.patternHint ?? `must match ${rule.pattern}`} (got ${show(v)})` });
      return undefined;
    }
    return v;
  };

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, path, issues) => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      issues.push({ path, message: `must be one of ${values.join(', ')} (got ${show(v)})` });
      return undefined;
    }
    return v as T;
  };

const number =
  (rule: { min: number; max: number; integer?: boolean }): Check<number> =>
  (v, path, issues) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (rule.integer && !Number.isInteger(v))) {
      issues.push({ path, message: `must be ${rule.integer ? 'a whole number' : 'a number'} (got ${show(v)})` });
      return undefined;
    }
    if (v < rule.min || v > rule.max) {
      issues.push({ path, message: `must be between ${rule.min} and ${rule.max} (got ${v})` });
      return undefined;
    }
    return v;
  };

const list =
  <T>(item: Check<T>, rule: { min?: number; max?: number; unique?: boolean } = {}): Check<T[]> =>
  (v, path, issues) => {
    if (!Array.isArray(v)) {
      issues.push({ path, message: `must be a list (got ${show(v)})` });
      return undefined;
    }
    const before = issues.length;
    if (rule.min !== undefined && v.length < rule.min) {
      issues.push({ path, message: `must have at least ${rule.min} item${rule.min === 1 ? '' : 's'} (got ${v.length})` });
    }
    if (rule.max !== undefined && v.length > rule.max) {
      issues.push({ path, message: `must have at most ${rule.max} items (got ${v.length})` });
    }
    const out: T[] = [];
    const seen = new Set<unknown>();
    v.forEach((x, i) => {
      const r = item(x, [...path, i], issues);
      if (r === undefined) return;
      if (rule.unique && seen.has(r)) issues.push({ path: [...path, i], message: `duplicate item ${show(r)}` });
      seen.add(r);
      out.push(r);
    });
    return issues.length === before ? out : undefined;
  };

interface Field<T> {
  check: Check<T>;
  optional?: { default: T };
}

const required = <T>(check: Check<T>): Field<T> => ({ check });
const optional = <T>(check: Check<T>, fallback: T): Field<T> => ({ check, optional: { default: fallback } });

type Shape<T> = { [K in keyof T]: Field<T[K]> };

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const mapping =
  <T>(shape: Shape<T>): Check<T> =>
  (v, path, issues) => {
    if (!isMapping(v)) {
      issues.push({ path, message: `must be a mapping (got ${show(v)})` });
      return undefined;
    }
    const before = issues.length;
    const known = Object.keys(shape);
    for (const key of Object.keys(v)) {
      if (known.includes(key)) continue;
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
      issues.push({
        path: [...path, key],
        message: near ? `unknown field (did you mean "${near}"?)` : `unknown field (expected: ${known.join(', ')})`,
      });
    }
    const out: Record<string, unknown> = {};
    for (const key of known) {
      const field = (shape as Record<string, Field<unknown>>)[key];
      if (v[key] === undefined || v[key] === null) {
        if (field.optional) out[key] = field.optional.default;
        else issues.push({ path: [...path, key], message: 'is required' });
        continue;
      }
      out[key] = field.check(v[key], [...path, key], issues);
    }
    return issues.length === before ? (out as T) : undefined;
  };

// ---------------------------------------------------------------------------- field rules

const slug = string({ nonEmpty: true, maxLength: SLUG_MAX_LENGTH, pattern: SLUG_PATTERN, patternHint: 'must be lower-case letters, digits and single hyphens' });
const text = string({ nonEmpty: true });
const title = string({ nonEmpty: true, maxLength: 120 });
const shortTitleField = optional<string | undefined>(string({ nonEmpty: true, maxLength: TREE_LABEL_MAX }), undefined);
const tags = list(string({ nonEmpty: true, maxLength: 40, pattern: SLUG_PATTERN, patternHint: 'tags are lower-case and hyphenated' }), { unique: true });
const companies = list(string({ nonEmpty: true, maxLength: 60 }), { unique: true });
const minutes = number({ min: 1, max: 240, integer: true });
const pythonModule = string({ nonEmpty: true, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, patternHint: 'must be a Python module name' });
const identifier = string({ nonEmpty: true, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, patternHint: 'must be a Python identifier' });

const codingShape: Shape<CodingProblemMeta> = {
  id: required(slug),
  title: required(title),
  shortTitle: shortTitleField,
  category: required(oneOf(CODING_CATEGORIES)),
  difficulty: required(oneOf(DIFFICULTIES)),
  tags: required(tags),
  companies: required(companies),
  minutes: required(minutes),
  requires: required(list(pythonModule, { unique: true })),
  entry: required(identifier),
  signature: required(text),
  timeLimitSeconds: optional(number({ min: 1, max: 300 }), DEFAULT_TIME_LIMIT_SECONDS),
  statement: required(text),
  constraints: required(list(text)),
  tolerance: required(text),
  hints: required(list(text, { min: 1 })),
  pytorch: optional<PytorchVariantMeta | undefined>(
    mapping<PytorchVariantMeta>({
      signature: required(text), note: required(text),
      statement: optional<string | undefined>(text, undefined),
      hints: optional<string[] | undefined>(list(text, { min: 1 }), undefined),
    }),
    undefined,
  ),
  followUps: optional<FollowUpMeta[]>((v, path, issues) => followUps(v, path, issues), []),
};

const followUp = mapping<FollowUpMeta>({
  id: required(slug),
  title: required(string({ nonEmpty: true, maxLength: 80 })),
  statement: required(text),
  hints: optional(list(text, { max: 3 }), []),
  minutes: required(minutes),
});

/** `followUps:` (contract F): at most 5 parts, ids unique within the problem. */
const followUps: Check<FollowUpMeta[]> = (v, path, issues) => {
  const out = list(followUp, { min: 1, max: 5 })(v, path, issues);
  if (!out) return undefined;
  const seen = new Set<string>();
  let ok = true;
  out.forEach((f, i) => {
    if (seen.has(f.id)) {
      issues.push({ path: [...path, i, 'id'], message: `duplicate follow-up id "${f.id}"` });
      ok = false;
    }
    seen.add(f.id);
  });
  return ok ? out : undefined;
};

/** The question shows in a one-line quick pick: keep it short. */
const ASK_MAX_LENGTH = 160;

const factMapping = mapping<DesignFact>({
  ask: required(string({ nonEmpty: true, maxLength: ASK_MAX_LENGTH })),
  answer: required(text),
});

/** A `context:` entry: `{ ask, answer }`, or a plain string (an answer with no question). */
const fact: Check<DesignFact> = (v, path, issues) => {
  if (typeof v === 'string') {
    const answer = text(v, path, issues);
    return answer === undefined ? undefined : { answer };
  }
  if (!isMapping(v)) {
    issues.push({ path, message: `must be a string or a mapping with "ask" and "answer" (got ${show(v)})` });
    return undefined;
  }
  return factMapping(v, path, issues);
};

const facts: Check<DesignFact[]> = (v, path, issues) => {
  const out = list(fact, { min: 1 })(v, path, issues);
  if (!out) return undefined;
  const seen = new Map<string, number>();
  let ok = true;
  out.forEach((f, i) => {
    if (f.ask === undefined) return;
    const key = f.ask.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ path: [...path, i, 'ask'], message: `the same question as context[${first}].ask: each question must draw out its own answer` });
      ok = false;
    } else seen.set(key, i);
  });
  return ok ? out : undefined;
};

const section = mapping<DesignSection>({
  questions: required(list(text, { min: 3, max: 6 })),
  rubric: required(list(text, { min: 3, max: 6 })),
});

const sections: Check<Record<DesignSectionKey, DesignSection>> = (v, path, issues) => {
  const before = issues.length;
  const out = mapping(Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, required(section)])) as Shape<Record<DesignSectionKey, DesignSection>>)(v, path, issues);
  if (isMapping(v) && issues.length === before) {
    const order = Object.keys(v);
    if (order.join() !== DESIGN_SECTION_KEYS.join()) {
      issues.push({ path, message: `sections must come in this order: ${DESIGN_SECTION_KEYS.join(', ')}` });
      return undefined;
    }
  }
  return out;
};

const designShape: Shape<DesignPromptMeta> = {
  id: required(slug),
  title: required(title),
  shortTitle: shortTitleField,
  difficulty: required(oneOf(DIFFICULTIES)),
  tags: required(tags),
  companies: required(companies),
  minutes: required(minutes),
  prompt: required(text),
  context: required(facts),
  sections: required(sections),
  commonMistakes: required(list(text, { min: 1 })),
};

// ---------------------------------------------------------------------------- entry points

/**
 * Validates a parsed problem.yaml. `folder` is the problem's folder name and `category` its
 * parent folder: the id must equal the folder (ids are used as paths), the category the parent.
 */
export function validateCodingProblem(data: unknown, folder: string, category: string): Validation<CodingProblemMeta> {
  const issues: SchemaIssue[] = [];
  const value = mapping(codingShape)(data, [], issues);
  if (isMapping(data)) {
    if (typeof data.id === 'string' && data.id !== folder) {
      issues.push({ path: ['id'], message: `must equal the folder name "${folder}" (got ${show(data.id)})` });
    }
    if (typeof data.category === 'string' && data.category !== category && (CODING_CATEGORIES as readonly string[]).includes(data.category)) {
      issues.push({ path: ['category'], message: `must equal the parent folder "${category}" (got ${show(data.category)})` });
    }
    if (typeof data.entry === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(data.entry) && typeof data.signature === 'string' && !new RegExp(`(^|[^A-Za-z0-9_])${data.entry}([^A-Za-z0-9_]|$)`).test(data.signature)) {
      // the entry may be a function or a class; either way the signature must show it
      issues.push({ path: ['signature'], message: `must mention the entry "${data.entry}" (got ${show(data.signature)})` });
    }
    const pt = data.pytorch;
    if (isMapping(pt) && typeof data.entry === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(data.entry) && typeof pt.signature === 'string' && !new RegExp(`(^|[^A-Za-z0-9_])${data.entry}([^A-Za-z0-9_]|$)`).test(pt.signature)) {
      issues.push({ path: ['pytorch', 'signature'], message: `must mention the entry "${data.entry}" (got ${show(pt.signature)})` });
    }
  }
  return issues.length ? { issues } : { value, issues };
}

/** Validates a parsed system-design prompt; `stem` is its file name without `.yaml`. */
export function validateDesignPrompt(data: unknown, stem: string): Validation<DesignPromptMeta> {
  const issues: SchemaIssue[] = [];
  const value = mapping(designShape)(data, [], issues);
  if (isMapping(data) && typeof data.id === 'string' && data.id !== stem) {
    issues.push({ path: ['id'], message: `must equal the file name "${stem}" (got ${show(data.id)})` });
  }
  return issues.length ? { issues } : { value, issues };
}

// The combinators, for the other pack files' schemas (src/core/theory/validateTheory.ts).
export { string, oneOf, number, list, mapping, required, optional, isMapping, show, slug, text, title };
export type { Check, Shape };
