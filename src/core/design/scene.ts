// The whiteboard as stored in `whiteboard.excalidraw`: Excalidraw's own JSON scene format (the
// file opens in excalidraw.com and the Excalidraw editor extension). We only check the envelope
// and each element's identity fields; Excalidraw's `restore` repairs the rest when it loads.
import { isObj, parseJsonObject } from './jsonFile';

export interface SceneElement {
  id: string;
  type: string;
  version: number;
  versionNonce?: number;
  isDeleted?: boolean;
  [key: string]: unknown;
}

export interface SceneFile {
  id: string;
  mimeType: string;
  dataURL: string;
  created?: number;
  [key: string]: unknown;
}

export interface SceneAppState {
  viewBackgroundColor?: string;
  gridSize?: number | null;
}

export interface Scene {
  elements: SceneElement[];
  appState: SceneAppState;
  files: Record<string, SceneFile>;
}

export const EXCALIDRAW_SOURCE = 'https://github.com/excalidraw/excalidraw';

export const emptyScene = (): Scene => ({ elements: [], appState: {}, files: {} });


export function isSceneElement(v: unknown): v is SceneElement {
  return isObj(v) && typeof v.id === 'string' && v.id.length > 0 && typeof v.type === 'string' && typeof v.version === 'number' && Number.isFinite(v.version);
}

function isSceneFile(v: unknown): v is SceneFile {
  return isObj(v) && typeof v.id === 'string' && typeof v.mimeType === 'string' && typeof v.dataURL === 'string' && v.dataURL.startsWith('data:');
}

/** Validates the scene fields shared by the file and the protocol message. */
export function parseSceneParts(raw: Record<string, unknown>): Scene | string {
  if (!Array.isArray(raw.elements)) return '"elements" is not a list';
  const bad = raw.elements.findIndex((e) => !isSceneElement(e));
  if (bad >= 0) return `element ${bad} has no id, type or version`;
  const files: Record<string, SceneFile> = {};
  if (raw.files !== undefined) {
    if (!isObj(raw.files)) return '"files" is not an object';
    for (const [k, f] of Object.entries(raw.files)) {
      if (!isSceneFile(f)) return `file "${k}" is not an embedded image`;
      files[k] = f;
    }
  }
  const appState: SceneAppState = {};
  if (isObj(raw.appState)) {
    if (typeof raw.appState.viewBackgroundColor === 'string') appState.viewBackgroundColor = raw.appState.viewBackgroundColor;
    if (typeof raw.appState.gridSize === 'number' || raw.appState.gridSize === null) appState.gridSize = raw.appState.gridSize;
  }
  return { elements: raw.elements as SceneElement[], appState, files };
}

export function parseExcalidrawFile(text: string): { ok: true; value: Scene } | { ok: false; error: string } {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (raw.type !== 'excalidraw') return { ok: false, error: '"type" is not "excalidraw"' };
  const scene = parseSceneParts(raw);
  return typeof scene === 'string' ? { ok: false, error: scene } : { ok: true, value: scene };
}

/** The `.excalidraw` file: live elements only, and only the files they still reference. */
export function serialiseExcalidraw(scene: Scene): string {
  const elements = scene.elements.filter((e) => !e.isDeleted);
  const used = new Set(elements.map((e) => e.fileId).filter((id): id is string => typeof id === 'string'));
  const files = Object.fromEntries(Object.entries(scene.files).filter(([id]) => used.has(id)));
  const doc = {
    type: 'excalidraw',
    version: 2,
    source: EXCALIDRAW_SOURCE,
    elements,
    appState: { gridSize: scene.appState.gridSize ?? null, viewBackgroundColor: scene.appState.viewBackgroundColor ?? '#ffffff' },
    files,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A cheap fingerprint of what is drawn: changes whenever an element is added, edited or deleted. */
export function sceneVersion(elements: readonly { version: number; id: string }[]): string {
  let sum = 0;
  for (const e of elements) sum += e.version;
  return `${elements.length}:${sum}`;
}

export function sameScene(a: Scene, b: Scene): boolean {
  return serialiseExcalidraw(a) === serialiseExcalidraw(b);
}
