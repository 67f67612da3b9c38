// Loads problem packs (problems/README.md). Content errors never throw: they come back as
// CatalogError entries naming the file, the field and what is wrong, and the problem concerned
// is left out. Ids are folder names checked against the slug rule, so nothing a pack contains can
// make us write outside the practice folder; symlinks leading outside the pack are ignored.
// Every text file is decoded strictly (packText.ts): invalid UTF-8 or control characters reject
// the file with its line. The file system comes in as a PackFileSystem (src/adapters/packFiles.ts
// gives Node's), so this module only parses and validates.
import path from 'node:path';
import { yamlLibrary } from './yamlLibrary';
import {
  CODING_CATEGORIES,
  DESIGN_FOLDER,
  THEORY_FOLDER,
  BEHAVIOURAL_FOLDER,
  MAX_YAML_BYTES,
  SLUG_MAX_LENGTH,
  isSlug,
  type CatalogError,
  type CodingCategory,
  type CodingProblem,
  type CodingProblemMeta,
  type DesignPrompt,
  type FollowUpPart,
  FOLLOWUPS_FOLDER,
  type PackContents,
  type PackSource,
  type Framework,
  type ProblemFiles,
  type PytorchFiles,
} from './types';
import { decodePackText } from './packText';
import { recordingFileSystem, type PackSnapshots, type SnapshotKind, type SnapshotValues } from './packSnapshot';
import { formatFieldPath, validateCodingProblem, validateDesignPrompt, type FieldPath, type SchemaIssue } from './validate';

/** What a file-system entry is; `size` in bytes. */
export interface PackEntryStat {
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
}

/**
 * The file access the loader needs. Methods reject (with an error whose `code` is, for example,
 * "ENOENT") when the entry is missing or unreadable.
 */
export interface PackFileSystem {
  /** The path with every symbolic link resolved. */
  realpath(p: string): Promise<string>;
  /** The entry itself: a symbolic link is reported as `symlink`. */
  lstat(p: string): Promise<PackEntryStat>;
  /** The entry a symbolic link leads to (or the entry itself). */
  stat(p: string): Promise<PackEntryStat>;
  /** Names in a folder, in any order. */
  readdir(p: string): Promise<string[]>;
  readFile(p: string): Promise<Uint8Array>;
  /**
   * Optional, for speed (a big pack on a local disk): a folder's names with what each entry is
   * itself (`symlink` for a link), in one call, so the loader need not lstat every entry.
   */
  readdirKinds?(p: string): Promise<{ name: string; kind: PackEntryStat['kind'] }[]>;
  /**
   * Optional, for speed: the file's bytes, or only its size when it is larger than `maxBytes`
   * (then left unread), in one open; saves the stat before each read.
   */
  readFileUpTo?(p: string, maxBytes: number): Promise<Uint8Array | { size: number }>;
}

/** Python files of a problem above this size are rejected unread: far above any real one. */
export const MAX_PY_BYTES = 1024 * 1024;

const errorCode = (e: unknown): string => (e as { code?: string }).code ?? (e as Error).message;

export interface PackSpec {
  dir: string;
  source: PackSource;
}

/** Aliases a YAML file may expand while being converted: far above any real problem, far below a bomb. */
const MAX_ALIAS_COUNT = 100;
const PROBLEM_FILES: Record<Exclude<keyof ProblemFiles, 'pytorch'>, string> = {
  problemYaml: 'problem.yaml',
  starter: 'starter.py',
  solution: 'solution.py',
  testExamples: 'test_examples.py',
  testHidden: 'test_hidden.py',
};
/** A PyTorch variant's files, required when problem.yaml has `pytorch:`. */
export const PYTORCH_FILES: Record<keyof PytorchFiles, string> = {
  starter: 'starter_pytorch.py',
  solution: 'solution_pytorch.py',
  testExamples: 'test_examples_pytorch.py',
};

/** Reads one pack's files under the text rules; also used by the theory-card loader (src/core/theory). */
export class PackReader {
  readonly errors: CatalogError[] = [];
  private realRoot = '';
  /** Sizes of the files resolve() has seen, so readText need not stat them again. */
  private readonly sizes = new Map<string, number>();
  /** What readdirKinds said each entry is (not for symlinks), so resolve() need not lstat it. */
  private readonly kinds = new Map<string, PackEntryStat['kind']>();
  /** Names of the folders listed through readdirKinds: a name missing from one is missing, no lstat needed. */
  private readonly listedNames = new Map<string, Set<string>>();

  constructor(
    readonly fs: PackFileSystem,
    readonly dir: string,
    readonly source: PackSource,
    /** Whether the problems' Python files are read and held to the text rules too. */
    readonly checkPythonText = true,
  ) {}

  display(abs: string): string {
    const rel = path.relative(this.dir, abs);
    return [path.basename(this.dir), ...(rel ? rel.split(path.sep) : [])].join('/');
  }

  error(file: string, message: string, extra: Partial<CatalogError> = {}): void {
    this.errors.push({ source: this.source, file, displayPath: this.display(file), message, ...extra });
  }

  async open(): Promise<boolean> {
    try {
      this.realRoot = await this.fs.realpath(this.dir);
      if ((await this.fs.stat(this.realRoot)).kind !== 'dir') {
        this.error(this.dir, 'the problem pack is not a folder');
        return false;
      }
      return true;
    } catch (e) {
      this.error(this.dir, `the problem pack folder cannot be read (${errorCode(e)})`);
      return false;
    }
  }

  /**
   * What `abs` is once symlinks are followed, or undefined when it is missing or leads outside
   * the pack (reported, then ignored).
   */
  async resolve(abs: string, report: 'missing-is-error' | 'missing-is-fine' = 'missing-is-fine'): Promise<'file' | 'dir' | 'other' | undefined> {
    const listed = this.kinds.get(abs);
    if (listed) return listed === 'symlink' ? undefined : listed; // from readdirKinds: not a link, so inside the pack
    const parent = path.dirname(abs);
    const base = path.basename(abs);
    const siblings = this.listedNames.get(parent);
    if (siblings && !base.startsWith('.') && !siblings.has(base)) {
      if (report === 'missing-is-error') this.error(abs, 'file is missing');
      return undefined;
    }
    let link;
    try {
      link = await this.fs.lstat(abs);
    } catch {
      if (report === 'missing-is-error') this.error(abs, 'file is missing');
      return undefined;
    }
    let real = abs;
    if (link.kind === 'symlink') {
      try {
        real = await this.fs.realpath(abs);
      } catch {
        this.error(abs, 'is a broken symbolic link; ignored');
        return undefined;
      }
      if (real !== this.realRoot && !real.startsWith(this.realRoot + path.sep)) {
        this.error(abs, 'is a symbolic link to a path outside the pack; ignored');
        return undefined;
      }
    }
    let st;
    try {
      st = link.kind === 'symlink' ? await this.fs.stat(real) : link;
    } catch {
      return undefined;
    }
    if (st.kind === 'file') this.sizes.set(abs, st.size);
    return st.kind === 'file' || st.kind === 'dir' ? st.kind : 'other';
  }

  async entries(dir: string): Promise<string[]> {
    try {
      if (this.fs.readdirKinds) {
        const listed = (await this.fs.readdirKinds(dir)).filter((e) => !e.name.startsWith('.'));
        for (const e of listed) if (e.kind !== 'symlink') this.kinds.set(path.join(dir, e.name), e.kind);
        // Dot-files were left out above: only a listing of every other name proves absence.
        this.listedNames.set(dir, new Set(listed.map((e) => e.name)));
        return listed.map((e) => e.name).sort();
      }
      return (await this.fs.readdir(dir)).filter((n) => !n.startsWith('.')).sort();
    } catch (e) {
      this.error(dir, `folder cannot be read (${errorCode(e)})`);
      return [];
    }
  }

  /**
   * Reads a text file: at most `maxBytes`, strict UTF-8, no control characters but tab, line
   * feed and carriage return. Reports what is wrong (with the line) and returns undefined.
   */
  async readText(file: string, maxBytes: number, what: string): Promise<string | undefined> {
    const tooLarge = (size: number) => this.error(file, `file is ${Math.ceil(size / 1024)} KiB; ${what} over ${maxBytes / 1024} KiB are rejected unread`);
    if (this.fs.readFileUpTo && !this.sizes.has(file)) {
      let got: Uint8Array | { size: number };
      try {
        got = await this.fs.readFileUpTo(file, maxBytes);
      } catch (e) {
        this.error(file, errorCode(e) === 'ENOENT' ? 'file is missing' : `cannot be read (${errorCode(e)})`);
        return undefined;
      }
      if (!(got instanceof Uint8Array)) {
        tooLarge(got.size);
        return undefined;
      }
      return this.decode(file, got);
    }
    let size = this.sizes.get(file);
    if (size === undefined) {
      try {
        size = (await this.fs.stat(file)).size;
      } catch {
        this.error(file, 'file is missing');
        return undefined;
      }
    }
    if (size > maxBytes) {
      tooLarge(size);
      return undefined;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(file);
    } catch (e) {
      this.error(file, `cannot be read (${errorCode(e)})`);
      return undefined;
    }
    return this.decode(file, bytes);
  }

  /** Strict UTF-8 text of `bytes`, or undefined with the error (and its line) reported. */
  private decode(file: string, bytes: Uint8Array): string | undefined {
    const decoded = decodePackText(bytes);
    if (!decoded.ok) {
      this.error(file, decoded.message, { line: decoded.line, column: decoded.column });
      return undefined;
    }
    return decoded.text;
  }

  /** Reads and parses a YAML file, reporting encoding, size, syntax and alias problems. */
  async readYaml(file: string): Promise<{ data: unknown; lineOf: (p: FieldPath) => { line?: number; column?: number } } | undefined> {
    const text = await this.readText(file, MAX_YAML_BYTES, 'YAML files');
    if (text === undefined) return undefined;
    const { LineCounter, parseDocument } = yamlLibrary();
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
    if (doc.errors.length) {
      const first = doc.errors[0];
      const pos = first.linePos?.[0] ?? (first.pos ? lineCounter.linePos(first.pos[0]) : undefined);
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
      const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
      this.error(file, `invalid YAML: ${where}${first.message.split('\n')[0]}${more}`, pos ? { line: pos.line, column: pos.col } : {});
      return undefined;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      this.error(file, `rejected: ${(e as Error).message} (more than ${MAX_ALIAS_COUNT} alias expansions)`);
      return undefined;
    }
    const lineOf = (p: FieldPath): { line?: number; column?: number } => {
      // the deepest existing node on the path: a missing field points at its parent
      for (let n = p.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(p.slice(0, n), true);
        const range = (node as { range?: [number, number, number] } | undefined)?.range;
        if (range) {
          const pos = lineCounter.linePos(range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
      return {};
    };
    return { data, lineOf };
  }

  reportIssues(file: string, issues: SchemaIssue[], lineOf: (p: FieldPath) => { line?: number; column?: number }): void {
    for (const issue of issues) {
      this.error(file, issue.message, { field: formatFieldPath(issue.path) || undefined, ...lineOf(issue.path) });
    }
  }

  async loadCoding(category: CodingCategory, slugDir: string, slug: string): Promise<CodingProblem | undefined> {
    const files = Object.fromEntries(
      Object.entries(PROBLEM_FILES).map(([k, name]) => [k, path.join(slugDir, name)]),
    ) as unknown as ProblemFiles;
    // The files are looked at (and the Python ones read) concurrently: a big pack loads in a
    // fraction of the time of one file after another.
    if (this.fs.readdirKinds) await this.entries(slugDir); // one listing instead of a stat per file
    const checks = await Promise.all(Object.entries(files).map(async ([key, file]) => {
      const kind = await this.resolve(file, 'missing-is-error');
      if (kind === undefined) return { key, ok: false };
      if (kind !== 'file') {
        this.error(file, 'must be a regular file');
        return { key, ok: false };
      }
      if (key === 'problemYaml') return { key, ok: true };
      // The Python files are copied into the practice folder, shown and run: same text rules.
      if (this.checkPythonText && (await this.readText(file, MAX_PY_BYTES, 'Python files')) === undefined) return { key, ok: false };
      return { key, ok: true };
    }));
    let ok = checks.every((c) => c.ok);
    const yamlOk = checks.some((c) => c.key === 'problemYaml' && c.ok);
    // problem.yaml is still checked when another file is missing: all errors in one pass
    if (!yamlOk) return undefined;
    const parsed = await this.readYaml(files.problemYaml);
    if (!parsed) return undefined;
    const result = validateCodingProblem(parsed.data, slug, category);
    this.reportIssues(files.problemYaml, result.issues, parsed.lineOf);
    if (result.value?.pytorch) {
      // `pytorch:` promises the variant: its three files must exist (and read) like the others
      const pt = Object.fromEntries(Object.entries(PYTORCH_FILES).map(([k, name]) => [k, path.join(slugDir, name)])) as unknown as PytorchFiles;
      const ptOk = await Promise.all(Object.values(pt).map(async (file) => {
        const kind = await this.resolve(file, 'missing-is-error');
        if (kind === undefined) return false;
        if (kind !== 'file') {
          this.error(file, 'must be a regular file');
          return false;
        }
        return !this.checkPythonText || (await this.readText(file, MAX_PY_BYTES, 'Python files')) !== undefined;
      }));
      if (!ptOk.every(Boolean)) ok = false;
      files.pytorch = pt;
    }
    if (!result.value) return undefined;
    const parts = await this.loadFollowUps(result.value, slugDir, files.problemYaml, parsed.lineOf);
    if (!ok || !parts) return undefined;
    const frameworks: Framework[] = result.value.pytorch ? ['numpy', 'pytorch'] : ['numpy'];
    return { ...result.value, kind: 'coding', source: this.source, packDir: this.dir, dir: slugDir, files, frameworks, parts };
  }

  /**
   * The follow-up parts of a validated problem.yaml: each `followups/<id>/` needs test_hidden.py
   * and solution.py (learn.md is optional); a folder there that `followUps:` does not list is
   * reported. Undefined when something required is missing.
   */
  async loadFollowUps(
    meta: CodingProblemMeta,
    slugDir: string,
    yamlFile: string,
    lineOf: (p: FieldPath) => { line?: number; column?: number },
  ): Promise<FollowUpPart[] | undefined> {
    const root = path.join(slugDir, FOLLOWUPS_FOLDER);
    const rootKind = await this.resolve(root);
    const listed = new Set(meta.followUps.map((f) => f.id));
    if (rootKind === 'dir') {
      for (const name of await this.entries(root)) {
        if (!listed.has(name)) this.error(path.join(root, name), 'is not listed in problem.yaml followUps; ignored');
      }
    } else if (meta.followUps.length) {
      this.error(yamlFile, `lists follow-ups but the folder ${FOLLOWUPS_FOLDER}/ is missing`, { field: 'followUps', ...lineOf(['followUps']) });
      return undefined;
    }
    let ok = true;
    const parts = await Promise.all(meta.followUps.map(async (f, i): Promise<FollowUpPart> => {
      const dir = path.join(root, f.id);
      if (this.fs.readdirKinds && this.kinds.get(dir) === 'dir') await this.entries(dir); // one listing, not a stat per file
      const partFiles = { testHidden: path.join(dir, 'test_hidden.py'), solution: path.join(dir, 'solution.py') };
      for (const file of Object.values(partFiles)) {
        const kind = await this.resolve(file, 'missing-is-error');
        if (kind !== 'file') {
          if (kind !== undefined) this.error(file, 'must be a regular file');
          ok = false;
        } else if (this.checkPythonText && (await this.readText(file, MAX_PY_BYTES, 'Python files')) === undefined) ok = false;
      }
      // the PyTorch reference of parts 1..k: optional for loading (a user pack may not have it yet),
      // required by the validator for a problem with a PyTorch variant
      const ptFile = path.join(dir, 'solution_pytorch.py');
      if (meta.pytorch && (await this.resolve(ptFile)) === 'file') {
        if (this.checkPythonText && (await this.readText(ptFile, MAX_PY_BYTES, 'Python files')) === undefined) ok = false;
        return { ...f, part: i + 2, dir, files: { ...partFiles, solutionPytorch: ptFile } };
      }
      return { ...f, part: i + 2, dir, files: partFiles };
    }));
    return ok ? parts : undefined;
  }

  async loadDesign(file: string, stem: string): Promise<DesignPrompt | undefined> {
    const parsed = await this.readYaml(file);
    if (!parsed) return undefined;
    const result = validateDesignPrompt(parsed.data, stem);
    this.reportIssues(file, result.issues, parsed.lineOf);
    if (!result.value) return undefined;
    return { ...result.value, kind: 'design', source: this.source, packDir: this.dir, file };
  }

  slugProblem(name: string): string | undefined {
    if (name.length > SLUG_MAX_LENGTH) return `name is ${name.length} characters; at most ${SLUG_MAX_LENGTH} allowed`;
    if (!isSlug(name)) return 'name must be lower-case letters, digits and single hyphens (it becomes a folder name)';
    return undefined;
  }

  async load(): Promise<PackContents> {
    const problems: CodingProblem[] = [];
    const designPrompts: DesignPrompt[] = [];
    if (!(await this.open())) return { problems, designPrompts, errors: this.errors };

    const tasks: Promise<CodingProblem | DesignPrompt | undefined>[] = [];
    for (const top of await this.entries(this.dir)) {
      const topDir = path.join(this.dir, top);
      const kind = await this.resolve(topDir);
      if (kind !== 'dir') continue; // README.md and other files
      if ((CODING_CATEGORIES as readonly string[]).includes(top)) {
        for (const name of await this.entries(topDir)) {
          const slugDir = path.join(topDir, name);
          if ((await this.resolve(slugDir)) !== 'dir') continue;
          const bad = this.slugProblem(name);
          if (bad) {
            this.error(slugDir, `${bad}; problem ignored`);
            continue;
          }
          tasks.push(this.loadCoding(top as CodingCategory, slugDir, name));
        }
      } else if (top === DESIGN_FOLDER) {
        for (const name of await this.entries(topDir)) {
          const file = path.join(topDir, name);
          if (!/\.ya?ml$/.test(name) || (await this.resolve(file)) !== 'file') continue;
          const stem = name.replace(/\.ya?ml$/, '');
          const bad = this.slugProblem(stem);
          if (bad) {
            this.error(file, `${bad}; prompt ignored`);
            continue;
          }
          tasks.push(this.loadDesign(file, stem));
        }
      } else if (top === THEORY_FOLDER) {
        continue; // theory cards: src/core/theory/loadTheory.ts
      } else if (top === BEHAVIOURAL_FOLDER) {
        continue; // the behavioural question bank: src/core/stories/loadBank.ts
      } else {
        this.error(topDir, `unknown folder (expected ${[...CODING_CATEGORIES, DESIGN_FOLDER, THEORY_FOLDER, BEHAVIOURAL_FOLDER].join(', ')}); ignored`);
      }
    }

    // Results in a stable order; the first of two equal ids wins and the second is reported.
    const byId = new Map<string, string>();
    for (const item of await Promise.all(tasks)) {
      if (!item) continue;
      const file = item.kind === 'coding' ? item.files.problemYaml : item.file;
      const first = byId.get(item.id);
      if (first !== undefined) {
        this.error(file, `duplicate id "${item.id}" (already used by ${this.display(first)}); ignored`, { field: 'id' });
        continue;
      }
      byId.set(item.id, file);
      if (item.kind === 'coding') problems.push(item);
      else designPrompts.push(item);
    }
    // tasks finish in any order: sort so the same pack always gives the same list
    this.errors.sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
    return { problems, designPrompts, errors: this.errors };
  }
}

/**
 * Loads one pack through `options.fs`. Never throws for content problems: they are returned in
 * `errors`, each naming the file (and the line where there is one). `checkPythonText` (default
 * true) also reads each problem's Python files and holds them to the same text rules.
 */
export function loadPack(dir: string, options: { source: PackSource; fs: PackFileSystem; checkPythonText?: boolean }): Promise<PackContents> {
  return new PackReader(options.fs, path.resolve(dir), options.source, options.checkPythonText ?? true).load();
}

export interface Catalog extends PackContents {
  /** For each loaded pack, in load order. */
  packs: { dir: string; source: PackSource; problems: number; designPrompts: number; errors: number }[];
}

/**
 * Loads and merges packs. Built-in packs take precedence whatever the order given: a user
 * problem reusing a built-in id is an error of the user pack, and a broken user pack only loses
 * its own problems.
 */
export async function loadCatalog(
  packs: PackSpec[],
  fs: PackFileSystem,
  options: {
    pythonText?: 'now' | 'later';
    /**
     * Saved loads to use when they still match the disk, and to save new loads to (with
     * `pythonText: 'later'` only: a snapshot holds no Python text check). See packSnapshot.ts.
     */
    snapshots?: PackSnapshots;
  } = {},
): Promise<Catalog> {
  const ordered = [...packs.filter((p) => p.source === 'builtin'), ...packs.filter((p) => p.source !== 'builtin')];
  // Reading every Python file makes a load about 1.6 times slower (1,000 problems: 0.37 -> 0.62 s
  // of CPU). The built-in pack ships with the extension and `npm run validate-problems` holds its
  // Python files to the text rules (loadPack's default), so at load time only user packs pay for
  // it, and with `pythonText: 'later'` not even they: the caller runs checkPythonTexts next.
  const now = options.pythonText !== 'later';
  const snapshots = now ? undefined : options.snapshots;
  const loaded = await Promise.all(ordered.map((p) => snapshots
    ? withSnapshot('catalogue', p, fs, snapshots, (recorded) => loadPack(p.dir, { source: p.source, fs: recorded, checkPythonText: false }))
    : loadPack(p.dir, { source: p.source, fs, checkPythonText: now && p.source !== 'builtin' })));
  const catalog: Catalog = { problems: [], designPrompts: [], errors: [], packs: [] };
  const owner = new Map<string, { source: PackSource; file: string; display: string }>();
  ordered.forEach((spec, i) => {
    const pack = loaded[i];
    const errors = [...pack.errors];
    let problems = 0;
    let designPrompts = 0;
    const dir = path.resolve(spec.dir);
    const reader = new PackReader(fs, dir, spec.source);
    for (const item of [...pack.problems, ...pack.designPrompts]) {
      const file = item.kind === 'coding' ? item.files.problemYaml : item.file;
      const taken = owner.get(item.id);
      if (taken) {
        const by = taken.source === 'builtin' ? `a built-in ${item.kind === 'coding' ? 'problem' : 'prompt'} (${taken.display})` : taken.display;
        errors.push({ source: spec.source, file, displayPath: reader.display(file), field: 'id', message: `id "${item.id}" is already used by ${by}; ignored` });
        continue;
      }
      owner.set(item.id, { source: spec.source, file, display: reader.display(file) });
      if (item.kind === 'coding') {
        catalog.problems.push(item);
        problems++;
      } else {
        catalog.designPrompts.push(item);
        designPrompts++;
      }
    }
    catalog.errors.push(...errors);
    catalog.packs.push({ dir, source: spec.source, problems, designPrompts, errors: errors.length });
  });
  return catalog;
}

/**
 * One pack's load through `snapshots`: the saved result when it still matches the disk, else
 * `load` (given a file system that records what it looks at) and the result saved.
 */
export async function withSnapshot<K extends SnapshotKind>(
  kind: K,
  spec: PackSpec,
  fs: PackFileSystem,
  snapshots: PackSnapshots,
  load: (fs: PackFileSystem) => Promise<SnapshotValues[K]>,
): Promise<SnapshotValues[K]> {
  const saved = await snapshots.load(kind, spec);
  if (saved) return saved;
  const startedAt = Date.now();
  const recorded = recordingFileSystem(fs);
  const value = await load(recorded.fs);
  snapshots.save(kind, spec, value, recorded.paths, startedAt);
  return value;
}

/** Every Python file of a problem the user's workspace may receive or run (all parts, both frameworks). */
function pythonFilesOf(p: CodingProblem): string[] {
  const f = p.files;
  return [f.starter, f.solution, f.testExamples, f.testHidden,
    ...(f.pytorch ? [f.pytorch.starter, f.pytorch.solution, f.pytorch.testExamples] : []),
    ...p.parts.flatMap((part) => [part.files.testHidden, part.files.solution, ...(part.files.solutionPytorch ? [part.files.solutionPytorch] : [])])];
}

/**
 * The second half of a `pythonText: 'later'` load: reads the Python files of the user packs'
 * problems and holds them to the text rules (strict UTF-8, no control characters, size). A
 * problem with a bad file is taken out and its errors are added, exactly as a full load would
 * have reported them; the catalogue is returned unchanged (the same object) when all is well.
 */
export async function checkPythonTexts(catalog: Catalog, fs: PackFileSystem): Promise<Catalog> {
  const readers = new Map<string, PackReader>();
  const readerOf = (packDir: string) => {
    let r = readers.get(packDir);
    if (!r) readers.set(packDir, (r = new PackReader(fs, packDir, 'user')));
    return r;
  };
  const bad = new Set<string>();
  await Promise.all(catalog.problems.filter((p) => p.source !== 'builtin').map(async (p) => {
    const reader = readerOf(p.packDir);
    const results = await Promise.all(pythonFilesOf(p).map((file) => reader.readText(file, MAX_PY_BYTES, 'Python files')));
    if (results.some((t) => t === undefined)) bad.add(p.id);
  }));
  if (!bad.size) return catalog;
  const errors = [...readers.values()].flatMap((r) => r.errors)
    .sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  const packs = catalog.packs.map((pk) => {
    const removed = catalog.problems.filter((p) => bad.has(p.id) && path.resolve(p.packDir) === pk.dir).length;
    const added = errors.filter((e) => e.file.startsWith(pk.dir + path.sep)).length;
    return removed || added ? { ...pk, problems: pk.problems - removed, errors: pk.errors + added } : pk;
  });
  return { ...catalog, problems: catalog.problems.filter((p) => !bad.has(p.id)), errors: [...catalog.errors, ...errors], packs };
}
