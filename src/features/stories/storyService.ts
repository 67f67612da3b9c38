// The behavioural question bank (from the catalogue's packs, reloaded with it) and the user's
// stories (`<practice folder>/stories/*.md` in the first workspace folder, read through
// vscode.workspace.fs so unsaved edits in open editors count too). Coverage is derived on demand.
import * as vscode from 'vscode';
import type { ProgressStore } from '../../adapters/progressStore';
import { loadQuestionBankFromDisk } from '../../adapters/packFiles';
import { readSettings } from '../../adapters/settings';
import { formatCatalogError } from '../../core/catalog/types';
import { checkParsedStory } from '../../core/stories/checkStory';
import { rehearsalSummary, storyCoverage, type StoryCoverage, type StorySummary } from '../../core/stories/coverage';
import { dayKey } from '../../core/plan/days';
import { theoryScheduler } from '../../core/theory/schedule';
import { parseStory } from '../../core/stories/storyFile';
import { STORIES_FOLDER, type QuestionBank } from '../../core/stories/types';
import { deckCards } from '../../core/theory/types';
import type { CatalogService } from '../catalogService';
import type { TheoryService } from '../theory/theoryService';

export interface StoryFile {
  uri: vscode.Uri;
  summary: StorySummary;
}

export class StoryService implements vscode.Disposable {
  private loading: Promise<QuestionBank> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The bank reloaded, or a story file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Rehearsals are scheduled like theory cards (same parameters). */
  readonly scheduler = theoryScheduler();

  constructor(
    private readonly catalog: CatalogService,
    private readonly theory: TheoryService,
    readonly progress: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${STORIES_FOLDER}/*.md`);
    const fire = (uri: vscode.Uri) => this.isStory(uri) && this.changed.fire();
    this.disposables.push(
      watcher, watcher.onDidCreate(fire), watcher.onDidChange(fire), watcher.onDidDelete(fire),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mlprep.practiceFolder') && this.changed.fire()),
      catalog.onDidChange(() => {
        this.loading = undefined;
        this.changed.fire();
      }),
    );
  }

  /** The bank, loaded on first use. Never rejects for content errors (they go to the log). */
  bank(): Promise<QuestionBank> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<QuestionBank> {
    const c = await this.catalog.get();
    const cards = new Set(deckCards(await this.theory.deck()).map((card) => card.id));
    const bank = await loadQuestionBankFromDisk(c.packs.map((p) => ({ dir: p.dir, source: p.source })), cards, this.catalog.snapshots);
    this.log.info(`stories: ${bank.questions.length} behavioural questions, ${bank.competencies.length} competencies, ${bank.valueSets.length} value sets`);
    for (const e of bank.errors) this.log.error(`behavioural question bank error: ${formatCatalogError(e)}`);
    return bank;
  }

  /** `<first workspace folder>/<practice folder>/stories`, or undefined without a folder. */
  storiesDir(): vscode.Uri | undefined {
    const root = vscode.workspace.workspaceFolders?.[0];
    return root && vscode.Uri.joinPath(root.uri, ...readSettings(root.uri).practiceFolder.split('/'), STORIES_FOLDER);
  }

  /** Whether `uri` is a story file: a .md directly in storiesDir(). */
  isStory(uri: vscode.Uri): boolean {
    const dir = this.storiesDir();
    if (!dir || uri.scheme !== dir.scheme || !uri.path.endsWith('.md')) return false;
    const parent = uri.path.slice(0, uri.path.lastIndexOf('/'));
    return parent === dir.path;
  }

  /** The story files with their front matter, sorted by title. */
  async stories(): Promise<StoryFile[]> {
    const dir = this.storiesDir();
    if (!dir) return [];
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return [];
    }
    const bank = await this.bank();
    const known = new Set(bank.competencies.map((c) => c.id));
    const out: StoryFile[] = [];
    for (const [name, type] of entries) {
      if (type !== vscode.FileType.File || !name.endsWith('.md')) continue;
      const uri = vscode.Uri.joinPath(dir, name);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      let text: string;
      try {
        text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      const parsed = parseStory(text);
      out.push({ uri, summary: {
        path: vscode.workspace.asRelativePath(uri, false), title: parsed.front.title ?? name.replace(/\.md$/, ''),
        competencies: parsed.front.competencies, clean: checkParsedStory(parsed, { competencies: known }).length === 0,
      } });
    }
    return out.sort((a, b) => a.summary.title.localeCompare(b.summary.title));
  }

  /** Coverage of the bank by the stories (the dashboard's view). */
  async coverage(now = Date.now()): Promise<StoryCoverage> {
    const [bank, stories] = await Promise.all([this.bank(), this.stories()]);
    return {
      ...storyCoverage(bank, stories.map((s) => s.summary)),
      rehearsals: rehearsalSummary(bank.questions, this.progress.get().reviews, { now, dayOf: (ms) => dayKey(ms), scheduler: this.scheduler }),
    };
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
