// Registered only in ExtensionMode.Test: lets the integration suite drive the real card panel as the
// webview would (messages go through the same validation) and read what it sent and drew.
import * as vscode from 'vscode';
import type { CardPanel } from './cardPanel';
import type { TheoryService } from './theoryService';

interface Hooks {
  current(): CardPanel | undefined;
  open(cardId?: string): Promise<void>;
  theory: TheoryService;
  /** What a window reload does: the panel closes and the serializer restores a new one. */
  reopenAsAfterReload(): Promise<void>;
}

const json = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export function registerTheoryTestHooks(id: string, hooks: Hooks): vscode.Disposable {
  const panel = () => {
    const p = hooks.current();
    if (!p) throw new Error('no theory panel is open');
    return p;
  };
  const within = <T>(p: Promise<T>, ms: unknown) =>
    Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), Number(ms) || 30_000))]);
  const ops: Record<string, (...args: unknown[]) => unknown> = {
    state: () => {
      const p = hooks.current();
      return p ? json({ open: true, ready: p.isReady, current: p.current, lastSent: p.lastSent, lastRendered: p.lastRendered, problems: p.problems }) : { open: false };
    },
    /** Waits until the webview reports drawing `cardId` (undefined: the done view) with `revealed`. */
    whenRendered: async (cardId, revealed, timeoutMs) => {
      const p = panel();
      const r = await within(p.next(() => (p.lastRendered && p.lastRendered.cardId === (cardId ?? undefined) && p.lastRendered.revealed === revealed ? true : undefined)), timeoutMs);
      return r ? json(p.lastRendered) : undefined;
    },
    post: (msg) => panel().receive(msg),
    queue: async () => {
      const q = await hooks.theory.queue();
      return json({ due: q.due.map((c) => c.id), reviewedToday: q.reviewedToday, schedules: Object.fromEntries([...q.schedules].filter(([, s]) => s.reviews).map(([k, s]) => [k, { due: s.due, reviews: s.reviews, status: s.status }])) });
    },
    close: () => hooks.current()?.dispose(),
    reopenAsAfterReload: () => hooks.reopenAsAfterReload(),
  };
  return vscode.commands.registerCommand(id, async (op: string, ...args: unknown[]) => {
    const f = ops[op];
    if (!f) throw new Error(`unknown theory test hook ${op}`);
    return f(...args);
  });
}
