// Where part k of a statement README starts: the line of its "## Part k of n: <title>" heading
// (renderStatement in planScaffold.ts writes it) and the anchor the Markdown preview gives it.

/**
 * The anchor VS Code's Markdown preview (and GitHub) gives a heading: lower-cased, punctuation
 * dropped, runs of whitespace as "-". "Part 2 of 3: Log-softmax" -> "part-2-of-3-log-softmax".
 */
export function headingSlug(heading: string): string {
  return heading.trim().toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[\][!'"#$%&()*+,./:;<=>?@\\^{|}~`‘’“”…—·]/g, '')
    .replace(/^-+|-+$/g, '');
}

/**
 * The 0-based line and the preview anchor of part `part`'s heading in `markdown` (a statement
 * README), or undefined when the README has no such heading (the user edited it, or part 1).
 */
export function partAnchor(markdown: string, part: number): { line: number; slug: string } | undefined {
  const lines = markdown.split(/\r?\n/);
  const re = new RegExp(`^##\\s+(Part ${part} of \\d+\\b.*)$`);
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i]);
    if (m) return { line: i, slug: headingSlug(m[1]) };
  }
  return undefined;
}
