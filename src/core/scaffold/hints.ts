// Hints revealed one at a time: which one comes next, and how the revealed ones read.
// The number already revealed is the problem's `hints` count in progress (one `hint` event each),
// so it survives reloads, follows Settings Sync and starts over with a progress reset.

/** The next hint to reveal, or that all were revealed. */
export type NextHint =
  | { kind: 'hint'; /** 0-based */ index: number; total: number; text: string; /** hints left after this one */ remaining: number }
  | { kind: 'allShown'; total: number }
  | { kind: 'none' };

/**
 * `hints`: the problem's hints in order; `shown`: how many were already revealed (progress count,
 * may exceed `hints.length` if a pack lost hints since, or be missing/negative/fractional: read as 0.. floor).
 */
export function nextHint(hints: readonly string[], shown: number | undefined): NextHint {
  if (!hints.length) return { kind: 'none' };
  const n = Number.isFinite(shown) && shown! > 0 ? Math.floor(shown!) : 0;
  if (n >= hints.length) return { kind: 'allShown', total: hints.length };
  return { kind: 'hint', index: n, total: hints.length, text: oneLine(hints[n]), remaining: hints.length - n - 1 };
}

/** A hint as one line (notifications show one paragraph; YAML block scalars end in newlines). */
export function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/**
 * Markdown listing the first `shown` hints of a problem (the "Show Revealed Hints" document);
 * `hidden`: a mock interview runs, so nothing is listed.
 */
export function revealedHintsMarkdown(title: string, hints: readonly string[], shown: number | undefined, hidden = false): string {
  const out = [`# Hints for “${title}”`, ''];
  if (hidden) return [...out, 'Hints are hidden while a mock interview runs. They come back with the report.', ''].join('\n');
  const n = Math.min(hints.length, Number.isFinite(shown) && shown! > 0 ? Math.floor(shown!) : 0);
  if (!n) out.push('No hint revealed yet. Run **MLPrep: Show Next Hint** to see the first one.', '');
  for (let i = 0; i < n; i++) out.push(`## Hint ${i + 1} of ${hints.length}`, '', hints[i].trim(), '');
  if (n && n < hints.length) out.push(`_${hints.length - n} more: **MLPrep: Show Next Hint**._`, '');
  return out.join('\n');
}
