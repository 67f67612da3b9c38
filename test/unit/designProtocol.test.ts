import { describe, expect, it } from 'vitest';
import { DESIGN_SECTION_KEYS } from '../../src/core/catalog/types';
import { parseHostMessage, parseWebviewMessage, parseWebviewState, type PromptView } from '../../src/core/design/protocol';
import { createSession } from '../../src/core/design/session';
import { planSections } from '../../src/core/design/timer';

const session = createSession({ promptId: 'p', promptTitle: 'P', folder: 'p-2026-11-23', durationMinutes: 45, planMs: planSections(45), now: 1 });
const prompt: PromptView = {
  id: 'p', title: 'P', difficulty: 'hard', companies: [], tags: [], prompt: 'x', context: [{ ask: 'How many users?', answer: 'a' }], commonMistakes: [],
  sections: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, { questions: ['q'], rubric: ['r'] }])) as PromptView['sections'],
};
const view = { notesRev: Object.fromEntries(DESIGN_SECTION_KEYS.map((k, i) => [k, i + 1])), conflicts: ['data'] };
const settings = { chime: true, autoAdvance: false, plans: { 45: planSections(45), 60: planSections(60) } };

describe('webview -> host messages', () => {
  it.each([
    [{ type: 'ready' }],
    [{ type: 'timer', action: 'toggle' }],
    [{ type: 'goto', section: 5 }],
    [{ type: 'setDuration', minutes: 60 }],
    [{ type: 'notes', section: 'data', text: 'hi' }],
    [{ type: 'notes', section: 'data', text: 'hi', rev: 3 }],
    [{ type: 'notes', section: 'data', text: 'x'.repeat(1_000_001) }],
    [{ type: 'tick', section: 'modelling', question: 2, checked: false }],
    [{ type: 'ask', fact: 0 }],
    [{ type: 'score', section: 'evaluation', score: 4 }],
    [{ type: 'complete' }],
    [{ type: 'open', target: 'notes' }],
    [{ type: 'saveImage', format: 'png', data: 'iVBORw0KGgo=' }],
    [{ type: 'saveImage', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }],
    [{ type: 'scene', scene: { elements: [{ id: 'a', type: 'rectangle', version: 1 }], appState: {}, files: {} } }],
  ])('accepts %j', (m) => {
    expect(parseWebviewMessage(m)).toEqual(m);
  });

  it.each([
    [null], ['ready'], [{}], [{ type: 'nope' }],
    [{ type: 'timer', action: 'explode' }],
    [{ type: 'goto', section: 6 }], [{ type: 'goto', section: -1 }], [{ type: 'goto', section: 1.5 }],
    [{ type: 'setDuration', minutes: 50 }],
    [{ type: 'notes', section: '__proto__', text: 'x' }], [{ type: 'notes', section: 'data', text: 5 }],
    [{ type: 'tick', section: 'data', question: '1', checked: true }],
    [{ type: 'score', section: 'data', score: 5 }],
    [{ type: 'ask', fact: -1 }], [{ type: 'ask', fact: '1' }], [{ type: 'ask', fact: 1.5 }], [{ type: 'ask', fact: 1000 }], [{ type: 'ask' }],
    [{ type: 'reveal', index: 0 }],
    [{ type: 'open', target: '/etc/passwd' }],
    [{ type: 'saveImage', format: 'gif', data: 'R0lGOD' }],
    [{ type: 'saveImage', format: 'png', data: 'not base64!' }],
    [{ type: 'saveImage', format: 'svg', data: '<script>alert(1)</script>' }],
    [{ type: 'saveImage', format: 'png', data: '' }],
    [{ type: 'scene', scene: { elements: [{ id: 'a' }] } }],
    [{ type: 'scene', scene: { elements: [], files: { f: { id: 'f', mimeType: 'image/png', dataURL: 'https://evil/x.png' } } } }],
  ])('rejects %j', (m) => {
    expect(parseWebviewMessage(m)).toBeUndefined();
  });

  it('drops unknown fields instead of passing them on', () => {
    expect(parseWebviewMessage({ type: 'ask', fact: 0, extra: 'x' })).toEqual({ type: 'ask', fact: 0 });
  });
});

describe('host -> webview messages', () => {
  it('accepts a full init and a session update', () => {
    const init = { type: 'init', prompt, session, view, scene: { elements: [], appState: {}, files: {} }, settings, folderLabel: 'ml-interview/design/p-2026-11-23', state: { sessionDir: '/w/ml-interview/design/p-2026-11-23', promptId: 'p' } };
    expect(parseHostMessage(JSON.parse(JSON.stringify(init)))).toEqual(init);
    expect(parseHostMessage({ type: 'session', session: JSON.parse(JSON.stringify(session)), view })).toEqual({ type: 'session', session, view });
    expect(parseHostMessage({ type: 'session', session, view: { ...view, conflicts: ['nope'] } })).toBeUndefined();
    expect(parseHostMessage({ type: 'chime', section: 2 })).toEqual({ type: 'chime', section: 2 });
  });

  it('rejects malformed ones', () => {
    expect(parseHostMessage({ type: 'init', prompt, session: { ...session, phase: 'x' }, scene: { elements: [] }, settings, folderLabel: '' })).toBeUndefined();
    expect(parseHostMessage({ type: 'init', prompt: { ...prompt, sections: {} }, session, scene: { elements: [] }, settings, folderLabel: '' })).toBeUndefined();
    expect(parseHostMessage({ type: 'notice', level: 'error', message: 'x' })).toBeUndefined();
    // Interviewer facts travel as { ask?, answer }: a bare string or a fact without its answer is refused.
    const initWith = (context: unknown) => ({ type: 'init', prompt: { ...prompt, context }, session, view, scene: { elements: [], appState: {}, files: {} }, settings, folderLabel: 'x', state: { sessionDir: '/w/x', promptId: 'p' } });
    expect(parseHostMessage(initWith([{ answer: 'a' }, { ask: 'Q?', answer: 'b' }]))).toBeDefined();
    expect(parseHostMessage(initWith(['a']))).toBeUndefined();
    expect(parseHostMessage(initWith([{ ask: 'Q?' }]))).toBeUndefined();
    expect(parseHostMessage(initWith([{ ask: 3, answer: 'a' }]))).toBeUndefined();
    expect(parseHostMessage({ type: 'scene', scene: 'x' })).toBeUndefined();
  });
});

describe('webview state for the serializer', () => {
  it('needs a session folder', () => {
    expect(parseWebviewState({ sessionDir: '/w/ml-interview/design/p-2026-11-23', promptId: 'p' })).toBeDefined();
    expect(parseWebviewState({ promptId: 'p' })).toBeUndefined();
    expect(parseWebviewState(undefined)).toBeUndefined();
  });
});

describe('board viewport (per-window view state)', () => {
  const dir = '/w/ml-interview/design/p-2026-11-23';

  it('accepts a viewport message with finite scroll and a zoom within 0.1-30', () => {
    expect(parseWebviewMessage({ type: 'viewport', viewport: { scrollX: -90.5, scrollY: 12, zoom: 1.25 } })).toEqual({ type: 'viewport', viewport: { scrollX: -90.5, scrollY: 12, zoom: 1.25 } });
  });

  it.each([
    [{ scrollX: Number.NaN, scrollY: 0, zoom: 1 }],
    [{ scrollX: 0, scrollY: Number.POSITIVE_INFINITY, zoom: 1 }],
    [{ scrollX: 0, scrollY: 0, zoom: 0 }],
    [{ scrollX: 0, scrollY: 0, zoom: 31 }],
    [{ scrollX: 1e8, scrollY: 0, zoom: 1 }],
    [{ scrollX: '0', scrollY: 0, zoom: 1 }],
    [{ scrollX: 0, scrollY: 0 }],
    [null],
  ])('refuses a malformed viewport %j', (viewport) => {
    expect(parseWebviewMessage({ type: 'viewport', viewport })).toBeUndefined();
  });

  it('keeps a valid viewport in the saved webview state and drops a malformed one, not the state', () => {
    expect(parseWebviewState({ sessionDir: dir, promptId: 'p', viewport: { scrollX: 40, scrollY: -90, zoom: 0.8 } })).toEqual({ sessionDir: dir, promptId: 'p', viewport: { scrollX: 40, scrollY: -90, zoom: 0.8 } });
    expect(parseWebviewState({ sessionDir: dir, promptId: 'p', viewport: { scrollX: 40, scrollY: -90, zoom: -1 } })).toEqual({ sessionDir: dir, promptId: 'p' });
  });

  it('hands the viewport to the page in init', () => {
    const state = { sessionDir: dir, promptId: 'p', viewport: { scrollX: 3, scrollY: 4, zoom: 2 } };
    const msg = parseHostMessage({ type: 'init', prompt, session, view, scene: { elements: [], appState: {}, files: {} }, settings, folderLabel: 'x', state });
    expect(msg?.type === 'init' && msg.state.viewport).toEqual({ scrollX: 3, scrollY: 4, zoom: 2 });
  });
});
