// Excalidraw, themed like VS Code, reporting each real change of the drawing to the host.
import { CaptureUpdateAction, Excalidraw, exportToBlob, exportToSvg, MainMenu, reconcileElements, restoreElements } from '@excalidraw/excalidraw';
import type { ExcalidrawImperativeAPI } from '@excalidraw/excalidraw/types';
import { memo, useEffect, useRef } from 'react';
import { sceneVersion, type Scene } from '../../src/core/design/scene';
import type { ImageFormat, Viewport } from '../../src/core/design/protocol';
import type { ThemeKind } from './hooks';

export interface WhiteboardHandle {
  /** Sends any change not yet sent (the page is going away). */
  flush(): void;
  /** Merges a board that changed on disk (another window, a hand edit) into what is shown. */
  merge(scene: Scene): void;
}

interface Props {
  initial: Scene;
  /** The viewport to open at (this window's, saved before a reload); else the drawing is fitted. */
  initialViewport?: Viewport;
  /** The viewport changed (scroll or zoom); reported at most every VIEWPORT_DELAY_MS. */
  onViewport(viewport: Viewport): void;
  theme: ThemeKind;
  readOnly: boolean;
  onScene(scene: Scene): void;
  onReady(handle: WhiteboardHandle): void;
  onInteractive(): void;
  /** An exported image (base64 PNG or SVG text) for the host to save in the session folder. */
  onSaveImage(format: ImageFormat, data: string): void;
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const SEND_DELAY_MS = 250;
const VIEWPORT_DELAY_MS = 300;

type RestoredElements = ReturnType<typeof restoreElements>;

function WhiteboardImpl({ initial, initialViewport, theme, readOnly, onScene, onViewport, onReady, onInteractive, onSaveImage }: Props) {
  const api = useRef<ExcalidrawImperativeAPI | null>(null);
  const lastSent = useRef(sceneVersion(initial.elements));
  const lastFiles = useRef(Object.keys(initial.files).length);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const callbacks = useRef({ onScene, onViewport, onInteractive, onSaveImage });
  callbacks.current = { onScene, onViewport, onInteractive, onSaveImage };
  // Starts unset: the first change reports the viewport the board really opened at.
  const lastViewport = useRef<Viewport | undefined>(undefined);
  const viewportTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const current = (): Scene | undefined => {
    const a = api.current;
    if (!a) return undefined;
    const st = a.getAppState();
    return {
      elements: a.getSceneElementsIncludingDeleted() as unknown as Scene['elements'],
      appState: { viewBackgroundColor: st.viewBackgroundColor, gridSize: st.gridSize },
      files: a.getFiles() as unknown as Scene['files'],
    };
  };

  const send = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const scene = current();
    if (scene) callbacks.current.onScene(scene);
  };

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      clearTimeout(viewportTimer.current);
    },
    [],
  );

  // Browser downloads do not work in a VS Code webview: the image goes to the host, which saves
  // it next to whiteboard.excalidraw. Always light, with its background, like a printed board.
  const saveImage = async (format: ImageFormat) => {
    const a = api.current;
    if (!a || a.getSceneElements().length === 0) return;
    const opts = {
      elements: a.getSceneElements(),
      appState: { ...a.getAppState(), exportBackground: true, exportWithDarkMode: false },
      files: a.getFiles(),
      exportPadding: 24,
    };
    if (format === 'png') callbacks.current.onSaveImage('png', await base64Of(await exportToBlob({ ...opts, mimeType: 'image/png' })));
    else callbacks.current.onSaveImage('svg', new XMLSerializer().serializeToString(await exportToSvg(opts)));
  };

  const handle: WhiteboardHandle = {
    flush: () => {
      if (timer.current !== undefined) send();
      if (viewportTimer.current !== undefined) {
        clearTimeout(viewportTimer.current);
        viewportTimer.current = undefined;
        if (lastViewport.current) callbacks.current.onViewport(lastViewport.current);
      }
    },
    merge: (incoming) => {
      const a = api.current;
      if (!a) return;
      const files = a.getFiles();
      const missing = Object.values(incoming.files).filter((f) => !(f.id in files));
      if (missing.length) a.addFiles(missing as unknown as Parameters<typeof a.addFiles>[0]);
      // Excalidraw's own collaboration merge: per element the higher version wins (ties: the lower
      // versionNonce), an element being edited here is kept, and the stacking order is repaired.
      const local = a.getSceneElementsIncludingDeleted();
      const remote = restoreElements(incoming.elements as unknown as RestoredElements, local, { refreshDimensions: false, repairBindings: true });
      const reconciled = reconcileElements(local as Parameters<typeof reconcileElements>[0], remote as unknown as Parameters<typeof reconcileElements>[1], a.getAppState());
      // Not marked as sent: onChange sends the reconciled board back, so the host saves what is shown.
      a.updateScene({ elements: reconciled, captureUpdate: CaptureUpdateAction.NEVER });
    },
  };

  return (
    <Excalidraw
      excalidrawAPI={(a) => {
        api.current = a;
        onReady(handle);
        // The board takes input once its API exists and the first frame is painted.
        requestAnimationFrame(() => callbacks.current.onInteractive());
      }}
      initialData={{
        elements: restoreElements(initial.elements as unknown as RestoredElements, null),
        appState: {
          viewBackgroundColor: initial.appState.viewBackgroundColor ?? '#ffffff',
          gridSize: initial.appState.gridSize ?? undefined,
          ...(initialViewport ? { scrollX: initialViewport.scrollX, scrollY: initialViewport.scrollY, zoom: { value: initialViewport.zoom as never } } : {}),
        },
        files: initial.files as never,
        // Fitting the drawing is for a first open; after a reload the board opens where it was.
        scrollToContent: !initialViewport && initial.elements.length > 0,
      }}
      theme={theme}
      viewModeEnabled={readOnly}
      name="whiteboard"
      langCode="en"
      autoFocus={false}
      UIOptions={{
        canvasActions: { loadScene: false, saveToActiveFile: false, toggleTheme: false, export: false, saveAsImage: false, clearCanvas: true, changeViewBackgroundColor: true },
        tools: { image: true },
      }}
      onChange={(elements, appState, files) => {
        const vp = { scrollX: appState.scrollX, scrollY: appState.scrollY, zoom: appState.zoom.value };
        const was = lastViewport.current;
        if (!was || was.scrollX !== vp.scrollX || was.scrollY !== vp.scrollY || was.zoom !== vp.zoom) {
          lastViewport.current = vp;
          clearTimeout(viewportTimer.current);
          viewportTimer.current = setTimeout(() => {
            viewportTimer.current = undefined;
            callbacks.current.onViewport(vp);
          }, VIEWPORT_DELAY_MS);
        }
        const v = sceneVersion(elements);
        const f = Object.keys(files).length;
        if (v === lastSent.current && f === lastFiles.current) return; // selection, zoom, hover...
        lastSent.current = v;
        lastFiles.current = f;
        clearTimeout(timer.current);
        timer.current = setTimeout(send, SEND_DELAY_MS);
      }}
    >
      <MainMenu>
        <MainMenu.Item onSelect={() => void saveImage('png')} data-testid="save-png">
          Save PNG to the session folder
        </MainMenu.Item>
        <MainMenu.Item onSelect={() => void saveImage('svg')} data-testid="save-svg">
          Save SVG to the session folder
        </MainMenu.Item>
        <MainMenu.DefaultItems.ClearCanvas />
        <MainMenu.DefaultItems.ChangeCanvasBackground />
        <MainMenu.DefaultItems.Help />
      </MainMenu>
    </Excalidraw>
  );
}

/** Excalidraw must not re-render on every clock tick of the panel around it. */
export const Whiteboard = memo(WhiteboardImpl, (a, b) => a.theme === b.theme && a.readOnly === b.readOnly);
