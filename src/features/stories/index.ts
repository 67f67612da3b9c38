// Behavioural stories: the three commands, the story diagnostics and the rehearsal clock (brought
// back after a reload from the workspace memento) and, under tests only, a hook into the clock.
import * as vscode from 'vscode';
import { Commands, TestCommands } from '../../commands';
import { newStory, parseNewStoryArgs } from './newStory';
import { parseRehearseArgs, Rehearsal } from './rehearsal';
import { registerStoryDiagnostics } from './storyDiagnostics';
import type { StoryService } from './storyService';

/**
 * `memo`: the workspace's memento, where a running rehearsal is kept so a reload resumes it;
 * `testHooks`: registers TestCommands.storiesTestHooks (ExtensionMode.Test only).
 */
export function registerStories(stories: StoryService, memo?: vscode.Memento, testHooks = false): { disposables: vscode.Disposable[]; rehearsal: () => Rehearsal } {
  let rehearsal = new Rehearsal(stories, memo);
  void rehearsal.restore();
  const rating = (v: unknown) => (v === 1 || v === 2 || v === 3 || v === 4 ? v : undefined);
  const disposables: vscode.Disposable[] = [
    { dispose: () => rehearsal.dispose() },
    ...registerStoryDiagnostics(stories),
    vscode.commands.registerCommand(Commands.storiesNew, (args?: unknown) => newStory(stories, parseNewStoryArgs(args))),
    vscode.commands.registerCommand(Commands.storiesRehearse, async (args?: unknown) => (await rehearsal.start(parseRehearseArgs(args)))?.id),
    vscode.commands.registerCommand(Commands.storiesFinishRehearsal, (r?: unknown) => rehearsal.finish(rating(r))),
  ];
  if (testHooks) {
    disposables.push(vscode.commands.registerCommand(TestCommands.storiesTestHooks, async (op: string) => {
      switch (op) {
        case 'state':
          return rehearsal.state();
        case 'status':
          return rehearsal.statusText;
        // What a window reload does to the clock: this window's rehearsal goes away (disposed, not
        // stopped) and the next activation builds a new one that restores from the memento.
        case 'reload': {
          rehearsal.dispose();
          rehearsal = new Rehearsal(stories, memo);
          await rehearsal.restore();
          return rehearsal.state();
        }
        default:
          throw new Error(`unknown stories test hook ${op}`);
      }
    }));
  }
  return { rehearsal: () => rehearsal, disposables };
}
