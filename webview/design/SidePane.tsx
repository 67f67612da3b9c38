// The right-hand pane: the current section's clock, notes, probing-question checklist, the
// prompt, and "Ask the interviewer": the candidate picks a clarifying question, the answer shows.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import { useEffect, useRef, useState } from 'react';
import { DESIGN_SECTION_KEYS, type DesignSectionKey } from '../../src/core/catalog/types';
import { askChoices, interviewerReport } from '../../src/core/design/interviewer';
import { SECTION_TITLES } from '../../src/core/design/notes';
import type { NotesView, PromptView, WebviewToHost } from '../../src/core/design/protocol';
import type { DesignSession } from '../../src/core/design/session';
import { formatMinutes, type TimerReading } from '../../src/core/design/timer';
import { Remaining, shortcut } from './Clock';
import { singleClick, useClickGuard } from '../common/clickGuard';
import { useElementEvent } from './hooks';
import { NextIcon, PrevIcon, QuestionIcon, WarningIcon } from './icons';

type Send = (m: WebviewToHost) => void;

function Question({ section, index, text, checked, send }: { section: DesignSectionKey; index: number; text: string; checked: boolean; send: Send }) {
  const ref = useRef<HTMLElement & { checked: boolean }>(null);
  useElementEvent(ref, 'change', (el) => send({ type: 'tick', section, question: index, checked: (el as HTMLElement & { checked: boolean }).checked }));
  useEffect(() => {
    if (ref.current && ref.current.checked !== checked) ref.current.checked = checked;
  }, [checked]);
  return (
    <li className={checked ? 'ticked' : ''}>
      <vscode-checkbox ref={ref} checked={checked} data-testid={`question-${index}`}>
        {text}
      </vscode-checkbox>
    </li>
  );
}

function Notes({ section, text, rev, send }: { section: DesignSectionKey; text: string; rev: number; send: Send }) {
  const ref = useRef<HTMLElement & { value: string }>(null);
  const focused = useRef(false);
  /** The host's rev of the text this editor started from: the host applies each edit to it. */
  const base = useRef(rev);
  const latest = useRef({ text, rev, section });
  latest.current = { text, rev, section };
  const shown = useRef<DesignSectionKey | undefined>(undefined);
  const sync = (el: HTMLElement & { value: string }) => {
    const l = latest.current;
    // Uncontrolled while typing: the host's echo must never move the caret. A section change
    // always swaps the text in; another window's lines arrive when the editor is not focused.
    if (shown.current !== l.section || (!focused.current && el.value !== l.text)) {
      el.value = l.text;
      shown.current = l.section;
    }
    if (el.value === l.text) base.current = l.rev;
  };
  useElementEvent(ref, 'input', (el) => send({ type: 'notes', section, text: (el as HTMLElement & { value: string }).value, rev: base.current }));
  useElementEvent(ref, 'focusin', () => (focused.current = true));
  useElementEvent(ref, 'focusout', (el) => {
    focused.current = false;
    sync(el as HTMLElement & { value: string });
  });
  useEffect(() => {
    if (ref.current) sync(ref.current);
  }, [text, section, rev]);
  return (
    <vscode-textarea
      ref={ref}
      class="notes"
      resize="vertical"
      rows={9}
      aria-label={`Notes for ${SECTION_TITLES[section]}`}
      placeholder={`Notes for ${SECTION_TITLES[section]}: assumptions, decisions, numbers…`}
      data-testid="notes"
    />
  );
}

/**
 * Ask the interviewer: the answers so far (question, answer, when), and a picker of the questions
 * still open. The newest answer is highlighted and scrolled into view, also when it was asked
 * from the command palette.
 */
function Interviewer({ prompt, session, send }: { prompt: PromptView; session: DesignSession; send: Send }) {
  const [picking, setPicking] = useState(false);
  const report = interviewerReport(prompt.context, session);
  const choices = askChoices(prompt.context, session.revealed);
  const working = session.phase === 'working';
  const latest = session.asked.length ? session.asked[session.asked.length - 1].fact : undefined;
  const latestRef = useRef<HTMLLIElement>(null);
  const count = useRef(session.asked.length);
  const pickerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!picking) return;
    pickerRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    // Keyboard users land on the first question; Escape closes the picker.
    pickerRef.current?.querySelector<HTMLButtonElement>('button.ask-choice')?.focus({ preventScroll: true });
  }, [picking]);
  useEffect(() => {
    if (session.asked.length > count.current) latestRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    count.current = session.asked.length;
  }, [session.asked.length]);
  // The picker opens where its button was: a double-click on "Ask a question…" must not ask
  // whichever question then lies under the pointer.
  const guard = useClickGuard(picking);
  return (
    <vscode-collapsible heading="Ask the interviewer" description={`${report.asked.length}/${report.total} asked`} open class="block">
      <div className="facts" data-testid="interviewer">
        {report.asked.length === 0 && <p className="muted">Clarify before you design: choose a question, and the interviewer answers. What you never ask is listed in the report.</p>}
        {report.asked.length > 0 && (
          <ol className="answers">
            {report.asked.map((a) => (
              <li key={a.fact} ref={a.fact === latest ? latestRef : undefined} className={a.fact === latest ? 'latest' : ''} data-testid={`answer-${a.fact}`}>
                <span className="q">{a.question}</span>
                <span className="a">{a.answer}</span>
                {a.when && (
                  <span className="when">
                    Asked at {formatMinutes(a.when.elapsedMs)}, in {SECTION_TITLES[DESIGN_SECTION_KEYS[a.when.section]]}
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
        {working && choices.length > 0 && !picking && (
          <vscode-button secondary onClick={singleClick(() => setPicking(true))} data-testid="ask-open" title="Choose a clarifying question (also: MLPrep: Design Session: Ask the Interviewer…)">
            <QuestionIcon /> Ask a question… ({choices.length} left)
          </vscode-button>
        )}
        {working && picking && (
          <div
            ref={pickerRef}
            className="ask-picker"
            role="group"
            aria-label="Questions you can ask"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setPicking(false);
              }
            }}
          >
            <div className="ask-picker-head">
              <span>Which question do you ask?</span>
              <button className="link" onClick={guard(() => setPicking(false))} data-testid="ask-cancel">
                Cancel
              </button>
            </div>
            <ul>
              {choices.map((c) => (
                <li key={c.fact}>
                  <button
                    className={`ask-choice ${c.generic ? 'generic' : ''}`}
                    data-testid={`ask-${c.fact}`}
                    onClick={guard(() => {
                      setPicking(false);
                      send({ type: 'ask', fact: c.fact });
                    })}
                  >
                    {c.question}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {working && choices.length === 0 && <p className="muted">You have asked every question the interviewer has an answer to.</p>}
      </div>
    </vscode-collapsible>
  );
}

export function SidePane({ prompt, session, view, reading, send }: { prompt: PromptView; session: DesignSession; view: NotesView; reading: TimerReading; send: Send }) {
  const i = reading.current;
  const key = DESIGN_SECTION_KEYS[i];
  const r = reading.sections[i];
  const work = session.sections[key];
  const questions = prompt.sections[key].questions;
  const working = session.phase === 'working';
  return (
    <aside className="side">
      <section className={`section-head ${r.overtimeMs > 0 ? 'over' : ''}`}>
        <div className="section-title">
          <span className="eyebrow">
            Section {i + 1} of {DESIGN_SECTION_KEYS.length}
          </span>
          <h2>{SECTION_TITLES[key]}</h2>
        </div>
        <div className="section-clock">
          <Remaining planMs={r.planMs} elapsedMs={r.elapsedMs} className="big" />
          <span className="caption">{r.overtimeMs > 0 ? 'over plan' : `left of ${formatMinutes(r.planMs)}`}</span>
        </div>
        <div className="section-nav">
          <vscode-button secondary disabled={!working || i === 0} onClick={singleClick(() => send({ type: 'timer', action: 'previous' }))} title={`Previous section (${shortcut('Shift+N')})`}>
            <PrevIcon /> Previous
          </vscode-button>
          <vscode-button
            secondary={r.overtimeMs <= 0}
            disabled={!working || i === DESIGN_SECTION_KEYS.length - 1}
            onClick={singleClick(() => send({ type: 'timer', action: 'next' }))}
            title={`Next section (${shortcut('N')})`}
            data-testid="next"
          >
            Next <NextIcon trailing />
          </vscode-button>
        </div>
      </section>

      <h3 className="pane-label">Notes</h3>
      {view.conflicts.includes(key) && (
        <p className="conflict" role="status" data-testid="notes-conflict">
          <WarningIcon /> Two windows changed the same lines of these notes at once. Both versions are kept, one after the other (marked in notes.md): delete the one you do not want.
        </p>
      )}
      <Notes section={key} text={work.notes} rev={view.notesRev[key]} send={send} />

      <h3 className="pane-label">
        Probing questions{' '}
        <span className="count">
          {work.ticked.length}/{questions.length}
        </span>
      </h3>
      <ul className="questions">
        {questions.map((q, n) => (
          <Question key={`${key}-${n}`} section={key} index={n} text={q} checked={work.ticked.includes(n)} send={send} />
        ))}
      </ul>

      <vscode-collapsible heading="Prompt" open class="block">
        <div className="prompt-text">
          {prompt.prompt
            .trim()
            .split(/\n\s*\n/)
            .map((para, n) => (
              <p key={n}>{para.replace(/\s*\n\s*/g, ' ')}</p>
            ))}
        </div>
      </vscode-collapsible>

      <Interviewer prompt={prompt} session={session} send={send} />
    </aside>
  );
}
