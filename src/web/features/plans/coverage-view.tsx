import type { Coverage } from '../../../core/plans/coverage.ts';

/** The competency × round matrix and its warnings (a guide's findings or the editor's live analysis). */
export function CoverageView({ coverage, rounds, headingLevel = 2, title = 'Coverage' }: { coverage: Coverage; rounds: readonly { id: string; name: string }[]; headingLevel?: 2 | 3; title?: string }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="profile-section coverage" aria-labelledby="coverage-title">
      <Heading id="coverage-title">{title}</Heading>
      <div className="table-wrap" role="region" aria-label="Coverage matrix: competency by round" tabIndex={0}>
        <table className="table coverage__table">
          <caption className="table__caption">Which round assesses which competency (R = rated on the scorecard; number = questions on it)</caption>
          <thead>
            <tr>
              <th scope="col">Competency (weight)</th>
              {rounds.map((r) => (
                <th scope="col" key={r.id}>
                  {r.name}
                </th>
              ))}
              <th scope="col">Rounds</th>
              <th scope="col">Interviewers</th>
            </tr>
          </thead>
          <tbody>
            {coverage.rows.map((row) => (
              <tr key={row.competencyId}>
                <th scope="row">
                  {row.name} ({row.weight})
                </th>
                {rounds.map((r) => {
                  const cell = row.cells[r.id];
                  return (
                    <td key={r.id} className={cell?.assessed ? 'coverage__cell coverage__cell--rated' : 'coverage__cell'}>
                      {cell?.assessed ? <abbr title="Rated on this round's scorecard">R</abbr> : null}
                      {cell?.assessed && cell.questions ? ' · ' : null}
                      {cell?.questions ? <span>{cell.questions}<span className="visually-hidden"> question{cell.questions === 1 ? '' : 's'}</span></span> : null}
                      {!cell?.assessed && !cell?.questions ? <><span aria-hidden="true">–</span><span className="visually-hidden">not covered</span></> : null}
                    </td>
                  );
                })}
                <td>{row.assessments}</td>
                <td>{row.interviewers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {coverage.warnings.length ? (
        <>
          <p className="coverage__warnings-title">
            <strong>
              {coverage.warnings.length} warning{coverage.warnings.length === 1 ? '' : 's'}
            </strong>
          </p>
          <ul className="coverage__warnings">
            {coverage.warnings.map((w, i) => (
              <li key={`${w.code}-${w.competencyId ?? w.roundId ?? i}`}>{w.message}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="coverage__ok">No coverage warnings: every competency is assessed at least twice by more than one interviewer.</p>
      )}
    </section>
  );
}
