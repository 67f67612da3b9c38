// Loads the behavioural question bank of several packs the way theory cards are loaded
// (src/core/theory/loadTheory.ts: the pack's PackReader, its text rules, size limit and YAML
// parsing). Content errors never throw; they come back as CatalogError entries naming the file,
// the item and the field (with its line), and the item concerned is left out.
import path from 'node:path';
import { PackReader, withSnapshot, type PackFileSystem, type PackSpec } from '../catalog/loadPack';
import type { PackSnapshots, ParsedPackFile } from '../catalog/packSnapshot';
import { BANK_FILE, type QuestionBank } from './types';
import { validateBankFile } from './validateBank';

/**
 * The merged bank of `packs` (built-in packs first, whatever the order given). A later pack may
 * ask questions of an earlier pack's competencies and map its values to earlier questions; an id
 * reused across packs is an error of the later pack (the item is ignored). `reservedIds` are ids
 * the questions must not take (theory cards: both are stored as reviews keyed by id).
 */
export async function loadQuestionBank(
  packs: PackSpec[],
  fs: PackFileSystem,
  reservedIds: ReadonlySet<string> = new Set(),
  /** Saved reads of each pack's bank file (parsed, not validated: the checks depend on the packs before it). */
  options: { snapshots?: PackSnapshots } = {},
): Promise<QuestionBank> {
  const ordered = [...packs.filter((p) => p.source === 'builtin'), ...packs.filter((p) => p.source !== 'builtin')];
  const bank: QuestionBank = { competencies: [], questions: [], valueSets: [], errors: [] };
  for (const spec of ordered) {
    const dir = path.resolve(spec.dir);
    const file = path.join(dir, ...BANK_FILE.split('/'));
    const readFile = async (rfs: PackFileSystem): Promise<ParsedPackFile> => {
      const reader = new PackReader(rfs, dir, spec.source, false);
      if (!(await reader.open()) || (await reader.resolve(file)) !== 'file') return { parsed: false, errors: reader.errors };
      const parsed = await reader.readYaml(file);
      return parsed ? { parsed: true, data: parsed.data, errors: reader.errors } : { parsed: false, errors: reader.errors };
    };
    const read = options.snapshots ? await withSnapshot('bank', spec, fs, options.snapshots, readFile) : await readFile(fs);
    bank.errors.push(...read.errors);
    if (!read.parsed) continue;
    const result = validateBankFile(read.data, {
      competencies: new Set(bank.competencies.map((c) => c.id)), questions: new Set(bank.questions.map((q) => q.id)),
    });
    const taken = result.questions.filter(({ question }) => reservedIds.has(question.id));
    for (const { index, question } of taken) {
      result.issues.push({ path: ['questions', index, 'id'], message: `question "${question.id}": id is already used by a theory card; ignored` });
    }
    if (result.issues.length) {
      // The lines of the issues: only a parse keeps them (a snapshot holds the data alone).
      const reader = new PackReader(fs, dir, spec.source, false);
      const again = await reader.readYaml(file);
      reader.reportIssues(file, result.issues, again?.lineOf ?? (() => ({})));
      bank.errors.push(...reader.errors);
    }
    bank.competencies.push(...result.competencies);
    bank.questions.push(...result.questions.filter((q) => !taken.includes(q)).map((q) => q.question));
    const known = new Set(bank.questions.map((q) => q.id));
    for (const { set } of result.valueSets) {
      // A value naming a question left out above (a reserved id) drops that id only.
      bank.valueSets.push({ ...set, values: set.values.map((v) => ({ ...v, questions: v.questions.filter((q) => known.has(q)) })).filter((v) => v.questions.length) });
    }
  }
  return bank;
}
