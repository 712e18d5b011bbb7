import type { Scorecard } from '../../../modules/feedback/feedback.contract.ts';
import { Badge } from '../../components/status.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { recommendationLabels } from './interview-format.ts';
import { draftFromBody, formatWeightedTotal, liveScore } from './scorecard-model.ts';

/** The text shown instead of a scorecard the blind rule hides. */
export const hiddenScorecardText = 'Hidden until you submit your own scorecard';

export function ScorecardStatus({ card }: { card: Pick<Scorecard, 'status' | 'revisions' | 'submittedAt'> }) {
  return (
    <>
      {card.status === 'submitted' ? <Badge tone="success">Submitted</Badge> : <Badge tone="warning">Draft</Badge>}
      {card.revisions > 0 ? (
        <>
          {' '}
          <Badge tone="info">Revision {card.revisions}</Badge>
        </>
      ) : null}
      {card.submittedAt ? <span className="muted"> {formatDateTime(card.submittedAt)}</span> : null}
    </>
  );
}

/**
 * A scorecard to read (someone else's once the blind rule allows, or one's own submitted one): the
 * ratings with evidence, the recommendation, notes and red flags. Redacted ones say why.
 */
export function ScorecardReadonly({ card, showHeader = true }: { card: Scorecard; showHeader?: boolean }) {
  if (card.redacted || !card.body) {
    return (
      <div className="iv-scorecard-view">
        {showHeader ? (
          <p className="iv-scorecard-view__head">
            <strong>{card.interviewer.name}</strong> · {card.roundName} <ScorecardStatus card={card} />
          </p>
        ) : null}
        <p className="muted">{hiddenScorecardText}</p>
      </div>
    );
  }
  const draft = draftFromBody(card.form, card.body);
  const total = liveScore(card.form, draft);
  return (
    <div className="iv-scorecard-view">
      {showHeader ? (
        <p className="iv-scorecard-view__head">
          <strong>{card.interviewer.name}</strong> · {card.roundName} <ScorecardStatus card={card} />
        </p>
      ) : null}
      <dl className="definition-list">
        <dt>Overall recommendation</dt>
        <dd>{card.body.recommendation ? recommendationLabels[card.body.recommendation] : '—'}</dd>
        <dt>Weighted</dt>
        <dd>{formatWeightedTotal(total.score)}</dd>
      </dl>
      <ul className="iv-rating-list">
        {card.form.competencies.map((c) => {
          const entry = draft.ratings[c.id];
          const choice = entry?.choice ?? null;
          return (
            <li key={c.id}>
              <strong>{c.name}</strong>: {choice === null ? 'not rated' : choice === 'na' ? 'not assessed' : `${choice} / 4`}
              {choice !== null && choice !== 'na' && c.anchors[String(choice)] ? <span className="muted"> ({c.anchors[String(choice)]})</span> : null}
              {entry?.evidence.trim() ? <p className="iv-evidence">{entry.evidence}</p> : null}
            </li>
          );
        })}
      </ul>
      {card.body.notes.trim() ? (
        <>
          <p className="iv-label">Notes</p>
          <p className="iv-evidence">{card.body.notes}</p>
        </>
      ) : null}
      {card.body.redFlags.length ? (
        <>
          <p className="iv-label">Red flags</p>
          <ul>
            {card.body.redFlags.map((f, i) => (
              <li key={`${i}-${f}`}>{f}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
