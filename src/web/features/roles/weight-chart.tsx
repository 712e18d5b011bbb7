import { axisTicks, chartRows } from './weight-chart.ts';

export interface ChartRole {
  id: string;
  title: string;
  abbreviation: string;
}

/**
 * Competency weights of 2–3 roles as grouped horizontal bars. The chart is a real table (competency
 * and role are header cells of each value), so assistive technology reads it as data; the bars are
 * decoration next to the printed numbers, and each role has a colour and its abbreviation.
 */
export function WeightChart({
  roles,
  competencies,
}: {
  roles: readonly ChartRole[];
  competencies: readonly { competencyId: string; name: string; weights: Record<string, number>; shared: boolean }[];
}) {
  const rows = chartRows(competencies, roles.map((r) => r.id));
  const colorOf = (roleId: string) => `role-color-${roles.findIndex((r) => r.id === roleId)}`;
  return (
    <figure className="weight-chart">
      <ul className="chart-legend" aria-label="Legend">
        {roles.map((r) => (
          <li key={r.id}>
            <span className={`chart-legend__swatch ${colorOf(r.id)}`} aria-hidden="true" />
            {r.title} ({r.abbreviation})
          </li>
        ))}
      </ul>
      <div className="table-wrap" role="region" aria-label="Competency weights chart" tabIndex={0}>
        <table className="weight-chart__table">
          <caption className="table__caption">Competency weights by role, 0 (not needed) to 5 (critical)</caption>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">Role</th>
              <th scope="col">
                Weight
                <span className="weight-chart__axis" aria-hidden="true">
                  {axisTicks().map((t) => (
                    <span key={t.value} className="weight-chart__tick" style={{ left: `${t.percent}%` }}>
                      {t.value}
                    </span>
                  ))}
                </span>
              </th>
            </tr>
          </thead>
          {rows.map((row) => (
            <tbody key={row.competencyId} className="weight-chart__group">
              {row.bars.map((bar, i) => {
                const role = roles.find((r) => r.id === bar.roleId)!;
                return (
                  <tr key={bar.roleId}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={row.bars.length} className="weight-chart__competency">
                          {row.name}
                        </th>
                      ) : null}
                      <th scope="row" className="weight-chart__role">
                        <abbr title={role.title}>{role.abbreviation}</abbr>
                      </th>
                      <td className="weight-chart__cell">
                        <span className="weight-chart__track" aria-hidden="true">
                          {bar.percent > 0 ? <span className={`weight-chart__bar ${colorOf(bar.roleId)}`} style={{ width: `${bar.percent}%` }} /> : null}
                        </span>
                        <span className="weight-chart__value">{bar.value === 0 ? '0 (not weighted)' : bar.value}</span>
                      </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
      <figcaption className="muted">
        Sorted by combined weight. A competency a role does not weigh shows 0.
      </figcaption>
    </figure>
  );
}
