import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type AuditFilter, auditActions, auditFilterSchema, listAuditRoute } from '../../../modules/audit/audit.contract.ts';
import { listMembersRoute } from '../../../modules/orgs/orgs.contract.ts';
import { RequireOrgAdmin } from '../../app/guards.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { compactJson, formatDateTime } from '../../lib/format.ts';
import { usePagedList } from '../../lib/paging.ts';
import { useSignedInSession } from '../../lib/session.ts';

/** The filters, in the order they appear in the query string. */
export const auditFilterKeys = ['action', 'actorUserId', 'targetType', 'targetId', 'from', 'to'] as const;
type FilterKey = (typeof auditFilterKeys)[number];
type Draft = Record<FilterKey, string>;

/** The URL's filters: each one kept when the contract accepts it on its own, dropped otherwise (a hand-edited URL never breaks the page). */
export function filtersFromSearch(search: URLSearchParams): AuditFilter {
  const out: AuditFilter = {};
  for (const key of auditFilterKeys) {
    const raw = search.get(key)?.trim();
    if (!raw) continue;
    const one = auditFilterSchema.safeParse({ [key]: raw });
    if (one.success && one.data[key] !== undefined) Object.assign(out, { [key]: one.data[key] });
  }
  return out;
}

/** The query string of a set of filters (empty values left out), shared by the page URL and the CSV export. */
export function searchFromFilters(filters: Partial<Record<FilterKey, string | undefined>>): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of auditFilterKeys) {
    const v = filters[key]?.trim();
    if (v) search.set(key, v);
  }
  return search;
}

export function auditExportUrl(filters: AuditFilter): string {
  const qs = searchFromFilters(filters).toString();
  return `/api/v1/audit/export${qs ? `?${qs}` : ''}`;
}

/** Checks a draft of the filter form; field → message. */
export function checkDraft(draft: Draft): Partial<Record<FilterKey, string>> {
  const errors: Partial<Record<FilterKey, string>> = {};
  const action = draft.action.trim();
  if (action && !/^[a-z_]+(\.[a-z_]*)?$/.test(action)) errors.action = 'Use an action such as candidate.erased, or a prefix ending in a dot such as candidate.';
  for (const key of auditFilterKeys) {
    if (!draft[key].trim() || errors[key]) continue;
    const one = auditFilterSchema.safeParse({ [key]: draft[key].trim() });
    if (!one.success) errors[key] = key === 'from' || key === 'to' ? 'Use a date (YYYY-MM-DD)' : (one.error.issues[0]?.message ?? 'Not valid');
  }
  if (!errors.from && !errors.to && draft.from && draft.to && draft.to < draft.from) errors.to = 'The end date is before the start date';
  return errors;
}

const emptyDraft: Draft = { action: '', actorUserId: '', targetType: '', targetId: '', from: '', to: '' };
const actionPrefixes = [...new Set(auditActions.map((a) => `${a.split('.')[0]!}.`))];

export function AuditPage() {
  return (
    <RequireOrgAdmin title="Audit log">
      <AuditLog />
    </RequireOrgAdmin>
  );
}

function AuditFilters({ filters, onApply }: { filters: AuditFilter; onApply: (next: Draft) => void }) {
  const listId = useId();
  const [draft, setDraft] = useState<Draft>({ ...emptyDraft, ...filters });
  const [errors, setErrors] = useState<Partial<Record<FilterKey, string>>>({});
  const members = useQuery({ queryKey: ['members', 'audit-filter'], queryFn: () => api(listMembersRoute, { query: { limit: 200 } }) });
  const set = (key: FilterKey) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = checkDraft(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(draft);
  };
  const reset = () => {
    setDraft(emptyDraft);
    setErrors({});
    onApply(emptyDraft);
  };
  const actorOptions = [
    { value: '', label: 'Anyone' },
    ...(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name })),
    // An actor from the URL who is no longer a member still shows as chosen.
    ...(draft.actorUserId && members.data && !members.data.items.some((m) => m.userId === draft.actorUserId) ? [{ value: draft.actorUserId, label: 'Former member' }] : []),
  ];

  return (
    <Form className="form--inline audit-filters" role="search" aria-label="Filter the audit log" onSubmit={submit}>
      <TextField
        label="Action"
        hint="One action, or a prefix ending in a dot."
        list={listId}
        autoCapitalize="none"
        spellCheck={false}
        value={draft.action}
        error={errors.action}
        onChange={set('action')}
      />
      <datalist id={listId}>
        {[...actionPrefixes, ...auditActions].map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <SelectField label="Actor" options={actorOptions} value={draft.actorUserId} error={errors.actorUserId} onChange={set('actorUserId')} />
      <TextField label="Target type" hint="For example candidate." autoCapitalize="none" value={draft.targetType} error={errors.targetType} onChange={set('targetType')} />
      <TextField label="Target id" autoCapitalize="none" spellCheck={false} value={draft.targetId} error={errors.targetId} onChange={set('targetId')} />
      <TextField label="From" type="date" value={draft.from} error={errors.from} onChange={set('from')} />
      <TextField label="To (inclusive)" type="date" value={draft.to} error={errors.to} onChange={set('to')} />
      <FormActions>
        <Button type="submit">Apply filters</Button>
        <Button variant="secondary" onClick={reset}>
          Reset
        </Button>
      </FormActions>
    </Form>
  );
}

function AuditLog() {
  const session = useSignedInSession();
  const orgId = session.organization?.id;
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const filterKey = searchFromFilters(filters).toString();
  const entries = usePagedList(['audit', orgId, filterKey], (cursor) => api(listAuditRoute, { query: { ...filters, cursor } }), !!orgId);
  const filtered = filterKey !== '';

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what in this organization, newest first. Entries hold ids and field names, never personal data."
        actions={
          <a className="btn btn--secondary" href={auditExportUrl(filters)} download>
            Export CSV
          </a>
        }
      />
      <AuditFilters key={filterKey} filters={filters} onApply={(draft) => setSearch(searchFromFilters(draft))} />
      {entries.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : entries.isError ? (
        <LoadError error={entries.error} what="the audit log" onRetry={() => void entries.refetch()} />
      ) : entries.items.length === 0 ? (
        <EmptyState>{filtered ? 'No entries match these filters.' : 'Nothing recorded yet.'}</EmptyState>
      ) : (
        <Table caption="Audit entries" captionHidden>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Action</th>
              <th scope="col">Actor</th>
              <th scope="col">Target</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.items.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">
                  <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                </td>
                <td className="nowrap">
                  <code>{e.action}</code>
                </td>
                <td>{e.actorName ?? (e.actorUserId ? <code>{e.actorUserId}</code> : <span className="muted">—</span>)}</td>
                <td>
                  {e.targetType ? (
                    <>
                      {e.targetType} {e.targetId ? <code>{e.targetId}</code> : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <code>{compactJson(e.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadMore hasMore={!!entries.hasNextPage} isLoading={entries.isFetchingNextPage} onLoadMore={() => void entries.fetchNextPage()} />
    </>
  );
}
