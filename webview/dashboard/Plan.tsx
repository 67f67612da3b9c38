// The study plan's week: each target of the week (coding with follow-up parts, design, mocks,
// theory reviews, behavioural rehearsals) as a meter of done against target, and the week's
// competencies as chips (ticked once a question of it was rehearsed this week).
import { planCounts, type PlanSummary } from '../../src/core/dashboard/planCard';
import { plural, shortDay } from './format';

export function PlanCard({ plan }: { plan: PlanSummary }) {
  const { met, targets, rehearsed, competencies } = planCounts(plan);
  const when = plan.finished
    ? 'The plan is over: pick a new one from the Problems view'
    : !plan.started
      ? `Starts ${shortDay(plan.weekStartDay)}`
      : `Week ${plan.weekIndex + 1} of ${plan.weeks} · ${shortDay(plan.weekStartDay)} – ${shortDay(plan.weekEndDay)} · ${plural(plan.daysLeftInWeek, 'day')} left`;
  return (
    <section className="card wide plan" aria-label="This week's plan" data-testid="plan-card">
      <header>
        <div>
          <h2>This week’s plan</h2>
          <p className="muted">{plan.title} · {when}</p>
        </div>
        <div className="card-legend">
          <span className={met === targets ? 'plan-met' : 'muted'} data-testid="plan-met">{met} of {targets} targets met</span>
        </div>
      </header>
      <p className="plan-note">{plan.note}</p>
      <ul className="plan-rows">
        {plan.rows.map((r) => {
          const share = r.target ? Math.min(1, r.done / r.target) : 1;
          const done = r.done >= r.target;
          return (
            <li key={r.key} className={`plan-row${done ? ' met' : ''}`} data-key={r.key}>
              <span className="plan-label">{r.label}</span>
              <span className="plan-meter" role="meter" aria-valuemin={0} aria-valuemax={r.target} aria-valuenow={Math.min(r.done, r.target)} aria-label={`${r.label}: ${r.done} of ${r.target}`}>
                <span className="plan-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
              </span>
              <span className="plan-count">
                <strong>{r.done}</strong> / {r.target}
                {done ? ' ✓' : ''}
              </span>
            </li>
          );
        })}
      </ul>
      {plan.competencies.length > 0 && (
        <div className="plan-competencies">
          <span className={`small ${rehearsed === competencies ? 'plan-met' : 'muted'}`}>Competencies to rehearse this week ({rehearsed} of {competencies} rehearsed):</span>
          <ul className="chips">
            {plan.competencies.map((c) => (
              <li key={c.id} className={c.done ? 'chip covered' : 'chip missing'} title={c.done ? 'A question of this competency was rehearsed this week' : 'Not rehearsed this week yet'}>
                {c.done ? '✓ ' : ''}{c.title}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
