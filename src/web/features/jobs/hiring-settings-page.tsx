import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import {
  getHiringSettingsRoute,
  type HiringSettings,
  saveRejectionReasonsRoute,
  updateHiringSettingsRoute,
} from '../../../modules/openings/openings.contract.ts';
import { type OrgRole, orgRoles, roleLabels } from '../../../shared/common.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { isOrgAdmin, useSignedInSession } from '../../lib/session.ts';
import { friendlyIssueMessage } from './job-format.ts';
import { hiringSettingsKey, rejectionReasonsKey, rejectionReasonsQuery } from './job-queries.ts';

/** Organization-wide hiring rules: blind feedback, who decides, who publishes job descriptions, and the rejection reason codes. */
export function HiringSettingsPage() {
  const session = useSignedInSession();
  const settings = useQuery({ queryKey: hiringSettingsKey, queryFn: () => api(getHiringSettingsRoute) });
  const reasons = useQuery(rejectionReasonsQuery);
  const canEdit = isOrgAdmin(session);

  return (
    <>
      <PageHeader title="Hiring settings" description="Rules every job of the organization follows." />
      {!canEdit ? <Alert tone="info">Only owners and admins can change these settings.</Alert> : null}
      {settings.isPending || reasons.isPending ? <Loading label="Loading the settings…" /> : null}
      {settings.isError ? <LoadError error={settings.error} what="the hiring settings" onRetry={() => void settings.refetch()} /> : null}
      {reasons.isError ? <LoadError error={reasons.error} what="the rejection reasons" onRetry={() => void reasons.refetch()} /> : null}
      {settings.isSuccess && reasons.isSuccess ? (
        <HiringSettingsForm
          settings={settings.data}
          reasons={reasons.data.items}
          canEdit={canEdit}
        />
      ) : null}
    </>
  );
}

interface ReasonRow {
  key: number;
  code: string;
  label: string;
}

type RowErrors = Record<number, { code?: string; label?: string }>;

function HiringSettingsForm({
  settings,
  reasons,
  canEdit,
}: {
  settings: HiringSettings;
  reasons: readonly { code: string; label: string }[];
  canEdit: boolean;
}) {
  const client = useQueryClient();
  const blindId = useId();
  const nextKey = useRef(reasons.length);
  const listRef = useRef<HTMLOListElement>(null);
  const [blindFeedback, setBlindFeedback] = useState(settings.blindFeedback);
  const [deciderRoles, setDeciderRoles] = useState<OrgRole[]>(settings.deciderRoles);
  // A server from before this setting answers without it: the contract's default (owners and admins).
  const [approverRoles, setApproverRoles] = useState<OrgRole[]>(settings.approverRoles ?? ['owner', 'admin']);
  const [rows, setRows] = useState<ReasonRow[]>(() => reasons.map((r, i) => ({ key: i, ...r })));
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [listProblem, setListProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const setRow = (key: number, patch: Partial<ReasonRow>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const addRow = () => {
    const key = nextKey.current++;
    setRows([...rows, { key, code: '', label: '' }]);
    // Focus the new row's code field once it is rendered.
    window.setTimeout(() => listRef.current?.querySelector<HTMLInputElement>(`[data-row="${key}"]`)?.focus(), 0);
  };

  /** Issues `items.N.field` → the row's errors; anything else → the list's message. */
  const collect = (issues: readonly { path: string; message: string }[]) => {
    const errors: RowErrors = {};
    let other: string | null = null;
    for (const i of issues) {
      const m = /^items\.(\d+)\.(code|label)$/.exec(i.path);
      const row = m ? rows[Number(m[1])] : undefined;
      if (m && row) {
        const field = m[2] as 'code' | 'label';
        errors[row.key] = { ...errors[row.key], [field]: errors[row.key]?.[field] ?? i.message };
      } else {
        other ??= i.message;
      }
    }
    return { errors, other };
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setProblem(null);
    setListProblem(null);
    const items = rows.map(({ code, label }) => ({ code: code.trim(), label: label.trim() }));
    const parsed = saveRejectionReasonsRoute.body!.safeParse({ items });
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: friendlyIssueMessage(i) }));
    const seen = new Map<string, number>();
    items.forEach((item, n) => {
      if (item.code && seen.has(item.code)) issues.push({ path: `items.${n}.code`, message: `The code “${item.code}” is used twice` });
      seen.set(item.code, n);
    });
    if (issues.length) {
      const { errors, other } = collect(issues.map((i) => (i.path === 'items' ? { ...i, message: 'Keep at least one reason (at most 50)' } : i)));
      setRowErrors(errors);
      setListProblem(other);
      return;
    }
    setRowErrors({});
    setBusy(true);
    try {
      const nextSettings = await api(updateHiringSettingsRoute, { body: { blindFeedback, deciderRoles, approverRoles } });
      client.setQueryData(hiringSettingsKey, nextSettings);
      try {
        const nextReasons = await api(saveRejectionReasonsRoute, { body: { items } });
        client.setQueryData(rejectionReasonsKey, nextReasons);
      } catch (err) {
        const apiError = toApiError(err);
        const { errors, other } = collect(Object.entries(apiError.issues).map(([path, message]) => ({ path, message })));
        setRowErrors(errors);
        setListProblem(other ?? apiError.message);
        return;
      }
      setSaved(true);
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(e) => void onSubmit(e)} aria-label="Hiring settings">
      {saved ? <Alert tone="success">Saved.</Alert> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <Card title="Feedback and decisions">
        <div className="form">
          <div className="field">
            <label className="choice" htmlFor={blindId}>
              <input
                id={blindId}
                type="checkbox"
                checked={blindFeedback}
                disabled={!canEdit}
                aria-describedby={`${blindId}-hint`}
                onChange={(e) => setBlindFeedback(e.target.checked)}
              />
              <span className="choice__label">Blind feedback</span>
            </label>
            <p className="field__hint" id={`${blindId}-hint`}>
              Interviewers see the others’ scorecards only after submitting their own, so no one anchors on someone else’s rating.
            </p>
          </div>
          <CheckboxGroup
            name="deciderRoles"
            legend="Decider roles"
            description="Who may record the hiring decision, besides the job’s hiring manager."
            options={orgRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
            value={deciderRoles}
            onChange={(v) => setDeciderRoles(v as OrgRole[])}
            disabled={!canEdit}
          />
          <CheckboxGroup
            name="approverRoles"
            legend="Who may publish job descriptions"
            description="Who may publish a job’s description on the careers page, besides the job’s hiring manager."
            options={orgRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
            value={approverRoles}
            onChange={(v) => setApproverRoles(v as OrgRole[])}
            disabled={!canEdit}
          />
        </div>
      </Card>

      <Card title="Rejection reasons">
        <p className="muted">A rejection needs one of these reasons. Codes already used stay readable in past history.</p>
        {listProblem ? <Alert tone="error">{listProblem}</Alert> : null}
        <ol className="jobs-reasons" ref={listRef}>
          {rows.map((row, n) => (
            <li key={row.key} className="jobs-reasons__item">
              <TextField
                label="Code"
                className="jobs-reasons__code"
                value={row.code}
                data-row={row.key}
                disabled={!canEdit}
                autoCapitalize="none"
                spellCheck={false}
                onChange={(e) => setRow(row.key, { code: e.target.value })}
                error={rowErrors[row.key]?.code}
              />
              <TextField
                label="Label"
                value={row.label}
                disabled={!canEdit}
                onChange={(e) => setRow(row.key, { label: e.target.value })}
                error={rowErrors[row.key]?.label}
              />
              {canEdit ? (
                <Button size="sm" variant="ghost" onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                  Remove<span className="visually-hidden"> reason {n + 1}{row.label ? ` (${row.label})` : ''}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
        {canEdit ? (
          <Button variant="secondary" size="sm" onClick={addRow}>
            Add reason
          </Button>
        ) : null}
      </Card>

      {canEdit ? (
        <FormActions>
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Save
          </Button>
        </FormActions>
      ) : null}
    </Form>
  );
}
