import { useEffect, useRef, useState, type RefObject } from 'react';

/** Listens to a DOM event on a custom element (vscode-elements fire plain DOM events). */
export function useElementEvent<T extends HTMLElement>(ref: RefObject<T | null>, name: string, handler: (el: T, e: Event) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const listener = (e: Event) => latest.current(el, e);
    el.addEventListener(name, listener);
    return () => el.removeEventListener(name, listener);
  }, [ref, name]);
}

/** Wall-clock time for rendering only (readings are derived from the host's timestamps). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

export type ThemeKind = 'light' | 'dark';

/** VS Code marks the webview body with vscode-light / vscode-dark / vscode-high-contrast(-light). */
function themeOf(body: HTMLElement): { kind: ThemeKind; highContrast: boolean } {
  const c = body.classList;
  return { kind: c.contains('vscode-light') || c.contains('vscode-high-contrast-light') ? 'light' : 'dark', highContrast: c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light') };
}

export function useVsCodeTheme(): { kind: ThemeKind; highContrast: boolean } {
  const [theme, setTheme] = useState(() => themeOf(document.body));
  useEffect(() => {
    const obs = new MutationObserver(() => setTheme(themeOf(document.body)));
    obs.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => obs.disconnect();
  }, []);
  return theme;
}
