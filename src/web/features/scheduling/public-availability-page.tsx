import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { type publicLinkSchema, readAvailabilityLinkRoute, submitAvailabilityLinkRoute } from '../../../modules/scheduling/scheduling.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { browserZone, type WindowRow, type WindowRowErrors, windowIssueTarget, windowsFromRows } from './scheduling-model.ts';
import { TimeZoneField } from './time-zone-field.tsx';
import { WindowRowsEditor } from './window-rows.tsx';

type LinkInfo = z.infer<typeof publicLinkSchema>;

/** A link the server no longer honours (unknown, expired or used): its message, and no form. */
function isGone(e: unknown): boolean {
  return isApiError(e) && [400, 404, 409, 410].includes(e.status);
}

/** The candidate's page behind a single-use link: they give the times they can interview, without an account. */
export function PublicAvailabilityPage() {
  const { token = '' } = useParams();
  const link = useQuery({
    queryKey: ['availability-link', token],
    queryFn: () => api(readAvailabilityLinkRoute, { params: { token } }),
    retry: false,
    staleTime: Infinity,
  });
  if (link.isPending) return <Loading label="Opening the page…" />;
  if (link.isError) {
    return (
      <div className="narrow">
        <PageHeader title="Your availability" />
        {isGone(link.error) ? (
          <Alert tone="warning" title="This link cannot be used.">
            <p>{link.error.message}</p>
          </Alert>
        ) : (
          <LoadError error={link.error} what="the page" onRetry={() => void link.refetch()} />
        )}
      </div>
    );
  }
  return <AvailabilityForm token={token} info={link.data} />;
}

function AvailabilityForm({ token, info }: { token: string; info: LinkInfo }) {
  const nextKey = useRef(2);
  const [rows, setRows] = useState<WindowRow[]>([{ key: 1, date: '', from: '', to: '' }]);
  const [zone, setZone] = useState(browserZone);
  const [rowErrors, setRowErrors] = useState<WindowRowErrors>({});
  const [zoneError, setZoneError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const r = windowsFromRows(rows, zone);
    setRowErrors(r.errors);
    setZoneError(r.zoneError);
    if (r.zoneError || Object.keys(r.errors).length) return;
    if (r.windows.length === 0) {
      setProblem('Add at least one time when you are available.');
      return;
    }
    setBusy(true);
    try {
      await api(submitAvailabilityLinkRoute, { params: { token }, body: { timeZone: zone.trim(), windows: r.windows } });
      setDone(true);
      window.setTimeout(() => resultRef.current?.focus(), 0);
    } catch (err) {
      const apiError = toApiError(err);
      if (isGone(apiError) && apiError.status !== 400) {
        setGone(apiError.message);
        window.setTimeout(() => resultRef.current?.focus(), 0);
        return;
      }
      const placed: WindowRowErrors = {};
      let unplaced = Object.keys(apiError.issues).length === 0;
      for (const [path, message] of Object.entries(apiError.issues)) {
        const p = path.replace(/^body\./, '');
        const target = windowIssueTarget(p, r.keys);
        if (target) placed[target.key] = { ...placed[target.key], [target.field]: message };
        else if (p === 'timeZone') setZoneError(message);
        else unplaced = true;
      }
      setRowErrors(placed);
      if (unplaced) setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeader title="Your availability" description={`${info.organization} would like to schedule interviews for ${info.jobTitle}.`} />
      <div ref={resultRef} tabIndex={-1}>
        {done ? <Alert tone="success" title="Thank you — we will be in touch." /> : null}
        {gone ? (
          <Alert tone="warning" title="This link cannot be used.">
            <p>{gone}</p>
          </Alert>
        ) : null}
      </div>
      {done || gone ? null : (
        <Form onSubmit={(e) => void onSubmit(e)} aria-label="Your availability">
          <p>
            Hello {info.candidateName}, please tell us when you could take part in interviews. Add each time you are free; we will pick
            interviews within them. This page works once, until {formatDate(info.expiresAt)}.
          </p>
          <FormAlert message={problem ?? undefined} />
          <TimeZoneField
            label="Your time zone"
            hint="The dates and times below are read in this time zone."
            value={zone}
            error={zoneError}
            onChange={(e) => {
              setZone(e.target.value);
              setZoneError(undefined);
            }}
          />
          <WindowRowsEditor
            rows={rows}
            errors={rowErrors}
            rowLabel={(i) => `Time ${i + 1}`}
            addLabel="Add another time"
            onAdd={() => setRows((rs) => [...rs, { key: nextKey.current++, date: rs.at(-1)?.date ?? '', from: '', to: '' }])}
            onChange={(next, key) => {
              setRows(next);
              if (rowErrors[key]) setRowErrors((x) => ({ ...x, [key]: {} }));
            }}
          />
          <FormActions>
            <Button type="submit" busy={busy} busyLabel="Sending…">
              Send my availability
            </Button>
          </FormActions>
        </Form>
      )}
    </div>
  );
}
