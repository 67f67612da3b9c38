// Grouping, filtering and labelling of the Problems view: pure, so the tree provider only renders.
import { problemState, type Progress, type ProblemState } from '../progress/progress';

export type Difficulty = 'easy' | 'medium' | 'hard';
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

/** The fields of a catalogue entry (coding problem or design prompt) the list needs. */
export interface ListedProblem {
  id: string;
  title: string;
  category: string;
  difficulty: Difficulty;
  tags: readonly string[];
  companies: readonly string[];
  minutes: number;
  kind: 'coding' | 'design';
  /** Titles of a coding problem's follow-up parts 2, 3, ... (contract F); absent or empty when none. */
  followUpTitles?: readonly string[];
}

export const CATEGORY_ORDER = ['ml-algorithms', 'metrics', 'data-manipulation', 'production', 'llm', 'system-design'] as const;
const CATEGORY_LABELS: Record<string, string> = {
  'ml-algorithms': 'ML algorithms',
  metrics: 'Metrics & ML utilities',
  'data-manipulation': 'Data manipulation',
  production: 'Production coding',
  llm: 'LLM & GenAI internals',
  'system-design': 'System design',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

export type Grouping = 'category' | 'difficulty' | 'tag' | 'company';

export interface Filter {
  difficulties: Difficulty[];
  states: ProblemState[];
  tags: string[];
  companies: string[];
  /** Case-insensitive substring of the title (or id). */
  text: string;
}

export const emptyFilter = (): Filter => ({ difficulties: [], states: [], tags: [], companies: [], text: '' });

export function isFilterEmpty(f: Filter): boolean {
  return !f.difficulties.length && !f.states.length && !f.tags.length && !f.companies.length && !f.text.trim();
}

/** Any-of within one dimension, all-of across dimensions. */
export function matchesFilter(p: ListedProblem, state: ProblemState, f: Filter): boolean {
  if (f.difficulties.length && !f.difficulties.includes(p.difficulty)) return false;
  if (f.states.length && !f.states.includes(state)) return false;
  if (f.tags.length && !f.tags.some((t) => p.tags.includes(t))) return false;
  if (f.companies.length && !f.companies.some((c) => p.companies.includes(c))) return false;
  const q = searchWords(f.text);
  if (q.length) {
    // Every word of the search must appear somewhere in the title, id, tags or category, with
    // hyphens, slashes and other punctuation read as spaces ("kv cache" finds "KV-cache…",
    // "rope" finds the problem tagged rope, "flash attention" finds "Online-softmax (flash) attention").
    const haystack = ` ${searchWords([p.title, p.id, ...p.tags, categoryLabel(p.category)].join(' ')).join(' ')} `;
    if (!q.every((w) => haystack.includes(` ${w}`))) return false;
  }
  return true;
}

/** Lower-case words of `text`, split on anything that is not a letter or digit. */
function searchWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}@]+/u).filter(Boolean);
}

/** The states "unsolved" stands for in the filter: everything but solved. */
export const UNSOLVED_STATES: readonly ProblemState[] = ['new', 'attempted', 'practised'];

/** e.g. "medium, unsolved, tag:clustering, “pca”". */
export function describeFilter(f: Filter): string {
  const parts: string[] = [...f.difficulties];
  const st = new Set(f.states);
  if (UNSOLVED_STATES.every((s) => st.has(s)) && !st.has('solved')) parts.push('unsolved');
  else parts.push(...f.states);
  parts.push(...f.tags.map((t) => `tag:${t}`), ...f.companies.map((c) => `company:${c}`));
  if (f.text.trim()) parts.push(`“${f.text.trim()}”`);
  return parts.join(', ');
}

/** The first row of a filtered view: "Filtered: medium, unsolved, tag:clustering". */
export function filterSummary(f: Filter): string | undefined {
  return isFilterEmpty(f) ? undefined : `Filtered: ${describeFilter(f)}`;
}

/** One choice of the filter picker; `key` is what `filterFromChoices` reads back. */
export interface FilterChoice {
  key: string;
  label: string;
  description?: string;
  picked: boolean;
}
export interface FilterSection {
  title: 'Difficulty' | 'State' | 'Tags' | 'Companies';
  choices: FilterChoice[];
}

const STATE_CHOICES: { key: string; label: string; states: readonly ProblemState[] }[] = [
  { key: 'state:unsolved', label: 'Unsolved', states: UNSOLVED_STATES },
  { key: 'state:new', label: 'New', states: ['new'] },
  { key: 'state:attempted', label: 'Attempted (coding, not solved yet)', states: ['attempted'] },
  { key: 'state:practised', label: 'Practised (design, self-score below 3.0/4)', states: ['practised'] },
  { key: 'state:solved', label: 'Solved', states: ['solved'] },
];

/**
 * The filter picker's choices in four sections (difficulty, state, tags, companies), the current
 * filter's choices picked. "Unsolved" is one choice (new, attempted or practised); tags are
 * alphabetical, companies by how many problems they have (most first), each with its count.
 */
export function filterSections(all: readonly ListedProblem[], f: Filter): FilterSection[] {
  const st = new Set(f.states);
  const unsolved = UNSOLVED_STATES.every((s) => st.has(s));
  const stateChoices = STATE_CHOICES.map((c) => ({
    key: c.key, label: c.label,
    // With "unsolved" on, its three parts show unpicked: one choice stands for them.
    picked: c.key === 'state:unsolved' ? unsolved : !(unsolved && c.key !== 'state:solved') && c.states.every((s) => st.has(s)),
  }));
  const count = (pick: (p: ListedProblem) => readonly string[]) => {
    const n = new Map<string, number>();
    for (const p of all) for (const v of new Set(pick(p))) n.set(v, (n.get(v) ?? 0) + 1);
    return n;
  };
  const tags = count((p) => p.tags);
  const companies = count((p) => p.companies);
  const plural = (n: number) => `${n} problem${n === 1 ? '' : 's'}`;
  return [
    { title: 'Difficulty', choices: DIFFICULTIES.map((d) => ({ key: `difficulty:${d}`, label: d, picked: f.difficulties.includes(d) })) },
    { title: 'State', choices: stateChoices },
    { title: 'Tags', choices: [...tags.keys()].sort((a, b) => a.localeCompare(b)).map((t) => ({ key: `tag:${t}`, label: `tag:${t}`, description: plural(tags.get(t)!), picked: f.tags.includes(t) })) },
    { title: 'Companies', choices: sortByCount(companies).map((c) => ({ key: `company:${c}`, label: `company:${c}`, description: plural(companies.get(c)!), picked: f.companies.includes(c) })) },
  ];
}

/** Keys of `counts` by count (highest first), ties alphabetically. */
export function sortByCount(counts: ReadonlyMap<string, number>): string[] {
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
}

/** The filter the chosen keys (from `filterSections`) stand for; the search text is kept. */
export function filterFromChoices(keys: readonly string[], text = ''): Filter {
  const f: Filter = { ...emptyFilter(), text };
  const states = new Set<ProblemState>();
  for (const key of keys) {
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const value = key.slice(i + 1);
    if (kind === 'difficulty' && (DIFFICULTIES as readonly string[]).includes(value)) f.difficulties.push(value as Difficulty);
    else if (kind === 'state') STATE_CHOICES.find((c) => c.key === key)?.states.forEach((s) => states.add(s));
    else if (kind === 'tag') f.tags.push(value);
    else if (kind === 'company') f.companies.push(value);
  }
  f.states = (['new', 'attempted', 'practised', 'solved'] as const).filter((s) => states.has(s));
  return f;
}

export interface ProblemGroup {
  key: string;
  label: string;
  solved: number;
  total: number;
  problems: ListedProblem[];
}

const DIFFICULTY_RANK: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };
const byDifficultyThenTitle = (a: ListedProblem, b: ListedProblem) =>
  DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty] || a.title.localeCompare(b.title);

/**
 * Groups the problems that pass the filter. Counts ("4/15") are over the filtered problems of the
 * group; groups left empty by the filter are omitted. A problem with several tags (companies)
 * appears under each; one with none under "(no tag)" ("(no company)").
 */
export function groupProblems(all: readonly ListedProblem[], progress: Progress, grouping: Grouping, filter: Filter): ProblemGroup[] {
  const keyed = new Map<string, ListedProblem[]>();
  const add = (k: string, p: ListedProblem) => {
    const list = keyed.get(k);
    if (list) list.push(p);
    else keyed.set(k, [p]);
  };
  for (const p of all) {
    if (!matchesFilter(p, problemState(progress.problems[p.id]), filter)) continue;
    switch (grouping) {
      case 'category': add(p.category, p); break;
      case 'difficulty': add(p.difficulty, p); break;
      case 'tag': (p.tags.length ? p.tags : ['(no tag)']).forEach((t) => add(t, p)); break;
      case 'company': (p.companies.length ? p.companies : ['(no company)']).forEach((c) => add(c, p)); break;
    }
  }
  const keys = [...keyed.keys()];
  const rank = (k: string) => {
    if (grouping === 'category') {
      const i = (CATEGORY_ORDER as readonly string[]).indexOf(k);
      return i < 0 ? CATEGORY_ORDER.length : i;
    }
    if (grouping === 'difficulty') return DIFFICULTY_RANK[k as Difficulty] ?? 3;
    return k.startsWith('(') ? 1 : 0;
  };
  keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys.map((key) => {
    const problems = [...(keyed.get(key) ?? [])].sort(byDifficultyThenTitle);
    const solved = problems.filter((p) => problemState(progress.problems[p.id]) === 'solved').length;
    const label = grouping === 'category' ? categoryLabel(key) : grouping === 'difficulty' ? key[0].toUpperCase() + key.slice(1) : key;
    return { key, label, solved, total: problems.length, problems };
  });
}

export function groupLabel(g: ProblemGroup): string {
  return `${g.label} ${g.solved}/${g.total}`;
}

/** All distinct tags / companies, sorted, for the filter quick pick. */
export function facets(all: readonly ListedProblem[]): { tags: string[]; companies: string[] } {
  const tags = new Set<string>();
  const companies = new Set<string>();
  for (const p of all) {
    p.tags.forEach((t) => tags.add(t));
    p.companies.forEach((c) => companies.add(c));
  }
  return { tags: [...tags].sort(), companies: [...companies].sort((a, b) => a.localeCompare(b)) };
}

/** A duration for people: "40 s", "18 min", "1 h 5 min". */
export function formatMinutes(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  const totalMin = Math.round(ms / 60_000);
  if (totalMin < 60) return `${totalMin} min`;
  return `${Math.floor(totalMin / 60)} h ${totalMin % 60} min`;
}

/**
 * The order of a "which problem?" picker: the current problem (the open solution's) first, then
 * by category (the view's order), difficulty and title.
 */
export function pickerOrder<T extends ListedProblem>(all: readonly T[], currentId?: string): T[] {
  const cat = (p: ListedProblem) => {
    const i = (CATEGORY_ORDER as readonly string[]).indexOf(p.category);
    return i < 0 ? CATEGORY_ORDER.length : i;
  };
  return [...all].sort((a, b) => Number(b.id === currentId) - Number(a.id === currentId)
    || cat(a) - cat(b) || DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty] || a.title.localeCompare(b.title));
}
