import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useParams } from 'react-router';
import {
  createRetentionPolicyRoute,
  deleteRetentionPolicyRoute,
  listLegalHoldsRoute,
  listPrivacyRequestsRoute,
  listReceiptsRoute,
  listRetentionPoliciesRoute,
  listRetentionRunsRoute,
  previewRetentionRoute,
  type PrivacyRequest,
  privacyRequestKindLabels,
  resolvePrivacyRequestRoute,
  type RetentionPolicy,
  retentionPolicyInputSchema,
  type RetentionRun,
  runRetentionRoute,
  updateRetentionPolicyRoute,
} from '../../../modules/privacy/privacy.contract.ts';
import { RequireOrgAdmin } from '../../app/guards.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { SubNav } from '../../components/subnav.tsx';
import { Table } from '../../components/table.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { applyServerError, toApiError } from '../../lib/forms.ts';
import { EraseDialog } from './erase-dialog.tsx';
import {
  appliesToLabels,
  countSummary,
  monthsLabel,
  privacyRequestsKey,
  receiptsKey,
  receiptTriggerLabels,
  receiptUrl,
  requestStatusLabels,
  retentionActionLabels,
  retentionPoliciesKey,
  totalCount,
} from './privacy-model.ts';

const sections = [
  { to: '/privacy', label: 'Requests' },
  { to: '/privacy/retention', label: 'Retention' },
  { to: '/privacy/legal-holds', label: 'Legal holds' },
  { to: '/privacy/receipts', label: 'Receipts' },
] as const;

/** Privacy and trust for owners and admins: the request queue, retention, legal holds and erasure receipts. */
export function PrivacyPage() {
  const { section } = useParams();
  return (
    <RequireOrgAdmin title="Privacy">
      <PageHeader title="Privacy" description="Candidates’ data requests, how long data is kept, legal holds and the receipts of every erasure." />
      <SubNav label="Privacy" items={sections} />
      {section === undefined ? (
        <RequestsSection />
      ) : section === 'retention' ? (
        <RetentionSection />
      ) : section === 'legal-holds' ? (
        <LegalHoldsSection />
      ) : section === 'receipts' ? (
        <ReceiptsSection />
      ) : (
        <Navigate to="/privacy" replace />
      )}
    </RequireOrgAdmin>
  );
}

// ── Requests ──────────────────────────────────────────────────────────────────────────────────────

function ResolveForm({ request, status, onDone, onCancel }: { request: PrivacyRequest; status: 'completed' | 'declined'; onDone: (r: PrivacyRequest) => void; onCancel: () => void }) {
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) {
      setNoteError('Record what was done or why it was declined');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setNoteError(undefined);
    try {
      onDone(await api(resolvePrivacyRequestRoute, { params: { id: request.id }, body: { status, note: note.trim() } }));
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.issues.note) setNoteError(apiError.issues.note);
      else setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="privacy-dialog" role="dialog" aria-labelledby={titleId}>
      <h3 className="privacy-dialog__title" id={titleId}>
        {status === 'completed' ? 'Mark completed' : 'Decline'}: {privacyRequestKindLabels[request.kind].toLowerCase()}
        {request.candidateName ? ` from ${request.candidateName}` : ''}
      </h3>
      <Form onSubmit={(e) => void submit(e)} aria-labelledby={titleId}>
        <TextAreaField
          label={status === 'completed' ? 'What was done' : 'Why it is declined'}
          hint="Kept with the request. Write it for the record; the candidate is not emailed."
          rows={3}
          maxLength={2000}
          value={note}
          error={noteError}
          onChange={(e) => setNote(e.target.value)}
        />
        <FormAlert message={problem} />
        <FormActions>
          <Button type="submit" variant={status === 'declined' ? 'danger' : 'primary'} busy={busy} busyLabel="Saving…">
            {status === 'completed' ? 'Save and mark completed' : 'Save and decline'}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}

type RequestAction = { request: PrivacyRequest; kind: 'erase' | 'completed' | 'declined' };

function RequestsSection() {
  const client = useQueryClient();
  const showClosedId = useId();
  const [showClosed, setShowClosed] = useState(false);
  const [action, setAction] = useState<RequestAction | null>(null);
  const [done, setDone] = useState<string | undefined>();
  const status = showClosed ? 'all' : 'open';
  const q = useQuery({ queryKey: privacyRequestsKey(status), queryFn: () => api(listPrivacyRequestsRoute, { query: { status } }) });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['privacy', 'requests'] });
    await client.invalidateQueries({ queryKey: receiptsKey });
  };
  const items = q.data?.items ?? [];

  return (
    <section aria-labelledby="privacy-requests">
      <h2 id="privacy-requests">Requests</h2>
      <p className="muted">Requests candidates sent from their privacy notice link. Each must be answered within a month of receipt.</p>
      <div className="field">
        <label className="choice" htmlFor={showClosedId}>
          <input id={showClosedId} type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} />
          <span className="choice__label">Show closed requests</span>
        </label>
      </div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {q.isPending ? (
        <Loading label="Loading the requests…" />
      ) : q.isError ? (
        <LoadError error={q.error} what="the requests" onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{showClosed ? 'No privacy requests yet.' : 'No open requests.'}</EmptyState>
      ) : (
        <Table caption="Privacy requests">
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Candidate</th>
              <th scope="col">Received</th>
              <th scope="col">Due</th>
              <th scope="col">Message</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{privacyRequestKindLabels[r.kind]}</td>
                <td>{r.candidateId && r.candidateName ? <Link to={`/candidates/${r.candidateId}`}>{r.candidateName}</Link> : <Badge>Erased</Badge>}</td>
                <td className="nowrap">
                  <time dateTime={r.createdAt}>{formatDate(r.createdAt)}</time>
                </td>
                <td className="nowrap">
                  <time dateTime={r.dueAt}>{formatDate(r.dueAt)}</time> {r.status === 'open' && r.overdue ? <Badge tone="danger">Overdue</Badge> : null}
                </td>
                <td className="iv-prewrap">{r.message ?? <span className="muted">—</span>}</td>
                <td>
                  {r.status === 'open' ? (
                    <div className="privacy-actions">
                      {r.kind === 'erasure' && r.candidateId && r.candidateName ? (
                        <Button size="sm" variant="danger" onClick={() => { setDone(undefined); setAction({ request: r, kind: 'erase' }); }}>
                          Erase…
                        </Button>
                      ) : null}
                      {r.kind !== 'erasure' ? (
                        <Button size="sm" variant="secondary" onClick={() => { setDone(undefined); setAction({ request: r, kind: 'completed' }); }}>
                          Mark completed
                        </Button>
                      ) : null}
                      <Button size="sm" variant="secondary" onClick={() => { setDone(undefined); setAction({ request: r, kind: 'declined' }); }}>
                        Decline
                      </Button>
                    </div>
                  ) : (
                    <>
                      <Badge tone={r.status === 'completed' ? 'success' : 'neutral'}>{requestStatusLabels[r.status]}</Badge>
                      {r.resolvedAt ? <span className="muted"> {formatDate(r.resolvedAt)}</span> : null}
                      {r.resolvedBy ? <span className="muted"> by {r.resolvedBy.name}</span> : null}
                      {r.receiptId ? (
                        <>
                          {' '}
                          <a href={receiptUrl(r.receiptId, 'html')} target="_blank" rel="noreferrer">
                            Receipt
                          </a>
                        </>
                      ) : null}
                      {r.resolutionNote ? <p className="muted iv-prewrap">{r.resolutionNote}</p> : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {action?.kind === 'erase' && action.request.candidateId && action.request.candidateName ? (
        <EraseDialog
          key={action.request.id}
          candidateId={action.request.candidateId}
          candidateName={action.request.candidateName}
          requestId={action.request.id}
          onErased={() => void refresh()}
          onClose={() => setAction(null)}
        />
      ) : action && action.kind !== 'erase' ? (
        <ResolveForm
          key={`${action.request.id}-${action.kind}`}
          request={action.request}
          status={action.kind}
          onCancel={() => setAction(null)}
          onDone={(r) => {
            setAction(null);
            setDone(r.status === 'completed' ? 'Request marked completed.' : 'Request declined.');
            void refresh();
          }}
        />
      ) : null}
    </section>
  );
}

// ── Retention ─────────────────────────────────────────────────────────────────────────────────────

const policyFields = ['name', 'appliesTo', 'afterMonths', 'action', 'enabled'] as const;

function PolicyForm({ policy, onDone, onCancel }: { policy: RetentionPolicy | null; onDone: (p: RetentionPolicy) => void; onCancel: () => void }) {
  const enabledId = useId();
  const form = useForm({
    resolver: zodResolver(retentionPolicyInputSchema),
    defaultValues: policy
      ? { name: policy.name, appliesTo: policy.appliesTo, afterMonths: policy.afterMonths, action: policy.action, enabled: policy.enabled }
      : { name: '', appliesTo: 'rejected' as const, afterMonths: 12, action: 'erase' as const, enabled: true },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const saved = policy
        ? await api(updateRetentionPolicyRoute, { params: { id: policy.id }, body })
        : await api(createRetentionPolicyRoute, { body });
      onDone(saved);
    } catch (e) {
      applyServerError(form.setError, e, policyFields);
    }
  });
  return (
    <Card title={policy ? `Edit “${policy.name}”` : 'New retention policy'} headingLevel={3}>
      <Form onSubmit={(e) => void onSubmit(e)} aria-label={policy ? 'Edit the retention policy' : 'New retention policy'}>
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
        <SelectField
          label="Applies to"
          options={Object.entries(appliesToLabels).map(([value, label]) => ({ value, label }))}
          error={errors.appliesTo?.message}
          {...form.register('appliesTo')}
        />
        <TextField
          label="After (months)"
          hint="Counted from the application’s closing (rejection or hire). 0 acts at the next run."
          type="number"
          inputMode="numeric"
          min={0}
          max={600}
          className="field--short"
          error={errors.afterMonths?.message}
          {...form.register('afterMonths', { valueAsNumber: true })}
        />
        <SelectField
          label="Action"
          options={Object.entries(retentionActionLabels).map(([value, label]) => ({ value, label }))}
          error={errors.action?.message}
          {...form.register('action')}
        />
        <div className="field">
          <label className="choice" htmlFor={enabledId}>
            <input id={enabledId} type="checkbox" {...form.register('enabled')} />
            <span className="choice__label">Enabled</span>
          </label>
          {errors.enabled?.message ? <p className="field__error">{errors.enabled.message}</p> : null}
        </div>
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Saving…">
            {policy ? 'Save the policy' : 'Add the policy'}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}

function RetentionPreviewView() {
  const q = useQuery({ queryKey: ['privacy', 'retention-preview'], queryFn: () => api(previewRetentionRoute), staleTime: 0 });
  if (q.isPending) return <Loading label="Working out the next run…" />;
  if (q.isError) return <LoadError error={q.error} what="the preview" onRetry={() => void q.refetch()} />;
  const p = q.data;
  const list = (title: string, items: typeof p.due, empty: string, extra?: (i: (typeof p.held)[number]) => string) => (
    <div className="privacy-block">
      <h4 className="privacy-block__title">
        {title} ({items.length})
      </h4>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain-list">
          {items.map((i) => (
            <li key={`${i.candidateId}-${i.action}`}>
              <Link to={`/candidates/${i.candidateId}`}>{i.candidateName}</Link>: {retentionActionLabels[i.action].toLowerCase()}, due {formatDate(i.dueAt)}
              {extra ? ` — ${extra(i as (typeof p.held)[number])}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section className="privacy-preview" aria-label="Preview of the next run">
      <p className="muted">As of {formatDateTime(p.asOf)}. Nothing has been changed.</p>
      {list('Due now', p.due, 'Nothing is due.')}
      {list('Held by a legal hold', p.held, 'Nothing is held back.', (i) => `on hold: ${i.holdReason}`)}
      {list('Coming in the next 90 days', p.upcoming, 'Nothing in the next 90 days.')}
    </section>
  );
}

function RunResult({ run }: { run: RetentionRun }) {
  return (
    <Alert tone="success" title="Retention run finished.">
      <p>
        Erased {run.erased}, interview data deleted for {run.purged}, held back by a legal hold {run.held}. {run.receiptIds.length} receipts written.
      </p>
    </Alert>
  );
}

function RetentionSection() {
  const client = useQueryClient();
  const policies = useQuery({ queryKey: retentionPoliciesKey, queryFn: () => api(listRetentionPoliciesRoute) });
  const runs = useQuery({ queryKey: ['privacy', 'retention-runs'], queryFn: () => api(listRetentionRunsRoute, { query: { limit: 20 } }) });
  const [editing, setEditing] = useState<RetentionPolicy | 'new' | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [lastRun, setLastRun] = useState<RetentionRun | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: retentionPoliciesKey });
    await client.invalidateQueries({ queryKey: ['privacy', 'retention-preview'] });
  };

  const remove = async (p: RetentionPolicy) => {
    if (!window.confirm(`Remove the policy “${p.name}”? Candidates it would have applied to are kept.`)) return;
    setBusy(p.id);
    setProblem(undefined);
    setDone(undefined);
    try {
      await api(deleteRetentionPolicyRoute, { params: { id: p.id } });
      setDone('Policy removed.');
      await refresh();
    } catch (e) {
      setProblem(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const runNow = async () => {
    if (!window.confirm('Apply the retention policies now? Candidates due are erased for good (a receipt is kept for each).')) return;
    setBusy('run');
    setProblem(undefined);
    setDone(undefined);
    try {
      setLastRun(await api(runRetentionRoute));
      await client.invalidateQueries({ queryKey: ['privacy'] });
    } catch (e) {
      setProblem(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const policyItems = policies.data?.items ?? [];
  return (
    <section aria-labelledby="privacy-retention">
      <h2 id="privacy-retention">Retention</h2>
      <p className="muted">
        Policies erase candidates, or delete their interview data, some months after their applications close. Active applications and candidates under a
        legal hold are never touched. A daily job applies them.
      </p>
      {done ? <Alert tone="success">{done}</Alert> : null}
      <FormAlert message={problem} />
      {policies.isPending ? (
        <Loading label="Loading the policies…" />
      ) : policies.isError ? (
        <LoadError error={policies.error} what="the retention policies" onRetry={() => void policies.refetch()} />
      ) : policyItems.length === 0 ? (
        <EmptyState>No retention policies: data is kept until someone erases it.</EmptyState>
      ) : (
        <Table caption="Retention policies">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Applies to</th>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Enabled</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {policyItems.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{appliesToLabels[p.appliesTo]}</td>
                <td>{monthsLabel(p.afterMonths)}</td>
                <td>{retentionActionLabels[p.action]}</td>
                <td>{p.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Off</Badge>}</td>
                <td>
                  <div className="privacy-actions">
                    <Button size="sm" variant="secondary" aria-label={`Edit ${p.name}`} onClick={() => { setDone(undefined); setEditing(p); }}>
                      Edit
                    </Button>
                    <Button size="sm" variant="secondary" aria-label={`Remove ${p.name}`} busy={busy === p.id} busyLabel="Removing…" onClick={() => void remove(p)}>
                      Remove
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {editing ? (
        <PolicyForm
          key={editing === 'new' ? 'new' : editing.id}
          policy={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onDone={(p) => {
            setEditing(null);
            setDone(editing === 'new' ? `Policy “${p.name}” added.` : `Policy “${p.name}” saved.`);
            void refresh();
          }}
        />
      ) : (
        <FormActions>
          <Button variant="secondary" onClick={() => { setDone(undefined); setEditing('new'); }}>
            Add a policy
          </Button>
        </FormActions>
      )}

      <h3>Next run</h3>
      <FormActions>
        <Button variant="secondary" onClick={() => setPreviewing((v) => !v)} aria-expanded={previewing}>
          {previewing ? 'Hide the preview' : 'Preview next run'}
        </Button>
        <Button variant="danger" busy={busy === 'run'} busyLabel="Running…" onClick={() => void runNow()}>
          Run now
        </Button>
      </FormActions>
      {lastRun ? <RunResult run={lastRun} /> : null}
      {previewing ? <RetentionPreviewView /> : null}

      <h3>Runs</h3>
      {runs.isPending ? (
        <Loading label="Loading the runs…" />
      ) : runs.isError ? (
        <LoadError error={runs.error} what="the runs" onRetry={() => void runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <EmptyState>No runs yet.</EmptyState>
      ) : (
        <Table caption="Retention runs">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Trigger</th>
              <th scope="col">Erased</th>
              <th scope="col">Interview data deleted</th>
              <th scope="col">Held</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.ranAt)}</td>
                <td>{r.trigger === 'manual' ? `By hand${r.ranBy ? ` (${r.ranBy.name})` : ''}` : 'Daily job'}</td>
                <td className="jobs-num">{r.erased}</td>
                <td className="jobs-num">{r.purged}</td>
                <td className="jobs-num">{r.held}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

// ── Legal holds and receipts ──────────────────────────────────────────────────────────────────────

function LegalHoldsSection() {
  const q = useQuery({ queryKey: ['privacy', 'legal-holds'], queryFn: () => api(listLegalHoldsRoute) });
  return (
    <section aria-labelledby="privacy-holds">
      <h2 id="privacy-holds">Legal holds</h2>
      <p className="muted">Candidates whose data must be kept (a dispute, an audit): retention and erasure skip them. Place or release a hold on the candidate’s page.</p>
      {q.isPending ? (
        <Loading label="Loading the legal holds…" />
      ) : q.isError ? (
        <LoadError error={q.error} what="the legal holds" onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <EmptyState>No candidate is under a legal hold.</EmptyState>
      ) : (
        <Table caption="Legal holds">
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Reason</th>
              <th scope="col">Since</th>
              <th scope="col">Placed by</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((h) => (
              <tr key={h.candidateId}>
                <td>
                  <Link to={`/candidates/${h.candidateId}`}>{h.candidateName}</Link>
                </td>
                <td className="iv-prewrap">{h.reason}</td>
                <td>{formatDate(h.placedAt)}</td>
                <td>{h.placedBy?.name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

function ReceiptsSection() {
  const q = useQuery({ queryKey: receiptsKey, queryFn: () => api(listReceiptsRoute, { query: { limit: 100 } }) });
  return (
    <section aria-labelledby="privacy-receipts">
      <h2 id="privacy-receipts">Erasure receipts</h2>
      <p className="muted">One receipt per erasure: what was removed and what was kept without personal data. Receipts hold no names or contact details.</p>
      {q.isPending ? (
        <Loading label="Loading the receipts…" />
      ) : q.isError ? (
        <LoadError error={q.error} what="the receipts" onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <EmptyState>No erasures yet.</EmptyState>
      ) : (
        <Table caption="Erasure receipts">
          <thead>
            <tr>
              <th scope="col">Erased</th>
              <th scope="col">Trigger</th>
              <th scope="col">By</th>
              <th scope="col">Removed</th>
              <th scope="col">Kept</th>
              <th scope="col">Downloads</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">
                  <time dateTime={r.erasedAt}>{formatDateTime(r.erasedAt)}</time>
                </td>
                <td>{receiptTriggerLabels[r.trigger]}</td>
                <td>{r.erasedBy?.name ?? <span className="muted">—</span>}</td>
                <td title={countSummary(r.removed)}>{totalCount(r.removed)}</td>
                <td title={countSummary(r.kept)}>{totalCount(r.kept)}</td>
                <td>
                  <div className="privacy-actions">
                    <a href={receiptUrl(r.id, 'json')} download aria-label={`Download JSON of receipt ${r.id}`}>
                      Download JSON
                    </a>
                    <a href={receiptUrl(r.id, 'html')} target="_blank" rel="noreferrer" aria-label={`Open printable receipt ${r.id}`}>
                      Open printable
                    </a>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
