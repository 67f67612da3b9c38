// The theory-card panel: question and answer clock, then (after Reveal) the model answer, the key
// points to tick, weak answers, the follow-up and the four ratings (keys 1-4). Draws what the host
// sends (validated first); the host owns the state, so a reload shows the same card.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { isDeliberateClick, isDeliberateKey } from '../../src/core/webview/clicks';
import { useClickGuard } from '../common/clickGuard';
import { parseHostMessage, type CardView, type DoneView, type HostToWebview, type Rating, type WebviewToHost } from '../../src/core/theory/protocol';

const RATINGS: { rating: Rating; label: string; hint: string }[] = [
  { rating: 1, label: 'Again', hint: 'missed it' },
  { rating: 2, label: 'Hard', hint: 'got there, with gaps' },
  { rating: 3, label: 'Good', hint: 'hit the key points' },
  { rating: 4, label: 'Easy', hint: 'fluent, with time to spare' },
];

const mmss = (s: number) => {
  const a = Math.abs(Math.round(s));
  return `${s < 0 ? '+' : ''}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
};

function Html({ html, className, tag = 'div' }: { html: string; className?: string; tag?: 'div' | 'span' | 'h1' }) {
  // Rendered on the host by renderCardMarkdown: raw HTML in pack text is escaped there.
  const Tag = tag;
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

function Clock({ card }: { card: CardView }) {
  const skew = useRef(card.hostNow - Date.now());
  const [now, setNow] = useState(() => Date.now() + skew.current);
  useEffect(() => {
    if (card.revealed) return;
    const t = setInterval(() => setNow(Date.now() + skew.current), 250);
    return () => clearInterval(t);
  }, [card.revealed, card.startedAt]);
  const used = card.answer ? card.answer.usedSeconds : Math.max(0, (now - card.startedAt) / 1000);
  const left = card.seconds - used;
  const share = Math.min(1, used / card.seconds);
  const tone = left < 0 ? 'over' : left <= 30 ? 'low' : 'ok';
  return (
    <div className={`clock ${tone}`} role="timer" aria-label={left < 0 ? `${mmss(left)} over time` : `${mmss(left)} left`} data-testid="clock">
      <svg width="44" height="44" viewBox="0 0 44 44" aria-hidden="true">
        <circle className="clock-track" cx="22" cy="22" r="18" />
        <circle className="clock-fill" cx="22" cy="22" r="18" strokeDasharray={`${(share * 113.1).toFixed(1)} 200`} transform="rotate(-90 22 22)" />
      </svg>
      <div>
        <div className="clock-time">{card.revealed ? mmss(Math.round(used)) : mmss(Math.ceil(left))}</div>
        <div className="muted small">{card.revealed ? 'used' : left < 0 ? 'over time' : `of ${mmss(card.seconds)}`}</div>
      </div>
    </div>
  );
}

/** The round's cards as steps: done, this one, to come. */
function RoundSteps({ round }: { round: NonNullable<CardView['round']> }) {
  return (
    <ol className="round-steps" aria-label={`Card ${round.index + 1} of ${round.of}`}>
      {Array.from({ length: round.of }, (_, i) => <li key={i} className={i < round.index ? 'done' : i === round.index ? 'now' : ''} />)}
    </ol>
  );
}

function Card({ card, send }: { card: CardView; send: (m: WebviewToHost) => void }) {
  const [ticked, setTicked] = useState<Set<number>>(() => new Set(card.ticked));
  const [draft, setDraft] = useState(card.draft);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A card's controls appear where the last card's were (Reveal, the ratings, the key points): the
  // rest of a double-click, or a click a moment after the card changed, does nothing. Keyed on
  // "revealed" so the ratings and points settle from the moment they appear.
  const guard = useClickGuard(card.revealed);
  const shownAt = useRef({ revealed: card.revealed, at: performance.now() });
  if (shownAt.current.revealed !== card.revealed) shownAt.current = { revealed: card.revealed, at: performance.now() };
  useEffect(() => {
    setTicked(new Set(card.ticked));
  }, [card.id, card.ticked]);
  useEffect(() => {
    window.scrollTo(0, 0); // a new card starts at the top
  }, []);
  const toggle = (i: number) => {
    const on = !ticked.has(i);
    const next = new Set(ticked);
    if (on) next.add(i);
    else next.delete(i);
    setTicked(next);
    send({ type: 'tick', index: i, on });
  };
  const onDraft = (text: string) => {
    setDraft(text);
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => send({ type: 'draft', text }), 400);
  };
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      // A held key repeats: the rating's key would then rate, or Enter reveal, the next card too.
      if ((e.target as HTMLElement | null)?.closest('textarea') || e.ctrlKey || e.metaKey || e.altKey || !isDeliberateKey(e)) return;
      if (!card.revealed && (e.key === ' ' || e.key === 'Enter') && !(e.target as HTMLElement | null)?.closest('vscode-button')) {
        e.preventDefault();
        send({ type: 'reveal' });
      } else if (card.revealed && /^[1-4]$/.test(e.key)) {
        e.preventDefault();
        send({ type: 'rate', rating: Number(e.key) as Rating });
      } else if (card.answer && /^[a-f]$/.test(e.key)) {
        const i = e.key.charCodeAt(0) - 97;
        if (i < card.answer.keyPointsHtml.length) toggle(i);
      }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  });
  const hit = ticked.size;
  const total = card.answer?.keyPointsHtml.length ?? 0;
  const suggested: Rating | undefined = card.answer ? (hit === total ? 3 : hit >= Math.ceil(total / 2) ? 2 : 1) : undefined;
  return (
    <main className="card-view" data-card={card.id} data-revealed={card.revealed}>
      <header className="top">
        <div className="crumbs">
          {card.round && <span className="round" data-testid="round">{card.round.title} · card {card.round.index + 1} of {card.round.of}</span>}
          <span className="topic">{card.topicTitle}</span>
          <span className={`level level-${card.level}`}>{card.level}</span>
          {!card.round && <span className="muted">{card.status}</span>}
          {card.dueLeft > 0 && <span className="muted">· {card.dueLeft} due today</span>}
        </div>
        {/* In a full-loop round the one clock is the round's, in the status bar. */}
        {card.round ? <RoundSteps round={card.round} /> : <Clock card={card} />}
      </header>
      <Html tag="h1" className="question" html={card.questionHtml} />
      <label className="answer-label muted" htmlFor="draft">Answer aloud, or type your answer</label>
      <textarea id="draft" className="draft" rows={card.revealed ? 3 : 7} value={draft} placeholder="Your answer (optional): the points you would make, in order…" onChange={(e) => onDraft(e.target.value)} readOnly={card.revealed} />
      {!card.revealed && (
        <div className="actions">
          <vscode-button onClick={guard(() => send({ type: 'reveal' }))} data-testid="reveal">Reveal answer</vscode-button>
          <span className="muted small">Space or Enter</span>
        </div>
      )}
      {card.answer && (
        <>
          <section className="panel">
            <h2>Model answer</h2>
            <Html className="markdown" html={card.answer.answerHtml} />
          </section>
          <section className="panel">
            <h2>Key points <span className="muted small">{hit}/{total} hit · tick what you said (keys a–{String.fromCharCode(96 + total)})</span></h2>
            <ul className="points">
              {card.answer.keyPointsHtml.map((p, i) => (
                <li key={i}>
                  <label
                    className={ticked.has(i) ? 'on' : ''}
                    onClick={(e) => {
                      if (!isDeliberateClick(e, shownAt.current.at, performance.now())) e.preventDefault();
                    }}
                  >
                    <input type="checkbox" checked={ticked.has(i)} onChange={() => toggle(i)} data-testid={`point-${i}`} />
                    <Html tag="span" html={p} />
                  </label>
                </li>
              ))}
            </ul>
          </section>
          <div className="columns">
            <section className="panel weak">
              <h2>Weak answers</h2>
              <ul>{card.answer.weakAnswersHtml.map((w, i) => <li key={i}><Html tag="span" html={w} /></li>)}</ul>
            </section>
            <section className="panel follow">
              <h2>Follow-up</h2>
              <Html tag="span" html={card.answer.followUpHtml} />
            </section>
          </div>
          <section className="rate" aria-label="Rate your answer">
            <div className="muted small">How did you do? Keys 1–4. The next review is scheduled with FSRS{card.round ? `; then ${card.round.index + 1 < card.round.of ? 'the next card' : 'the round ends'}` : ''}.</div>
            <div className="rate-buttons">
              {RATINGS.map((r) => (
                <button key={r.rating} className={`rate-btn r${r.rating}${suggested === r.rating ? ' suggested' : ''}`} onClick={guard(() => send({ type: 'rate', rating: r.rating }))} data-testid={`rate-${r.rating}`} title={r.hint}>
                  <span className="rate-key">{r.rating}</span>
                  <span className="rate-label">{r.label}</span>
                  <span className="rate-next">{card.answer!.intervals[r.rating]}</span>
                </button>
              ))}
            </div>
          </section>
        </>
      )}
      {card.related.length > 0 && (
        <footer className="related muted small">
          Related coding:{' '}
          {card.related.map((r, i) => (
            <span key={r.id}>
              {i > 0 && ', '}
              <a href="#" onClick={(e) => { e.preventDefault(); send({ type: 'openProblem', id: r.id }); }}>{r.title}</a>
            </span>
          ))}
        </footer>
      )}
    </main>
  );
}

function Done({ done, send }: { done: DoneView; send: (m: WebviewToHost) => void }) {
  return (
    <main className="done" data-testid="done">
      <h1>Nothing due right now</h1>
      <p>{done.reviewedToday ? `${done.reviewedToday} card${done.reviewedToday === 1 ? '' : 's'} reviewed today.` : 'No theory card is due today.'}{done.nextDue ? ` Next review: ${done.nextDue}.` : ''}</p>
      <vscode-button secondary onClick={() => send({ type: 'reviewDue' })}>Check again</vscode-button>
    </main>
  );
}

function App({ vscode }: { vscode: VsCodeApi }) {
  const [msg, setMsg] = useState<HostToWebview | undefined>();
  const send = useCallback((m: WebviewToHost) => vscode.postMessage(m), [vscode]);
  useEffect(() => {
    const on = (e: MessageEvent) => {
      const m = parseHostMessage(e.data);
      if (m) setMsg(m);
      else send({ type: 'problem', message: `ignored a malformed host message ${JSON.stringify(e.data)?.slice(0, 200)}` });
    };
    window.addEventListener('message', on);
    send({ type: 'ready' });
    return () => window.removeEventListener('message', on);
  }, [send]);
  useEffect(() => {
    if (!msg) return;
    // Reported after the browser has drawn the message (the tests and screenshots wait for it).
    requestAnimationFrame(() => send(msg.type === 'card' ? { type: 'rendered', cardId: msg.card.id, revealed: msg.card.revealed } : { type: 'rendered', revealed: false }));
  }, [msg, send]);
  if (!msg) return <div className="boot">Loading the card…</div>;
  return msg.type === 'card' ? <Card key={`${msg.card.id}:${msg.card.startedAt}`} card={msg.card} send={send} /> : <Done done={msg.done} send={send} />;
}

export function mount(root: HTMLElement, vscode: VsCodeApi): void {
  createRoot(root).render(<App vscode={vscode} />);
}
