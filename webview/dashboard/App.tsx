// The progress dashboard. Draws what the host sends (validated first) and asks the host to open
// problems; it never reads files or the network.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseHostMessage, type WebviewToHost } from '../../src/core/dashboard/protocol';
import { singleClick } from '../common/clickGuard';
import type { DashboardData, SolveTime } from '../../src/core/dashboard/stats';
import { ATTEMPTS_RULE, DESIGN_RULE } from '../../src/core/progress/progress';
import { BulletBars, SolvedBars, type BulletRow, type Tone } from './Bars';
import { HeatMap, Streaks } from './Calendar';
import { Callouts, ScoreLines, SectionTimes } from './Design';
import { duration, plural, score, shortDay } from './format';
import { GraphIcon } from './icons';
import { StoriesCard } from './Stories';
import { PlanCard } from './Plan';

function Card({ title, subtitle, wide, children, legend }: { title: string; subtitle?: ReactNode; wide?: boolean; children: ReactNode; legend?: ReactNode }) {
  return (
    <section className={`card${wide ? ' wide' : ''}`} aria-label={title}>
      <header>
        <div>
          <h2>{title}</h2>
          {subtitle && <p className="muted">{subtitle}</p>}
        </div>
        {legend && <div className="card-legend">{legend}</div>}
      </header>
      {children}
    </section>
  );
}

const Key = ({ tone, children, kind = 'box' }: { tone: Tone | 'track' | 'target'; children: ReactNode; kind?: 'box' | 'tick' }) => (
  <span className="key">
    <span className={`${kind} ${tone}`} />
    {children}
  </span>
);

function solveTone(t: SolveTime): Tone {
  if (t.minutes <= t.suggestedMinutes) return 'good';
  if (t.spanDays > 1) return 'muted';
  return t.minutes <= 2 * t.suggestedMinutes ? 'warn' : 'bad';
}

function Summary({ data }: { data: DashboardData }) {
  const { totals, calendar } = data;
  const pct = totals.total ? Math.round((100 * totals.solved) / totals.total) : 0;
  const designAvg = data.design.sessions.length ? data.design.sessions.reduce((a, s) => a + s.score, 0) / data.design.sessions.length : undefined;
  const tiles = [
    { label: 'solved', value: `${totals.solved}`, of: ` / ${totals.total}`, note: `${pct}% of the catalogue`, ring: totals.total ? totals.solved / totals.total : 0 },
    { label: 'current streak', value: `${calendar.currentStreak}`, of: calendar.currentStreak === 1 ? ' day' : ' days', note: `longest ${plural(calendar.longestStreak, 'day')}` },
    { label: 'solved in time', value: `${totals.withinSuggested}`, of: ` / ${data.solvedWithTime}`, note: 'within the suggested minutes' },
    { label: 'design sessions', value: `${totals.designSessions}`, of: '', note: designAvg === undefined ? 'none yet' : `average ${score(designAvg)} / 4` },
    // Interviewer follow-ups (parts 2, 3, ... of coding problems), once the catalogue has any.
    ...(totals.followUpsTotal ? [{ label: 'follow-ups solved', value: `${totals.followUpsSolved ?? 0}`, of: ` / ${totals.followUpsTotal}`, note: 'parts after the first answer' }] : []),
  ];
  return (
    <div className="tiles">
      {tiles.map((t) => (
        <div className="tile" key={t.label}>
          {t.ring !== undefined && (
            <svg className="ring" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
              <circle className="ring-track" cx="20" cy="20" r="16" />
              <circle className="ring-fill" cx="20" cy="20" r="16" strokeDasharray={`${(t.ring * 100.5).toFixed(1)} 200`} transform="rotate(-90 20 20)" />
            </svg>
          )}
          <div>
            <div className="tile-value">
              {t.value}
              <span className="muted">{t.of}</span>
            </div>
            <div className="tile-label">{t.label}</div>
            <div className="muted small">{t.note}</div>
          </div>
        </div>
      ))}
    </div>
  );
}

function Empty({ data, send }: { data: DashboardData; send: (m: WebviewToHost) => void }) {
  const coding = data.totals.codingTotal;
  const design = data.totals.total - coding;
  return (
    <div className="empty">
      <GraphIcon size={48} />
      <h1>Your progress shows up here</h1>
      <p>
        Solve a first problem and this page fills in: solved problems per category and difficulty, a practice calendar with your streak, your time to solve against the
        suggested time, and how your system-design sections improve.
      </p>
      <div className="actions">
        <vscode-button onClick={singleClick(() => send({ type: 'startProblem' }))} data-testid="start-problem">
          Start a Problem
        </vscode-button>
        <vscode-button secondary onClick={singleClick(() => send({ type: 'startDesignSession' }))}>
          Start a Design Session
        </vscode-button>
      </div>
      <p className="muted small">
        {plural(coding, 'coding problem')} and {plural(design, 'design prompt')} are waiting.
      </p>
      <div className="empty-preview">
        <SolvedBars rows={data.byCategory} label="Problems per category" />
      </div>
    </div>
  );
}

/** The first-run view, with the stories' coverage below it once the user has written a story. */
function FirstRun({ data, send }: { data: DashboardData; send: (m: WebviewToHost) => void }) {
  return (
    <>
      <Empty data={data} send={send} />
      {(data.plan || (data.stories && data.stories.stories.length > 0)) && (
        <div className="dashboard">
          <div className="cards">
            {data.plan && <PlanCard plan={data.plan} />}
            {data.stories && data.stories.stories.length > 0 && <StoriesCard coverage={data.stories} send={send} />}
          </div>
        </div>
      )}
    </>
  );
}

function Dashboard({ data, send }: { data: DashboardData; send: (m: WebviewToHost) => void }) {
  const openProblem = (id: string) => send({ type: 'startProblem', id });
  const openPrompt = (id: string) => send({ type: 'startDesignSession', id });
  const times: BulletRow[] = data.solveTimes.map((t) => ({
    key: t.id,
    label: t.title,
    value: t.minutes,
    target: t.suggestedMinutes,
    tone: solveTone(t),
    valueLabel: t.spanDays > 1 && t.minutes > t.suggestedMinutes ? `over ${t.spanDays} days` : duration(t.minutes),
    mark: t.gaveUp ? '◉' : undefined,
    tooltip: `${t.title}: solved ${t.spanDays > 1 ? `over ${t.spanDays} days (${duration(t.minutes)} from start to solve, breaks included)` : `in ${duration(t.minutes)}`}, suggested ${duration(t.suggestedMinutes)}; ${plural(t.attempts, 'run')}, solved ${shortDay(t.solvedDay)}${t.gaveUp ? '; the reference solution was opened first' : ''}`,
    open: () => openProblem(t.id),
  }));
  const attempts: BulletRow[] = data.attempts.map((a) => ({
    key: a.id,
    label: a.title,
    value: a.attempts,
    tone: a.solved ? 'good' : 'warn',
    valueLabel: `${a.attempts}`,
    mark: a.gaveUp ? '◉' : undefined,
    tooltip: `${a.title}: ${plural(a.attempts, 'run')}${a.solved ? `, solved on run ${a.attemptsToSolve ?? '?'}` : ', not solved yet'}${a.gaveUp ? '; the reference solution was opened' : ''}`,
    open: () => openProblem(a.id),
  }));
  const maxSuggested = Math.max(0, ...data.solveTimes.map((t) => t.suggestedMinutes));
  const last = data.calendar.practisedToday ? 'You practised today.' : data.calendar.currentStreak ? 'Practise today to keep your streak.' : undefined;
  return (
    <div className="dashboard">
      <header className="page-header">
        <div>
          <h1>Progress</h1>
          <p className="muted">
            {plural(data.totals.solved, 'problem')} solved of {data.totals.total}
            {data.totals.attempted ? `, ${data.totals.attempted} in progress` : ''}. {last}
          </p>
          <p className="muted rules">{ATTEMPTS_RULE} {DESIGN_RULE}</p>
        </div>
        <vscode-button secondary onClick={singleClick(() => send({ type: 'startProblem' }))}>
          Start a Problem…
        </vscode-button>
      </header>
      <Summary data={data} />
      {data.theory && (
        <p className="muted theory-line" data-testid="theory-line">
          Theory cards: {plural(data.theory.reviewedToday, 'review')} today · {data.theory.dueToday} due today · {data.theory.started} of {plural(data.theory.cards, 'card')} started
        </p>
      )}
      <div className="cards">
        {data.plan && <PlanCard plan={data.plan} />}
        <Card title="Practice calendar" subtitle={`Last ${data.calendar.weeks.length} weeks: starts, test runs, design sessions, theory reviews and rehearsals per day`} wide>
          <div className="calendar-row">
            <HeatMap calendar={data.calendar} />
            <Streaks calendar={data.calendar} />
          </div>
        </Card>
        <Card title="Solved by category" legend={<><Key tone="good">solved</Key><Key tone="warn">attempted</Key><Key tone="track">not started</Key></>}>
          <SolvedBars rows={data.byCategory} label="Solved problems per category" />
        </Card>
        <Card title="Solved by difficulty" legend={<><Key tone="good">solved</Key><Key tone="warn">attempted</Key><Key tone="track">not started</Key></>}>
          <SolvedBars rows={data.byDifficulty} label="Solved problems per difficulty" />
        </Card>
        <Card
          title="Time to solve"
          subtitle={
            data.solvedWithTime
              ? `${data.totals.withinSuggested} of ${data.solvedWithTime} within the suggested time${data.totals.solvedOverDays ? ` · ${data.totals.solvedOverDays} over several days` : ''}${data.solvedWithTime > times.length ? ` · latest ${times.length}` : ''}`
              : undefined
          }
          legend={times.length ? <><Key tone="good">in time</Key><Key tone="warn">up to 2×</Key><Key tone="bad">over 2×</Key><Key tone="muted">over days</Key><Key tone="target" kind="tick">suggested</Key></> : undefined}
        >
          {times.length ? (
            <BulletBars rows={times} label="Time to solve against the suggested time, per solved problem" unit="min" cap={Math.max(30, 2 * maxSuggested)} />
          ) : (
            <p className="muted placeholder">Solve a problem to see how long it took against its suggested time.</p>
          )}
        </Card>
        <Card
          title="Attempts per problem"
          subtitle={data.attemptedProblems ? `Runs that reached the tests (syntax/import errors counted apart)${data.attemptedProblems > attempts.length ? ` · top ${attempts.length} of ${data.attemptedProblems}` : ''}` : undefined}
          legend={attempts.length ? <><Key tone="good">solved</Key><Key tone="warn">not yet</Key><span className="key">◉ reference opened</span></> : undefined}
        >
          {attempts.length ? (
            <BulletBars rows={attempts} label="Hidden-test runs per problem" unit="runs" />
          ) : (
            <p className="muted placeholder">Save a solution to run its hidden tests; every run counts as an attempt.</p>
          )}
        </Card>
        <Card
          title="System design"
          subtitle={data.design.sessions.length ? `Self-assessed score per section, ${plural(data.design.sessions.length, 'session')}` : undefined}
          wide
        >
          {data.design.sessions.length ? (
            <div className="design-row">
              <div className="design-main">
                <ScoreLines trends={data.design} open={openPrompt} />
              </div>
              <div className="design-side">
                <h3>Time per section, last sessions</h3>
                <SectionTimes trends={data.design} />
                <h3>Patterns</h3>
                <Callouts trends={data.design} />
              </div>
            </div>
          ) : (
            <div className="placeholder">
              <p className="muted">No design sessions yet. A session’s self-assessment shows here per section, with the sections you keep running over.</p>
              <vscode-button secondary onClick={singleClick(() => send({ type: 'startDesignSession' }))}>
                Start a Design Session
              </vscode-button>
            </div>
          )}
        </Card>
        {data.stories && <StoriesCard coverage={data.stories} send={send} />}
      </div>
    </div>
  );
}

function App({ vscode }: { vscode: VsCodeApi }) {
  const [data, setData] = useState<DashboardData>();
  const root = useRef<HTMLDivElement>(null);
  const send = useCallback((m: WebviewToHost) => vscode.postMessage(m), [vscode]);

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const msg = parseHostMessage(e.data);
      if (msg) setData(msg.data);
      else vscode.postMessage({ type: 'problem', message: `ignored a malformed message from the host (${String((e.data as { type?: unknown })?.type)})` });
    };
    window.addEventListener('message', onMessage);
    // Nothing to keep across a reload but the panel itself: the host sends everything again.
    vscode.setState({ view: 'dashboard' });
    send({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, [send, vscode]);

  // Tell the host what was drawn (its log and the integration test read it).
  useEffect(() => {
    if (!data) return;
    const id = requestAnimationFrame(() =>
      send({ type: 'rendered', generatedAt: data.generatedAt, charts: root.current?.querySelectorAll('svg[data-chart]').length ?? 0, empty: !data.hasActivity }),
    );
    return () => cancelAnimationFrame(id);
  }, [data, send]);

  return <div ref={root}>{data && (data.hasActivity ? <Dashboard data={data} send={send} /> : <FirstRun data={data} send={send} />)}</div>;
}

export function mount(root: HTMLElement, vscode: VsCodeApi): void {
  createRoot(root).render(<App vscode={vscode} />);
}
