// The progress dashboard: its command, the serializer that brings it back after a reload, and
// (under tests only) a hook into the real panel. Registration is all that happens at activation;
// nothing is computed or loaded until the dashboard is opened.
import * as vscode from 'vscode';
import { Commands, TestCommands } from '../../commands';
import { DASHBOARD_VIEW_TYPE } from '../../core/dashboard/protocol';
import { DashboardPanel, DASHBOARD_TITLE, type DashboardDeps } from './dashboardPanel';
import { registerDashboardTestHooks } from './testHooks';

export function registerDashboard(context: vscode.ExtensionContext, deps: DashboardDeps): void {
  let current: DashboardPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel) => {
    current?.dispose();
    const dashboard = new DashboardPanel(panel, { ...deps, extensionUri: context.extensionUri });
    dashboard.onDidClose(() => {
      if (current === dashboard) current = undefined;
    });
    current = dashboard;
    return dashboard;
  };
  const show = () => {
    if (current) current.reveal();
    else adopt(vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, DASHBOARD_TITLE, vscode.ViewColumn.Active, { enableFindWidget: true }));
    return current;
  };
  context.subscriptions.push(
    { dispose: () => current?.dispose() },
    vscode.commands.registerCommand(Commands.showDashboard, () => void show()),
    // Nothing to restore but the panel itself: the data is recomputed from the progress store.
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => void adopt(panel),
    }),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(registerDashboardTestHooks(TestCommands.dashboardTestHooks, { show, current: () => current, adopt }));
  }
}
