// The host merges several windows' boards with a port of Excalidraw's element rule (the package
// is a browser bundle that cannot load on the extension host). This checks the port against the
// package's own `reconcileElements`, bundled here for Node with a few browser globals stubbed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardWithScene, emptyBoard, mergeBoards, sceneOf } from '../../src/core/design/record';
import type { SceneElement } from '../../src/core/design/scene';
import { mulberry32 } from '../../src/core/plan/recommend';

type Reconcile = (local: readonly SceneElement[], remote: readonly SceneElement[], appState: object) => SceneElement[];

let reconcileElements: Reconcile;
let tmp: string;

/** Just enough of a browser for the bundle's module-level code to load. */
function stubBrowserGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  const set = (k: string, v: unknown) => Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  set('window', globalThis);
  set('navigator', { userAgent: 'node', platform: 'linux' });
  set('location', { origin: 'http://localhost', href: 'http://localhost/', protocol: 'http:', hostname: 'localhost' });
  set('devicePixelRatio', 1);
  set('matchMedia', () => ({ matches: false, addEventListener() {}, addListener() {} }));
  if (!g.addEventListener) set('addEventListener', () => {});
  set('localStorage', { getItem: () => null, setItem() {} });
  set('document', {
    createElement: () => ({ getContext: () => ({ measureText: () => ({ width: 0 }) }), style: {} }),
    documentElement: { style: {} },
    addEventListener() {},
    fonts: { add() {}, addEventListener() {} },
    querySelector: () => null,
  });
  for (const k of ['FontFace', 'Image', 'HTMLElement', 'Element', 'HTMLCanvasElement', 'SVGElement']) if (!g[k]) set(k, class {});
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-reconcile-'));
  const out = await build({
    stdin: { contents: "export { reconcileElements } from '@excalidraw/excalidraw';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty', '.woff2': 'empty' },
    write: false,
    logLevel: 'silent',
  });
  const file = path.join(tmp, 'reconcile.cjs');
  writeFileSync(file, out.outputFiles[0].text);
  stubBrowserGlobals();
  reconcileElements = (createRequire(file)(file) as { reconcileElements: Reconcile }).reconcileElements;
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe("the host's board merge agrees with Excalidraw's reconcileElements", () => {
  it('on 2,000 random pairs of boards', () => {
    const r = mulberry32(7);
    const int = (n: number) => Math.floor(r() * n);
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + int(30);
      const local: SceneElement[] = [];
      const remote: SceneElement[] = [];
      for (let i = 0; i < n; i++) {
        // A fixed, valid fractional index per element on both sides: no index repair, so the
        // comparison is about which copy wins and the order.
        const base = { id: `el${String(i).padStart(2, '0')}`, type: 'rectangle', index: `a${DIGITS[i]}`, x: 0, y: 0, width: 10, height: 10, isDeleted: false };
        const v = 1 + int(4);
        const make = (version: number, nonce: number, x: number, isDeleted = false): SceneElement => ({ ...base, version, versionNonce: nonce, x, isDeleted });
        const where = int(3);
        const l = make(v, int(5), int(100), r() < 0.1);
        if (where !== 1) local.push(l);
        if (where !== 0) {
          const rv = r() < 0.5 ? v : 1 + int(4);
          // Same version and nonce means the same edit: the same content.
          const rem = make(rv, int(5), int(100), r() < 0.1);
          remote.push(rv === l.version && rem.versionNonce === l.versionNonce ? l : rem);
        }
      }
      const real = reconcileElements(structuredClone(local), structuredClone(remote), {});
      const ours = sceneOf(mergeBoards(boardWithScene(emptyBoard(), { elements: local, appState: {}, files: {} }, { id: 'l' }, 0), boardWithScene(emptyBoard(), { elements: remote, appState: {}, files: {} }, { id: 'r' }, 0))).elements;
      const key = (e: SceneElement) => `${e.id}@${e.version}/${e.versionNonce}/${e.x}/${e.isDeleted}`;
      expect(ours.map(key), `trial ${trial}`).toEqual(real.map(key));
    }
  });
});
