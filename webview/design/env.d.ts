// Globals and custom elements the design webview uses.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

declare global {
  interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
  }
  function acquireVsCodeApi(): VsCodeApi;
  interface Window {
    /** Where Excalidraw loads its fonts from: our copies next to the bundle (never its CDN). */
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

type El<Extra = object> = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & Extra & { class?: string };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'vscode-button': El<{ secondary?: boolean; disabled?: boolean; title?: string }>;
      'vscode-checkbox': El<{ checked?: boolean; label?: string; disabled?: boolean }>;
      'vscode-textarea': El<{ placeholder?: string; resize?: string; rows?: number; monospace?: boolean; 'aria-label'?: string }>;
      'vscode-radio-group': El<{ variant?: 'horizontal' | 'vertical' }>;
      'vscode-radio': El<{ checked?: boolean; label?: string; value?: string; name?: string }>;
      'vscode-single-select': El<{ value?: string; disabled?: boolean }>;
      'vscode-option': El<{ value?: string; selected?: boolean; description?: string }>;
      'vscode-collapsible': El<{ heading?: string; description?: string; open?: boolean }>;
      'vscode-badge': El<{ variant?: 'default' | 'counter' | 'activity-bar-counter' | 'tab-header-counter' }>;
      'vscode-divider': El;
      'vscode-progress-ring': El;
    }
  }
}
