import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProgress, recordDesignSession, recordRun, recordStart } from '../../src/core/progress/progress';
import { WALKTHROUGH_KEYS, WALKTHROUGH_STEPS, walkthroughFacts } from '../../src/core/progress/walkthrough';

const none = { pythonPath: [undefined, undefined, undefined], designFolders: 0 };

describe('walkthrough facts (from the real state, whatever path led there)', () => {
  it('nothing done yet: nothing ticked', () => {
    expect(walkthroughFacts(emptyProgress(), none)).toEqual({ startedProblem: false, ranTests: false, interpreterChosen: false, hasDesignSession: false });
  });

  it('a start recorded by any path (tree, mock, Reset to Starter) ticks the first problem; a run that reached the tests ticks the environment', () => {
    const started = recordStart(emptyProgress(), 'softmax', 1);
    expect(walkthroughFacts(started, none)).toMatchObject({ startedProblem: true, ranTests: false });
    const errored = recordRun(emptyProgress(), 'softmax', { passed: 0, total: 0, countsAsAttempt: false }, 2).progress;
    expect(walkthroughFacts(errored, none)).toMatchObject({ startedProblem: true, ranTests: false });
    const ran = recordRun(started, 'softmax', { passed: 1, total: 3 }, 2).progress;
    expect(walkthroughFacts(ran, none)).toMatchObject({ startedProblem: true, ranTests: true, interpreterChosen: true });
  });

  it('a completed design session alone is not a started coding problem', () => {
    const d = recordDesignSession(emptyProgress(), 'design-feed', 2.5, 5);
    expect(walkthroughFacts(d, none)).toMatchObject({ startedProblem: false, hasDesignSession: true });
    expect(walkthroughFacts(emptyProgress(), { ...none, designFolders: 1 }).hasDesignSession).toBe(true);
  });

  it('an interpreter set in any settings scope (also edited in the file) ticks the interpreter step; blank does not', () => {
    expect(walkthroughFacts(emptyProgress(), { ...none, pythonPath: [undefined, '/usr/bin/python3', undefined] }).interpreterChosen).toBe(true);
    expect(walkthroughFacts(emptyProgress(), { ...none, pythonPath: ['  ', undefined, ''] }).interpreterChosen).toBe(false);
  });

  it('package.json: each walkthrough step after trust also completes on one of these context keys', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const steps = pkg.contributes.walkthroughs[0].steps as { id: string; completionEvents: string[] }[];
    const keys = new Set(Object.values(WALKTHROUGH_KEYS));
    const byStep = Object.fromEntries(steps.filter((s) => s.id !== 'trust').map((s) => [s.id, s.completionEvents.filter((e) => e.startsWith('onContext:')).map((e) => e.slice('onContext:'.length))]));
    for (const [id, ctx] of Object.entries(byStep)) expect(ctx.length && ctx.every((k) => keys.has(k as never)), `${id}: ${ctx}`).toBeTruthy();
    expect(Object.values(byStep).flat().sort()).toEqual([...keys].sort());
    // Each fact also ticks its step directly: the step ids exist, and each step's onContext key is that fact's.
    for (const [fact, step] of Object.entries(WALKTHROUGH_STEPS)) expect(byStep[step], step).toEqual([WALKTHROUGH_KEYS[fact as keyof typeof WALKTHROUGH_KEYS]]);
    expect(pkg.contributes.walkthroughs[0].id).toBe('gettingStarted');
  });
});
