// Design-session trends: self-assessed score per framework section over the sessions (lines),
// time per section against the plan (bullets), and call-outs for the sections that keep running
// over, get too little time, or score low.
import { DESIGN_SECTION_KEYS, type DesignSectionKey } from '../../src/core/catalog/types';
import type { DesignPoint, DesignTrends, SectionFlag, SectionInsight } from '../../src/core/dashboard/stats';
import { BulletBars, linkProps, type BulletRow } from './Bars';
import { mins, plural, score, shortDay } from './format';
import { useWidth } from './hooks';
import { CheckIcon, ClockIcon, DownIcon, ShortIcon, UpIcon } from './icons';

const HEIGHT = 92;
const LEFT = 18;
const PAD = 8;

const FLAG_LABEL: Record<SectionFlag, string> = { over: 'runs over', short: 'under-covered', low: 'scores low' };

/** One section's self-assessed score over the sessions: a small line chart with its call-outs. */
function SectionTrend({ insight, colour, points, open }: { insight?: SectionInsight; colour: number; points: { v?: number; p: DesignPoint }[]; open: (id: string) => void }) {
  const [ref, width] = useWidth<HTMLDivElement>(260);
  const n = points.length;
  const plotW = Math.max(40, width - LEFT - PAD * 2);
  const x = (i: number) => LEFT + PAD + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => 6 + ((4 - v) / 3) * (HEIGHT - 12);
  const label = insight?.label ?? 'Average score';
  let d = '';
  points.forEach(({ v }, i) => {
    if (v === undefined) return;
    d += `${i === 0 || points[i - 1].v === undefined ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  const scored = points.filter((q) => q.v !== undefined).length;
  const summary = `${label}: ${insight?.recentScore !== undefined ? `${score(insight.recentScore)} / 4 recently` : `${plural(scored, 'session')}`}${insight?.scoreChange !== undefined ? `, ${insight.scoreChange >= 0 ? '+' : ''}${score(insight.scoreChange)} on earlier sessions` : ''}${insight?.flags.length ? `; ${insight.flags.map((f) => FLAG_LABEL[f]).join(', ')}` : ''}`;
  const change = insight?.scoreChange;
  return (
    <div className={`trend s${colour}`} ref={ref}>
      <div className="trend-head">
        <span className="swatch" />
        <span className="trend-title">{label}</span>
        {insight?.recentScore !== undefined && <span className="trend-score">{score(insight.recentScore)}</span>}
        {change !== undefined && Math.abs(change) >= 0.25 && (
          <span className={change > 0 ? 'up' : 'down'} title={`${change > 0 ? '+' : ''}${score(change)} against earlier sessions`}>
            {change > 0 ? <UpIcon /> : <DownIcon />}
          </span>
        )}
      </div>
      <svg width={width} height={HEIGHT} role="img" aria-label={summary} data-chart="design-section">
        <title>{summary}</title>
        {[1, 2, 3, 4].map((v) => (
          <g key={v}>
            <line className="grid" x1={LEFT} x2={width} y1={y(v)} y2={y(v)} />
            {(v === 1 || v === 4) && (
              <text className="axis" x={LEFT - 6} y={y(v)} dominantBaseline="central" textAnchor="end">
                {v}
              </text>
            )}
          </g>
        ))}
        <g className="series">
          <path className="line" d={d} />
          {points.map(({ v, p }, i) =>
            v === undefined ? null : (
              <circle key={p.at} cx={x(i)} cy={y(v)} r={3.5} {...linkProps(`Open ${p.title}`, () => open(p.id), 'dot')}>
                <title>{`${label}: ${score(v)} / 4 — ${p.title}, ${shortDay(p.day)}${p.minutes[insight?.section as DesignSectionKey] !== undefined ? `, ${mins(p.minutes[insight?.section as DesignSectionKey] as number)}` : ''}`}</title>
              </circle>
            ),
          )}
        </g>
      </svg>
      <div className="trend-foot">
        {insight?.flags.map((f) => (
          <span key={f} className={`chip ${f}`}>
            {FLAG_LABEL[f]}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Small multiples: one score line per framework section (or the average, for sessions recorded without sections). */
export function ScoreLines({ trends, open }: { trends: DesignTrends; open: (id: string) => void }) {
  const { sessions } = trends;
  const withSections = sessions.some((s) => Object.keys(s.sections).length > 0);
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  return (
    <div>
      <div className="trends">
        {withSections ? (
          DESIGN_SECTION_KEYS.map((k, i) => (
            <SectionTrend key={k} colour={i} insight={trends.sections.find((s) => s.section === k)} points={sessions.map((p) => ({ v: p.sections[k], p }))} open={open} />
          ))
        ) : (
          <SectionTrend colour={0} points={sessions.map((p) => ({ v: p.score, p }))} open={open} />
        )}
      </div>
      {first && (
        <p className="muted small trends-range">
          {plural(sessions.length, 'session')} from {shortDay(first.day)} to {shortDay(last.day)}; 1 = missed, 4 = strong. Hover a point for the session.
        </p>
      )}
    </div>
  );
}

/** Average minutes spent per section over the recent sessions, against the plan. */
export function SectionTimes({ trends }: { trends: DesignTrends }) {
  const recent = trends.sessions.slice(-5);
  const rows: BulletRow[] = [];
  for (const s of trends.sections) {
    const spent = recent.map((p) => p.minutes[s.section]).filter((m): m is number => m !== undefined);
    if (!spent.length) continue;
    const avg = spent.reduce((a, b) => a + b, 0) / spent.length;
    const tone = s.flags.includes('over') ? 'bad' : s.flags.includes('short') ? 'warn' : avg > s.plannedMinutes * 1.15 ? 'warn' : 'good';
    rows.push({
      key: s.section,
      label: s.label,
      value: avg,
      target: s.plannedMinutes,
      tone,
      valueLabel: mins(avg),
      tooltip: `${s.label}: ${mins(avg)} on average over the last ${plural(spent.length, 'session')}, ${mins(s.plannedMinutes)} planned`,
    });
  }
  if (!rows.length) return <p className="muted small">Section times appear once sessions record them.</p>;
  return <BulletBars rows={rows} label={`Average minutes per section against the ${trends.sessionMinutes}-minute plan`} unit="min" />;
}

function line(s: SectionInsight, flag: 'over' | 'short' | 'low'): string {
  const of = (k: number) => `${k} of the last ${s.timed} sessions`;
  if (flag === 'over') return `ran over its ${mins(s.plannedMinutes)} in ${of(s.overCount)}${s.meanOverMinutes && s.meanOverMinutes > 0 ? ` (+${mins(s.meanOverMinutes)} on average)` : ''}`;
  if (flag === 'short') return `got less than half of its ${mins(s.plannedMinutes)} in ${of(s.shortCount)}`;
  return `scored ${score(s.recentScore ?? 0)} / 4 on average over the last ${plural(s.scored, 'session')}`;
}

export function Callouts({ trends }: { trends: DesignTrends }) {
  const items = trends.sections.flatMap((s) => s.flags.map((f) => ({ s, f })));
  const improving = trends.sections.filter((s) => (s.scoreChange ?? 0) >= 0.5).sort((a, b) => (b.scoreChange ?? 0) - (a.scoreChange ?? 0));
  if (trends.sessions.length < 2) return <p className="muted small">Patterns show up after a few sessions.</p>;
  return (
    <ul className="callouts">
      {items.map(({ s, f }) => (
        <li key={`${s.section}-${f}`} className={`callout ${f}`}>
          {f === 'over' ? <ClockIcon /> : f === 'short' ? <ShortIcon /> : <DownIcon />}
          <span>
            <strong>{f === 'over' ? 'Keeps running over' : f === 'short' ? 'Under-covered' : 'Scoring low'}:</strong> {s.label} {line(s, f)}.
          </span>
        </li>
      ))}
      {improving.length > 0 && (
        <li className="callout good">
          <UpIcon />
          <span>
            <strong>Improving:</strong> {improving.map((s) => `${s.label} +${score(s.scoreChange ?? 0)}`).join(', ')} on earlier sessions.
          </span>
        </li>
      )}
      {!items.length && !improving.length && (
        <li className="callout good">
          <CheckIcon />
          <span>No section keeps running over or scoring low. Keep it up.</span>
        </li>
      )}
    </ul>
  );
}
