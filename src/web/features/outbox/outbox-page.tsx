import { listOutboxRoute, type OutboxMessage } from '../../../modules/outbox/outbox.contract.ts';
import { RequireOrgAdmin } from '../../app/guards.tsx';
import { Alert } from '../../components/alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePagedList } from '../../lib/paging.ts';
import { useMeta, useSignedInSession } from '../../lib/session.ts';
import { LinkifiedText } from './linkified-text.tsx';

const statusTone = { held: 'warning', queued: 'info', sent: 'success', failed: 'danger' } as const;
const statusLabel = { held: 'Held', queued: 'Queued', sent: 'Sent', failed: 'Failed' } as const;

export function OutboxPage() {
  return (
    <RequireOrgAdmin title="Outbox">
      <Outbox />
    </RequireOrgAdmin>
  );
}

function Outbox() {
  const session = useSignedInSession();
  const meta = useMeta();
  const orgId = session.organization?.id;
  const messages = usePagedList(['outbox', orgId], (cursor) => api(listOutboxRoute, { query: { cursor } }), !!orgId);

  return (
    <>
      <PageHeader title="Outbox" description="Every email Rubric sends is stored here first, newest first." />
      {meta.data && !meta.data.smtpConfigured ? (
        <Alert tone="info" title="SMTP is not configured on this server.">
          <p>Emails are held here instead of being sent. Copy a link from a message and pass it on yourself.</p>
        </Alert>
      ) : null}
      {messages.isPending ? (
        <Loading label="Loading messages…" />
      ) : messages.isError ? (
        <LoadError error={messages.error} what="the outbox" onRetry={() => void messages.refetch()} />
      ) : messages.items.length === 0 ? (
        <EmptyState>No emails yet.</EmptyState>
      ) : (
        <ol className="message-list" aria-label="Messages">
          {messages.items.map((m) => (
            <li key={m.id}>
              <MessageView message={m} />
            </li>
          ))}
        </ol>
      )}
      <LoadMore hasMore={!!messages.hasNextPage} isLoading={messages.isFetchingNextPage} onLoadMore={() => void messages.fetchNextPage()} />
    </>
  );
}

function MessageView({ message: m }: { message: OutboxMessage }) {
  const titleId = `message-${m.id}`;
  return (
    <article className="message" aria-labelledby={titleId}>
      <h2 className="message__subject" id={titleId}>
        {m.subject}
      </h2>
      <dl className="message__meta">
        <div>
          <dt>To</dt>
          <dd>{m.to}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Badge tone={statusTone[m.status]}>{statusLabel[m.status]}</Badge>
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
          </dd>
        </div>
        {m.sentAt ? (
          <div>
            <dt>Sent</dt>
            <dd>
              <time dateTime={m.sentAt}>{formatDateTime(m.sentAt)}</time>
            </dd>
          </div>
        ) : null}
        {m.attempts > 0 && m.status !== 'sent' ? (
          <div>
            <dt>Attempts</dt>
            <dd>{m.attempts}</dd>
          </div>
        ) : null}
      </dl>
      {m.lastError ? <Alert tone="error" title="Last delivery error">{m.lastError}</Alert> : null}
      <pre className="message__body">
        <LinkifiedText text={m.body} />
      </pre>
      {m.attachments?.length ? (
        <div className="sch-attachments">
          <p className="sch-attachments__title">Attachments</p>
          <ul className="plain-list">
            {m.attachments.map((a, i) => (
              <li key={`${i}-${a.fileName}`}>
                <a href={`/api/v1/outbox/${encodeURIComponent(m.id)}/attachments/${i}`} download={a.fileName}>
                  {a.fileName}
                </a>{' '}
                <span className="muted">
                  {a.contentType.split(';')[0]} · {formatSize(a.size)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </article>
  );
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} KB`;
}
