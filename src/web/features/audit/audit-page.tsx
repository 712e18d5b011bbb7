import { listAuditRoute } from '../../../modules/audit/audit.contract.ts';
import { RequireOrgAdmin } from '../../app/guards.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { compactJson, formatDateTime } from '../../lib/format.ts';
import { usePagedList } from '../../lib/paging.ts';
import { useSignedInSession } from '../../lib/session.ts';

export function AuditPage() {
  return (
    <RequireOrgAdmin title="Audit log">
      <AuditLog />
    </RequireOrgAdmin>
  );
}

function AuditLog() {
  const session = useSignedInSession();
  const orgId = session.organization?.id;
  const entries = usePagedList(['audit', orgId], (cursor) => api(listAuditRoute, { query: { cursor } }), !!orgId);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what in this organization, newest first. Entries hold ids and field names, never personal data."
      />
      {entries.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : entries.isError ? (
        <LoadError error={entries.error} what="the audit log" onRetry={() => void entries.refetch()} />
      ) : entries.items.length === 0 ? (
        <EmptyState>Nothing recorded yet.</EmptyState>
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
