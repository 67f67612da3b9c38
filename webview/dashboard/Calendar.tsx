// The practice calendar: a contribution-graph heat-map (weeks as columns, Monday on top) with the
// streak next to it.
import type { CalendarDay, PracticeCalendar } from '../../src/core/dashboard/stats';
import { longDay, plural } from './format';
import { FlameIcon, TrophyIcon, CalendarIcon } from './icons';
import { useWidth } from './hooks';

const GAP = 3;
const LEFT = 30;
const TOP = 18;
const ROW_LABELS: Record<number, string> = { 0: 'Mon', 2: 'Wed', 4: 'Fri' };

function describe(d: CalendarDay): string {
  if (!d.count) return `${longDay(d.day)}: no practice`;
  const parts = [
    d.runs && plural(d.runs, 'test run'),
    d.solves && plural(d.solves, 'problem solved', 'problems solved'),
    d.starts && plural(d.starts, 'problem started', 'problems started'),
    d.designs && plural(d.designs, 'design session'),
    d.parts && plural(d.parts, 'follow-up part passed', 'follow-up parts passed'),
    d.reviews && plural(d.reviews, 'theory card reviewed', 'theory cards reviewed'),
    d.rehearsals && plural(d.rehearsals, 'question rehearsed', 'questions rehearsed'),
  ].filter(Boolean);
  return `${longDay(d.day)}: ${parts.join(', ')}`;
}

export function HeatMap({ calendar }: { calendar: PracticeCalendar }) {
  const [ref, width] = useWidth<HTMLDivElement>(560);
  const weeks = calendar.weeks.length;
  const cell = Math.max(8, Math.min(17, Math.floor((width - LEFT) / weeks) - GAP));
  const step = cell + GAP;
  const svgW = LEFT + weeks * step;
  const gridH = TOP + 7 * step;
  const svgH = gridH + 22;
  const key = 11;
  const label = `Practice calendar, last ${weeks} weeks: ${plural(calendar.activeDays, 'day')} with practice; current streak ${plural(calendar.currentStreak, 'day')}, longest ${plural(calendar.longestStreak, 'day')}`;
  return (
    <div ref={ref} className="heatmap">
      <svg width={svgW} height={svgH} role="img" aria-label={label} data-chart="calendar">
        <title>{label}</title>
        {calendar.months.map((m) => (
          <text key={m.week} className="axis" x={LEFT + m.week * step} y={11}>
            {m.label}
          </text>
        ))}
        {Object.entries(ROW_LABELS).map(([d, l]) => (
          <text key={d} className="axis" x={0} y={TOP + Number(d) * step + cell / 2} dominantBaseline="central">
            {l}
          </text>
        ))}
        {calendar.weeks.map((w, wi) =>
          w.days.map((d, di) =>
            d.future ? null : (
              <rect
                key={d.day}
                className={`cell level-${d.level}${d.day === calendar.today ? ' today' : ''}`}
                x={LEFT + wi * step}
                y={TOP + di * step}
                width={cell}
                height={cell}
                rx={2}
              >
                <title>{describe(d)}</title>
              </rect>
            ),
          ),
        )}
        <g className="legend" aria-hidden="true">
          <text className="axis" x={svgW - GAP} y={gridH + 10} dominantBaseline="central" textAnchor="end">
            More
          </text>
          {[0, 1, 2, 3, 4].map((l) => (
            <rect key={l} className={`cell level-${l}`} x={svgW - GAP - 34 - (5 - l) * (key + GAP)} y={gridH + 4} width={key} height={key} rx={2} />
          ))}
          <text className="axis" x={svgW - GAP - 34 - 5 * (key + GAP) - 4} y={gridH + 10} dominantBaseline="central" textAnchor="end">
            Less
          </text>
        </g>
      </svg>
    </div>
  );
}

export function Streaks({ calendar }: { calendar: PracticeCalendar }) {
  const { currentStreak: current, longestStreak: longest, practisedToday, activeDays, weeks } = calendar;
  const hint = current === 0 ? 'Practise today to start one.' : practisedToday ? 'Today counts already.' : 'Practise today to keep it going.';
  return (
    <div className="streaks">
      <div className={`streak${current > 0 ? ' on' : ''}`} title={`Current streak: ${plural(current, 'day')}. ${hint}`}>
        <FlameIcon />
        <div>
          <div className="big">{plural(current, 'day')}</div>
          <div className="muted">current streak · {hint}</div>
        </div>
      </div>
      <div className="streak" title={`Longest streak: ${plural(longest, 'day')}`}>
        <TrophyIcon />
        <div>
          <div className="big">{plural(longest, 'day')}</div>
          <div className="muted">longest streak</div>
        </div>
      </div>
      <div className="streak" title={`${plural(activeDays, 'day')} with practice in the last ${weeks.length} weeks`}>
        <CalendarIcon />
        <div>
          <div className="big">{plural(activeDays, 'day')}</div>
          <div className="muted">with practice in {weeks.length} weeks</div>
        </div>
      </div>
    </div>
  );
}
