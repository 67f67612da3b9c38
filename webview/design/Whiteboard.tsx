// Excalidraw, themed like VS Code, reporting each real change of the drawing to the host.
import { CaptureUpdateAction, Excalidraw, MainMenu, restoreElements } from '@excalidraw/excalidraw';
import type { ExcalidrawImperativeAPI } from '@excalidraw/excalidraw/types';
import { memo, useEffect, useRef } from 'react';
import { mergeScenes, sceneVersion, type Scene } from '../../src/core/design/scene';
import type { ThemeKind } from './hooks';

export interface WhiteboardHandle {
  /** Sends any change not yet sent (the page is going away). */
  flush(): void;
  /** Merges a board that changed on disk into what is shown. */
  merge(scene: Scene): void;
}

interface Props {
  initial: Scene;
  theme: ThemeKind;
  readOnly: boolean;
  onScene(scene: Scene): void;
  onReady(handle: WhiteboardHandle): void;
  onInteractive(): void;
}

const SEND_DELAY_MS = 250;

type RestoredElements = ReturnType<typeof restoreElements>;

function WhiteboardImpl({ initial, theme, readOnly, onScene, onReady, onInteractive }: Props) {
  const api = useRef<ExcalidrawImperativeAPI | null>(null);
  const lastSent = useRef(sceneVersion(initial.elements));
  const lastFiles = useRef(Object.keys(initial.files).length);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const callbacks = useRef({ onScene, onInteractive });
  callbacks.current = { onScene, onInteractive };

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

  useEffect(() => () => clearTimeout(timer.current), []);

  const handle: WhiteboardHandle = {
    flush: () => {
      if (timer.current !== undefined) send();
    },
    merge: (incoming) => {
      const a = api.current;
      const mine = current();
      if (!a || !mine) return;
      const merged = mergeScenes(mine, incoming);
      const missing = Object.values(incoming.files).filter((f) => !(f.id in mine.files));
      if (missing.length) a.addFiles(missing as unknown as Parameters<typeof a.addFiles>[0]);
      a.updateScene({ elements: restoreElements(merged.elements as unknown as RestoredElements, null), captureUpdate: CaptureUpdateAction.NEVER });
      lastSent.current = sceneVersion(merged.elements);
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
        appState: { viewBackgroundColor: initial.appState.viewBackgroundColor ?? '#ffffff', gridSize: initial.appState.gridSize ?? undefined },
        files: initial.files as never,
        scrollToContent: initial.elements.length > 0,
      }}
      theme={theme}
      viewModeEnabled={readOnly}
      name="whiteboard"
      langCode="en"
      autoFocus={false}
      UIOptions={{
        canvasActions: { loadScene: false, saveToActiveFile: false, toggleTheme: false, export: false, saveAsImage: true, clearCanvas: true, changeViewBackgroundColor: true },
        tools: { image: true },
      }}
      onChange={(elements, _appState, files) => {
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
        <MainMenu.DefaultItems.SaveAsImage />
        <MainMenu.DefaultItems.ClearCanvas />
        <MainMenu.DefaultItems.ChangeCanvasBackground />
        <MainMenu.DefaultItems.Help />
      </MainMenu>
    </Excalidraw>
  );
}

/** Excalidraw must not re-render on every clock tick of the panel around it. */
export const Whiteboard = memo(WhiteboardImpl, (a, b) => a.theme === b.theme && a.readOnly === b.readOnly);
