import { useQuery } from '@tanstack/react-query';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { transcriptQuery } from './intelligence-queries.ts';
import { formatTimestamp, scorecardSuggestionText, strengthLabels, transcriptHref } from './transcript-format.ts';

/**
 * True once the element (or its parent) has been on screen. Without IntersectionObserver it is
 * true at once. The scorecard asks for the transcript only when a rating field is seen.
 */
function useSeen(ref: RefObject<HTMLElement | null>): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (seen) return;
    const el = ref.current?.parentElement ?? ref.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setSeen(true);
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}

/**
 * Beside a competency's rating on the scorecard: the transcript's evidence for it (quotes with their
 * time and strength) and the draft suggestion, collapsed. Shows nothing when the interview has no
 * transcript (or it cannot be read). It never touches the rating: the interviewer rates.
 */
export function TranscriptEvidence({ interviewId, competencyId, competencyName }: { interviewId: string; competencyId: string; competencyName: string }) {
  const anchor = useRef<HTMLSpanElement>(null);
  const seen = useSeen(anchor);
  const transcript = useQuery({ ...transcriptQuery(interviewId, false), enabled: seen && !!interviewId, retry: false });
  const view = transcript.data;
  if (!view) return <span ref={anchor} className="tx-sc-anchor" aria-hidden="true" />;
  const items = view.analysis.evidence.filter((e) => e.competencyId === competencyId);
  const suggestion = view.analysis.suggestions.find((s) => s.competencyId === competencyId);
  return (
    <details className="tx-sc-evidence">
      <summary>Evidence from the transcript</summary>
      <p className="tx-sc-evidence__suggestion">
        <strong>{scorecardSuggestionText(suggestion)}</strong>{' '}
        <span className="muted">— a draft from the transcript; it never sets your rating.</span>
      </p>
      {items.length === 0 ? (
        <p className="muted">No passages about {competencyName} in the transcript.</p>
      ) : (
        <ul className="tx-sc-evidence__list">
          {items.map((e, i) => (
            <li key={`${i}-${e.startMs}`}>
              <q className="tx-sc-evidence__quote">{e.quote}</q>{' '}
              <span className="tx-sc-evidence__meta">
                <Link to={transcriptHref(interviewId, e.startMs)} aria-label={`${formatTimestamp(e.startMs)} in the transcript`}>
                  {formatTimestamp(e.startMs)}
                </Link>{' '}
                · {strengthLabels[e.strength] ?? e.strength}
                {e.negative ? ' · a concern' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={transcriptHref(interviewId)}>Open the transcript</Link>
      </p>
    </details>
  );
}
