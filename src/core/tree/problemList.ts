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
}

export const CATEGORY_ORDER = ['ml-algorithms', 'metrics', 'data-manipulation', 'production', 'system-design'] as const;
const CATEGORY_LABELS: Record<string, string> = {
  'ml-algorithms': 'ML algorithms',
  metrics: 'Metrics & ML utilities',
  'data-manipulation': 'Data manipulation',
  production: 'Production coding',
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
  const q = f.text.trim().toLowerCase();
  if (q && !p.title.toLowerCase().includes(q) && !p.id.includes(q)) return false;
  return true;
}

/** e.g. "medium, unsolved, tag:clustering, “pca”". */
export function describeFilter(f: Filter): string {
  const parts: string[] = [...f.difficulties];
  const st = new Set(f.states);
  if (st.size === 2 && st.has('new') && st.has('attempted')) parts.push('unsolved');
  else parts.push(...f.states);
  parts.push(...f.tags.map((t) => `tag:${t}`), ...f.companies.map((c) => `company:${c}`));
  if (f.text.trim()) parts.push(`“${f.text.trim()}”`);
  return parts.join(', ');
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
