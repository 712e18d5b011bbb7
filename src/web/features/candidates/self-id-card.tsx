import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { getDemographicsRoute, requestDemographicsRoute } from '../../../modules/analytics/analytics.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { FormAlert } from '../../components/form.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { demographicLabel, demographicSourceLabel, selfIdAccess } from './self-id-model.ts';

export const demographicsKey = (candidateId: string) => ['candidate-demographics', candidateId] as const;

function Answers({ candidateId }: { candidateId: string }) {
  const q = useQuery({ queryKey: demographicsKey(candidateId), queryFn: () => api(getDemographicsRoute, { params: { id: candidateId } }) });
  if (q.isPending) return <Loading label="Loading the answers…" />;
  if (q.isError) return <LoadError error={q.error} what="the self-identification answers" onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d.provided) return <EmptyState>Not provided.</EmptyState>;
  return (
    <>
      <dl className="definition-list">
        <dt>Sex</dt>
        <dd>{demographicLabel(d.sex)}</dd>
        <dt>Race/ethnicity</dt>
        <dd>{demographicLabel(d.raceEthnicity)}</dd>
        <dt>Age</dt>
        <dd>{demographicLabel(d.ageBand)}</dd>
      </dl>
      {d.submittedAt ? (
        <p className="muted">
          Given {demographicSourceLabel(d.source)} on {formatDateTime(d.submittedAt)}
          {d.consentWordingVersion ? ` (consent wording ${d.consentWordingVersion})` : ''}.
        </p>
      ) : null}
    </>
  );
}

/**
 * Voluntary self-identification of a candidate (DECISIONS 35). Members holding `compliance` see the
 * answers (each read is audited); owners, admins and recruiters may email the candidate a link to the
 * form. Everyone else sees nothing of it.
 */
export function SelfIdCard({ candidateId, org }: { candidateId: string; org: { role: OrgRole; compliance: boolean } | null | undefined }) {
  const access = selfIdAccess(org);
  const headingId = useId();
  const [sent, setSent] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!access.read && !access.request) return null;

  const send = async () => {
    setBusy(true);
    setProblem(null);
    setSent(null);
    try {
      const r = await api(requestDemographicsRoute, { params: { id: candidateId } });
      setSent(`Sent to ${r.sentTo}. The link works once, until ${formatDateTime(r.expiresAt)}.`);
    } catch (e) {
      setProblem(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 className="card__title" id={headingId}>
        Self-identification
      </h2>
      <div className="card__body">
        <p className="muted">Voluntary answers (sex, race/ethnicity, age band), used only in aggregate to check the process for fairness.</p>
        {access.read ? <Answers candidateId={candidateId} /> : null}
      </div>
      {access.request ? (
        <div className="card__footer">
          {sent ? <Alert tone="success">{sent}</Alert> : null}
          <FormAlert message={problem ?? undefined} />
          <Button variant="secondary" size="sm" busy={busy} busyLabel="Sending…" onClick={() => void send()}>
            Send self-identification request
          </Button>
        </div>
      ) : null}
    </section>
  );
}
