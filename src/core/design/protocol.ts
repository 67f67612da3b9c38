// The one protocol between the design-session host (src/features/designSession) and its webview
// (webview/design.tsx): discriminated unions both ways, and a validator for what each side
// receives. Nothing that arrives through postMessage is trusted before it passes here.
import { DESIGN_SECTION_KEYS, type DesignFact, type DesignSectionKey, type Difficulty } from '../catalog/types';
import { parseSceneParts, type Scene } from './scene';
import { isScore, parseSession, type DesignSession, type Score } from './session';
import { isSessionLength, type SessionLength } from './timer';

export const DESIGN_VIEW_TYPE = 'mlprep.designSession';

/** What the webview shows of a prompt. */
export interface PromptView {
  id: string;
  title: string;
  difficulty: Difficulty;
  companies: string[];
  tags: string[];
  /** Markdown source (rendered as plain paragraphs). */
  prompt: string;
  /** What the interviewer knows: each fact with the question that draws it out (if the pack gives one). */
  context: DesignFact[];
  sections: Record<DesignSectionKey, { questions: string[]; rubric: string[] }>;
  commonMistakes: string[];
}

export interface ViewSettings {
  chime: boolean;
  autoAdvance: boolean;
  /** Section plans (ms) per session length, for the length picker before the start. */
  plans: Record<SessionLength, number[]>;
}

/**
 * What the host knows about the notes beyond their text: `notesRev` names the version of each
 * section's text the host sent (the webview echoes it with its edits, so an edit typed while
 * another window's lines arrived applies to what the user saw and removes nothing else), and
 * `conflicts` lists sections holding versions written in two windows at once.
 */
export interface NotesView {
  notesRev: Record<DesignSectionKey, number>;
  conflicts: DesignSectionKey[];
}

export type HostToWebview =
  | { type: 'init'; prompt: PromptView; session: DesignSession; view: NotesView; scene: Scene; settings: ViewSettings; folderLabel: string; state: DesignWebviewState }
  | { type: 'session'; session: DesignSession; view: NotesView }
  /** The board changed underneath us (another window, a hand edit): replace what is shown. */
  | { type: 'scene'; scene: Scene }
  | { type: 'chime'; section: number }
  | { type: 'notice'; level: 'info' | 'warning'; message: string };

export type TimerAction = 'start' | 'pause' | 'resume' | 'toggle' | 'next' | 'previous';
export type OpenTarget = 'notes' | 'whiteboard' | 'folder';
export type ImageFormat = 'png' | 'svg';
/** Largest exported image accepted from the webview (base64 PNG or SVG text). */
export const MAX_IMAGE_CHARS = 40 * 1024 * 1024;

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'timer'; action: TimerAction }
  | { type: 'goto'; section: number }
  | { type: 'setDuration'; minutes: SessionLength }
  /** The section's whole text; `rev` is the host's notesRev the editor's text started from. */
  | { type: 'notes'; section: DesignSectionKey; text: string; rev?: number }
  | { type: 'tick'; section: DesignSectionKey; question: number; checked: boolean }
  /** Ask the interviewer the question of fact `fact` (an index into the prompt's context). */
  | { type: 'ask'; fact: number }
  | { type: 'scene'; scene: Scene }
  /** Where the board is scrolled and zoomed: this window's view, kept out of the shared record. */
  | { type: 'viewport'; viewport: Viewport }
  | { type: 'finish' }
  | { type: 'backToBoard' }
  | { type: 'score'; section: DesignSectionKey; score: Score }
  | { type: 'complete' }
  | { type: 'open'; target: OpenTarget }
  /** The board rendered by Excalidraw in the webview, for the host to save beside the session. */
  | { type: 'saveImage'; format: ImageFormat; data: string }
  /** An error or CSP violation inside the webview, for the host's log. */
  | { type: 'problem'; message: string };

/**
 * The board's viewport in Excalidraw's terms: scroll offsets in scene units and the zoom factor
 * (1 = 100 %). View state of one window: it travels in the webview state, never in the session's
 * merged record, so two windows on one session keep their own views.
 */
export interface Viewport {
  scrollX: number;
  scrollY: number;
  zoom: number;
}

/** Webview state kept by VS Code (getState/setState) and handed to the serializer after a reload. */
export interface DesignWebviewState {
  sessionDir: string;
  promptId: string;
  /** The board's viewport when the page last reported it (restored on init). */
  viewport?: Viewport;
}

/** Excalidraw's own zoom limits. */
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 30;
/** Scroll offsets beyond this are not a place anyone drew. */
const MAX_SCROLL = 1e7;

/** A valid viewport (finite scroll within ±1e7, zoom within Excalidraw's 0.1-30), else undefined. */
export function parseViewport(v: unknown): Viewport | undefined {
  if (!isObj(v)) return undefined;
  const { scrollX, scrollY, zoom } = v;
  const scroll = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_SCROLL;
  if (!scroll(scrollX) || !scroll(scrollY) || typeof zoom !== 'number' || !Number.isFinite(zoom) || zoom < MIN_ZOOM || zoom > MAX_ZOOM) return undefined;
  return { scrollX, scrollY, zoom };
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isSection = (v: unknown): v is DesignSectionKey => typeof v === 'string' && (DESIGN_SECTION_KEYS as readonly string[]).includes(v);
const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1000;
const TIMER_ACTIONS: readonly string[] = ['start', 'pause', 'resume', 'toggle', 'next', 'previous'];
const OPEN_TARGETS: readonly string[] = ['notes', 'whiteboard', 'folder'];

/** Validates a message from the webview; undefined for anything malformed. */
export function parseWebviewMessage(m: unknown): WebviewToHost | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'ready':
    case 'finish':
    case 'backToBoard':
    case 'complete':
      return { type: m.type };
    case 'timer':
      return typeof m.action === 'string' && TIMER_ACTIONS.includes(m.action) ? { type: 'timer', action: m.action as TimerAction } : undefined;
    case 'goto':
      return isIndex(m.section) && m.section < DESIGN_SECTION_KEYS.length ? { type: 'goto', section: m.section } : undefined;
    case 'setDuration':
      return isSessionLength(m.minutes) ? { type: 'setDuration', minutes: m.minutes } : undefined;
    case 'notes':
      // No length limit: a limit here dropped every later edit of long notes.
      if (!isSection(m.section) || typeof m.text !== 'string') return undefined;
      return Number.isInteger(m.rev) && (m.rev as number) >= 0 ? { type: 'notes', section: m.section, text: m.text, rev: m.rev as number } : { type: 'notes', section: m.section, text: m.text };
    case 'tick':
      return isSection(m.section) && isIndex(m.question) && typeof m.checked === 'boolean'
        ? { type: 'tick', section: m.section, question: m.question, checked: m.checked }
        : undefined;
    case 'ask':
      return isIndex(m.fact) ? { type: 'ask', fact: m.fact } : undefined;
    case 'scene': {
      if (!isObj(m.scene)) return undefined;
      const scene = parseSceneParts(m.scene);
      return typeof scene === 'string' ? undefined : { type: 'scene', scene };
    }
    case 'score':
      return isSection(m.section) && isScore(m.score) ? { type: 'score', section: m.section, score: m.score } : undefined;
    case 'viewport': {
      const viewport = parseViewport(m.viewport);
      return viewport ? { type: 'viewport', viewport } : undefined;
    }
    case 'open':
      return typeof m.target === 'string' && OPEN_TARGETS.includes(m.target) ? { type: 'open', target: m.target as OpenTarget } : undefined;
    case 'problem':
      return typeof m.message === 'string' ? { type: 'problem', message: m.message.slice(0, 2000) } : undefined;
    case 'saveImage': {
      if (typeof m.data !== 'string' || m.data.length === 0 || m.data.length > MAX_IMAGE_CHARS) return undefined;
      if (m.format === 'png') return /^[A-Za-z0-9+/]+=*$/.test(m.data) ? { type: 'saveImage', format: 'png', data: m.data } : undefined;
      if (m.format === 'svg') return /^\s*<svg[\s>]/.test(m.data) ? { type: 'saveImage', format: 'svg', data: m.data } : undefined;
      return undefined;
    }
    default:
      return undefined;
  }
}

const stringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

const factList = (v: unknown): v is DesignFact[] =>
  Array.isArray(v) && v.every((f) => isObj(f) && typeof f.answer === 'string' && (f.ask === undefined || typeof f.ask === 'string'));

function isPromptView(v: unknown): v is PromptView {
  if (!isObj(v) || typeof v.id !== 'string' || typeof v.title !== 'string' || typeof v.prompt !== 'string') return false;
  if (!factList(v.context) || !stringList(v.companies) || !stringList(v.tags) || !stringList(v.commonMistakes) || !isObj(v.sections)) return false;
  const sections = v.sections;
  return DESIGN_SECTION_KEYS.every((k) => isObj(sections[k]) && stringList(sections[k].questions) && stringList(sections[k].rubric));
}

function parseSessionObject(v: unknown): DesignSession | undefined {
  if (!isObj(v)) return undefined;
  const r = parseSession(JSON.stringify(v));
  return r.ok ? r.value : undefined;
}

function parseNotesView(v: unknown): NotesView | undefined {
  if (!isObj(v) || !isObj(v.notesRev) || !Array.isArray(v.conflicts) || !v.conflicts.every(isSection)) return undefined;
  const revs = v.notesRev;
  if (!DESIGN_SECTION_KEYS.every((k) => Number.isInteger(revs[k]))) return undefined;
  return { notesRev: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, revs[k]])) as NotesView['notesRev'], conflicts: [...v.conflicts] };
}

function isViewSettings(v: unknown): v is ViewSettings {
  return isObj(v) && typeof v.chime === 'boolean' && typeof v.autoAdvance === 'boolean' && isObj(v.plans) && Array.isArray(v.plans[45]) && Array.isArray(v.plans[60]);
}

/** Validates a message from the host (the webview's side of the contract). */
export function parseHostMessage(m: unknown): HostToWebview | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'init': {
      const session = parseSessionObject(m.session);
      const scene = isObj(m.scene) ? parseSceneParts(m.scene) : 'missing';
      const state = parseWebviewState(m.state);
      const view = parseNotesView(m.view);
      if (!session || !view || typeof scene === 'string' || !isPromptView(m.prompt) || !isViewSettings(m.settings) || typeof m.folderLabel !== 'string' || !state) return undefined;
      return { type: 'init', prompt: m.prompt, session, view, scene, settings: m.settings, folderLabel: m.folderLabel, state };
    }
    case 'session': {
      const session = parseSessionObject(m.session);
      const view = parseNotesView(m.view);
      return session && view ? { type: 'session', session, view } : undefined;
    }
    case 'scene': {
      const scene = isObj(m.scene) ? parseSceneParts(m.scene) : 'missing';
      return typeof scene === 'string' ? undefined : { type: 'scene', scene };
    }
    case 'chime':
      return isIndex(m.section) ? { type: 'chime', section: m.section } : undefined;
    case 'notice':
      return (m.level === 'info' || m.level === 'warning') && typeof m.message === 'string' ? { type: 'notice', level: m.level, message: m.message } : undefined;
    default:
      return undefined;
  }
}

/** Validates a saved webview state; a malformed viewport is dropped, not the whole state. */
export function parseWebviewState(v: unknown): DesignWebviewState | undefined {
  if (!(isObj(v) && typeof v.sessionDir === 'string' && v.sessionDir !== '' && typeof v.promptId === 'string')) return undefined;
  const viewport = parseViewport(v.viewport);
  return viewport ? { sessionDir: v.sessionDir, promptId: v.promptId, viewport } : { sessionDir: v.sessionDir, promptId: v.promptId };
}
