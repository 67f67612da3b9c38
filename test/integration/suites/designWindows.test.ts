// One design session open in two real windows: window 1 is this extension host (its panel, driven
// through the panel's message path by the test hooks); window 2 is a second browser page on the
// same code-server and workspace with its own extension host, driven by the runner
// (test/host/secondWindow.mjs) as a person would: Start Design Session, pick the prompt, type into
// the notes, reload the page. Each window edits a different section; after both reload, both
// edits are kept (window 1's restored panel, window 2's reloaded page, notes.md), with no false notes.md.edited-* copy.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import type { DesignSession } from '../../../src/core/design/session';
import { askSecondWindow, secondWindowAvailable } from '../secondWindow';

const PROMPT = 'ad-ctr-prediction';
const PROMPT_TITLE = 'Click-through-rate prediction for an ads platform';
const NOTES = 'vscode-textarea[data-testid=notes] textarea';

const hook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.designTestHooks, op, ...args);

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

describe('design session open in two real windows', function () {
  this.timeout(240_000);
  let dir: string | undefined;

  before(async function () {
    if (!secondWindowAvailable()) this.skip(); // only the code-server runner opens a second page
    await api();
  });
  after(async () => {
    if (dir && (await hook<{ sessionDir: string }[]>('list')).some((p) => p.sessionDir === dir)) await hook('close', dir);
  });

  it('each window edits its own section; after both reload, window 1 holds both edits, window 2 shows its own, notes.md has both', async () => {
    const r = await vscode.commands.executeCommand<{ sessionDir: string }>(Commands.startDesignSession, PROMPT);
    assert.ok(r?.sessionDir);
    dir = r.sessionDir;
    assert.equal(await hook('whenReady', dir, 60_000), true, 'window 1: the webview never said ready');
    const lineOne = 'Window one: calibrated CTR, logged with position.';
    const lineTwo = 'Window two: label = click within 30 minutes of the impression.';
    await hook('post', dir, { type: 'notes', section: 'modelling', text: lineOne });
    await hook('flush', dir);

    // Window 2 opens the same session (today's folder for this prompt) and types into the first section.
    await askSecondWindow([
      { palette: 'MLPrep: Start Design Session', pick: PROMPT_TITLE, webviewWait: 'body[data-interactive="true"]' },
      { webviewClick: NOTES, type: lineTwo },
      { webviewClick: '.section-title h2', waitMs: 1500 }, // leaving the field saves it
    ]);
    const dirs = fs.readdirSync(path.dirname(dir)).filter((d) => d.startsWith(PROMPT));
    assert.deepEqual(dirs, [path.basename(dir)], 'the two windows opened different session folders');

    // Both reload: window 2 its whole page, window 1 its panel through the serializer.
    await askSecondWindow([{ reload: true, webviewWait: 'body[data-interactive="true"]', webviewValue: { selector: NOTES, includes: [lineTwo] } }]);
    const r2 = await hook<{ sessionDir?: string }>('reload', dir);
    assert.equal(r2.sessionDir, dir);
    assert.equal(await hook('whenReady', dir, 60_000), true, 'window 1: the restored webview never said ready');
    const session = (await hook<{ session: DesignSession }>('snapshot', dir)).session;
    assert.ok(session.sections['problem-definition'].notes.includes(lineTwo), `window 1 lost window 2's edit: ${JSON.stringify(session.sections['problem-definition'].notes)}`);
    assert.equal(session.sections.modelling.notes, lineOne);

    const notes = fs.readFileSync(path.join(dir, 'notes.md'), 'utf8');
    for (const l of [lineOne, lineTwo]) assert.ok(notes.includes(l), `notes.md lacks "${l}"`);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('notes.md.edited-')), [], 'a false hand-edit copy of notes.md');
  });
});
