// Theory-card webview entry: reports problems (errors, CSP violations) to the host's log, then
// loads the app. Everything it shows arrives from the host; it loads nothing else.
import './theory/theory.css';

const root = document.getElementById('root')!;
const vscode = acquireVsCodeApi();

const report = (message: string) => vscode.postMessage({ type: 'problem', message });
window.addEventListener('error', (e) => report(`error: ${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => report(`unhandled rejection: ${String(e.reason)}`));
document.addEventListener('securitypolicyviolation', (e) => report(`CSP blocked ${e.blockedURI || 'inline'} (${e.effectiveDirective})`));

import('./theory/App').then(
  ({ mount }) => mount(root, vscode),
  (e: unknown) => {
    report(`could not load the card: ${String(e)}`);
    root.textContent = 'The theory card could not be loaded. See the MLPrep log.';
  },
);
