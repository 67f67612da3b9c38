// Schema of `behavioural/questions.yaml`: competencies, questions and company-value sets. Each
// question and value set is checked on its own (one bad item leaves out only itself); cross
// references (a question's competency, a value's question ids, duplicate ids) are checked too.
import {
  isMapping, list, mapping, oneOf, optional, required, show, slug, text, title,
  type FieldPath, type SchemaIssue, type Shape,
} from '../catalog/validate';
import { STORY_LEVELS, type BehaviouralQuestion, type Competency, type CompanyValue, type StoryLevel, type ValueSet } from './types';

const line = (max: number) => (v: unknown, path: FieldPath, issues: SchemaIssue[]) => {
  const s = text(v, path, issues);
  if (s === undefined) return undefined;
  if (s.includes('\n') || s.length > max) {
    issues.push({ path, message: `must be one line of at most ${max} characters (got ${s.length})` });
    return undefined;
  }
  return s;
};

const competencyShape: Shape<Competency> = { id: required(slug), title: required(title), summary: required(line(200)) };

const questionShape: Shape<BehaviouralQuestion> = {
  id: required(slug),
  competency: required(slug),
  level: optional(oneOf(STORY_LEVELS) as (v: unknown, p: FieldPath, i: SchemaIssue[]) => StoryLevel | undefined, undefined),
  question: required(line(300)),
  listenFor: required(list(line(200), { min: 2, max: 4 })),
};

const valueShape: Shape<CompanyValue> = {
  id: required(slug), name: required(title), summary: required(line(200)), questions: required(list(slug, { min: 1, unique: true })),
};

const valueSetShape: Shape<Omit<ValueSet, 'values'> & { values: unknown[] }> = {
  id: required(slug),
  title: required(title),
  company: required(title),
  note: optional(line(300), undefined),
  values: required(((v, path, out) => (Array.isArray(v) && v.length ? v : (out.push({ path, message: `must be a non-empty list (got ${show(v)})` }), undefined)))),
};

export interface BankValidation {
  competencies: Competency[];
  /** Questions that passed, with their index in `questions`. */
  questions: { index: number; question: BehaviouralQuestion }[];
  valueSets: { index: number; set: ValueSet }[];
  issues: SchemaIssue[];
}

/**
 * Validates a parsed `behavioural/questions.yaml`. `knownCompetencies` are those of packs loaded
 * earlier (a user pack may ask questions of built-in competencies); `knownQuestions` likewise for
 * value sets. Unique ids within the file are checked here; across packs, in loadBank.ts.
 */
export function validateBankFile(data: unknown, known: { competencies?: ReadonlySet<string>; questions?: ReadonlySet<string> } = {}): BankValidation {
  const out: BankValidation = { competencies: [], questions: [], valueSets: [], issues: [] };
  if (!isMapping(data)) {
    out.issues.push({ path: [], message: `must be a mapping with competencies, questions and valueSets (got ${show(data)})` });
    return out;
  }
  for (const k of Object.keys(data)) if (!['competencies', 'questions', 'valueSets'].includes(k)) out.issues.push({ path: [k], message: 'unknown field (expected competencies, questions, valueSets)' });
  const each = (key: string, fn: (raw: unknown, index: number) => void) => {
    const v = data[key];
    if (v === undefined) return;
    if (!Array.isArray(v)) out.issues.push({ path: [key], message: `must be a list (got ${show(v)})` });
    else v.forEach(fn);
  };
  const label = (kind: string, raw: unknown, index: number) => (isMapping(raw) && typeof raw.id === 'string' && raw.id.trim() ? `${kind} "${raw.id}"` : `${kind} ${index + 1}`);
  const competencyIds = new Set(known.competencies ?? []);
  each('competencies', (raw, index) => {
    const own: SchemaIssue[] = [];
    const c = mapping(competencyShape)(raw, ['competencies', index], own);
    if (c && competencyIds.has(c.id)) own.push({ path: ['competencies', index, 'id'], message: 'duplicate id' });
    out.issues.push(...own.map((i) => ({ path: i.path, message: `${label('competency', raw, index)}: ${i.message}` })));
    if (c && !own.length) {
      competencyIds.add(c.id);
      out.competencies.push(c);
    }
  });
  const questionIds = new Set(known.questions ?? []);
  each('questions', (raw, index) => {
    const own: SchemaIssue[] = [];
    const q = mapping(questionShape)(raw, ['questions', index], own);
    if (q && !competencyIds.has(q.competency)) own.push({ path: ['questions', index, 'competency'], message: `no competency "${q.competency}"` });
    if (q && questionIds.has(q.id)) own.push({ path: ['questions', index, 'id'], message: 'duplicate id' });
    out.issues.push(...own.map((i) => ({ path: i.path, message: `${label('question', raw, index)}: ${i.message}` })));
    if (q && !own.length) {
      questionIds.add(q.id);
      if (!q.level) delete q.level;
      out.questions.push({ index, question: q });
    }
  });
  const setIds = new Set<string>();
  each('valueSets', (raw, index) => {
    const own: SchemaIssue[] = [];
    const head = mapping(valueSetShape)(raw, ['valueSets', index], own);
    const values: CompanyValue[] = [];
    const valueIds = new Set<string>();
    (head?.values ?? []).forEach((rv, vi) => {
      const path = ['valueSets', index, 'values', vi];
      const v = mapping(valueShape)(rv, path, own);
      if (!v) return;
      const dangling = v.questions.filter((q) => !questionIds.has(q));
      if (dangling.length) own.push({ path: [...path, 'questions'], message: `${label('value', rv, vi)}: no question ${dangling.map((d) => `"${d}"`).join(', ')}` });
      else if (valueIds.has(v.id)) own.push({ path: [...path, 'id'], message: `duplicate value id "${v.id}"` });
      else {
        valueIds.add(v.id);
        values.push(v);
      }
    });
    if (head && setIds.has(head.id)) own.push({ path: ['valueSets', index, 'id'], message: 'duplicate id' });
    out.issues.push(...own.map((i) => ({ path: i.path, message: `${label('value set', raw, index)}: ${i.message}` })));
    if (head && !own.length) {
      setIds.add(head.id);
      out.valueSets.push({ index, set: { id: head.id, title: head.title, company: head.company, ...(head.note ? { note: head.note } : {}), values } });
    }
  });
  return out;
}
