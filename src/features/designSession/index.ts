// The timed ML system-design whiteboard: commands, the panel serializer, and (under tests only)
// a hook that drives a panel through its real message path.
import * as vscode from 'vscode';
import { Commands, TestCommands } from '../../commands';
import type { DesignPrompt } from '../../core/catalog/types';
import { DESIGN_VIEW_TYPE } from '../../core/design/protocol';
import type { ProgressStore } from '../../adapters/progressStore';
import { DesignSessionManager } from './sessionManager';
import { registerDesignTestHooks } from './testHooks';
import { startDesignSession } from './startDesignSession';

export interface DesignSessionDeps {
  log: vscode.LogOutputChannel;
  catalog: () => Promise<{ designPrompts: DesignPrompt[] }>;
  progress: ProgressStore;
}

export function registerDesignSessions(context: vscode.ExtensionContext, deps: DesignSessionDeps): void {
  const manager = new DesignSessionManager({ ...deps, extensionUri: context.extensionUri });
  const onActive = (action: 'next' | 'previous' | 'toggle') => () => {
    const panel = manager.active();
    if (panel) panel.act({ type: 'timer', action });
    else void vscode.window.showInformationMessage('MLPrep: no design session is open.');
  };
  context.subscriptions.push(
    manager,
    vscode.window.registerWebviewPanelSerializer(DESIGN_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
    }),
    // Resolves to the session folder (plain data: command results may be serialised).
    vscode.commands.registerCommand(Commands.startDesignSession, async (arg?: unknown) => {
      const panel = await startDesignSession(manager, deps, arg);
      return panel ? { sessionDir: panel.sessionDir } : undefined;
    }),
    vscode.commands.registerCommand(Commands.designNextSection, onActive('next')),
    vscode.commands.registerCommand(Commands.designPreviousSection, onActive('previous')),
    vscode.commands.registerCommand(Commands.designTogglePause, onActive('toggle')),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(registerDesignTestHooks(TestCommands.designTestHooks, manager, context.extensionUri));
  }
}
