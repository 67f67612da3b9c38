// Registered only in ExtensionMode.Test: lets the integration suite drive a real panel through
// its real message path (validated like any webview message) and simulate a window reload through
// the serializer. Every answer is plain JSON data.
import * as vscode from 'vscode';
import { DESIGN_VIEW_TYPE } from '../../core/design/protocol';
import { designWebviewOptions } from './html';
import type { DesignSessionManager } from './sessionManager';

export function registerDesignTestHooks(id: string, manager: DesignSessionManager, extensionUri: vscode.Uri): vscode.Disposable {
  const panelOf = (dir: string) => {
    const p = manager.get(dir);
    if (!p) throw new Error(`no design panel for ${dir}`);
    return p;
  };
  const ops: Record<string, (...args: unknown[]) => unknown> = {
    list: () => manager.all().map((p) => ({ sessionDir: p.sessionDir, promptId: p.prompt.id, ready: p.isReady, visible: p.panel.visible })),
    /** Waits until the webview loaded its bundle and said 'ready' (false on timeout). */
    whenReady: async (dir, timeoutMs) =>
      Promise.race([panelOf(dir as string).whenReady().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), Number(timeoutMs) || 30_000))]),
    post: (dir, msg) => panelOf(dir as string).receive(msg),
    flush: (dir) => panelOf(dir as string).store.flush(),
    snapshot: (dir) => {
      const p = panelOf(dir as string);
      return JSON.parse(JSON.stringify({ session: p.store.session, scene: p.store.scene, problems: p.problems, state: p.state }));
    },
    /**
     * What a window reload does to the panel: VS Code keeps the webview's state, disposes the
     * panel, and later hands a fresh panel plus that state to our serializer.
     */
    reload: async (dir) => {
      const p = panelOf(dir as string);
      const state = p.state;
      await p.dispose();
      const fresh = vscode.window.createWebviewPanel(DESIGN_VIEW_TYPE, 'restoring…', vscode.ViewColumn.Active, designWebviewOptions(extensionUri));
      await manager.restore(fresh, JSON.parse(JSON.stringify(state)));
      return { sessionDir: manager.get(state.sessionDir)?.sessionDir };
    },
    /** The serializer handed a saved state (which a page could have forged): whether a panel opened for it. */
    restoreState: async (state) => {
      const fresh = vscode.window.createWebviewPanel(DESIGN_VIEW_TYPE, 'restoring…', vscode.ViewColumn.Active, designWebviewOptions(extensionUri));
      let disposed = false;
      fresh.onDidDispose(() => (disposed = true));
      await manager.restore(fresh, state);
      return { opened: !disposed, panels: manager.all().map((p) => p.sessionDir) };
    },
    /** The notes view the webview was last sent (revs and sections in conflict). */
    conflicts: (dir) => panelOf(dir as string).store.conflicts(),
    /** The value of the `mlprep.design.paused` context key as last set. */
    /** The board viewport the host holds for this window, and how many reports it got. */
    viewport: (dir) => {
      const p = panelOf(dir as string);
      return { viewport: p.state.viewport ?? null, reports: p.viewportReports };
    },
    clockContext: () => manager.clockContext ?? null,
    /** The value of the `mlprep.design.atBoard` context key as last set. */
    boardContext: () => manager.atBoardContext ?? null,
    close: async (dir) => panelOf(dir as string).dispose(),
  };
  return vscode.commands.registerCommand(id, async (op: string, ...args: unknown[]) => {
    const f = ops[op];
    if (!f) throw new Error(`unknown design test hook ${op}`);
    return f(...args);
  });
}
