// Which clicks on a webview's buttons are meant. A button that changes the page (Finish, Start,
// Reveal answer, a rating…) often brings up another control right under the pointer; the second
// click of a double-click, or a click a moment after the page changed, then lands on that new
// control and does something nobody chose (a confirmation dismissed, a card's answer revealed).

/** How long (ms) a control that just appeared ignores clicks: a little over a double-click interval. */
export const SETTLE_MS = 400;

/** The parts of a click event that matter here (a DOM MouseEvent or React's wrapper of one). */
export interface ClickLike {
  /** The browser's click count: 1 for a single click, 2 for the second click of a double-click…; 0 for a keyboard activation. */
  detail: number;
}

/**
 * Whether a click on a control is a deliberate one: not the 2nd (or later) click of a multiple
 * click, and not within `settleMs` of the control appearing at `shownAt` (a keyboard activation,
 * detail 0, needs no settling: it cannot be a stray pointer click). Times in ms on one clock
 * (performance.now() in the webview).
 */
export function isDeliberateClick(e: ClickLike, shownAt: number | undefined, now: number, settleMs = SETTLE_MS): boolean {
  if (e.detail > 1) return false;
  if (e.detail === 0 || shownAt === undefined) return true;
  return now - shownAt >= settleMs;
}

/**
 * Whether a key press may act: not a key held down (auto-repeat would act again on whatever the
 * first press brought up, such as the next card).
 */
export function isDeliberateKey(e: { repeat: boolean }): boolean {
  return !e.repeat;
}
