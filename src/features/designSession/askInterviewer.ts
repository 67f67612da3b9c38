// `MLPrep: Design Session: Ask the Interviewer…` — a quick pick of the clarifying questions the
// active design session has not asked yet; the answer shows in the panel's side pane and the ask is
// recorded in the session (the same request the panel's own picker sends).
import * as vscode from 'vscode';
import { askChoices, interviewerReport } from '../../core/design/interviewer';
import type { DesignPanel } from './designPanel';

export interface AskResult {
  fact: number;
  question: string;
  answer: string;
}

type Item = vscode.QuickPickItem & { fact?: number };

/** Resolves to the question asked and its answer, or undefined when nothing was asked. */
export async function askInterviewer(panel: DesignPanel | undefined): Promise<AskResult | undefined> {
  if (!panel) {
    void vscode.window.showInformationMessage('MLPrep: no design session is open. Start one to ask the interviewer.');
    return undefined;
  }
  const { prompt } = panel;
  const session = panel.store.session;
  if (session.phase !== 'working') {
    void vscode.window.showInformationMessage('MLPrep: this session’s clock is over; its assessment lists every question, asked or not.');
    panel.reveal();
    return undefined;
  }
  const choices = askChoices(prompt.context, session.revealed);
  const report = interviewerReport(prompt.context, session);
  if (!choices.length) {
    void vscode.window.showInformationMessage('MLPrep: you have asked every question the interviewer has an answer to.');
    panel.reveal();
    return undefined;
  }
  const items: Item[] = choices.map((c) => ({ label: c.question, description: c.generic ? 'next fact given without a question' : undefined, fact: c.fact }));
  if (report.asked.length) {
    items.push({ label: 'Already asked', kind: vscode.QuickPickItemKind.Separator });
    // Shown for reference (with their answers); picking one only brings the panel forward.
    for (const a of report.asked) items.push({ label: `$(check) ${a.question}`, detail: a.answer });
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: `Ask the interviewer · ${prompt.title} (${report.asked.length}/${report.total} asked)`,
    placeHolder: 'Which clarifying question do you ask?',
    matchOnDetail: true,
  });
  panel.reveal();
  if (pick?.fact === undefined) return undefined;
  panel.act({ type: 'ask', fact: pick.fact });
  const fact = prompt.context[pick.fact];
  return { fact: pick.fact, question: pick.label, answer: fact.answer };
}
