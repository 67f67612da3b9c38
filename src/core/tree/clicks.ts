// Single click previews a problem, a second click on the same row soon after starts it. The tree
// API has no double-click event, so the view's command sees clicks and this tells them apart.

/** A second click on the same item within this many milliseconds counts as a double click. */
export const DOUBLE_CLICK_MS = 500;

export type ClickAction = 'preview' | 'start';

/**
 * Remembers the last click. `click(id, at)` says what a click on `id` at epoch-ms `at` means:
 * 'start' when it is the second click on the same item within `windowMs` of the first, else
 * 'preview'. A double click is consumed, so a third quick click previews again.
 */
export class ClickTracker {
  private last: { id: string; at: number } | undefined;
  constructor(private readonly windowMs = DOUBLE_CLICK_MS) {}

  click(id: string, at: number): ClickAction {
    const prev = this.last;
    if (prev && prev.id === id && at - prev.at >= 0 && at - prev.at <= this.windowMs) {
      this.last = undefined;
      return 'start';
    }
    this.last = { id, at };
    return 'preview';
  }
}
