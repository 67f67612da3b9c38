// Typed mirror of the `mlprep.*` settings in package.json (test/unit/manifest.test.ts checks they agree).
import type { DesignSectionKey } from './catalog/types';
import { normaliseFrameworkSetting, type FrameworkSetting } from './scaffold/framework';
import { DEFAULT_SECTION_SPLIT, isSessionLength, type SessionLength } from './design/timer';

export interface Settings {
  /** Interpreter override; empty = Python extension's interpreter, else python3/python. */
  pythonPath: string;
  /** Folder under the workspace root where problems are scaffolded. */
  practiceFolder: string;
  /** When a save runs the hidden tests: explicit saves only (Ctrl+S, File > Save, Save All), every save including autosave, or never. */
  runOnSave: RunOnSave;
  testTimeoutSeconds: number;
  problemPacks: string[];
  /** Default length of a design session (each session can pick another before it starts). */
  'design.durationMinutes': SessionLength;
  /** Relative split of a design session across its six sections, scaled to the session length. */
  'design.sectionSplit': Record<DesignSectionKey, number>;
  /** Soft chime and a notification when a section's planned time runs out. */
  'design.chime': boolean;
  /** Move to the next section by itself when the current one's time runs out. */
  'design.autoAdvance': boolean;
  /** Theory cards never reviewed that join the daily queue each day (0 = reviews only). */
  'theory.newCardsPerDay': number;
  /** Starting a problem that has a PyTorch variant: ask (last choice first), or always NumPy / PyTorch. */
  framework: FrameworkSetting;
}

export const RUN_ON_SAVE = ['explicit', 'always', 'off'] as const;
export type RunOnSave = (typeof RUN_ON_SAVE)[number];

/** Whether a save runs the tests under `policy`; `explicit` = the user saved (not files.autoSave). */
export function saveRunsTests(policy: RunOnSave, explicit: boolean): boolean {
  return policy === 'always' || (policy === 'explicit' && explicit);
}

/** runOnSave values of older versions were booleans: true ran on every save (now "explicit", the default), false never. */
function normaliseRunOnSave(v: unknown): RunOnSave {
  if (v === true) return 'explicit';
  if (v === false) return 'off';
  return typeof v === 'string' && (RUN_ON_SAVE as readonly string[]).includes(v) ? (v as RunOnSave) : DEFAULT_SETTINGS.runOnSave;
}

export const SETTINGS_SECTION = 'mlprep';

export const DEFAULT_SETTINGS: Settings = {
  pythonPath: '',
  practiceFolder: 'ml-interview',
  runOnSave: 'explicit',
  testTimeoutSeconds: 10,
  problemPacks: [],
  'design.durationMinutes': 45,
  'design.sectionSplit': { ...DEFAULT_SECTION_SPLIT },
  'design.chime': true,
  'design.autoAdvance': false,
  'theory.newCardsPerDay': 10,
  framework: 'ask',
};

function normaliseSplit(v: unknown): Record<DesignSectionKey, number> {
  const split = { ...DEFAULT_SECTION_SPLIT };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const k of Object.keys(split) as DesignSectionKey[]) {
      const n = (v as Record<string, unknown>)[k];
      if (typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 120) split[k] = n;
    }
  }
  return split;
}

/** Coerces raw configuration values (possibly hand-edited JSON) into valid settings. */
export function normaliseSettings(raw: Partial<Record<keyof Settings, unknown>>): Settings {
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v.trim() : d);
  const timeout = typeof raw.testTimeoutSeconds === 'number' && Number.isFinite(raw.testTimeoutSeconds)
    ? Math.min(300, Math.max(1, raw.testTimeoutSeconds))
    : DEFAULT_SETTINGS.testTimeoutSeconds;
  const practice = str(raw.practiceFolder, DEFAULT_SETTINGS.practiceFolder).replace(/^[/\\]+|[/\\]+$/g, '');
  return {
    pythonPath: str(raw.pythonPath, DEFAULT_SETTINGS.pythonPath),
    practiceFolder: practice && !practice.split(/[/\\]/).includes('..') ? practice : DEFAULT_SETTINGS.practiceFolder,
    runOnSave: normaliseRunOnSave(raw.runOnSave),
    testTimeoutSeconds: timeout,
    problemPacks: Array.isArray(raw.problemPacks) ? raw.problemPacks.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [],
    'design.durationMinutes': isSessionLength(raw['design.durationMinutes']) ? raw['design.durationMinutes'] : DEFAULT_SETTINGS['design.durationMinutes'],
    'design.sectionSplit': normaliseSplit(raw['design.sectionSplit']),
    'design.chime': typeof raw['design.chime'] === 'boolean' ? raw['design.chime'] : DEFAULT_SETTINGS['design.chime'],
    'design.autoAdvance': typeof raw['design.autoAdvance'] === 'boolean' ? raw['design.autoAdvance'] : DEFAULT_SETTINGS['design.autoAdvance'],
    'theory.newCardsPerDay': typeof raw['theory.newCardsPerDay'] === 'number' && Number.isFinite(raw['theory.newCardsPerDay'])
      ? Math.min(200, Math.max(0, Math.floor(raw['theory.newCardsPerDay']))) : DEFAULT_SETTINGS['theory.newCardsPerDay'],
    framework: normaliseFrameworkSetting(raw.framework),
  };
}
