// Loads the behavioural question bank of several packs the way theory cards are loaded
// (src/core/theory/loadTheory.ts: the pack's PackReader, its text rules, size limit and YAML
// parsing). Content errors never throw; they come back as CatalogError entries naming the file,
// the item and the field (with its line), and the item concerned is left out.
import path from 'node:path';
import { PackReader, type PackFileSystem, type PackSpec } from '../catalog/loadPack';
import { BANK_FILE, type QuestionBank } from './types';
import { validateBankFile } from './validateBank';

/**
 * The merged bank of `packs` (built-in packs first, whatever the order given). A later pack may
 * ask questions of an earlier pack's competencies and map its values to earlier questions; an id
 * reused across packs is an error of the later pack (the item is ignored). `reservedIds` are ids
 * the questions must not take (theory cards: both are stored as reviews keyed by id).
 */
export async function loadQuestionBank(packs: PackSpec[], fs: PackFileSystem, reservedIds: ReadonlySet<string> = new Set()): Promise<QuestionBank> {
  const ordered = [...packs.filter((p) => p.source === 'builtin'), ...packs.filter((p) => p.source !== 'builtin')];
  const bank: QuestionBank = { competencies: [], questions: [], valueSets: [], errors: [] };
  for (const spec of ordered) {
    const reader = new PackReader(fs, path.resolve(spec.dir), spec.source, false);
    if (!(await reader.open())) {
      bank.errors.push(...reader.errors);
      continue;
    }
    const file = path.join(reader.dir, ...BANK_FILE.split('/'));
    if ((await reader.resolve(file)) !== 'file') {
      bank.errors.push(...reader.errors);
      continue;
    }
    const parsed = await reader.readYaml(file);
    if (parsed) {
      const result = validateBankFile(parsed.data, {
        competencies: new Set(bank.competencies.map((c) => c.id)), questions: new Set(bank.questions.map((q) => q.id)),
      });
      const taken = result.questions.filter(({ question }) => reservedIds.has(question.id));
      for (const { index, question } of taken) {
        result.issues.push({ path: ['questions', index, 'id'], message: `question "${question.id}": id is already used by a theory card; ignored` });
      }
      reader.reportIssues(file, result.issues, parsed.lineOf);
      bank.competencies.push(...result.competencies);
      bank.questions.push(...result.questions.filter((q) => !taken.includes(q)).map((q) => q.question));
      const known = new Set(bank.questions.map((q) => q.id));
      for (const { set } of result.valueSets) {
        // A value naming a question left out above (a reserved id) drops that id only.
        bank.valueSets.push({ ...set, values: set.values.map((v) => ({ ...v, questions: v.questions.filter((q) => known.has(q)) })).filter((v) => v.questions.length) });
      }
    }
    bank.errors.push(...reader.errors);
  }
  return bank;
}

