// Every command id MLPrep contributes, in one place (package.json `contributes.commands` mirrors it;
// test/unit/manifest.test.ts keeps the two in step).
export const Commands = {
  refresh: 'mlprep.refresh',
  showLog: 'mlprep.showLog',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
