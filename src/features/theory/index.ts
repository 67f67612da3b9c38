// Theory cards: the two commands, the card panel (one per window, restored after a reload through
// its serializer) and, under tests only, a hook into the real panel.
import * as vscode from 'vscode';
import { Commands, TestCommands } from '../../commands';
import { THEORY_VIEW_TYPE } from '../../core/theory/protocol';
import { deckCards, type TheoryCard } from '../../core/theory/types';
import { CardPanel, THEORY_TITLE, type CardPanelDeps, type CardRound } from './cardPanel';
import { registerTheoryTestHooks } from './testHooks';

export interface TheoryUi {
  /** Opens the panel on `cardId` (or today's first due card). */
  open(cardId?: string): Promise<void>;
  /** Opens the panel on a full-loop fundamentals round's card on now ("card i of n", no clock of its own). */
  openRound(round: CardRound): Promise<void>;
  /** Closes the panel if it shows a card of `round` (the round is over). */
  closeRound(round: CardRound): void;
}

export function registerTheory(context: vscode.ExtensionContext, deps: Omit<CardPanelDeps, 'extensionUri'>): TheoryUi {
  let current: CardPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel) => {
    current?.dispose();
    const p = new CardPanel(panel, { ...deps, extensionUri: context.extensionUri, memo: context.workspaceState });
    p.onDidClose(() => {
      if (current === p) current = undefined;
    });
    current = p;
    return p;
  };
  const panel = () => {
    if (current) current.reveal();
    else adopt(vscode.window.createWebviewPanel(THEORY_VIEW_TYPE, THEORY_TITLE, vscode.ViewColumn.Active, { retainContextWhenHidden: false }));
    return current!;
  };
  const open = async (cardId?: string) => {
    const card = cardId ? await deps.theory.card(cardId) : undefined;
    if (cardId && !card) {
      void vscode.window.showWarningMessage(`MLPrep: no theory card "${cardId}".`);
      return;
    }
    await panel().show(card);
  };
  const pickCard = async (): Promise<TheoryCard | undefined> => {
    const deck = await deps.theory.deck();
    const q = await deps.theory.queue();
    const due = new Set(q.due.map((c) => c.id));
    const items = deckCards(deck).map((c) => ({
      label: c.question, description: `${deck.topics.find((t) => t.id === c.topic)?.title ?? c.topic} · ${c.level}${due.has(c.id) ? ' · due' : ''}`, card: c,
    }));
    return (await vscode.window.showQuickPick(items, { placeHolder: 'Open a theory card', matchOnDescription: true }))?.card;
  };
  context.subscriptions.push(
    { dispose: () => current?.dispose() },
    vscode.commands.registerCommand(Commands.theoryReviewDue, () => open()),
    vscode.commands.registerCommand(Commands.theoryOpenCard, async (cardId?: unknown) => {
      if (typeof cardId === 'string') return open(cardId);
      const c = await pickCard();
      if (c) await open(c.id);
    }),
    // After a reload the panel comes back on the card that was open, as it was (CardPanel.restore).
    vscode.window.registerWebviewPanelSerializer(THEORY_VIEW_TYPE, {
      deserializeWebviewPanel: async (p) => void adopt(p).restore(),
    }),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(registerTheoryTestHooks(TestCommands.theoryTestHooks, {
      current: () => current, open, theory: deps.theory,
      reopenAsAfterReload: async () => {
        current?.panel.dispose();
        await adopt(vscode.window.createWebviewPanel(THEORY_VIEW_TYPE, THEORY_TITLE, vscode.ViewColumn.Active, { retainContextWhenHidden: false })).restore();
      },
    }));
  }
  return {
    open,
    openRound: async (round) => panel().showRound(round),
    closeRound: (round) => {
      if (current?.showsRound(round)) current.dispose();
    },
  };
}
