// Buttons that act on deliberate clicks only (see src/core/webview/clicks.ts): the repeat clicks of
// a double-click, and clicks on a control that has just appeared under the pointer, do nothing.
import { useRef } from 'react';
import { isDeliberateClick, type ClickLike } from '../../src/core/webview/clicks';

/** Wraps a click handler so that it runs for deliberate clicks only. */
export type ClickGuard = <E extends ClickLike>(handler: (e: E) => void) => (e: E) => void;

/**
 * A guard for the controls of one component. They count as appearing when the component mounts
 * and whenever `shownKey` changes (e.g. the card shown, or "revealed"): clicks within SETTLE_MS
 * of that are ignored, and so are the 2nd and later clicks of a multiple click at any time.
 */
export function useClickGuard(shownKey?: unknown): ClickGuard {
  const shown = useRef<{ key: unknown; at: number } | undefined>(undefined);
  if (!shown.current || !Object.is(shown.current.key, shownKey)) shown.current = { key: shownKey, at: performance.now() };
  const at = shown.current.at;
  return (handler) => (e) => {
    if (isDeliberateClick(e, at, performance.now())) handler(e);
  };
}

/** Runs `handler` for a click that is not the 2nd or later click of a double or triple click. */
export function singleClick<E extends ClickLike>(handler: (e: E) => void): (e: E) => void {
  return (e) => {
    if (e.detail <= 1) handler(e);
  };
}
