// The notes of one design section as a convergent list of lines (an RGA sequence CRDT at line
// granularity). Every line ever typed is a node with a unique id, inserted after another node;
// removing a line adds its id to `deleted` (a tombstone). Merging two windows' copies is a plain
// union of nodes and tombstones, so any interleaving of saves converges to the same text, and a
// line is gone only if someone deleted it. Two windows that changed the same lines at once each
// replace them with their own new lines: both versions stay, side by side, and `conflicts`
// reports them so notes.md can mark them.

/** One line. `after` is the id of the node it was typed after ('' = the start). */
export interface LineNode {
  after: string;
  /** Lamport clock at creation: later insertions after the same node come first. */
  c: number;
  /** Wall-clock time of the edit (epoch ms), for "last edited". */
  t: number;
  text: string;
  /** Ids of the lines this one replaced in the same edit (for conflict reporting). */
  r?: string[];
}

export interface SectionLines {
  lines: Record<string, LineNode>;
  /** Tombstones: ids of removed lines (sorted, unique). */
  deleted: string[];
  /** Lines of conflicts someone resolved: edited while their editor showed both versions (sorted, unique). */
  ok?: string[];
}

export const emptyLines = (): SectionLines => ({ lines: {}, deleted: [] });

/** Text <-> lines: '' is no lines; a trailing newline is a last empty line. */
export const splitLines = (text: string): string[] => (text === '' ? [] : text.split('\n'));

const byInsertion = (lines: Record<string, LineNode>) => (a: string, b: string) => {
  const x = lines[a];
  const y = lines[b];
  if (x.c !== y.c) return y.c - x.c;
  return a < b ? 1 : a > b ? -1 : 0;
};

/**
 * Document order of all nodes (live and deleted): depth-first from the start, children of a
 * node newest first (RGA). A node whose parent is missing (never expected) hangs off the start.
 */
export function orderedIds(s: SectionLines): string[] {
  const children = new Map<string, string[]>();
  for (const [id, n] of Object.entries(s.lines)) {
    const parent = n.after && s.lines[n.after] ? n.after : '';
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(id);
  }
  const cmp = byInsertion(s.lines);
  for (const list of children.values()) list.sort(cmp);
  const out: string[] = [];
  const stack: string[] = [...(children.get('') ?? [])].reverse();
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    const kids = children.get(id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** The visible lines with their ids, in order. */
export function visible(s: SectionLines): { ids: string[]; lines: string[] } {
  const dead = new Set(s.deleted);
  const ids = orderedIds(s).filter((id) => !dead.has(id));
  return { ids, lines: ids.map((id) => s.lines[id].text) };
}

export const textOf = (s: SectionLines): string => visible(s).lines.join('\n');

const sortedUnion = (a: readonly string[], b: readonly string[]) => (b.length === 0 ? [...a] : [...new Set([...a, ...b])].sort());

/** Union of two copies (commutative, associative, idempotent). */
export function mergeLines(a: SectionLines, b: SectionLines): SectionLines {
  const ok = sortedUnion(a.ok ?? [], b.ok ?? []);
  return { lines: { ...a.lines, ...b.lines }, deleted: sortedUnion(a.deleted, b.deleted), ...(ok.length ? { ok } : {}) };
}

/**
 * Line diff of `from` -> `to`: for each line of `to`, the index of the `from` line it keeps, or -1
 * for a new line. Common prefix and suffix first; the middle by LCS (or all replaced when huge).
 */
export function matchLines(from: readonly string[], to: readonly string[]): number[] {
  const match = new Array<number>(to.length).fill(-1);
  let pre = 0;
  while (pre < from.length && pre < to.length && from[pre] === to[pre]) {
    match[pre] = pre;
    pre++;
  }
  let suf = 0;
  while (suf < from.length - pre && suf < to.length - pre && from[from.length - 1 - suf] === to[to.length - 1 - suf]) {
    match[to.length - 1 - suf] = from.length - 1 - suf;
    suf++;
  }
  const a = from.slice(pre, from.length - suf);
  const b = to.slice(pre, to.length - suf);
  if (a.length === 0 || b.length === 0 || a.length * b.length > 4_000_000) return match;
  // LCS table over the middle only (edits between two saves are small).
  const w = b.length + 1;
  const dp = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      match[pre + j] = pre + i;
      i++;
      j++;
    } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) i++;
    else j++;
  }
  return match;
}

/**
 * Applies the user's edit of a view of the section (`base`: the ids and lines the editor showed)
 * that now reads `text`. Lines of `base` not kept are tombstoned; new lines are inserted after
 * their predecessor in `text`. Lines not in `base` (merged in from another window meanwhile) are
 * left alone. Returns the new section, the Lamport clock after the edit, and the ids of `text`'s
 * lines (the editor's new view).
 */
export function editLines(
  s: SectionLines,
  base: { ids: readonly string[]; lines: readonly string[] },
  text: string,
  op: { site: string; clock: number; now: number },
): { section: SectionLines; clock: number; ids: string[] } {
  const to = splitLines(text);
  const match = matchLines(base.lines, to);
  const kept = new Set<number>();
  for (const m of match) if (m >= 0) kept.add(m);
  const removed = base.ids.filter((_, i) => !kept.has(i));
  let clock = op.clock;
  const lines = { ...s.lines };
  const ids: string[] = [];
  // Each run of new lines replaces the base lines removed between its kept neighbours.
  let prevBase = -1;
  let prevId = '';
  for (let j = 0; j < to.length; j++) {
    const m = match[j];
    if (m >= 0) {
      prevBase = m;
      prevId = base.ids[m];
      ids.push(prevId);
      continue;
    }
    let nextBase = base.ids.length;
    for (let k = j + 1; k < to.length; k++)
      if (match[k] >= 0) {
        nextBase = match[k];
        break;
      }
    const replaced = base.ids.slice(prevBase + 1, nextBase).filter((id) => removed.includes(id));
    clock += 1;
    const id = `${op.site}:${clock}`;
    lines[id] = { after: prevId, c: clock, t: op.now, text: to[j], ...(replaced.length ? { r: replaced } : {}) };
    ids.push(id);
    prevId = id;
  }
  if (clock === op.clock && removed.length === 0) return { section: s, clock, ids };
  // An edit made while the editor showed two versions of a conflict resolves it (the user saw both).
  const shown = new Set(base.ids);
  const seen = conflictGroups(s).filter((g) => g.sides.filter((side) => side.some((id) => shown.has(id))).length >= 2);
  const ok = seen.length ? sortedUnion(s.ok ?? [], seen.flatMap((g) => g.roots)) : s.ok;
  return { section: { lines, deleted: sortedUnion(s.deleted, removed), ...(ok?.length ? { ok } : {}) }, clock, ids };
}

const siteOf = (id: string) => id.slice(0, id.lastIndexOf(':'));

/**
 * Conflicts: a line that two windows replaced (each replacing line lists what it replaced in
 * `r`). Editing is sequential within a window and a replaced line is deleted there, so a line
 * replaced from two windows was changed in both at once. Each side is what now descends from one
 * window's replacement (typing replaces a line keystroke by keystroke), plus the new lines typed
 * right after it. `roots` are the twice-replaced lines (recorded in `ok` once resolved).
 */
function conflictGroups(s: SectionLines): { roots: string[]; sides: string[][] }[] {
  const replacedBy = new Map<string, string[]>();
  for (const [id, n] of Object.entries(s.lines)) for (const r of n.r ?? []) replacedBy.set(r, [...(replacedBy.get(r) ?? []), id]);
  if (replacedBy.size === 0) return [];
  const ok = new Set(s.ok ?? []);
  const dead = new Set(s.deleted);
  const memo = new Map<string, string[]>();
  const liveDescendants = (id: string): string[] => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Set<string>();
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const x = stack.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      if (!dead.has(x) && s.lines[x]) out.add(x);
      for (const y of replacedBy.get(x) ?? []) stack.push(y);
    }
    const list = [...out];
    memo.set(id, list);
    return list;
  };
  const raw: { roots: string[]; sides: Map<string, Set<string>> }[] = [];
  for (const [root, reps] of replacedBy) {
    if (ok.has(root) || new Set(reps.map(siteOf)).size < 2) continue;
    const sides = new Map<string, Set<string>>();
    for (const rep of reps) {
      const live = liveDescendants(rep);
      if (!live.length) continue;
      const side = sides.get(siteOf(rep)) ?? new Set<string>();
      for (const l of live) side.add(l);
      sides.set(siteOf(rep), side);
    }
    if (sides.size >= 2) raw.push({ roots: [root], sides });
  }
  if (!raw.length) return [];
  // Groups that share a line are one conflict.
  const merged: typeof raw = [];
  for (const g of raw) {
    const lines = new Set([...g.sides.values()].flatMap((x) => [...x]));
    const hit = merged.find((m) => [...m.sides.values()].some((x) => [...x].some((l) => lines.has(l))));
    if (!hit) {
      merged.push(g);
      continue;
    }
    hit.roots.push(...g.roots);
    for (const [site, set] of g.sides) hit.sides.set(site, new Set([...(hit.sides.get(site) ?? []), ...set]));
  }
  const { ids } = visible(s);
  const pos = new Map(ids.map((id, i) => [id, i]));
  return merged
    .map((g) => {
      const sides = [...g.sides.entries()].map(([site, set]) => {
        const out = [...set].sort((a, b) => pos.get(a)! - pos.get(b)!);
        let i = pos.get(out[out.length - 1])! + 1;
        while (i < ids.length && !s.lines[ids[i]].r && siteOf(ids[i]) === site && s.lines[ids[i]].after === out[out.length - 1]) out.push(ids[i++]);
        return out;
      });
      sides.sort((x, y) => pos.get(x[0])! - pos.get(y[0])!);
      return { roots: g.roots.sort(), sides };
    })
    .sort((x, y) => pos.get(x.sides[0][0])! - pos.get(y.sides[0][0])!);
}

/** Groups of visible lines written in two windows at once in place of the same line: each group lists its sides (line ids, in document order). */
export const conflicts = (s: SectionLines): string[][][] => conflictGroups(s).map((g) => g.sides);

export const CONFLICT_START = '<<<<<<< changed in two windows at once: both versions are kept';
export const CONFLICT_SPLIT = '=======';
export const CONFLICT_END = '>>>>>>> end of conflict: keep one version in the design panel';

/** The section's text for notes.md: conflicting versions wrapped in git-style markers. */
export function renderWithConflicts(s: SectionLines): { text: string; conflicts: number } {
  const groups = conflicts(s);
  const { ids, lines } = visible(s);
  if (!groups.length) return { text: lines.join('\n'), conflicts: 0 };
  const startOf = new Map<string, string[][]>();
  const member = new Set<string>();
  for (const g of groups) {
    startOf.set(g[0][0], g);
    for (const side of g) for (const id of side) member.add(id);
  }
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const g = startOf.get(ids[i]);
    if (g) {
      out.push(CONFLICT_START);
      g.forEach((side, k) => {
        if (k > 0) out.push(CONFLICT_SPLIT);
        for (const id of side) out.push(s.lines[id].text);
      });
      out.push(CONFLICT_END);
      continue;
    }
    if (!member.has(ids[i])) out.push(lines[i]);
  }
  return { text: out.join('\n'), conflicts: groups.length };
}

/** Imports plain text (a session saved before the record existed): deterministic ids, so every window imports identically. */
export function importText(text: string, idPrefix: string, now: number): SectionLines {
  const lines: Record<string, LineNode> = {};
  let after = '';
  splitLines(text).forEach((line, i) => {
    const id = `${idPrefix}:${i + 1}`;
    lines[id] = { after, c: 0, t: now, text: line };
    after = id;
  });
  return { lines, deleted: [] };
}
