// The Problems view's labels: short enough for the default sidebar width (about 30 characters
// before VS Code cuts them), the full title staying in the tooltip and the pickers.

/**
 * A title without its trailing qualifier: "K-means clustering (Lloyd's algorithm)" -> "K-means
 * clustering", "Regression metrics: MAE, RMSE and R²" -> "Regression metrics". A title that would
 * lose almost everything (the qualifier is most of it, or the rest is under 8 characters) is kept whole.
 */
export function shortTitle(title: string): string {
  let t = title.trim();
  const paren = /^(.*\S)\s*\([^()]*\)$/.exec(t);
  if (paren && paren[1].length >= 8) t = paren[1];
  const colon = t.indexOf(': ');
  if (colon >= 8) t = t.slice(0, colon);
  return t;
}

/** The Problems view's label of a catalogue entry: its `shortTitle` if it has one, else shortTitle(title). */
export function treeLabel(entry: { title: string; shortTitle?: string }): string {
  return entry.shortTitle ?? shortTitle(entry.title);
}
