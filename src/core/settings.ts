// Typed mirror of the `mlprep.*` settings in package.json (test/unit/manifest.test.ts checks they agree).

export interface Settings {
  /** Interpreter override; empty = Python extension's interpreter, else python3/python. */
  pythonPath: string;
  /** Folder under the workspace root where problems are scaffolded. */
  practiceFolder: string;
  runOnSave: boolean;
  testTimeoutSeconds: number;
  problemPacks: string[];
}

export const SETTINGS_SECTION = 'mlprep';

export const DEFAULT_SETTINGS: Settings = {
  pythonPath: '',
  practiceFolder: 'ml-interview',
  runOnSave: true,
  testTimeoutSeconds: 10,
  problemPacks: [],
};

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
    runOnSave: typeof raw.runOnSave === 'boolean' ? raw.runOnSave : DEFAULT_SETTINGS.runOnSave,
    testTimeoutSeconds: timeout,
    problemPacks: Array.isArray(raw.problemPacks) ? raw.problemPacks.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [],
  };
}
