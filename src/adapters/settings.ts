import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, normaliseSettings, SETTINGS_SECTION, type Settings } from '../core/settings';

/** Reads the typed `mlprep.*` settings for a resource (or the window). */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const cfg = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const raw = Object.fromEntries(
    (Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]).map((k) => [k, cfg.get(k)]),
  );
  return normaliseSettings(raw);
}
