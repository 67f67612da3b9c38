// The user's study plan (4, 8 or 12 weeks), kept per user and synced like progress.
import * as vscode from 'vscode';
import { dayKey } from '../../core/plan/days';
import { parseActivePlan, STUDY_PLANS, PLAN_LENGTHS, type ActivePlan } from '../../core/plan/studyPlan';
import { Commands } from '../../commands';

export const PLAN_KEY = 'mlprep.plan';

export class PlanStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ActivePlan | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }) {}

  get(): ActivePlan | undefined {
    return parseActivePlan(this.state.get(PLAN_KEY));
  }

  async set(plan: ActivePlan | undefined): Promise<void> {
    await this.state.update(PLAN_KEY, plan);
    this.changed.fire(plan);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerPlanCommands(plans: PlanStore): vscode.Disposable[] {
  const choosePlan = async () => {
    const current = plans.get();
    type Item = vscode.QuickPickItem & { weeks?: 4 | 8 | 12; stop?: boolean };
    const items: Item[] = PLAN_LENGTHS.map((w) => ({
      label: `$(calendar) ${STUDY_PLANS[w].title}`,
      description: current?.weeks === w ? `current, since ${current.startDay}` : `${w} weeks`,
      detail: STUDY_PLANS[w].summary,
      weeks: w,
    }));
    if (current) items.push({ label: '$(close) Stop following a plan', stop: true });
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Pick a study plan: Today’s drill follows its weekly focus and targets', matchOnDetail: true });
    if (!pick) return;
    if (pick.stop) return plans.set(undefined);
    if (current && current.weeks === pick.weeks) {
      const again = await vscode.window.showQuickPick(['Keep my start date', 'Restart it from today'], { placeHolder: `You started this plan on ${current.startDay}` });
      if (again !== 'Restart it from today') return;
    }
    await plans.set({ weeks: pick.weeks!, startDay: dayKey(Date.now()) });
  };
  return [vscode.commands.registerCommand(Commands.choosePlan, choosePlan)];
}
