// The design panel's HTML shell and its Content-Security-Policy.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Everything the webview may load lives here (scripts, chunks, styles, fonts). */
export const webviewRoot = (extensionUri: vscode.Uri) => vscode.Uri.joinPath(extensionUri, 'dist', 'webview');

export function designWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [webviewRoot(extensionUri)],
    // A whiteboard keeps its undo history, selection and zoom only while its page lives; the
    // session itself is on the host and survives either way.
    retainContextWhenHidden: true,
  };
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function designHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const root = webviewRoot(extensionUri);
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
  const csp = [
    "default-src 'none'",
    // Our module and the chunks it imports; import() inherits the entry's nonce.
    `script-src 'nonce-${nonce}'`,
    // 'unsafe-inline' only because Excalidraw sets inline styles on its canvas and menus; scripts stay nonce-only.
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    // data: Excalidraw's stylesheet draws some icons and its checkerboard as data: URIs, and pasted
    // images live in the scene as data: URLs; blob: it previews images and exports through object URLs.
    `img-src ${webview.cspSource} data: blob:`,
    // Excalidraw fetches the font files it embeds when exporting SVG; only our own copies may load,
    // so its public-CDN fallback can never be reached.
    `connect-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('design.css')}">
<title>${escapeAttr(title)}</title>
</head>
<body>
<div id="root" data-asset-path="${escapeAttr(`${asset('')}`)}"><div class="boot">Loading whiteboard…</div></div>
<script type="module" nonce="${nonce}" src="${asset('design.js')}"></script>
</body>
</html>`;
}
