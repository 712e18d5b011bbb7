import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { VersionDiff as VersionDiffData, VersionSummary } from '../../../modules/documents/documents.contract.ts';
import type { Page } from '../../../shared/common.ts';
import { Button } from '../../components/button.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { usePagedList } from '../../lib/paging.ts';

/** Renders a diff value compactly: strings quoted, other JSON as is, long values cut. */
export function formatDiffValue(value: unknown, max = 160): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A version's title line (number, current badge, author, time) and its note, as every history shows them. */
export function VersionLines({ version: v, isCurrent, restoredFromNumber }: { version: VersionSummary; isCurrent: boolean; restoredFromNumber: number | undefined }) {
  return (
    <>
      <p className="version__title">
        <strong>Version {v.number}</strong> {isCurrent ? <Badge tone="success">Current</Badge> : null}
        <span className="muted">
          {' '}
          by {v.createdByName ?? 'someone'}, {formatDateTime(v.createdAt)}
        </span>
      </p>
      <p className="version__note">
        {v.note ?? <span className="muted">No note.</span>}
        {v.restoredFromId ? <span className="muted"> (restored from version {restoredFromNumber ?? 'an earlier version'})</span> : null}
      </p>
    </>
  );
}

export interface VersionHistoryProps {
  /** Distinguishes the document in the query cache, e.g. ['plan', id]. */
  queryKey: readonly unknown[];
  current: { id: string; number: number };
  loadVersions: (cursor: string | undefined) => Promise<Page<VersionSummary>>;
  loadDiff: (from: string, to: string) => Promise<VersionDiffData>;
  onRestore?: ((version: { id: string; number: number }) => void) | undefined;
  restoringId?: string | null;
  /** What is lost on restore, for the confirmation ("the editor", "the form"). */
  unsavedIn?: string;
  className?: string;
}

/**
 * The history of a versioned document (DECISIONS 13), shared by organization roles and interview
 * plans: versions newest first; each can be compared with the current one and, for writers, restored.
 */
export function VersionHistory({ queryKey, current, loadVersions, loadDiff, onRestore, restoringId = null, unsavedIn = 'the form', className = 'profile-section' }: VersionHistoryProps) {
  const versions = usePagedList([...queryKey, 'versions'], loadVersions);
  const [comparing, setComparing] = useState<string | null>(null);
  const numberOf = (id: string | null) => versions.items.find((v) => v.id === id)?.number;

  return (
    <section className={className} aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {versions.isPending ? <Loading label="Loading the history…" /> : null}
      {versions.isError ? <LoadError error={versions.error} what="the history" onRetry={() => void versions.refetch()} /> : null}
      {versions.items.length === 0 && versions.isSuccess ? <EmptyState>No versions yet.</EmptyState> : null}
      <ol className="version-list" reversed>
        {versions.items.map((v: VersionSummary) => {
          const isCurrent = v.id === current.id;
          const isOpen = comparing === v.id;
          return (
            <li key={v.id} className="version">
              <div className="version__head">
                <VersionLines version={v} isCurrent={isCurrent} restoredFromNumber={numberOf(v.restoredFromId)} />
                {isCurrent ? null : (
                  <div className="version__actions">
                    <Button variant="secondary" size="sm" aria-expanded={isOpen} aria-controls={`diff-${v.id}`} onClick={() => setComparing(isOpen ? null : v.id)}>
                      Compare with current<span className="visually-hidden"> (version {v.number})</span>
                    </Button>
                    {onRestore ? (
                      <Button
                        variant="danger"
                        size="sm"
                        busy={restoringId === v.id}
                        busyLabel="Restoring…"
                        disabled={!!restoringId}
                        onClick={() => {
                          if (window.confirm(`Restore version ${v.number}? It is saved as a new version; unsaved changes in ${unsavedIn} are lost.`)) onRestore(v);
                        }}
                      >
                        Restore<span className="visually-hidden"> version {v.number}</span>
                      </Button>
                    ) : null}
                  </div>
                )}
              </div>
              {isOpen ? (
                <div id={`diff-${v.id}`}>
                  <VersionChanges queryKey={queryKey} from={v.id} to={current.id} fromNumber={v.number} toNumber={current.number} loadDiff={loadDiff} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <LoadMore hasMore={!!versions.hasNextPage} isLoading={versions.isFetchingNextPage} onLoadMore={() => void versions.fetchNextPage()} />
    </section>
  );
}

function VersionChanges({
  queryKey,
  from,
  to,
  fromNumber,
  toNumber,
  loadDiff,
}: {
  queryKey: readonly unknown[];
  from: string;
  to: string;
  fromNumber: number;
  toNumber: number;
  loadDiff: VersionHistoryProps['loadDiff'];
}) {
  const diff = useQuery({ queryKey: [...queryKey, 'diff', from, to], queryFn: () => loadDiff(from, to) });
  if (diff.isPending) return <Loading label="Comparing…" />;
  if (diff.isError) return <LoadError error={diff.error} what="the differences" onRetry={() => void diff.refetch()} />;
  const changes = diff.data.changes;
  return (
    <div className="diff">
      <h3 className="diff__title">
        Changes from version {fromNumber} to version {toNumber}
      </h3>
      {changes.length === 0 ? (
        <p>No differences.</p>
      ) : (
        <ul className="diff__list">
          {changes.map((c) => (
            <li key={c.path}>
              <code>{c.path}</code>: <span className="diff__before">{formatDiffValue(c.before)}</span> → <span className="diff__after">{formatDiffValue(c.after)}</span>{' '}
              <span className="muted">({c.kind})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
