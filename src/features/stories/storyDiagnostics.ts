// The story checker's findings as diagnostics in story files, refreshed when a story opens or
// changes (and when the bank reloads, since unknown competencies depend on it); cleared on close.
import * as vscode from 'vscode';
import { checkStory, type StoryFinding } from '../../core/stories/checkStory';
import type { StoryService } from './storyService';

export const STORY_DIAGNOSTIC_SOURCE = 'MLPrep story';

export function registerStoryDiagnostics(stories: StoryService): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('mlprep-stories');
  let known: ReadonlySet<string> | undefined;
  const toDiagnostic = (doc: vscode.TextDocument, f: StoryFinding) => {
    const line = doc.lineAt(Math.min(f.line, doc.lineCount - 1));
    const d = new vscode.Diagnostic(line.range.isEmpty ? line.rangeIncludingLineBreak : line.range, f.message,
      f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
    d.source = STORY_DIAGNOSTIC_SOURCE;
    d.code = f.rule;
    return d;
  };
  // The bank (for unknown competencies) loads when the first story is open, not at activation:
  // most windows never open one, and the Problems view should not wait behind it.
  let wanted = false;
  const loadKnown = () => void stories.bank().then((b) => {
    known = new Set(b.competencies.map((c) => c.id));
    refreshAll();
  });
  const update = (doc: vscode.TextDocument) => {
    if (!stories.isStory(doc.uri)) {
      collection.delete(doc.uri); // e.g. the practice folder setting moved
      return;
    }
    if (!wanted) {
      wanted = true;
      loadKnown();
    }
    collection.set(doc.uri, checkStory(doc.getText(), { competencies: known }).map((f) => toDiagnostic(doc, f)));
  };
  const refreshAll = () => vscode.workspace.textDocuments.forEach(update);
  refreshAll();
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => update(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)),
    stories.onDidChange(() => wanted && loadKnown()),
  ];
}
