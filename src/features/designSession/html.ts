// The design panel's HTML shell: the shared strict one (features/webview/html.ts) plus the
// sources Excalidraw needs.
import * as vscode from 'vscode';
import { webviewAsset, webviewHtml, webviewOptions } from '../webview/html';

export function designWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // A whiteboard keeps its undo history, selection and zoom only while its page lives; the
  // session itself is on the host and survives either way.
  return webviewOptions(extensionUri, { retainContextWhenHidden: true });
}

export function designHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const source = webview.cspSource;
  return webviewHtml(webview, extensionUri, {
    title,
    script: 'design.js',
    styles: ['design.css'],
    loading: 'Loading whiteboard…',
    // host-at: when the host produced the page (epoch ms), for `npm run bench:ui`'s breakdown.
    data: { 'asset-path': webviewAsset(webview, extensionUri, ''), 'host-at': String(Date.now()) },
    csp: {
      // 'unsafe-inline' only because Excalidraw sets inline styles on its canvas and menus; scripts stay nonce-only.
      'style-src': ["'unsafe-inline'"],
      'font-src': [source],
      // data: Excalidraw's stylesheet draws some icons and its checkerboard as data: URIs, and pasted
      // images live in the scene as data: URLs; blob: it previews images and exports through object URLs.
      'img-src': [source, 'data:', 'blob:'],
      // Excalidraw fetches the font files it embeds when exporting SVG; only our own copies may load,
      // so its public-CDN fallback can never be reached.
      'connect-src': [source],
    },
  });
}
