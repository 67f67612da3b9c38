// Design-session webview entry. Sets Excalidraw's asset path (our bundled fonts) from the host's
// data attribute before Excalidraw's module is even fetched, reports problems to the host's log,
// then loads the app.
import '@excalidraw/excalidraw/index.css';
import './design/design.css';

// Marks for `npm run bench:ui`'s breakdown of the wait (navigation → script → app module → init → interactive).
performance.mark('mlprep:script-start');
const root = document.getElementById('root')!;
window.EXCALIDRAW_ASSET_PATH = root.dataset.assetPath;
const vscode = acquireVsCodeApi();

const report = (message: string) => vscode.postMessage({ type: 'problem', message });
window.addEventListener('error', (e) => report(`error: ${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => report(`unhandled rejection: ${String(e.reason)}`));
// Excalidraw lists its public CDN after our bundled copy in every font's src; Chrome checks each
// listed URL against the CSP and refuses the CDN one even when ours loads. Expected, not reported.
const isCdnFontFallback = (e: SecurityPolicyViolationEvent) => e.effectiveDirective === 'font-src' && e.blockedURI.startsWith('https://esm.sh/');
document.addEventListener('securitypolicyviolation', (e) => {
  if (!isCdnFontFallback(e)) report(`CSP blocked ${e.blockedURI || 'inline'} (${e.effectiveDirective})`);
});

import('./design/App').then(
  ({ mount }) => {
    performance.mark('mlprep:app-module');
    mount(root, vscode);
  },
  (e: unknown) => {
    report(`could not load the design app: ${String(e)}`);
    root.textContent = 'The whiteboard could not be loaded. See the MLPrep log.';
  },
);
