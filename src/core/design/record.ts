// A design session as a convergent record: what each window did, kept as operations with unique
// ids, merged by union. The session the panel shows (`DesignSession`, also written to
// session.json) is derived from it, so two windows that saw the same operations show the same
// session whatever order they saw them in, and nothing one window did is lost when another saves.
// - Clock: start/pause/resume/goto/finish/reopen/setDuration/complete/advance events, replayed in
//   (time, clock, id) order through the same pure timer as before.
// - Notes: one line CRDT per section (./lines.ts).
// - Ticks: an observed-remove set (un-ticking tombstones the ticks it saw; a tick made at the same
//   time in another window survives).
// - Scores: last writer wins per section (by Lamport clock), every score event kept.
// - Questions asked of the interviewer: ask events with ids (fact, time, section, session time),
//   merged by union; the first ask of a fact is the one shown. `revealed` (a grow-only set of fact
//   numbers) is kept beside them so versions that know only it still see what was asked.
// - Announced section ends: a grow-only set.
// - Fields of session.json this version does not know are kept and written back unchanged.
// The board is a separate record (`BoardRecord`): Excalidraw elements keyed by id, merged by
// Excalidraw's own version rule (see mergeElements).
import { DESIGN_SECTION_KEYS, type DesignSectionKey } from '../catalog/types';
import { isObj } from './jsonFile';
import { editLines, emptyLines, importText, mergeLines, renderWithConflicts, textOf, visible, type LineNode, type SectionLines } from './lines';
import type { Scene, SceneAppState, SceneElement, SceneFile } from './scene';
import { applyAction, isScore, orderAsked, SESSION_FORMAT, SESSION_VERSION, settleClock, type AskedQuestion, type DesignSession, type PromptShape, type Score, type SessionAction, type SessionPhase } from './session';
import * as timer from './timer';

export const RECORD_FORMAT = 'mlprep.design-record';
export const RECORD_VERSION = 1;

export type ClockAction =
  | { type: 'start' | 'pause' | 'resume' | 'finish' | 'reopen' | 'complete' }
  | { type: 'goto'; section: number }
  /** Auto-advance past sections whose plan ran out by `at` (replayed with timer.autoAdvance). */
  | { type: 'advance' }
  | { type: 'setDuration'; minutes: timer.SessionLength; planMs: number[] };

export interface ClockEvent {
  at: number;
  c: number;
  action: ClockAction;
}

/** How the session started (or what a session saved before this record looked like). */
export interface RecordInit {
  promptId: string;
  promptTitle: string;
  folder: string;
  createdAt: number;
  durationMinutes: timer.SessionLength;
  timer: timer.TimerState;
  phase: SessionPhase;
  completedAt?: number;
  averageScore?: number;
}

export interface SessionRecord {
  init: RecordInit;
  /** Lamport clock: the highest `c` of any operation seen. */
  clock: number;
  events: Record<string, ClockEvent>;
  notes: Record<DesignSectionKey, SectionLines>;
  ticks: Record<string, { s: DesignSectionKey; q: number; c: number; t: number }>;
  unticked: string[];
  scores: Record<string, { s: DesignSectionKey; v: Score; c: number; t: number }>;
  revealed: number[];
  /** Questions asked: fact `f`, wall time `t`, section `s`, session time `e` (ms), Lamport `c`. */
  asks: Record<string, AskEvent>;
  announced: number[];
  /** Unknown top-level fields of session.json (a newer version's), written back unchanged. */
  extra: Record<string, unknown>;
  /** Unknown fields of each `sections.<key>` of session.json. */
  sectionExtra: Partial<Record<DesignSectionKey, Record<string, unknown>>>;
}

export interface AskEvent {
  f: number;
  t: number;
  s: number;
  e: number;
  c: number;
}

export interface BoardRecord {
  /** Every element ever seen, deleted ones included (a deletion is a newer version). */
  elements: Record<string, SceneElement>;
  files: Record<string, SceneFile>;
  appState: { value: SceneAppState; t: number; site: string } | undefined;
}

const KNOWN_SESSION_FIELDS = new Set(['format', 'version', 'promptId', 'promptTitle', 'folder', 'createdAt', 'updatedAt', 'revision', 'durationMinutes', 'timer', 'timerUpdatedAt', 'sections', 'revealed', 'asked', 'phase', 'completedAt', 'averageScore']);
const KNOWN_SECTION_FIELDS = new Set(['notes', 'ticked', 'score', 'updatedAt']);

const sectionsOf = <T>(f: (k: DesignSectionKey) => T) => Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, f(k)])) as Record<DesignSectionKey, T>;
const numUnion = (a: readonly number[], b: readonly number[]) => [...new Set([...a, ...b])].sort((x, y) => x - y);
const strUnion = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();
const stable = (v: unknown) => JSON.stringify(v);
/** A deterministic pick between two values of the same key (both windows choose the same). */
const pick = <T>(a: T, b: T): T => (stable(a) <= stable(b) ? a : b);

function initOf(s: DesignSession): RecordInit {
  const init: RecordInit = { promptId: s.promptId, promptTitle: s.promptTitle, folder: s.folder, createdAt: s.createdAt, durationMinutes: s.durationMinutes, timer: s.timer, phase: s.phase };
  if (s.completedAt !== undefined) init.completedAt = s.completedAt;
  if (s.averageScore !== undefined) init.averageScore = s.averageScore;
  return init;
}

/** A record for a session as it stands (a new one, or one saved before this record existed). */
export function recordFromSession(s: DesignSession, raw?: Record<string, unknown>): SessionRecord {
  const rec: SessionRecord = {
    init: initOf(s),
    clock: 0,
    events: {},
    notes: sectionsOf((k) => (s.sections[k].notes ? importText(s.sections[k].notes, `import:${k}`, s.sections[k].updatedAt) : emptyLines())),
    ticks: {},
    unticked: [],
    scores: {},
    revealed: [...s.revealed],
    asks: Object.fromEntries(s.asked.map((a) => [`import:${a.fact}`, { f: a.fact, t: a.at, s: a.section, e: a.elapsedMs, c: 0 }])),
    announced: [],
    extra: {},
    sectionExtra: {},
  };
  for (const k of DESIGN_SECTION_KEYS) {
    for (const q of s.sections[k].ticked) rec.ticks[`import:${k}:${q}`] = { s: k, q, c: 0, t: s.sections[k].updatedAt };
    const score = s.sections[k].score;
    if (score !== undefined) rec.scores[`import:${k}`] = { s: k, v: score, c: 0, t: s.sections[k].updatedAt };
  }
  if (raw) absorbUnknownFields(rec, raw);
  return rec;
}

/**
 * Keeps what session.json holds that this version does not know (a newer version's fields). The
 * file on disk is the authority for them: its values replace the ones kept before. Returns
 * whether anything changed.
 */
export function absorbUnknownFields(rec: SessionRecord, raw: Record<string, unknown>): boolean {
  let changed = false;
  const put = (bag: Record<string, unknown>, k: string, v: unknown) => {
    if (k in bag && stable(bag[k]) === stable(v)) return;
    bag[k] = v;
    changed = true;
  };
  for (const [k, v] of Object.entries(raw)) if (!KNOWN_SESSION_FIELDS.has(k)) put(rec.extra, k, v);
  if (!isObj(raw.sections)) return changed;
  for (const key of DESIGN_SECTION_KEYS) {
    const sec = raw.sections[key];
    if (!isObj(sec)) continue;
    for (const [k, v] of Object.entries(sec)) if (!KNOWN_SECTION_FIELDS.has(k)) put((rec.sectionExtra[key] ??= {}), k, v);
  }
  return changed;
}

function mergeExtra(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? pick(out[k], v) : v;
  return out;
}

/** Union of two copies of a record: commutative, associative and idempotent. */
export function mergeRecords(a: SessionRecord, b: SessionRecord): SessionRecord {
  if (a === b) return a;
  const sectionExtra: SessionRecord['sectionExtra'] = {};
  for (const k of DESIGN_SECTION_KEYS) {
    const x = a.sectionExtra[k];
    const y = b.sectionExtra[k];
    if (x || y) sectionExtra[k] = mergeExtra(x ?? {}, y ?? {});
  }
  // Two windows that created the same folder at once: the earlier start is the session.
  const init = a.init.createdAt !== b.init.createdAt ? (a.init.createdAt < b.init.createdAt ? a.init : b.init) : pick(a.init, b.init);
  return {
    init,
    clock: Math.max(a.clock, b.clock),
    events: { ...a.events, ...b.events },
    notes: sectionsOf((k) => mergeLines(a.notes[k], b.notes[k])),
    ticks: { ...a.ticks, ...b.ticks },
    unticked: strUnion(a.unticked, b.unticked),
    scores: { ...a.scores, ...b.scores },
    revealed: numUnion(a.revealed, b.revealed),
    asks: { ...a.asks, ...b.asks },
    announced: numUnion(a.announced, b.announced),
    extra: mergeExtra(a.extra, b.extra),
    sectionExtra,
  };
}

const eventOrder = ([ia, a]: [string, ClockEvent], [ib, b]: [string, ClockEvent]) => a.at - b.at || a.c - b.c || (ia < ib ? -1 : ia > ib ? 1 : 0);

interface ClockState {
  timer: timer.TimerState;
  phase: SessionPhase;
  durationMinutes: timer.SessionLength;
  completedAt?: number;
}

/** One clock event, with the same rules as `applyAction` (an event that does not apply is a no-op). */
function replayOne(st: ClockState, a: ClockAction, at: number): ClockState {
  const working = st.phase === 'working';
  switch (a.type) {
    case 'start':
    case 'pause':
    case 'resume':
      return working ? { ...st, timer: timer[a.type](st.timer, at) } : st;
    case 'goto':
      return working ? { ...st, timer: timer.goTo(st.timer, a.section, at) } : st;
    case 'advance':
      return working ? { ...st, timer: timer.autoAdvance(st.timer, at) } : st;
    case 'setDuration': {
      if (!working || st.timer.status !== 'idle' || a.minutes === st.durationMinutes) return st;
      const t = timer.replan(st.timer, a.planMs);
      return t === st.timer ? st : { ...st, timer: t, durationMinutes: a.minutes };
    }
    case 'finish':
      return working ? { ...st, timer: timer.finish(st.timer, at), phase: 'assessing' } : st;
    case 'reopen':
      return st.phase === 'assessing' ? { ...st, timer: timer.reopen(st.timer), phase: 'working', completedAt: undefined } : st;
    case 'complete':
      return st.phase === 'assessing' ? { ...st, phase: 'done', completedAt: at } : st;
  }
}

function liveTicks(rec: SessionRecord): Map<string, string[]> {
  const dead = new Set(rec.unticked);
  const live = new Map<string, string[]>();
  for (const [tag, t] of Object.entries(rec.ticks)) {
    if (dead.has(tag)) continue;
    const k = `${t.s}/${t.q}`;
    live.set(k, [...(live.get(k) ?? []), tag]);
  }
  return live;
}

function currentScores(rec: SessionRecord): Partial<Record<DesignSectionKey, { v: Score; c: number; id: string; t: number }>> {
  const best: Partial<Record<DesignSectionKey, { v: Score; c: number; id: string; t: number }>> = {};
  for (const [id, sc] of Object.entries(rec.scores)) {
    const cur = best[sc.s];
    if (!cur || sc.c > cur.c || (sc.c === cur.c && id > cur.id)) best[sc.s] = { v: sc.v, c: sc.c, id, t: sc.t };
  }
  return best;
}

/** The first ask of each fact (ties broken by id, so every window picks the same), in the order asked. */
function askedOf(rec: SessionRecord): AskedQuestion[] {
  const first = new Map<number, [string, AskEvent]>();
  for (const [id, a] of Object.entries(rec.asks)) {
    const cur = first.get(a.f);
    if (!cur || a.t < cur[1].t || (a.t === cur[1].t && id < cur[0])) first.set(a.f, [id, a]);
  }
  return orderAsked([...first.values()].map(([, a]) => ({ fact: a.f, at: a.t, section: a.s, elapsedMs: a.e })));
}

/** The session the record describes (what the panel shows and session.json holds). */
export function deriveSession(rec: SessionRecord): DesignSession {
  let st: ClockState = { timer: rec.init.timer, phase: rec.init.phase, durationMinutes: rec.init.durationMinutes, completedAt: rec.init.completedAt };
  let updatedAt = rec.init.createdAt;
  let timerUpdatedAt = rec.init.createdAt;
  for (const [, e] of Object.entries(rec.events).sort(eventOrder)) {
    const next = replayOne(st, e.action, e.at);
    if (next !== st && next.timer !== st.timer) timerUpdatedAt = Math.max(timerUpdatedAt, e.at);
    st = next;
    updatedAt = Math.max(updatedAt, e.at);
  }
  const announced = st.timer.announced.map((a, i) => a || rec.announced.includes(i));
  const ticks = liveTicks(rec);
  const scores = currentScores(rec);
  const asked = askedOf(rec);
  let ops = Object.keys(rec.events).length + Object.keys(rec.scores).length + Object.keys(rec.ticks).length + rec.unticked.length + Object.keys(rec.asks).length;
  const sections = sectionsOf((k) => {
    let sectionAt = rec.init.createdAt;
    for (const n of Object.values(rec.notes[k].lines)) sectionAt = Math.max(sectionAt, n.t);
    ops += Object.keys(rec.notes[k].lines).length + rec.notes[k].deleted.length;
    const ticked: number[] = [];
    for (const [key, tags] of ticks) {
      const [s, q] = key.split('/');
      if (s !== k) continue;
      ticked.push(Number(q));
      for (const tag of tags) sectionAt = Math.max(sectionAt, rec.ticks[tag].t);
    }
    ticked.sort((x, y) => x - y);
    const score = scores[k];
    if (score) sectionAt = Math.max(sectionAt, score.t);
    updatedAt = Math.max(updatedAt, sectionAt);
    return { notes: textOf(rec.notes[k]), ticked, ...(score ? { score: score.v } : {}), updatedAt: sectionAt };
  });
  const session: DesignSession = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    promptId: rec.init.promptId,
    promptTitle: rec.init.promptTitle,
    folder: rec.init.folder,
    createdAt: rec.init.createdAt,
    updatedAt,
    revision: ops,
    durationMinutes: st.durationMinutes,
    timer: announced.some((a, i) => a !== st.timer.announced[i]) ? { ...st.timer, announced } : st.timer,
    timerUpdatedAt,
    sections,
    revealed: numUnion(rec.revealed, asked.map((a) => a.fact)),
    asked,
    phase: st.phase,
  };
  if (st.phase === 'done') {
    session.completedAt = st.completedAt ?? rec.init.completedAt ?? updatedAt;
    const all = DESIGN_SECTION_KEYS.map((k) => scores[k]?.v);
    session.averageScore = all.every(isScore) ? Math.round(((all as number[]).reduce((x, y) => x + y, 0) / all.length) * 100) / 100 : rec.init.averageScore;
  }
  return session;
}

/** session.json as written: the derived session plus the unknown fields kept from disk. */
export function sessionFileObject(rec: SessionRecord, derived = deriveSession(rec)): Record<string, unknown> {
  const sections = sectionsOf((k) => ({ ...(rec.sectionExtra[k] ?? {}), ...derived.sections[k] }));
  return { ...rec.extra, ...derived, sections };
}

/** The view a window's notes editor starts from: the section's visible lines and their ids. */
export const notesView = (rec: SessionRecord, section: DesignSectionKey) => visible(rec.notes[section]);

/** notes.md text of one section: conflicting versions marked. */
export const notesForFile = (rec: SessionRecord, section: DesignSectionKey) => renderWithConflicts(rec.notes[section]);

/** Sections whose notes hold versions written in two windows at once. */
export const conflictedSections = (rec: SessionRecord): DesignSectionKey[] => DESIGN_SECTION_KEYS.filter((k) => renderWithConflicts(rec.notes[k]).conflicts > 0);

export interface Site {
  /** Unique per window (per store instance). */
  id: string;
}

const addEvent = (rec: SessionRecord, site: Site, action: ClockAction, now: number): SessionRecord => {
  const c = rec.clock + 1;
  return { ...rec, clock: c, events: { ...rec.events, [`${site.id}:${c}`]: { at: now, c, action } } };
};

/** The clock event a panel request stands for, made absolute (`next` -> `goto n`), so two windows pressing Next at once move one section, not two. */
function clockActionFor(a: SessionAction, s: DesignSession): ClockAction | undefined {
  switch (a.type) {
    case 'timer': {
      const st = s.timer.status;
      switch (a.action) {
        case 'start':
        case 'pause':
        case 'resume':
          return { type: a.action };
        case 'toggle':
          return st === 'idle' ? { type: 'start' } : st === 'running' ? { type: 'pause' } : st === 'paused' ? { type: 'resume' } : undefined;
        case 'next':
          return { type: 'goto', section: s.timer.current + 1 };
        case 'previous':
          return { type: 'goto', section: s.timer.current - 1 };
      }
      return undefined;
    }
    case 'goto':
      return { type: 'goto', section: a.section };
    case 'setDuration':
      return { type: 'setDuration', minutes: a.minutes, planMs: a.planMs };
    case 'finish':
      return { type: 'finish' };
    case 'backToBoard':
      return { type: 'reopen' };
    case 'complete':
      return { type: 'complete' };
    default:
      return undefined;
  }
}

export interface NotesBase {
  ids: readonly string[];
  lines: readonly string[];
}

/**
 * Applies one request of this window to the record; returns the same record when nothing changes.
 * `derived` is deriveSession(rec) (passed in so callers derive once). For notes, `base` is what
 * the editor showed (ids and lines); without it the edit applies to the current text. Returns the
 * notes editor's new view for a notes request.
 */
export function applyLocal(
  rec: SessionRecord,
  derived: DesignSession,
  site: Site,
  a: SessionAction,
  shape: PromptShape,
  now: number,
  base?: NotesBase,
): { record: SessionRecord; view?: { ids: string[]; lines: string[] } } {
  switch (a.type) {
    case 'notes': {
      const from = base ?? visible(rec.notes[a.section]);
      const r = editLines(rec.notes[a.section], from, a.text, { site: site.id, clock: rec.clock, now });
      const view = { ids: r.ids, lines: a.text === '' ? [] : a.text.split('\n') };
      if (r.section === rec.notes[a.section]) return { record: rec, view };
      return { record: { ...rec, clock: r.clock, notes: { ...rec.notes, [a.section]: r.section } }, view };
    }
    case 'tick': {
      if (!Number.isInteger(a.question) || a.question < 0 || a.question >= shape.questions[a.section]) return { record: rec };
      const tags = liveTicks(rec).get(`${a.section}/${a.question}`) ?? [];
      if (a.checked === tags.length > 0) return { record: rec };
      const c = rec.clock + 1;
      if (a.checked) return { record: { ...rec, clock: c, ticks: { ...rec.ticks, [`${site.id}:${c}`]: { s: a.section, q: a.question, c, t: now } } } };
      return { record: { ...rec, clock: c, unticked: strUnion(rec.unticked, tags) } };
    }
    case 'ask': {
      // The reducer is the judge (working phase, a fact of the prompt, not asked yet).
      const after = applyAction(derived, a, shape, now);
      if (after === derived) return { record: rec };
      const asked = after.asked.find((x) => x.fact === a.fact);
      if (!asked) return { record: rec };
      const c = rec.clock + 1;
      const ev: AskEvent = { f: a.fact, t: now, s: asked.section, e: asked.elapsedMs, c };
      return { record: { ...rec, clock: c, asks: { ...rec.asks, [`${site.id}:${c}`]: ev }, revealed: numUnion(rec.revealed, [a.fact]) } };
    }
    case 'score': {
      if (derived.phase !== 'assessing' || derived.sections[a.section].score === a.score) return { record: rec };
      const c = rec.clock + 1;
      return { record: { ...rec, clock: c, scores: { ...rec.scores, [`${site.id}:${c}`]: { s: a.section, v: a.score, c, t: now } } } };
    }
    default: {
      const action = clockActionFor(a, derived);
      // Only what changes the session is recorded (the reducer is the judge, as before).
      if (!action || applyAction(derived, a, shape, now) === derived) return { record: rec };
      return { record: addEvent(rec, site, action, now) };
    }
  }
}

/** Auto-advance and section-end announcements due at `now`, recorded as operations. */
export function settleLocal(rec: SessionRecord, derived: DesignSession, site: Site, now: number, opts: { autoAdvance: boolean }): { record: SessionRecord; ended: number[] } {
  const { session, ended } = settleClock(derived, now, opts);
  if (session === derived) return { record: rec, ended };
  let next = rec;
  if (session.timer.current !== derived.timer.current) next = addEvent(next, site, { type: 'advance' }, now);
  if (ended.length) next = { ...next, announced: numUnion(next.announced, ended) };
  return { record: next, ended };
}

// ---- Board ----

/**
 * Excalidraw's rule for two copies of one element (`shouldDiscardRemoteElement` in
 * @excalidraw/excalidraw's data/reconcile.ts): the higher `version` wins; on a tie the lower
 * `versionNonce` wins. A final tie-break on the content keeps the merge commutative.
 *
 * Why a port and not the package's `reconcileElements`: the package is a browser bundle; bundled
 * for the extension host it is 13.7 MB and throws `navigator is not defined` on load. The webview
 * reconciles the live board with the real `reconcileElements`; the host applies the same rule to
 * the files of several windows, and test/unit/designRecord.test.ts checks both agree.
 */
export function preferElement(a: SceneElement, b: SceneElement): SceneElement {
  if (a.version !== b.version) return a.version > b.version ? a : b;
  const na = a.versionNonce ?? 0;
  const nb = b.versionNonce ?? 0;
  if (na !== nb) return na < nb ? a : b;
  return pick(a, b);
}

export const emptyBoard = (): BoardRecord => ({ elements: {}, files: {}, appState: undefined });

export function mergeElements(into: Record<string, SceneElement>, from: Iterable<SceneElement>): Record<string, SceneElement> {
  let out = into;
  for (const e of from) {
    const cur = out[e.id];
    const win = cur ? preferElement(cur, e) : e;
    if (win === cur) continue;
    if (out === into) out = { ...into };
    out[e.id] = win;
  }
  return out;
}

export function mergeBoards(a: BoardRecord, b: BoardRecord): BoardRecord {
  if (a === b) return a;
  const files: Record<string, SceneFile> = { ...a.files };
  for (const [id, f] of Object.entries(b.files)) files[id] = id in files ? pick(files[id], f) : f;
  const x = a.appState;
  const y = b.appState;
  const appState = !x ? y : !y ? x : x.t !== y.t ? (x.t > y.t ? x : y) : pick(x, y);
  return { elements: mergeElements(a.elements, Object.values(b.elements)), files, appState };
}

/** A scene from the webview or a file, taken into the board (its elements by version, its files, its background). */
export function boardWithScene(b: BoardRecord, scene: Scene, site: Site, now: number): BoardRecord {
  const elements = mergeElements(b.elements, scene.elements);
  const newFiles = Object.entries(scene.files).filter(([id]) => !(id in b.files));
  const files = newFiles.length ? { ...b.files, ...Object.fromEntries(newFiles) } : b.files;
  const same = b.appState && stable(b.appState.value) === stable(scene.appState);
  const appState = same || Object.keys(scene.appState).length === 0 ? b.appState : { value: scene.appState, t: now, site: site.id };
  if (elements === b.elements && files === b.files && appState === b.appState) return b;
  return { elements, files, appState };
}

/** Elements in Excalidraw's stacking order (`orderByFractionalIndex`: by `index`, then id), deleted ones included. */
export function sceneOf(b: BoardRecord): Scene {
  const elements = Object.values(b.elements).sort((x, y) => {
    const xi = typeof x.index === 'string' ? x.index : undefined;
    const yi = typeof y.index === 'string' ? y.index : undefined;
    if (xi !== yi) {
      if (xi === undefined) return 1;
      if (yi === undefined) return -1;
      return xi < yi ? -1 : 1;
    }
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  });
  return { elements, appState: b.appState?.value ?? {}, files: b.files };
}

// ---- Files of the record (one per window, see sessionStore.ts) ----

const isClockAction = (v: unknown): v is ClockAction => {
  if (!isObj(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'start':
    case 'pause':
    case 'resume':
    case 'finish':
    case 'reopen':
    case 'complete':
    case 'advance':
      return true;
    case 'goto':
      return Number.isInteger(v.section);
    case 'setDuration':
      return timer.isSessionLength(v.minutes) && Array.isArray(v.planMs) && v.planMs.length === timer.SECTION_COUNT && v.planMs.every((x) => typeof x === 'number' && x > 0);
    default:
      return false;
  }
};
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isSection = (v: unknown): v is DesignSectionKey => typeof v === 'string' && (DESIGN_SECTION_KEYS as readonly string[]).includes(v);
const strList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const numList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0);

function parseInit(v: unknown): RecordInit | undefined {
  if (!isObj(v) || typeof v.promptId !== 'string' || typeof v.promptTitle !== 'string' || typeof v.folder !== 'string' || !num(v.createdAt)) return undefined;
  const t = timer.parseTimer(v.timer);
  if (!t || !timer.isSessionLength(v.durationMinutes) || (v.phase !== 'working' && v.phase !== 'assessing' && v.phase !== 'done')) return undefined;
  const init: RecordInit = { promptId: v.promptId, promptTitle: v.promptTitle, folder: v.folder, createdAt: v.createdAt, durationMinutes: v.durationMinutes, timer: t, phase: v.phase };
  if (num(v.completedAt)) init.completedAt = v.completedAt;
  if (num(v.averageScore)) init.averageScore = v.averageScore;
  return init;
}

function parseSectionLines(v: unknown): SectionLines | undefined {
  if (!isObj(v) || !isObj(v.lines) || !strList(v.deleted)) return undefined;
  const lines: Record<string, LineNode> = {};
  for (const [id, n] of Object.entries(v.lines)) {
    if (!isObj(n) || typeof n.after !== 'string' || !num(n.c) || !num(n.t) || typeof n.text !== 'string') return undefined;
    lines[id] = { after: n.after, c: n.c, t: n.t, text: n.text, ...(strList(n.r) && n.r.length ? { r: n.r } : {}) };
  }
  const ok = strList(v.ok) ? [...new Set(v.ok)].sort() : [];
  return { lines, deleted: [...new Set(v.deleted)].sort(), ...(ok.length ? { ok } : {}) };
}

/** Parses a window's record file; undefined when it is not one (it is then ignored, never written over). */
export function parseRecord(v: unknown): SessionRecord | undefined {
  if (!isObj(v) || v.format !== RECORD_FORMAT || v.version !== RECORD_VERSION) return undefined;
  const init = parseInit(v.init);
  if (!init || !num(v.clock) || !isObj(v.events) || !isObj(v.notes) || !isObj(v.ticks) || !strList(v.unticked) || !isObj(v.scores) || !numList(v.revealed) || !numList(v.announced)) return undefined;
  const events: Record<string, ClockEvent> = {};
  for (const [id, e] of Object.entries(v.events)) {
    if (!isObj(e) || !num(e.at) || !num(e.c) || !isClockAction(e.action)) return undefined;
    events[id] = { at: e.at, c: e.c, action: e.action };
  }
  const notes = {} as Record<DesignSectionKey, SectionLines>;
  for (const k of DESIGN_SECTION_KEYS) {
    const s = v.notes[k] === undefined ? emptyLines() : parseSectionLines(v.notes[k]);
    if (!s) return undefined;
    notes[k] = s;
  }
  const ticks: SessionRecord['ticks'] = {};
  for (const [id, t] of Object.entries(v.ticks)) {
    if (!isObj(t) || !isSection(t.s) || !Number.isInteger(t.q) || !num(t.c) || !num(t.t)) return undefined;
    ticks[id] = { s: t.s, q: t.q as number, c: t.c, t: t.t };
  }
  const scores: SessionRecord['scores'] = {};
  for (const [id, t] of Object.entries(v.scores)) {
    if (!isObj(t) || !isSection(t.s) || !isScore(t.v) || !num(t.c) || !num(t.t)) return undefined;
    scores[id] = { s: t.s, v: t.v, c: t.c, t: t.t };
  }
  const asks: SessionRecord['asks'] = {};
  // Absent in records written before questions were asked by choice.
  if (v.asks !== undefined && !isObj(v.asks)) return undefined;
  for (const [id, a] of Object.entries(isObj(v.asks) ? v.asks : {})) {
    if (!isObj(a) || !Number.isInteger(a.f) || (a.f as number) < 0 || !num(a.t) || !Number.isInteger(a.s) || !num(a.e) || !num(a.c)) return undefined;
    asks[id] = { f: a.f as number, t: a.t, s: Math.min(Math.max(a.s as number, 0), DESIGN_SECTION_KEYS.length - 1), e: a.e, c: a.c };
  }
  const sectionExtra: SessionRecord['sectionExtra'] = {};
  if (isObj(v.sectionExtra)) for (const k of DESIGN_SECTION_KEYS) if (isObj(v.sectionExtra[k])) sectionExtra[k] = v.sectionExtra[k] as Record<string, unknown>;
  return {
    init,
    clock: v.clock,
    events,
    notes,
    ticks,
    unticked: [...new Set(v.unticked)].sort(),
    scores,
    revealed: [...new Set(v.revealed)].sort((a, b) => a - b),
    asks,
    announced: [...new Set(v.announced)].sort((a, b) => a - b),
    extra: isObj(v.extra) ? v.extra : {},
    sectionExtra,
  };
}

/**
 * The record file. Deleted lines keep their place (id, position, lineage) but not their text,
 * which nothing shows again: typing replaces a line on every keystroke, so this keeps the file
 * near the size of the notes.
 */
export function serialiseRecord(rec: SessionRecord): string {
  const notes = sectionsOf((k) => {
    const sec = rec.notes[k];
    if (!sec.deleted.length) return sec;
    const lines: Record<string, LineNode> = { ...sec.lines };
    for (const id of sec.deleted) if (lines[id]?.text) lines[id] = { ...lines[id], text: '' };
    return { ...sec, lines };
  });
  return `${JSON.stringify({ format: RECORD_FORMAT, version: RECORD_VERSION, ...rec, notes })}\n`;
}

export const BOARD_RECORD_FORMAT = 'mlprep.design-board';

export function parseBoardRecord(v: unknown, parseElement: (e: unknown) => e is SceneElement): BoardRecord | undefined {
  if (!isObj(v) || v.format !== BOARD_RECORD_FORMAT || v.version !== RECORD_VERSION || !Array.isArray(v.elements) || !isObj(v.files)) return undefined;
  if (!v.elements.every(parseElement)) return undefined;
  const elements: Record<string, SceneElement> = {};
  for (const e of v.elements as SceneElement[]) elements[e.id] = elements[e.id] ? preferElement(elements[e.id], e) : e;
  const files: Record<string, SceneFile> = {};
  for (const [id, f] of Object.entries(v.files)) if (isObj(f) && typeof f.dataURL === 'string' && typeof f.mimeType === 'string') files[id] = f as SceneFile;
  const a = v.appState;
  const appState = isObj(a) && isObj(a.value) && num(a.t) && typeof a.site === 'string' ? { value: a.value as SceneAppState, t: a.t, site: a.site } : undefined;
  return { elements, files, appState };
}

export const serialiseBoardRecord = (b: BoardRecord): string =>
  `${JSON.stringify({ format: BOARD_RECORD_FORMAT, version: RECORD_VERSION, elements: Object.values(b.elements), files: b.files, appState: b.appState })}\n`;
