// Behavioural stories: the three commands, the story diagnostics and the rehearsal clock.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { newStory, parseNewStoryArgs } from './newStory';
import { parseRehearseArgs, Rehearsal } from './rehearsal';
import { registerStoryDiagnostics } from './storyDiagnostics';
import type { StoryService } from './storyService';

export function registerStories(stories: StoryService): { disposables: vscode.Disposable[]; rehearsal: Rehearsal } {
  const rehearsal = new Rehearsal(stories);
  const rating = (v: unknown) => (v === 1 || v === 2 || v === 3 || v === 4 ? v : undefined);
  return {
    rehearsal,
    disposables: [
      rehearsal,
      ...registerStoryDiagnostics(stories),
      vscode.commands.registerCommand(Commands.storiesNew, (args?: unknown) => newStory(stories, parseNewStoryArgs(args))),
      vscode.commands.registerCommand(Commands.storiesRehearse, async (args?: unknown) => (await rehearsal.start(parseRehearseArgs(args)))?.id),
      vscode.commands.registerCommand(Commands.storiesFinishRehearsal, (r?: unknown) => rehearsal.finish(rating(r))),
    ],
  };
}
