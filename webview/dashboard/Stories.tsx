// Behavioural stories' coverage: competencies (rows) x the user's stories (columns), gaps
// highlighted with a way to close them, and per company-value set the values no story covers.
import type { WebviewToHost } from '../../src/core/dashboard/protocol';
import type { StoryCoverage } from '../../src/core/stories/coverage';
import { singleClick } from '../common/clickGuard';
import { plural } from './format';

/** Columns drawn before the rest are summarised as "+N more". */
const MAX_COLUMNS = 10;

export function StoriesCard({ coverage, send }: { coverage: StoryCoverage; send: (m: WebviewToHost) => void }) {
  const shown = coverage.stories.slice(0, MAX_COLUMNS);
  const covered = coverage.competencies.length - coverage.gaps.length;
  return (
    <section className="card wide stories" aria-label="Behavioural stories" data-testid="stories-card">
      <header>
        <div>
          <h2>Behavioural stories</h2>
          <p className="muted">
            {plural(coverage.stories.length, 'story', 'stories')} · {covered} of {coverage.competencies.length} competencies covered
            {coverage.gaps.length ? ` · ${plural(coverage.gaps.length, 'gap')}` : ''}
          </p>
          {coverage.rehearsals && (
            <p className="muted" data-testid="rehearsal-line">
              {coverage.rehearsals.rehearsed
                ? `Rehearsals: ${plural(coverage.rehearsals.today, 'rehearsal')} today · ${plural(coverage.rehearsals.rehearsed, 'question')} rehearsed · ${coverage.rehearsals.dueToday} due today`
                : 'No rehearsals yet: "Rehearse a Question" picks one, gaps first.'}
            </p>
          )}
        </div>
        <div className="card-actions">
          <vscode-button secondary onClick={singleClick(() => send({ type: 'rehearse' }))}>Rehearse a Question</vscode-button>
          <vscode-button secondary onClick={singleClick(() => send({ type: 'newStory' }))}>New Story</vscode-button>
        </div>
      </header>
      <div className="coverage-scroll">
        <table className="coverage" aria-label="Competencies by story">
          <thead>
            <tr>
              <th scope="col">Competency</th>
              {shown.map((s, i) => (
                <th scope="col" key={s.path} className="story-col" title={`${s.title} (${s.path})${s.clean ? '' : ': the story checker has suggestions'}`}>
                  <button className="text-link" onClick={singleClick(() => send({ type: 'openStory', path: s.path }))}>
                    <span className="story-num">{i + 1}</span>
                    <span className="story-title">{s.title}</span>
                    {!s.clean && <span className="story-flag" aria-label="has suggestions">!</span>}
                  </button>
                </th>
              ))}
              {coverage.stories.length > shown.length && <th scope="col" className="muted">+{coverage.stories.length - shown.length} more</th>}
              <th scope="col" className="sr-only">Actions</th>
            </tr>
          </thead>
          <tbody>
            {coverage.competencies.map((c) => {
              const gap = !c.stories.length;
              return (
                <tr key={c.id} className={gap ? 'gap' : undefined} data-gap={gap ? 'true' : undefined}>
                  <th scope="row">
                    {c.title}
                    <span className="muted small"> · {plural(c.questions, 'question')}</span>
                  </th>
                  {shown.map((s, i) => (
                    <td key={s.path} className="cell">{c.stories.includes(i) ? <span className="dot" aria-label={`${s.title} covers ${c.title}`} /> : null}</td>
                  ))}
                  {coverage.stories.length > shown.length && <td className="cell muted small">{c.stories.filter((i) => i >= shown.length).length || ''}</td>}
                  <td className="row-actions">
                    {gap ? (
                      <>
                        <span className="gap-label">no story</span>
                        <button className="text-link" onClick={singleClick(() => send({ type: 'newStory', competency: c.id }))}>Write one</button>
                      </>
                    ) : (
                      <span className="muted small">{plural(c.stories.length, 'story', 'stories')}</span>
                    )}
                    <button className="text-link" onClick={singleClick(() => send({ type: 'rehearse', competency: c.id }))}>Rehearse</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {coverage.valueSets.length > 0 && (
        <div className="value-sets">
          {coverage.valueSets.map((vs) => {
            const missing = vs.values.filter((v) => !v.covered);
            return (
              <div key={vs.id} className="value-set" data-testid={`value-set-${vs.id}`}>
                <h3>
                  {vs.title} <span className="muted small">· {missing.length ? `${missing.length} of ${vs.values.length} without a story` : `all ${vs.values.length} covered`}</span>
                </h3>
                <ul className="chips">
                  {vs.values.map((v) => (
                    <li key={v.id} className={v.covered ? 'chip covered' : 'chip missing'} title={v.covered ? 'A story covers a competency this value is asked about' : 'No story yet for the questions this value is asked about'}>
                      {v.covered ? '✓ ' : ''}{v.name}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
