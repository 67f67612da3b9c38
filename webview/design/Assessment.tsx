// After the clock: score each section 1-4 against the prompt's rubric, see the probing questions
// never ticked, the time spent against the plan and the clarifying questions asked and not asked;
// then the recorded summary.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import { useEffect, useRef } from 'react';
import { DESIGN_SECTION_KEYS, type DesignSectionKey } from '../../src/core/catalog/types';
import { interviewerReport } from '../../src/core/design/interviewer';
import { SECTION_TITLES } from '../../src/core/design/notes';
import type { PromptView, WebviewToHost } from '../../src/core/design/protocol';
import { averageScore, isScore, SCORES, type DesignSession, type Score } from '../../src/core/design/session';
import { formatMinutes, type TimerReading } from '../../src/core/design/timer';
import { singleClick } from '../common/clickGuard';
import { useElementEvent } from './hooks';
import { CheckIcon, QuestionIcon } from './icons';

type Send = (m: WebviewToHost) => void;

const SCORE_LABELS: Record<Score, string> = { 1: 'Missed', 2: 'Partial', 3: 'Solid', 4: 'Strong' };

function ScorePicker({ section, score, send, disabled }: { section: DesignSectionKey; score?: Score; send: Send; disabled: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useElementEvent(ref, 'change', (_el, e) => {
    const v = Number((e.target as HTMLElement & { value?: string }).value);
    if (isScore(v)) send({ type: 'score', section, score: v });
  });
  return (
    <vscode-radio-group ref={ref} variant="horizontal" aria-label={`Score for ${SECTION_TITLES[section]}`} data-testid={`score-${section}`}>
      {SCORES.map((s) => (
        <vscode-radio key={s} name={`score-${section}`} value={String(s)} checked={score === s} label={`${s} ${SCORE_LABELS[s]}`} aria-disabled={disabled}>
          {s} · {SCORE_LABELS[s]}
        </vscode-radio>
      ))}
    </vscode-radio-group>
  );
}

function TimeBar({ planMs, elapsedMs, maxMs }: { planMs: number; elapsedMs: number; maxMs: number }) {
  const pct = (ms: number) => `${Math.min(100, (ms / maxMs) * 100)}%`;
  const over = elapsedMs > planMs;
  return (
    <div className="timebar" title={`${formatMinutes(elapsedMs)} spent, ${formatMinutes(planMs)} planned`}>
      <span className={`spent ${over ? 'over' : ''}`} style={{ width: pct(elapsedMs) }} />
      <span className="plan-mark" style={{ left: pct(planMs) }} />
    </div>
  );
}

/** The clarifying questions asked (when, in which section) and the facts never asked for, with their answers. */
function InterviewerCard({ prompt, session }: { prompt: PromptView; session: DesignSession }) {
  const r = interviewerReport(prompt.context, session);
  return (
    <article className="assess-card interviewer-card" data-testid="interviewer-report">
      <header>
        <h3>
          <QuestionIcon /> Clarifying questions
        </h3>
        <span className="clock">
          {r.asked.length} of {r.total} asked
        </span>
      </header>
      <div className="interviewer-cols">
        <div>
          <h4>You asked ({r.asked.length})</h4>
          {r.asked.length ? (
            <ol className="asked">
              {r.asked.map((a) => (
                <li key={a.fact}>
                  <span className="q">{a.question}</span>
                  {a.when && (
                    <span className="when">
                      {' '}
                      · asked at {formatMinutes(a.when.elapsedMs)}, in {SECTION_TITLES[DESIGN_SECTION_KEYS[a.when.section]]}
                    </span>
                  )}
                  <div className="a">{a.answer}</div>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">You asked the interviewer nothing: every fact below was an assumption you had to make.</p>
          )}
        </div>
        <div>
          <h4>You did not ask ({r.notAsked.length})</h4>
          {r.notAsked.length ? (
            <ul className="missed" data-testid="not-asked">
              {r.notAsked.map((n) => (
                <li key={n.fact}>
                  <span className="q">{n.question}</span>
                  <div className="a">{n.answer}</div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="all-ticked">
              <CheckIcon /> You asked every question the interviewer had an answer to
            </p>
          )}
        </div>
      </div>
    </article>
  );
}

export function Assessment({ prompt, session, reading, send }: { prompt: PromptView; session: DesignSession; reading: TimerReading; send: Send }) {
  const done = session.phase === 'done';
  const avg = done ? session.averageScore : averageScore(session);
  const scored = DESIGN_SECTION_KEYS.filter((k) => session.sections[k].score !== undefined).length;
  const maxMs = Math.max(...reading.sections.map((r) => Math.max(r.planMs, r.elapsedMs)));
  // Recorded: back to the top, where "Session recorded" and the average are (the click that
  // recorded it was at the bottom of a long page, which then showed no sign of it).
  const page = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) page.current?.scrollTo({ top: 0, behavior: 'smooth' });
  }, [done]);
  return (
    <div className="assessment" ref={page} data-testid="assessment">
      <header className="assess-head">
        <div>
          <h2>{done ? 'Session recorded' : 'Assess yourself'}</h2>
          <p className="muted">
            {done
              ? 'Your scores are saved in notes.md and in your progress.'
              : 'Score each section against what a strong answer covers. Be honest: the rubric is what interviewers listen for.'}
          </p>
        </div>
        <div className="assess-summary">
          <div className="stat">
            <span className="stat-value">{formatMinutes(reading.totalElapsedMs)}</span>
            <span className="stat-label">of {formatMinutes(reading.totalPlanMs)} planned</span>
          </div>
          <div className="stat">
            <span className="stat-value">{avg !== undefined ? avg.toFixed(2) : `${scored}/6`}</span>
            <span className="stat-label">{avg !== undefined ? 'average score / 4' : 'sections scored'}</span>
          </div>
        </div>
      </header>

      <div className="assess-grid">
        <InterviewerCard prompt={prompt} session={session} />
        {DESIGN_SECTION_KEYS.map((key, i) => {
          const r = reading.sections[i];
          const work = session.sections[key];
          const qs = prompt.sections[key].questions;
          const missed = qs.filter((_, n) => !work.ticked.includes(n));
          return (
            <article key={key} className="assess-card">
              <header>
                <h3>
                  <span className="step-num">{i + 1}</span> {SECTION_TITLES[key]}
                </h3>
                <span className={`clock ${r.overtimeMs > 0 ? 'over' : ''}`}>
                  {formatMinutes(r.elapsedMs)} / {formatMinutes(r.planMs)}
                  {r.overtimeMs > 0 ? ` (+${formatMinutes(r.overtimeMs)})` : ''}
                </span>
              </header>
              <TimeBar planMs={r.planMs} elapsedMs={r.elapsedMs} maxMs={maxMs} />
              <div className="score-row">
                {done ? (
                  <span className="final-score">
                    Score {work.score} / 4{work.score ? ` · ${SCORE_LABELS[work.score]}` : ''}
                  </span>
                ) : (
                  <ScorePicker section={key} score={work.score} send={send} disabled={done} />
                )}
              </div>
              <h4>A strong answer covers</h4>
              <ul className="rubric">
                {prompt.sections[key].rubric.map((point, n) => (
                  <li key={n}>{point}</li>
                ))}
              </ul>
              {missed.length > 0 ? (
                <>
                  <h4>Questions you never ticked ({missed.length})</h4>
                  <ul className="missed">
                    {missed.map((q, n) => (
                      <li key={n}>{q}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="all-ticked">
                  <CheckIcon /> Every probing question ticked
                </p>
              )}
            </article>
          );
        })}
      </div>

      <footer className="assess-foot">
        {!done && (
          <>
            <vscode-button secondary onClick={singleClick(() => send({ type: 'backToBoard' }))}>
              Back to the board
            </vscode-button>
            <vscode-button disabled={avg === undefined} onClick={singleClick(() => send({ type: 'complete' }))} data-testid="complete">
              Record result{avg !== undefined ? ` (${avg.toFixed(2)} / 4)` : ''}
            </vscode-button>
          </>
        )}
        <span className="spacer" />
        <vscode-button secondary onClick={() => send({ type: 'open', target: 'notes' })}>
          Open notes.md
        </vscode-button>
        <vscode-button secondary onClick={() => send({ type: 'open', target: 'whiteboard' })}>
          Open whiteboard file
        </vscode-button>
      </footer>
    </div>
  );
}
