// Every command id MLPrep contributes, in one place (package.json `contributes.commands` mirrors it;
// test/unit/manifest.test.ts keeps the two in step).
export const Commands = {
  refresh: 'mlprep.refresh',
  showLog: 'mlprep.showLog',
  // Problems view
  groupBy: 'mlprep.groupBy',
  filter: 'mlprep.filter',
  clearFilter: 'mlprep.clearFilter',
  search: 'mlprep.search',
  previewProblem: 'mlprep.previewProblem',
  openProblem: 'mlprep.openProblem',
  // Coding drill
  startProblem: 'mlprep.startProblem',
  runTests: 'mlprep.runTests',
  showStatement: 'mlprep.showStatement',
  resetToStarter: 'mlprep.resetToStarter',
  openReference: 'mlprep.openReference',
  compareWithReference: 'mlprep.compareWithReference',
  showWriteup: 'mlprep.showWriteup',
  showNextHint: 'mlprep.showNextHint',
  resetProgress: 'mlprep.resetProgress',
  resetAllProgress: 'mlprep.resetAllProgress',
  showTestOutput: 'mlprep.showTestOutput',
  // Environment
  openWalkthrough: 'mlprep.openWalkthrough',
  selectInterpreter: 'mlprep.selectInterpreter',
  checkEnvironment: 'mlprep.checkEnvironment',
  manageWorkspaceTrust: 'mlprep.manageWorkspaceTrust',
  restartWorker: 'mlprep.restartWorker',
  // Mock interview
  startMockInterview: 'mlprep.startMockInterview',
  mockInterviewMenu: 'mlprep.mockInterviewMenu',
  finishMockCoding: 'mlprep.finishMockCoding',
  // Full-loop mock
  startFullLoop: 'mlprep.startFullLoop',
  fullLoopMenu: 'mlprep.fullLoopMenu',
  fullLoopFinishRound: 'mlprep.fullLoopFinishRound',
  // Plan
  choosePlan: 'mlprep.choosePlan',
  // Progress
  exportProgress: 'mlprep.exportProgress',
  importProgress: 'mlprep.importProgress',
  showDashboard: 'mlprep.showDashboard',
  // Theory cards
  theoryReviewDue: 'mlprep.theory.reviewDue',
  theoryOpenCard: 'mlprep.theory.openCard',
  // Behavioural stories
  storiesNew: 'mlprep.stories.new',
  storiesRehearse: 'mlprep.stories.rehearse',
  storiesFinishRehearsal: 'mlprep.stories.finishRehearsal',
  // System design
  startDesignSession: 'mlprep.startDesignSession',
  designNextSection: 'mlprep.design.nextSection',
  designPreviousSection: 'mlprep.design.previousSection',
  designTogglePause: 'mlprep.design.togglePause',
  /** Same action as designTogglePause, shown (with a play icon) while the clock is not running. */
  designResumeClock: 'mlprep.design.resumeClock',
  designAskInterviewer: 'mlprep.design.askInterviewer',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Registered only when the extension runs under tests (ExtensionMode.Test); never contributed. */
export const TestCommands = {
  designTestHooks: 'mlprep.test.designSessionHooks',
  dashboardTestHooks: 'mlprep.test.dashboardHooks',
  theoryTestHooks: 'mlprep.test.theoryHooks',
  storiesTestHooks: 'mlprep.test.storiesHooks',
} as const;
