// Export / import of the progress record as JSON.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadProgress } from '../core/progress/migrate';
import type { EventProgressStore } from '../adapters/progressStore';
import { Commands } from '../commands';

export type ImportMode = 'merge' | 'replace';

const isMode = (v: unknown): v is ImportMode => v === 'merge' || v === 'replace';

function importArgs(arg: unknown, modeArg: unknown): { file?: vscode.Uri; mode?: ImportMode } {
  const toUri = (v: unknown) => (v instanceof vscode.Uri ? v : typeof v === 'string' && path.isAbsolute(v) ? vscode.Uri.file(v) : undefined);
  if (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri)) {
    const o = arg as { file?: unknown; mode?: unknown };
    return { file: toUri(o.file), mode: isMode(o.mode) ? o.mode : undefined };
  }
  return { file: toUri(arg), mode: isMode(modeArg) ? modeArg : undefined };
}

/** `backupDir`: where a copy of the record goes before an import replaces it. */
export function registerProgressCommands(store: EventProgressStore, backupDir: vscode.Uri): vscode.Disposable[] {
  const exportProgress = async () => {
    const date = new Date().toISOString().slice(0, 10);
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), `mlprep-progress-${date}.json`),
      filters: { JSON: ['json'] },
      saveLabel: 'Export Progress',
    });
    if (!target) return;
    const body = { exportedBy: 'MLPrep', exportedAt: new Date().toISOString(), ...store.get() };
    await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(body, null, 2), 'utf8'));
    const n = Object.keys(store.get().problems).length;
    void vscode.window.showInformationMessage(`MLPrep: exported progress on ${n} problem${n === 1 ? '' : 's'} to ${target.fsPath}.`);
  };

  /**
   * Without arguments: a file dialog, then a Merge / Replace question. Scripts, keybindings and
   * tests may pass the file (a Uri or an absolute path, or `{ file, mode }` as keybinding args)
   * and the mode, which skip the dialog and the question.
   */
  const importProgress = async (arg?: unknown, modeArg?: unknown): Promise<{ problems: number; mode: ImportMode } | undefined> => {
    const given = importArgs(arg, modeArg);
    const picked = given.file ? [given.file] : await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Import Progress' });
    if (!picked?.[0]) return;
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(picked[0])).toString('utf8'));
    } catch (e) {
      void vscode.window.showErrorMessage(`MLPrep: ${picked[0].fsPath} is not valid JSON (${(e as Error).message}). Nothing was imported.`);
      return;
    }
    const outcome = loadProgress(raw);
    if (outcome.kind === 'corrupt' || outcome.kind === 'empty') {
      void vscode.window.showErrorMessage(`MLPrep: ${picked[0].fsPath} is not an MLPrep progress file (${outcome.kind === 'corrupt' ? outcome.reason : 'empty'}). Nothing was imported.`);
      return;
    }
    if (outcome.kind === 'newer') {
      void vscode.window.showErrorMessage(`MLPrep: that file was written by a newer MLPrep (format ${outcome.version}). Update MLPrep to import it.`);
      return;
    }
    const n = Object.keys(outcome.progress.problems).length;
    const how = given.mode ?? (await vscode.window.showWarningMessage(
      `Import progress on ${n} problem${n === 1 ? '' : 's'}?`,
      { modal: true, detail: `Merge keeps everything you have and adds what the file has (earliest solve wins). Replace discards your current progress (a backup is kept).${outcome.rejected ? ` ${Object.keys(outcome.rejected).length} unreadable entries in the file are skipped.` : ''}` },
      'Merge', 'Replace',
    ))?.toLowerCase();
    // The file's value goes into the log verbatim (fields this version does not know included).
    if (how === 'merge') await store.importRecord(raw, 'merge');
    else if (how === 'replace') {
      const backup = await backupRecord(store, backupDir, 'before-import');
      await store.importRecord(raw, 'replace');
      void vscode.window.showInformationMessage(`MLPrep: progress replaced. The previous record is kept at ${backup.fsPath}.`);
    } else return;
    return { problems: n, mode: how };
  };

  /** Forgets all progress in every window and machine (a tombstone; a backup file is written first). */
  const resetAllProgress = async (arg?: unknown) => {
    const confirmed = arg === 'confirmed' || (await vscode.window.showWarningMessage(
      'Reset all MLPrep progress?',
      { modal: true, detail: 'Attempts, solves, design sessions and the practice calendar are forgotten in every window and on every synced machine. Files in your workspace are not touched. A backup of the record is kept.' },
      'Reset All Progress',
    )) === 'Reset All Progress';
    if (!confirmed) return;
    const backup = await backupRecord(store, backupDir, 'before-reset-all');
    await store.resetAll();
    void vscode.window.showInformationMessage(`MLPrep: all progress reset. The previous record is kept at ${backup.fsPath}.`);
  };

  return [
    vscode.commands.registerCommand(Commands.resetAllProgress, resetAllProgress),
    vscode.commands.registerCommand(Commands.exportProgress, exportProgress),
    vscode.commands.registerCommand(Commands.importProgress, importProgress),
  ];
}

async function backupRecord(store: EventProgressStore, dir: vscode.Uri, why: string): Promise<vscode.Uri> {
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, `progress-${why}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify({ exportedBy: 'MLPrep', ...store.get() }, null, 2), 'utf8'));
  return file;
}
