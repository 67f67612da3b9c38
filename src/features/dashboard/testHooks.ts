// Registered only in ExtensionMode.Test: lets the integration suite look into the real dashboard
// panel (what the host sent, what the webview reported drawing) and simulate a reload through the
// serializer. Every answer is plain JSON data.
import * as vscode from 'vscode';
import { DASHBOARD_VIEW_TYPE } from '../../core/dashboard/protocol';
import type { DashboardPanel } from './dashboardPanel';

interface Hooks {
  show(): DashboardPanel | undefined;
  current(): DashboardPanel | undefined;
  adopt(panel: vscode.WebviewPanel): DashboardPanel;
}

const json = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export function registerDashboardTestHooks(id: string, hooks: Hooks): vscode.Disposable {
  const panel = () => {
    const p = hooks.current();
    if (!p) throw new Error('no dashboard panel is open');
    return p;
  };
  const within = <T>(p: Promise<T>, ms: unknown) =>
    Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), Number(ms) || 30_000))]);
  const ops: Record<string, (...args: unknown[]) => unknown> = {
    state: () => {
      const p = hooks.current();
      return p ? json({ open: true, ready: p.isReady, visible: p.panel.visible, lastSent: p.lastSent, lastRendered: p.lastRendered, problems: p.problems }) : { open: false };
    },
    /** The next data the host sends with generatedAt after `since`, and the webview's report of drawing it. */
    whenRendered: async (since, timeoutMs) => {
      const p = panel();
      const after = Number(since) || 0;
      const r = await within(p.next(() => (p.lastRendered && p.lastSent && p.lastRendered.generatedAt === p.lastSent.generatedAt && p.lastSent.generatedAt > after ? true : undefined)), timeoutMs);
      return r ? json({ sent: p.lastSent, rendered: p.lastRendered }) : undefined;
    },
    post: (msg) => panel().receive(msg),
    /** A window reload: VS Code disposes the panel and hands a fresh one to the serializer. */
    reload: async () => {
      panel().dispose();
      const fresh = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'restoring…', vscode.ViewColumn.Active);
      hooks.adopt(fresh);
      return true;
    },
    close: () => hooks.current()?.dispose(),
  };
  return vscode.commands.registerCommand(id, async (op: string, ...args: unknown[]) => {
    const f = ops[op];
    if (!f) throw new Error(`unknown dashboard test hook ${op}`);
    return f(...args);
  });
}
