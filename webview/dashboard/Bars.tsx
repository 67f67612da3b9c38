// Horizontal bar charts drawn as plain SVG at the card's real width: stacked solved / attempted /
// total bars, and "bullet" bars (a value against a target tick) for times and attempts.
import { useId, type KeyboardEvent } from 'react';
import type { SolvedBar } from '../../src/core/dashboard/stats';
import { niceMax, ticks } from './format';
import { useWidth } from './hooks';

const ROW = 28;
const BAR = 12;
const CHAR = 6.6;

/** Cuts a label to what fits in `px` at the chart's font size. */
export function fit(text: string, px: number): string {
  const n = Math.floor(px / CHAR);
  return text.length <= n ? text : `${text.slice(0, Math.max(1, n - 1)).trimEnd()}…`;
}

/** Keyboard and mouse activation for an SVG element that behaves like a link. */
export function linkProps(label: string, open?: () => void, className = '') {
  if (!open) return className ? { className } : {};
  return {
    role: 'link',
    tabIndex: 0,
    'aria-label': label,
    className: `${className} link`.trim(),
    onClick: open,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    },
  };
}

export function SolvedBars({ rows, label }: { rows: SolvedBar[]; label: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const clipBase = useId().replace(/:/g, '');
  const labelW = Math.min(170, Math.round(width * 0.36));
  const countW = 56;
  const barW = Math.max(40, width - labelW - countW - 12);
  const max = Math.max(1, ...rows.map((r) => r.total));
  const x = (n: number) => (n / max) * barW;
  const solved = rows.reduce((a, r) => a + r.solved, 0);
  const total = rows.reduce((a, r) => a + r.total, 0);
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={rows.length * ROW} role="img" aria-label={`${label}: ${solved} of ${total} solved`} data-chart="solved">
        <title>{`${label}: ${solved} of ${total} solved`}</title>
        {rows.map((r, i) => {
          const y = i * ROW + (ROW - BAR) / 2;
          const clip = `${clipBase}-${i}`;
          const summary = `${r.label}: ${r.solved} solved, ${r.attempted} attempted, ${r.total - r.solved - r.attempted} not started (of ${r.total})`;
          return (
            <g key={r.key}>
              <title>{summary}</title>
              <text className="label" x={0} y={i * ROW + ROW / 2} dominantBaseline="central">
                {fit(r.label, labelW - 8)}
              </text>
              <clipPath id={clip}>
                <rect x={labelW} y={y} width={Math.max(2, x(r.total))} height={BAR} rx={3} />
              </clipPath>
              <g clipPath={`url(#${clip})`}>
                <rect className="track" x={labelW} y={y} width={x(r.total)} height={BAR} />
                <rect className="fill-good" x={labelW} y={y} width={x(r.solved)} height={BAR} />
                <rect className="fill-warn" x={labelW + x(r.solved)} y={y} width={x(r.attempted)} height={BAR} />
              </g>
              <rect className="outline" x={labelW} y={y} width={Math.max(2, x(r.total))} height={BAR} rx={3} />
              <text className="value" x={width} y={i * ROW + ROW / 2} dominantBaseline="central" textAnchor="end">
                <tspan className="strong">{r.solved}</tspan>
                {` / ${r.total}`}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'muted';

export interface BulletRow {
  key: string;
  label: string;
  value: number;
  /** Drawn as a tick across the bar (suggested time, planned minutes). */
  target?: number;
  tone: Tone;
  valueLabel: string;
  tooltip: string;
  /** Marker after the label (e.g. "looked at the reference"). */
  mark?: string;
  open?: () => void;
}

/**
 * Bars with an optional target tick. Values beyond `cap` (if given) are cut at the axis end with a
 * break mark, so one very long solve does not squash every other bar.
 */
export function BulletBars({ rows, label, unit, cap }: { rows: BulletRow[]; label: string; unit?: string; cap?: number }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const labelW = Math.min(190, Math.round(width * 0.38));
  const valueW = 72;
  const barW = Math.max(40, width - labelW - valueW - 8);
  const biggest = Math.max(0, ...rows.map((r) => Math.max(r.value, r.target ?? 0)));
  const max = niceMax(cap !== undefined ? Math.min(biggest, Math.max(cap, ...rows.map((r) => r.target ?? 0))) : biggest);
  const x = (n: number) => (Math.min(n, max) / max) * barW;
  const axis = ticks(max, Math.max(2, Math.min(5, Math.floor(barW / 70))));
  const height = rows.length * ROW + 22;
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={height} role="img" aria-label={label} data-chart="bullet">
        <title>{label}</title>
        {axis.map((t) => (
          <g key={t}>
            <line className="grid" x1={labelW + x(t)} x2={labelW + x(t)} y1={0} y2={rows.length * ROW} />
            <text className="axis" x={labelW + x(t)} y={rows.length * ROW + 14} textAnchor="middle">
              {t}
              {t === axis[axis.length - 1] && unit ? ` ${unit}` : ''}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = i * ROW + (ROW - BAR) / 2;
          const cut = r.value > max;
          const w = Math.max(r.value > 0 ? 2 : 0, x(r.value));
          return (
            <g key={r.key}>
              <title>{r.tooltip}</title>
              <g {...linkProps(`Open ${r.label}`, r.open)}>
                <text className="label" x={0} y={i * ROW + ROW / 2} dominantBaseline="central">
                  {fit(r.label, labelW - (r.mark ? 22 : 8))}
                  {r.mark && <tspan className="mark">{` ${r.mark}`}</tspan>}
                </text>
              </g>
              <rect className={`fill-${r.tone}`} x={labelW} y={y} width={w} height={BAR} rx={3} />
              {cut && <path className="cut" d={`M${labelW + w - 9},${y + BAR + 2} l5,-${BAR + 4} M${labelW + w - 5},${y + BAR + 2} l5,-${BAR + 4}`} />}
              {r.target !== undefined && <line className="target" x1={labelW + x(r.target)} x2={labelW + x(r.target)} y1={y - 4} y2={y + BAR + 4} />}
              <text className="value" x={width} y={i * ROW + ROW / 2} dominantBaseline="central" textAnchor="end">
                {r.valueLabel}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
