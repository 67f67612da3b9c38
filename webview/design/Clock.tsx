// Top bar (prompt title, total clock, clock controls) and the six-section stepper.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import { useEffect, useRef, useState } from 'react';
import { DESIGN_SECTION_KEYS } from '../../src/core/catalog/types';
import { SECTION_TITLES } from '../../src/core/design/notes';
import type { PromptView, TimerAction, WebviewToHost } from '../../src/core/design/protocol';
import type { DesignSession } from '../../src/core/design/session';
import { formatMinutes, type TimerReading } from '../../src/core/design/timer';
import { singleClick, useClickGuard } from '../common/clickGuard';
import { useElementEvent } from './hooks';
import { FlagIcon, PauseIcon, PlayIcon } from './icons';

type Send = (m: WebviewToHost) => void;

export const isMac = navigator.platform.toLowerCase().includes('mac');
export const shortcut = (key: string) => (isMac ? `⌥⌘${key.replace('Shift+', '⇧')}` : `Ctrl+Alt+${key}`);

/** `12:30` remaining, or `+1:05` over, with the class that colours it. */
export function Remaining({ planMs, elapsedMs, className = '' }: { planMs: number; elapsedMs: number; className?: string }) {
  const over = elapsedMs - planMs;
  return over > 0 ? (
    <span className={`clock over ${className}`} title={`${formatMinutes(over)} over the planned ${formatMinutes(planMs)}`}>
      +{formatMinutes(over)}
    </span>
  ) : (
    <span className={`clock ${className}`} title={`${formatMinutes(elapsedMs)} of ${formatMinutes(planMs)}`}>
      {formatMinutes(planMs - elapsedMs)}
    </span>
  );
}

export function TopBar({ prompt, session, reading, send, plans }: { prompt: PromptView; session: DesignSession; reading: TimerReading; send: Send; plans: Record<45 | 60, number[]> }) {
  const select = useRef<HTMLElement>(null);
  // Finish ends the clock for good: asked in the panel first; "Keep working" changes nothing.
  const [confirming, setConfirming] = useState(false);
  const canFinish = session.phase === 'working' && reading.status !== 'idle';
  useEffect(() => {
    if (!canFinish) setConfirming(false);
  }, [canFinish]);
  useElementEvent(select, 'change', (el) => {
    const minutes = Number((el as HTMLElement & { value: string }).value);
    if (minutes === 45 || minutes === 60) send({ type: 'setDuration', minutes });
  });
  const status = reading.status;
  // Start, Pause and Resume replace one another in place: a double-click acts once.
  const act = (action: TimerAction) => singleClick(() => send({ type: 'timer', action }));
  const working = session.phase === 'working';
  return (
    <header className="topbar">
      <div className="title-block">
        <h1 title={prompt.title}>{prompt.title}</h1>
        <div className="meta">
          <span className={`difficulty ${prompt.difficulty}`}>{prompt.difficulty}</span>
          {prompt.companies.length > 0 && <span className="companies">{prompt.companies.slice(0, 4).join(' · ')}</span>}
        </div>
      </div>
      <div className="total" aria-live="off">
        <div className={`total-clock ${reading.totalOvertimeMs > 0 ? 'over' : ''} ${status}`} data-testid="total-clock">
          {status === 'finished'
            ? formatMinutes(reading.totalElapsedMs)
            : reading.totalOvertimeMs > 0
              ? `+${formatMinutes(reading.totalOvertimeMs)}`
              : formatMinutes(reading.totalRemainingMs)}
        </div>
        <div className="total-caption">
          {status === 'idle'
            ? `${session.durationMinutes}-minute round`
            : status === 'finished'
              ? `used of ${formatMinutes(reading.totalPlanMs)}`
              : reading.totalOvertimeMs > 0
              ? `over ${formatMinutes(reading.totalPlanMs)}`
              : `left of ${formatMinutes(reading.totalPlanMs)}${status === 'paused' ? ' · paused' : ''}`}
        </div>
      </div>
      <div className="controls">
        {working && status === 'idle' && (
          <vscode-single-select ref={select} value={String(session.durationMinutes)} aria-label="Session length" class="length">
            {([45, 60] as const).map((m) => (
              <vscode-option key={m} value={String(m)} selected={session.durationMinutes === m} description={plans[m].map((ms) => ms / 60_000).join(' / ') + ' min'}>
                {m} minutes
              </vscode-option>
            ))}
          </vscode-single-select>
        )}
        {working && status === 'idle' && (
          <vscode-button onClick={act('start')} title={`Start the clock (${shortcut('P')})`} data-testid="start">
            <PlayIcon /> Start
          </vscode-button>
        )}
        {working && status === 'running' && (
          <vscode-button secondary onClick={act('pause')} title={`Pause (${shortcut('P')})`} data-testid="pause">
            <PauseIcon /> Pause
          </vscode-button>
        )}
        {working && status === 'paused' && (
          <vscode-button onClick={act('resume')} title={`Resume (${shortcut('P')})`} data-testid="resume">
            <PlayIcon /> Resume
          </vscode-button>
        )}
        {working && status !== 'idle' && (
          // Stays in place while its confirmation is open: repeat clicks land here and do nothing.
          <vscode-button
            secondary
            onClick={singleClick(() => setConfirming(true))}
            title="Stop the clock and assess yourself against the rubric"
            aria-haspopup="dialog"
            aria-expanded={confirming}
            class={confirming ? 'pressed' : undefined}
            data-testid="finish"
          >
            <FlagIcon /> Finish
          </vscode-button>
        )}
        {working && status !== 'idle' && confirming && (
          <ConfirmFinish
            onFinish={() => {
              setConfirming(false);
              send({ type: 'finish' });
            }}
            onKeepWorking={() => setConfirming(false)}
          />
        )}
      </div>
    </header>
  );
}

/**
 * Finish's confirmation: a box below the button (never under the pointer that clicked it) that
 * needs a deliberate choice. Neither button is focused or default, so Enter accepts nothing;
 * Escape keeps working; clicks in its first moments (the rest of a double-click) are ignored.
 */
function ConfirmFinish({ onFinish, onKeepWorking }: { onFinish: () => void; onKeepWorking: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const guard = useClickGuard();
  useEffect(() => {
    box.current?.focus();
  }, []);
  // Escape keeps working wherever the focus is (the Finish button, the board).
  const keep = useRef(onKeepWorking);
  keep.current = onKeepWorking;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') keep.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div
      ref={box}
      className="confirm-finish"
      role="alertdialog"
      aria-modal="false"
      aria-label="Finish the session?"
      aria-describedby="confirm-finish-text"
      tabIndex={-1}
      data-testid="finish-confirm"
    >
      <span id="confirm-finish-text">Finish the session? The clock stops and you score each section.</span>
      <span className="confirm-actions">
        <vscode-button secondary onClick={guard(onKeepWorking)} data-testid="finish-no">
          Keep working
        </vscode-button>
        <vscode-button secondary onClick={guard(onFinish)} data-testid="finish-yes">
          <FlagIcon /> Finish and score
        </vscode-button>
      </span>
    </div>
  );
}

export function Stepper({ reading, send, enabled }: { reading: TimerReading; send: Send; enabled: boolean }) {
  return (
    <nav className="stepper" aria-label="Sections">
      {DESIGN_SECTION_KEYS.map((key, i) => {
        const r = reading.sections[i];
        const current = i === reading.current;
        const fill = Math.min(1, r.elapsedMs / r.planMs);
        const state = r.overtimeMs > 0 ? 'over' : current ? 'current' : r.elapsedMs > 0 ? 'visited' : 'todo';
        return (
          <button
            key={key}
            className={`step ${state} ${current ? 'is-current' : ''}`}
            aria-current={current ? 'step' : undefined}
            disabled={!enabled}
            onClick={() => send({ type: 'goto', section: i })}
            title={`${SECTION_TITLES[key]}: ${formatMinutes(r.elapsedMs)} of ${formatMinutes(r.planMs)}${r.overtimeMs > 0 ? ` (+${formatMinutes(r.overtimeMs)} over)` : ''}`}
          >
            <span className="step-head">
              <span className="step-num">{i + 1}</span>
              <span className="step-title">{SECTION_TITLES[key]}</span>
            </span>
            <span className="step-time">
              {current || r.elapsedMs > 0 ? <Remaining planMs={r.planMs} elapsedMs={r.elapsedMs} /> : <span className="clock muted">{formatMinutes(r.planMs)}</span>}
            </span>
            <span className="step-bar" aria-hidden>
              <span style={{ width: `${fill * 100}%` }} />
            </span>
          </button>
        );
      })}
    </nav>
  );
}
