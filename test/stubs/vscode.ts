// The few `vscode` classes the Problems view's provider constructs, for `npm run bench:catalog`
// (scripts/bench-catalog.ts), which times the provider outside an editor. Shapes follow the
// real API; nothing here is used by the extension or its tests.
/* eslint-disable @typescript-eslint/no-explicit-any */
export class ThemeColor { constructor(readonly id: string) {} }
export class ThemeIcon { constructor(readonly id: string, readonly color?: ThemeColor) {} }
export enum TreeItemCollapsibleState { None = 0, Collapsed = 1, Expanded = 2 }
export class TreeItem {
  id?: string; iconPath?: unknown; description?: string; tooltip?: unknown; contextValue?: string; command?: unknown;
  constructor(readonly label: string, readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {}
}
export class MarkdownString {
  value: string;
  constructor(value = '', readonly supportThemeIcons = false) { this.value = value; }
  appendMarkdown(s: string): this { this.value += s; return this; }
}
export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (l: (e: T) => void) => { this.listeners.push(l); return { dispose: () => { this.listeners = this.listeners.filter((x) => x !== l); } }; };
  fire(e: T): void { this.listeners.forEach((l) => l(e)); }
  dispose(): void { this.listeners = []; }
}
export const commands = { executeCommand: async (..._args: any[]): Promise<undefined> => undefined };
