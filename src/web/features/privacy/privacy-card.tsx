import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import {
  type CandidatePrivacy,
  getCandidatePrivacyRoute,
  listRetentionPoliciesRoute,
  placeLegalHoldRoute,
  privacyRequestKindLabels,
  releaseLegalHoldRoute,
  sendNoticeLinkRoute,
} from '../../../modules/privacy/privacy.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { api } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { CopyField } from '../scheduling/copy-field.tsx';
import { EraseDialog } from './erase-dialog.tsx';
import { exportUrl, privacyAccess, requestStatusLabels, retentionPoliciesKey } from './privacy-model.ts';

export const candidatePrivacyKey = (candidateId: string) => ['candidate-privacy', candidateId] as const;

const consentKindLabels: Record<CandidatePrivacy['consents'][number]['kind'], string> = {
  recording: 'Interview recording',
  demographics: 'Self-identification',
};

function LegalHold({ candidateId, privacy, canManage }: { candidateId: string; privacy: CandidatePrivacy; canManage: boolean }) {
  const client = useQueryClient();
  const [placing, setPlacing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const hold = privacy.legalHold;

  const refresh = () => client.invalidateQueries({ queryKey: candidatePrivacyKey(candidateId) });

  const place = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError('Say why the data must be kept');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setReasonError(undefined);
    try {
      await api(placeLegalHoldRoute, { params: { id: candidateId }, body: { reason: reason.trim() } });
      setPlacing(false);
      setReason('');
      setDone('Legal hold placed: retention and erasure are suspended.');
      await refresh();
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.issues.reason) setReasonError(apiError.issues.reason);
      else setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  const release = async () => {
    if (!window.confirm('Release the legal hold? Retention policies and erasure apply again.')) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await api(releaseLegalHoldRoute, { params: { id: candidateId } });
      setDone('Legal hold released.');
      await refresh();
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="privacy-block">
      <h3 className="privacy-block__title">Legal hold</h3>
      {done ? <Alert tone="success">{done}</Alert> : null}
      <FormAlert message={problem} />
      {hold ? (
        <p>
          <Badge tone="warning">On hold</Badge> {hold.reason}{' '}
          <span className="muted">
            (since {formatDate(hold.placedAt)}
            {hold.placedBy ? `, by ${hold.placedBy.name}` : ''})
          </span>
        </p>
      ) : (
        <p className="muted">No legal hold.</p>
      )}
      {canManage && placing ? (
        <Form onSubmit={(e) => void place(e)} aria-label="Place a legal hold">
          <TextAreaField
            label="Reason for the hold"
            hint="Shown to owners and admins; keep names and other personal data out of it."
            rows={2}
            maxLength={500}
            value={reason}
            error={reasonError}
            onChange={(e) => setReason(e.target.value)}
          />
          <FormActions>
            <Button type="submit" size="sm" busy={busy} busyLabel="Placing…">
              {hold ? 'Update the hold' : 'Place the hold'}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setPlacing(false)}>
              Cancel
            </Button>
          </FormActions>
        </Form>
      ) : canManage ? (
        <FormActions>
          <Button variant="secondary" size="sm" onClick={() => { setPlacing(true); setReason(hold?.reason ?? ''); setDone(undefined); }}>
            {hold ? 'Change the reason…' : 'Place a legal hold…'}
          </Button>
          {hold ? (
            <Button variant="secondary" size="sm" busy={busy} busyLabel="Releasing…" onClick={() => void release()}>
              Release the hold
            </Button>
          ) : null}
        </FormActions>
      ) : null}
    </div>
  );
}

function NoticeLink({ candidateId, privacy }: { candidateId: string; privacy: CandidatePrivacy }) {
  const client = useQueryClient();
  const [sent, setSent] = useState<{ sentTo: string; url: string; expiresAt: string } | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const last = privacy.lastNoticeLink;

  const send = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      setSent(await api(sendNoticeLinkRoute, { params: { id: candidateId } }));
      await client.invalidateQueries({ queryKey: candidatePrivacyKey(candidateId) });
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="privacy-block">
      <h3 className="privacy-block__title">Privacy notice</h3>
      <p className="muted">
        The link opens the privacy notice for this candidate, where they can ask for a copy of their data, its erasure or a human review.
        {last
          ? ` Last link sent ${formatDateTime(last.createdAt)}; ${last.usedAt ? `used ${formatDateTime(last.usedAt)}` : `works until ${formatDateTime(last.expiresAt)}`}.`
          : ''}
      </p>
      {sent ? (
        <>
          <Alert tone="success">
            Sent to {sent.sentTo}. The link works once, until {formatDateTime(sent.expiresAt)}.
          </Alert>
          <CopyField label="Privacy notice link" value={sent.url} />
        </>
      ) : null}
      <FormAlert message={problem} />
      <FormActions>
        <Button variant="secondary" size="sm" busy={busy} busyLabel="Sending…" onClick={() => void send()}>
          Send privacy notice link
        </Button>
      </FormActions>
    </div>
  );
}

function PrivacyDetails({ candidateId, candidateName, role }: { candidateId: string; candidateName: string; role: OrgRole | null | undefined }) {
  const access = privacyAccess(role);
  const [erasing, setErasing] = useState(false);
  const q = useQuery({ queryKey: candidatePrivacyKey(candidateId), queryFn: () => api(getCandidatePrivacyRoute, { params: { id: candidateId } }) });
  // Policy names for the retention line (the list is for owners and admins; others see "a retention policy").
  const policies = useQuery({ queryKey: retentionPoliciesKey, queryFn: () => api(listRetentionPoliciesRoute), enabled: access.manage });
  if (q.isPending) return <Loading label="Loading the privacy details…" />;
  if (q.isError) return <LoadError error={q.error} what="the privacy details" onRetry={() => void q.refetch()} />;
  const p = q.data;
  const policyLabel = (ids: readonly string[]) => {
    const names = ids.map((id) => policies.data?.items.find((x) => x.id === id)?.name).filter((n): n is string => !!n);
    if (names.length === ids.length && names.length > 0) return `${names.length === 1 ? 'policy' : 'policies'} ${names.map((n) => `“${n}”`).join(', ')}`;
    return ids.length === 1 ? 'a retention policy' : `${ids.length} retention policies`;
  };
  return (
    <>
      <LegalHold candidateId={candidateId} privacy={p} canManage={access.manage} />

      <div className="privacy-block">
        <h3 className="privacy-block__title">Retention</h3>
        {p.retention.length === 0 ? (
          <p>No retention action scheduled.</p>
        ) : (
          <ul className="plain-list">
            {p.retention.map((r) => (
              <li key={`${r.action}-${r.dueAt}`}>
                Scheduled for {r.action === 'erase' ? 'erasure' : 'deletion of interview data'} on <time dateTime={r.dueAt}>{formatDate(r.dueAt)}</time> by{' '}
                {policyLabel(r.policyIds)}
                {p.legalHold ? ' (suspended while the legal hold lasts)' : ''}.
              </li>
            ))}
          </ul>
        )}
        {p.interviewDataPurgedAt ? <p className="muted">Interview data deleted on {formatDate(p.interviewDataPurgedAt)}.</p> : null}
      </div>

      <div className="privacy-block">
        <h3 className="privacy-block__title">Consents</h3>
        {p.consents.length === 0 ? (
          <EmptyState>No consents recorded.</EmptyState>
        ) : (
          <ul className="plain-list">
            {p.consents.map((c) => (
              <li key={c.id}>
                {consentKindLabels[c.kind]}: given {formatDateTime(c.givenAt)}
                {c.withdrawnAt ? <>, <Badge tone="warning">withdrawn</Badge> {formatDateTime(c.withdrawnAt)}</> : null}{' '}
                <span className="muted">(wording {c.wordingVersion})</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="privacy-block">
        <h3 className="privacy-block__title">Requests</h3>
        {p.requests.length === 0 ? (
          <EmptyState>No privacy requests from this candidate.</EmptyState>
        ) : (
          <ul className="plain-list">
            {p.requests.map((r) => (
              <li key={r.id}>
                {privacyRequestKindLabels[r.kind]} — received {formatDate(r.createdAt)},{' '}
                {r.status === 'open' ? (
                  <>
                    due {formatDate(r.dueAt)} {r.overdue ? <Badge tone="danger">Overdue</Badge> : <Badge tone="info">Open</Badge>}
                  </>
                ) : (
                  <Badge tone={r.status === 'completed' ? 'success' : 'neutral'}>{requestStatusLabels[r.status]}</Badge>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>

      <NoticeLink candidateId={candidateId} privacy={p} />

      {access.manage ? (
        <div className="privacy-block">
          <h3 className="privacy-block__title">Export</h3>
          <p className="muted">Everything held about the candidate, for an access request. Each export is recorded in the audit log.</p>
          <p className="link-row">
            <a className="btn btn--secondary btn--sm" href={exportUrl(candidateId, 'json')} download>
              Download JSON
            </a>
            <a className="btn btn--secondary btn--sm" href={exportUrl(candidateId, 'html')} target="_blank" rel="noreferrer">
              Printable report (HTML)
            </a>
            <a className="btn btn--secondary btn--sm" href={exportUrl(candidateId, 'pdf')} download>
              PDF
            </a>
          </p>
        </div>
      ) : null}

      {access.manage ? (
        <div className="privacy-block privacy-danger">
          <h3 className="privacy-block__title">Danger zone</h3>
          {erasing ? (
            <EraseDialog candidateId={candidateId} candidateName={candidateName} onClose={() => setErasing(false)} />
          ) : (
            <>
              {p.legalHold ? <p className="muted">Under a legal hold, erasure is refused until the hold is released.</p> : null}
              <Button variant="danger" size="sm" onClick={() => setErasing(true)}>
                Erase candidate…
              </Button>
            </>
          )}
        </div>
      ) : null}
    </>
  );
}

/**
 * "Privacy and data rights" on the candidate page (owners, admins and recruiters): legal hold,
 * retention schedule, consents, requests, the notice link; exports and erasure for owners and admins.
 */
export function PrivacyCard({ candidateId, candidateName, role }: { candidateId: string; candidateName: string; role: OrgRole | null | undefined }) {
  const headingId = useId();
  if (!privacyAccess(role).view) return null;
  return (
    <section className="card privacy-card" aria-labelledby={headingId}>
      <h2 className="card__title" id={headingId}>
        Privacy and data rights
      </h2>
      <div className="card__body">
        <PrivacyDetails candidateId={candidateId} candidateName={candidateName} role={role} />
      </div>
    </section>
  );
}
