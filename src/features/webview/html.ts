// The HTML shell every MLPrep webview panel uses, with its strict Content-Security-Policy:
// nothing loads by default, scripts only with a fresh nonce, styles only from our own files, and
// everything from dist/webview (the only local resource root). A panel adds sources to a
// directive only with a reason next to it (see designSession/html.ts).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

/** Everything a webview may load lives here (scripts, chunks, styles, fonts). */
export const webviewRoot = (extensionUri: vscode.Uri) => vscode.Uri.joinPath(extensionUri, 'dist', 'webview');

export function webviewOptions(extensionUri: vscode.Uri, extra: vscode.WebviewPanelOptions = {}): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], ...extra };
}

/** The webview URI of a built asset (`name` relative to dist/webview). */
export const webviewAsset = (webview: vscode.Webview, extensionUri: vscode.Uri, name: string) =>
  webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(extensionUri), name)).toString();

type Directive = 'style-src' | 'font-src' | 'img-src' | 'connect-src';

export interface WebviewPage {
  title: string;
  /** Entry module, relative to dist/webview. */
  script: string;
  styles: string[];
  /** Shown until the script renders. */
  loading: string;
  /** data-* attributes of #root (key without the `data-` prefix). */
  data?: Record<string, string>;
  /** Sources added to the strict base policy. */
  csp?: Partial<Record<Directive, string[]>>;
}

/**
 * The chunks `script` needs at once, from dist/webview/preload.json (written by the build): asked
 * for with modulepreload so they download in parallel with the entry instead of one level of
 * imports after another. None when the manifest is missing or unreadable.
 */
function preloads(extensionUri: vscode.Uri, script: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(vscode.Uri.joinPath(webviewRoot(extensionUri), 'preload.json').fsPath, 'utf8')) as Record<string, unknown>;
    const list = manifest[script];
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && /^[\w.-]+\.js$/.test(x)) : [];
  } catch {
    return [];
  }
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webviewAsset(webview, extensionUri, name);
  const extra = page.csp ?? {};
  const directive = (name: Directive, base: string[] = []) => {
    const sources = [...base, ...(extra[name] ?? [])];
    return sources.length ? [`${name} ${sources.join(' ')}`] : [];
  };
  const csp = [
    "default-src 'none'",
    // Our module and the chunks it imports; import() inherits the entry's nonce.
    `script-src 'nonce-${nonce}'`,
    ...directive('style-src', [webview.cspSource]),
    ...directive('font-src'),
    ...directive('img-src'),
    ...directive('connect-src'),
  ].join('; ');
  const data = Object.entries(page.data ?? {}).map(([k, v]) => ` data-${k}="${escapeAttr(v)}"`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styles.map((s) => `<link rel="stylesheet" href="${asset(s)}">`).join('\n')}
${preloads(extensionUri, page.script).map((c) => `<link rel="modulepreload" nonce="${nonce}" href="${asset(c)}">`).join('\n')}
<title>${escapeAttr(page.title)}</title>
</head>
<body>
<div id="root"${data}><div class="boot">${escapeAttr(page.loading)}</div></div>
<script type="module" nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}
