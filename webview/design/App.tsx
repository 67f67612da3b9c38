// The design-session panel. Renders what the host sends (session, board) and asks the host for
// every change; the only local clock is the one that repaints the readings.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MAX_IMAGE_CHARS, parseHostMessage, type DesignWebviewState, type ImageFormat, type NotesView, type PromptView, type Viewport, type ViewSettings, type WebviewToHost } from '../../src/core/design/protocol';
import type { Scene } from '../../src/core/design/scene';
import type { DesignSession } from '../../src/core/design/session';
import { read } from '../../src/core/design/timer';
import { Assessment } from './Assessment';
import { chime } from './chime';
import { Stepper, TopBar } from './Clock';
import { useNow, useVsCodeTheme } from './hooks';
import { SidePane } from './SidePane';
import { Whiteboard, type WhiteboardHandle } from './Whiteboard';

interface Loaded {
  prompt: PromptView;
  settings: ViewSettings;
  folderLabel: string;
  initialScene: Scene;
  /** Where this window's board was scrolled and zoomed before the page reloaded. */
  initialViewport?: Viewport;
}

/**
 * The contributed keybindings, handled in the panel too: Ctrl+Alt (⌥⌘ on macOS) + N next,
 * + Shift+N previous, + P start/pause/resume. Matched by physical key: Alt changes `key` on macOS.
 */
function shortcutAction(e: KeyboardEvent): WebviewToHost | undefined {
  const mac = navigator.platform.toLowerCase().includes('mac');
  if (!e.altKey || (mac ? !e.metaKey || e.ctrlKey : !e.ctrlKey || e.metaKey)) return undefined;
  if (e.code === 'KeyN') return { type: 'timer', action: e.shiftKey ? 'previous' : 'next' };
  if (e.code === 'KeyP' && !e.shiftKey) return { type: 'timer', action: 'toggle' };
  return undefined;
}

function App({ vscode }: { vscode: VsCodeApi }) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [session, setSession] = useState<DesignSession>();
  const [view, setView] = useState<NotesView>();
  const [notice, setNotice] = useState<{ level: 'info' | 'warning'; message: string }>();
  const board = useRef<WhiteboardHandle | null>(null);
  const pendingScene = useRef<Scene | null>(null);
  const webviewState = useRef<DesignWebviewState | null>(null);
  const theme = useVsCodeTheme();
  const running = session?.timer.status === 'running';
  const now = useNow(running);

  const send = useCallback((m: WebviewToHost) => vscode.postMessage(m), [vscode]);

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const msg = parseHostMessage(e.data);
      if (!msg) return;
      switch (msg.type) {
        case 'init':
          performance.mark('mlprep:init');
          webviewState.current = msg.state;
          vscode.setState(msg.state);
          setLoaded({ prompt: msg.prompt, settings: msg.settings, folderLabel: msg.folderLabel, initialScene: msg.scene, initialViewport: msg.state.viewport });
          setSession(msg.session);
          setView(msg.view);
          return;
        case 'session':
          setSession(msg.session);
          setView(msg.view);
          return;
        case 'scene':
          if (board.current) board.current.merge(msg.scene);
          else pendingScene.current = msg.scene;
          return;
        case 'chime':
          chime();
          return;
        case 'notice':
          setNotice({ level: msg.level, message: msg.message });
      }
    };
    window.addEventListener('message', onMessage);
    send({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, [send, vscode]);

  // In-panel shortcuts. Caught in the capture phase and stopped there, so neither Excalidraw nor
  // VS Code's forwarding of webview keys (which would run the contributed keybinding) sees them twice.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutAction(e);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      send(action);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [send]);

  // Anything drawn in the last moments is sent before the page goes away.
  useEffect(() => {
    const flush = () => board.current?.flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, []);

  const onScene = useCallback((scene: Scene) => send({ type: 'scene', scene }), [send]);
  // The viewport is this window's own view: kept in the webview state (which VS Code hands back
  // after a reload) and told to the host, never written to the shared session record.
  const onViewport = useCallback(
    (viewport: Viewport) => {
      if (webviewState.current) {
        webviewState.current = { ...webviewState.current, viewport };
        vscode.setState(webviewState.current);
      }
      send({ type: 'viewport', viewport });
    },
    [send, vscode],
  );
  const onBoardReady = useCallback((h: WhiteboardHandle) => {
    board.current = h;
    if (pendingScene.current) {
      h.merge(pendingScene.current);
      pendingScene.current = null;
    }
  }, []);
  const onSaveImage = useCallback(
    (format: ImageFormat, data: string) => {
      // The host refuses larger messages: say so here rather than let the click do nothing.
      if (data.length > MAX_IMAGE_CHARS) setNotice({ level: 'warning', message: `The ${format.toUpperCase()} image is too large to save (${Math.round(data.length / 1048576)} MB); try SVG, or export part of the board.` });
      else send({ type: 'saveImage', format, data });
    },
    [send],
  );
  const onInteractive = useCallback(() => {
    document.body.dataset.interactive = 'true';
    performance.mark('mlprep:whiteboard-interactive');
  }, []);

  const reading = useMemo(() => (session ? read(session.timer, now) : undefined), [session, now]);

  if (!loaded || !session || !view || !reading) return <div className="boot">Loading whiteboard…</div>;
  const assessing = session.phase !== 'working';
  const current = reading.sections[reading.current];
  return (
    <div className={`app phase-${session.phase} status-${reading.status} ${theme.highContrast ? 'hc' : ''}`}>
      <TopBar prompt={loaded.prompt} session={session} reading={reading} send={send} plans={loaded.settings.plans} />
      {!assessing && <Stepper reading={reading} send={send} enabled={session.phase === 'working'} />}
      {notice && (
        <div className={`notice ${notice.level}`} role="status">
          <span>{notice.message}</span>
          <button className="link" onClick={() => setNotice(undefined)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      <main className={`main ${assessing ? 'hidden' : ''} ${current.overtimeMs > 0 ? 'section-over' : ''}`}>
        <div className="board" data-testid="board">
          <Whiteboard initial={loaded.initialScene} initialViewport={loaded.initialViewport} onViewport={onViewport} theme={theme.kind} readOnly={assessing} onScene={onScene} onReady={onBoardReady} onInteractive={onInteractive} onSaveImage={onSaveImage} />
        </div>
        <SidePane prompt={loaded.prompt} session={session} view={view} reading={reading} send={send} />
      </main>
      {assessing && <Assessment prompt={loaded.prompt} session={session} reading={reading} send={send} />}
      <footer className="statusline">
        <span title="Where this session is saved">{loaded.folderLabel}</span>
        <span className="spacer" />
        <button className="link" onClick={() => send({ type: 'open', target: 'notes' })}>
          notes.md
        </button>
        <button className="link" onClick={() => send({ type: 'open', target: 'whiteboard' })}>
          whiteboard.excalidraw
        </button>
      </footer>
    </div>
  );
}

export function mount(root: HTMLElement, vscode: VsCodeApi): void {
  createRoot(root).render(<App vscode={vscode} />);
}
