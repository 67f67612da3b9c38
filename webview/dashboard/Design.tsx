// Design-session trends: self-assessed score per framework section over the sessions (lines),
// time per section against the plan (bullets), and call-outs for the sections that keep running
// over, get too little time, or score low.
import { useState } from 'react';
import { DESIGN_SECTION_KEYS, type DesignSectionKey } from '../../src/core/catalog/types';
import type { DesignTrends, SectionInsight } from '../../src/core/dashboard/stats';
import { BulletBars, fit, linkProps, type BulletRow } from './Bars';
import { mins, plural, score, shortDay } from './format';
import { useWidth } from './hooks';
import { CheckIcon, ClockIcon, DownIcon, ShortIcon, UpIcon } from './icons';

type Series = { key: DesignSectionKey | 'average'; label: string; values: (number | undefined)[]; colour: number };

const TOP = 10;
const BOTTOM = 24;
const LEFT = 26;
const HEIGHT = 210;

export function ScoreLines({ trends, open }: { trends: DesignTrends; open: (id: string) => void }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [focus, setFocus] = useState<string>();
  const { sessions } = trends;
  const titles = new Map(trends.sections.map((s) => [s.section, s.label]));
  const withSections = sessions.some((s) => Object.keys(s.sections).length > 0);
  const series: Series[] = withSections
    ? DESIGN_SECTION_KEYS.map((k, i) => ({ key: k, label: titles.get(k) ?? k, values: sessions.map((s) => s.sections[k]), colour: i }))
    : [{ key: 'average', label: 'Average score', values: sessions.map((s) => s.score), colour: 0 }];
  const plotW = Math.max(60, width - LEFT - 12);
  const plotH = HEIGHT - TOP - BOTTOM;
  const n = sessions.length;
  const x = (i: number) => LEFT + 6 + (n <= 1 ? plotW / 2 : (i / (n - 1)) * (plotW - 12));
  const y = (v: number) => TOP + ((4 - v) / 3) * plotH;
  const every = Math.max(1, Math.ceil((n * 52) / plotW));
  const label = `Design-session scores per section over ${plural(n, 'session')}, 1 (missed) to 4 (strong)`;
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={HEIGHT} role="img" aria-label={label} data-chart="design-scores">
        <title>{label}</title>
        {[1, 2, 3, 4].map((v) => (
          <g key={v}>
            <line className="grid" x1={LEFT} x2={width - 4} y1={y(v)} y2={y(v)} />
            <text className="axis" x={LEFT - 8} y={y(v)} dominantBaseline="central" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {sessions.map((s, i) =>
          i % every === 0 || i === n - 1 ? (
            <g key={s.at} {...linkProps(`Open ${s.title}`, () => open(s.id))}>
              <title>{`${s.title}, ${shortDay(s.day)}: average ${score(s.score)}`}</title>
              <text className="axis" x={x(i)} y={HEIGHT - 6} textAnchor="middle">
                {shortDay(s.day)}
              </text>
            </g>
          ) : null,
        )}
        {series.map((se) => {
          const dim = focus !== undefined && focus !== se.key;
          let d = '';
          se.values.forEach((v, i) => {
            if (v === undefined) return;
            const prev = se.values[i - 1];
            d += `${prev === undefined || i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
          });
          return (
            <g key={se.key} className={`series s${se.colour}${dim ? ' dim' : ''}${focus === se.key ? ' focus' : ''}`}>
              <path className="line" d={d} />
              {se.values.map((v, i) =>
                v === undefined ? null : (
                  <circle key={i} className="dot" cx={x(i)} cy={y(v)} r={3.5}>
                    <title>{`${se.label}: ${score(v)} / 4 — ${sessions[i].title}, ${shortDay(sessions[i].day)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      <ul className="series-legend" aria-label="Sections">
        {series.map((se) => {
          const insight = trends.sections.find((s) => s.section === se.key);
          return (
            <li
              key={se.key}
              className={`s${se.colour}`}
              onMouseEnter={() => setFocus(se.key)}
              onMouseLeave={() => setFocus(undefined)}
              onFocus={() => setFocus(se.key)}
              onBlur={() => setFocus(undefined)}
              tabIndex={0}
            >
              <span className="swatch" />
              {se.label}
              {insight?.recentScore !== undefined && <span className="muted"> {score(insight.recentScore)}</span>}
              {insight?.scoreChange !== undefined && Math.abs(insight.scoreChange) >= 0.25 && (
                <span className={insight.scoreChange > 0 ? 'up' : 'down'} title={`${insight.scoreChange > 0 ? '+' : ''}${score(insight.scoreChange)} against earlier sessions`}>
                  {insight.scoreChange > 0 ? <UpIcon /> : <DownIcon />}
                </span>
              )}
            </li>
          );
        })}
      </ul>
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
  const improving = trends.sections.filter((s) => (s.scoreChange ?? 0) >= 0.5);
  if (trends.sessions.length < 2) return <p className="muted small">Patterns show up after a few sessions.</p>;
  return (
    <ul className="callouts">
      {items.map(({ s, f }) => (
        <li key={`${s.section}-${f}`} className={`callout ${f}`}>
          {f === 'over' ? <ClockIcon /> : f === 'short' ? <ShortIcon /> : <DownIcon />}
          <span>
            <strong>{f === 'over' ? 'Keeps running over' : f === 'short' ? 'Under-covered' : 'Scoring low'}:</strong> {fit(s.label, 400)} {line(s, f)}.
          </span>
        </li>
      ))}
      {improving.map((s) => (
        <li key={`${s.section}-up`} className="callout good">
          <UpIcon />
          <span>
            <strong>Improving:</strong> {s.label} is up {score(s.scoreChange ?? 0)} on earlier sessions.
          </span>
        </li>
      ))}
      {!items.length && !improving.length && (
        <li className="callout good">
          <CheckIcon />
          <span>No section keeps running over or scoring low. Keep it up.</span>
        </li>
      )}
    </ul>
  );
}
