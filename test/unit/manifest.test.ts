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
    expect(Object.keys(props).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
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
    const ids = [
      ...pkg.contributes.commands.map((c: { command: string }) => c.command),
      ...pkg.contributes.views.mlprep.map((v: { id: string }) => v.id),
      ...Object.keys(pkg.contributes.configuration.properties),
    ];
    expect(Object.keys(pkg.contributes.configuration.properties).length).toBeGreaterThan(0);
    expect(ids.filter((id) => !/^mlprep\.[A-Za-z]/.test(id))).toEqual([]);
  });

  it('declares the settings that choose what runs as restricted, both in the setting and in the capability', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { restricted?: boolean }>;
    const flagged = Object.keys(props).filter((k) => props[k].restricted === true).sort();
    const listed = [...(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort();
    // the interpreter and the problem packs are chosen by settings a workspace can carry
    expect(flagged).toEqual(expect.arrayContaining([`${SETTINGS_SECTION}.pythonPath`, `${SETTINGS_SECTION}.problemPacks`]));
    expect(listed).toEqual(flagged);
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
  });
});
