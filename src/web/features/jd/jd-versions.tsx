import { type FormEvent, type ReactNode, useState } from 'react';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { VersionLines } from '../documents/version-history.tsx';
import { diffRows } from './jd-format.ts';
import { type JdVersionSummary, useJdDiff, useJdVersion, useJdVersions } from './jd-queries.ts';

/**
 * The description's history: every version (newest first) with its note and author, to view,
 * restore (as a new version) or compare side by side.
 */
export function JdVersions({
  jobId,
  currentId,
  canEdit,
  restoringId,
  onRestore,
  alert,
}: {
  jobId: string;
  currentId: string | null;
  canEdit: boolean;
  restoringId: string | null;
  onRestore: (v: JdVersionSummary) => void;
  /** A failed restore (a conflict with its way out), shown above the list. */
  alert?: ReactNode;
}) {
  const versions = useJdVersions(jobId);
  const [viewing, setViewing] = useState<string | null>(null);
  const numberOf = (id: string | null) => versions.items.find((v) => v.id === id)?.number;

  return (
    <section className="card jd-versions" aria-labelledby="jd-versions-title">
      <h2 className="card__title" id="jd-versions-title">
        Versions
      </h2>
      {alert}
      {versions.isPending ? <Loading label="Loading the versions…" /> : null}
      {versions.isError ? <LoadError error={versions.error} what="the versions" onRetry={() => void versions.refetch()} /> : null}
      {versions.isSuccess && versions.items.length === 0 ? <EmptyState>No versions yet: generate or save the description first.</EmptyState> : null}
      <ol className="version-list" aria-labelledby="jd-versions-title">
        {versions.items.map((v) => {
          const isCurrent = v.id === currentId;
          const open = viewing === v.id;
          return (
            <li key={v.id} className="version">
              <VersionLines version={v} isCurrent={isCurrent} restoredFromNumber={numberOf(v.restoredFromId)} />
              <div className="version__actions">
                <Button variant="secondary" size="sm" aria-expanded={open} aria-controls={`jd-version-${v.id}`} onClick={() => setViewing(open ? null : v.id)}>
                  View<span className="visually-hidden"> version {v.number}</span>
                </Button>
                {canEdit && !isCurrent && currentId ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    busy={restoringId === v.id}
                    busyLabel="Restoring…"
                    disabled={!!restoringId}
                    onClick={() => onRestore(v)}
                  >
                    Restore<span className="visually-hidden"> version {v.number}</span>
                  </Button>
                ) : null}
              </div>
              {open ? (
                <div id={`jd-version-${v.id}`}>
                  <VersionText jobId={jobId} versionId={v.id} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <LoadMore hasMore={!!versions.hasNextPage} isLoading={versions.isFetchingNextPage} onLoadMore={() => void versions.fetchNextPage()} />
      {versions.items.length > 1 ? <CompareVersions jobId={jobId} versions={versions.items} /> : null}
    </section>
  );
}

function VersionText({ jobId, versionId }: { jobId: string; versionId: string }) {
  const version = useJdVersion(jobId, versionId);
  if (version.isPending) return <Loading label="Loading the version…" />;
  if (version.isError) return <LoadError error={version.error} what="the version" onRetry={() => void version.refetch()} />;
  const { body, analysis } = version.data;
  return (
    <div className="diff">
      <h3 className="diff__title">
        Version {version.data.version.number}: {body.title}
      </h3>
      <p className="muted">Language check score {analysis.score} of 100.</p>
      <pre className="jd-pre">{body.markdown}</pre>
    </div>
  );
}

function CompareVersions({ jobId, versions }: { jobId: string; versions: readonly JdVersionSummary[] }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pair, setPair] = useState<{ from: string; to: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Until chosen: the previous version against the newest.
  const fromId = from || versions[1]?.id || '';
  const toId = to || versions[0]?.id || '';
  const options = versions.map((v) => ({ value: v.id, label: `Version ${v.number}` }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!fromId || !toId || fromId === toId) {
      setProblem('Choose two different versions.');
      setPair(null);
      return;
    }
    setProblem(null);
    setPair({ from: fromId, to: toId });
  };

  return (
    <div className="jd-compare">
      <h3 id="jd-compare-title">Differences</h3>
      <Form className="form--inline" onSubmit={submit} aria-labelledby="jd-compare-title">
        <SelectField label="Compare version" options={options} value={fromId} onChange={(e) => setFrom(e.target.value)} />
        <SelectField label="with version" options={options} value={toId} onChange={(e) => setTo(e.target.value)} />
        <FormActions>
          <Button type="submit" variant="secondary">
            Compare
          </Button>
        </FormActions>
      </Form>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {pair ? <DiffColumns jobId={jobId} pair={pair} /> : null}
    </div>
  );
}

function DiffColumns({ jobId, pair }: { jobId: string; pair: { from: string; to: string } }) {
  const diff = useJdDiff(jobId, pair);
  if (diff.isPending) return <Loading label="Comparing…" />;
  if (diff.isError) return <LoadError error={diff.error} what="the differences" onRetry={() => void diff.refetch()} />;
  const { from, to, lines } = diff.data;
  const rows = diffRows(lines);
  const changed = lines.some((l) => l.kind !== 'same');
  return (
    <div className="jd-diff-wrap">
      {changed ? null : <p>No differences in the text.</p>}
      <table className="table jd-diff">
        <caption className="table__caption">
          Version {from.number} (left) and version {to.number} (right)
        </caption>
        <thead>
          <tr>
            <th scope="col">Version {from.number}</th>
            <th scope="col">Version {to.number}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className={`jd-diff__cell jd-diff__cell--${r.left?.kind ?? 'empty'}`}>
                {r.left?.kind === 'removed' ? <span className="visually-hidden">Removed: </span> : null}
                {r.left?.text}
              </td>
              <td className={`jd-diff__cell jd-diff__cell--${r.right?.kind ?? 'empty'}`}>
                {r.right?.kind === 'added' ? <span className="visually-hidden">Added: </span> : null}
                {r.right?.text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
