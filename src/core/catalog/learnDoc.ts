// learn.md: an optional write-up beside a problem's reference solution, shown after solving or
// giving up. Pure checks (no I/O) so the validator script and unit tests share them.

/** The level-2 headings every learn.md has, in this order (problems/README.md documents them). */
export const LEARN_HEADINGS = ['Idea', 'Complexity', 'Alternatives', 'Pitfalls the tests check', 'Follow-up questions'] as const;

/** File name of the write-up inside problems/<category>/<slug>/. */
export const LEARN_FILE = 'learn.md';

/**
 * Problems with a learn.md text: empty list when it is fine. Rules: not blank; has each heading of
 * LEARN_HEADINGS as a `## ` heading (case-insensitive, in order) with non-blank text under it.
 * @param text the file's contents (UTF-8 decoded)
 * @returns human-readable issues, e.g. `missing heading "## Complexity"`
 */
export function learnDocIssues(text: string): string[] {
  if (!text.trim()) return ['is empty'];
  const lines = text.split(/\r?\n/);
  const headings = lines.flatMap((l, i) => (/^##\s+(.+?)\s*#*\s*$/.exec(l) ? [{ title: /^##\s+(.+?)\s*#*\s*$/.exec(l)![1].toLowerCase(), line: i }] : []));
  const issues: string[] = [];
  let last = -1;
  for (const wanted of LEARN_HEADINGS) {
    const idx = headings.findIndex((h) => h.title === wanted.toLowerCase());
    if (idx < 0) {
      issues.push(`missing heading "## ${wanted}"`);
      continue;
    }
    if (idx < last) issues.push(`heading "## ${wanted}" is out of order (expected: ${LEARN_HEADINGS.join(', ')})`);
    last = idx;
    const end = headings[idx + 1]?.line ?? lines.length;
    if (!lines.slice(headings[idx].line + 1, end).some((l) => l.trim())) issues.push(`section "## ${wanted}" is empty`);
  }
  return issues;
}
