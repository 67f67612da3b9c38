// The floors of `npm run bench:ui` (test/e2e/ui-waits.mjs): an empty webview panel opened the way
// MLPrep opens its design whiteboard (a command, a quick pick, a panel in the editor area, a nonce
// script that marks itself interactive; restored after a reload by a serializer) and a tree view
// with a plain list of rows, contributed to its own activity-bar container like the Problems view.
const vscode = require('vscode');
const crypto = require('crypto');

function html() {
  const nonce = crypto.randomBytes(16).toString('base64');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline';">
</head><body><p>Empty panel</p><script nonce="${nonce}">
acquireVsCodeApi().setState({ floor: true }); // as MLPrep's panel keeps its state: VS Code restores such panels
performance.mark('mlprep:whiteboard-interactive');
document.body.dataset.interactive = 'true';
</script></body></html>`;
}

function show(panel) {
  panel.webview.options = { enableScripts: true, localResourceRoots: [] };
  panel.webview.html = html();
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('mlprepFloor.openPanel', async () => {
      const pick = await vscode.window.showQuickPick([{ label: 'Empty floor panel' }], { placeHolder: 'Pick the floor panel' });
      if (!pick) return;
      show(vscode.window.createWebviewPanel('mlprepFloor.panel', 'Floor panel', vscode.ViewColumn.One, { enableScripts: true, retainContextWhenHidden: true }));
    }),
    vscode.window.registerWebviewPanelSerializer('mlprepFloor.panel', { deserializeWebviewPanel: async (panel) => show(panel) }),
    vscode.window.createTreeView('mlprepFloor.tree', {
      treeDataProvider: {
        getChildren: (node) => (node ? [] : Array.from({ length: 40 }, (_, i) => `Floor row ${i + 1}`)),
        getTreeItem: (label) => new vscode.TreeItem(label),
      },
    }),
  );
}

module.exports = { activate, deactivate() {} };
