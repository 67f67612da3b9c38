import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Commands } from '../../src/commands';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../src/core/settings';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('contributes exactly the commands declared in src/commands.ts', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(contributed).toEqual(Object.values(Commands).sort());
  });

  it('declares every typed setting with the same default, and nothing else', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    const keys = Object.keys(props).map((k) => k.replace(`${SETTINGS_SECTION}.`, '')).sort();
    expect(keys).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    for (const [k, v] of Object.entries(DEFAULT_SETTINGS)) expect(props[`${SETTINGS_SECTION}.${k}`].default, k).toEqual(v);
  });

  it('never activates on startup and keeps @types/vscode within engines.vscode', () => {
    expect(pkg.activationEvents ?? []).not.toContain('*');
    expect(pkg.activationEvents ?? []).not.toContain('onStartupFinished');
    const engine = pkg.engines.vscode.replace(/^\^/, '');
    const types = pkg.devDependencies['@types/vscode'].replace(/^[~^]/, '');
    const [em, en] = engine.split('.').map(Number);
    const [tm, tn] = types.split('.').map(Number);
    expect(tm * 1000 + tn).toBeLessThanOrEqual(em * 1000 + en);
  });

  it('uses only mlprep.-prefixed ids for commands, views and settings', () => {
    for (const c of pkg.contributes.commands) expect(c.command).toMatch(/^mlprep\./);
    for (const v of pkg.contributes.views.mlprep) expect(v.id).toMatch(/^mlprep\./);
  });
});
