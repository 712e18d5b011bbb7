import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type ImportIssue, importGreenhouseRoute, importJsonResumeRoute, importScorecardsRoute, jobRecordRoute } from '../../../modules/imports/imports.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { RadioGroup } from '../../components/choice-group.tsx';
import { FormActions } from '../../components/form.tsx';
import { PageHeader, useDocumentTitle } from '../../components/page-header.tsx';
import { Table } from '../../components/table.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { type ImportKind, importKinds, issuesOf, parseAttributeMap, parseJsonText, reportSummary } from './import-model.ts';

const maxChars = 10_000_000;

/** Per job: choose a format, upload, preview the row report, then import (nothing at all while a record is bad, unless skipped). */
export function ImportPage() {
  const { id = '' } = useParams();
  useDocumentTitle('Import hiring history');
  const fileId = useId();
  const skipId = useId();
  const [kind, setKind] = useState<ImportKind>('greenhouse');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [mapText, setMapText] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: async (preview: boolean) => {
      if (kind === 'scorecards') return api(importScorecardsRoute, { body: { csv: text, preview, skipInvalid, mapping: {} } });
      const json = parseJsonText(text);
      if ('error' in json) throw new Error(json.error);
      if (kind === 'json-resume') return api(importJsonResumeRoute, { params: { id }, body: { resume: json.value, preview } });
      const map = parseAttributeMap(mapText);
      if ('error' in map) throw new Error(map.error);
      return api(importGreenhouseRoute, { params: { id }, body: { data: json.value as Record<string, unknown>, attributeMap: map.map, preview, skipInvalid } });
    },
  });

  const start = (preview: boolean) => {
    setProblem(null);
    run.reset();
    if (!text.trim()) return setProblem('Choose a file first.');
    if (text.length > maxChars) return setProblem('The file is larger than 10 MB; split it into smaller files.');
    run.mutate(preview);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setProblem(null);
    run.reset();
    if (!file) return;
    try {
      setText(await file.text());
      setFileName(file.name);
    } catch {
      setProblem(`Cannot read ${file.name}.`);
    }
  };

  const failure = run.isError ? toApiError(run.error) : null;
  const failed = failure ? issuesOf(failure.details) : [];
  const accept = importKinds.find((k) => k.value === kind)!.accept;
  const recordUrl = jobRecordRoute.path.replace(':id', encodeURIComponent(id));

  return (
    <>
      <PageHeader
        title="Import hiring history"
        description={
          <>
            Bring candidates, interviews and scorecards from another system into this job, so reports include them. Back to the{' '}
            <Link to={`/jobs/${encodeURIComponent(id)}`}>job</Link>.
          </>
        }
      />
      <Card title="Import">
        <div className="form">
          {problem ? <Alert tone="error">{problem}</Alert> : null}
          <RadioGroup
            name="kind"
            legend="What are you importing?"
            options={importKinds}
            value={kind}
            onChange={(v) => {
              setKind(v as ImportKind);
              run.reset();
            }}
          />
          {kind === 'scorecards' ? (
            <p className="muted">
              Header: <code>application_id</code> (or <code>candidate_email,job_id</code>), <code>interviewer_email,round_id,competency_id,rating,recommendation,submitted_at</code>,
              optional <code>notes</code>. One rating per row.
            </p>
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor={fileId}>
              File
            </label>
            <input id={fileId} type="file" accept={accept} className="field__control" onChange={(e) => void onFile(e)} />
            {fileName ? <p className="muted">{`${fileName}: ${text.length.toLocaleString()} characters`}</p> : null}
          </div>
          {kind === 'greenhouse' ? (
            <TextAreaField
              label="Attribute map"
              hint="One per line: Greenhouse attribute name = competency id of this job's plan (e.g. Technical depth = technology-strategy-architecture). Unmapped attributes are reported and left out."
              rows={4}
              value={mapText}
              onChange={(e) => setMapText(e.target.value)}
              spellCheck={false}
            />
          ) : null}
          {kind !== 'json-resume' ? (
            <label className="choice" htmlFor={skipId}>
              <input id={skipId} type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
              <span className="choice__label">Skip invalid records (import the valid ones)</span>
            </label>
          ) : null}
          <FormActions>
            <Button variant="secondary" busy={run.isPending && run.variables === true} busyLabel="Checking…" disabled={run.isPending} onClick={() => start(true)}>
              Preview
            </Button>
            <Button busy={run.isPending && run.variables === false} busyLabel="Importing…" disabled={run.isPending} onClick={() => start(false)}>
              Import
            </Button>
          </FormActions>
          <div aria-live="polite">
            {failure ? (
              <Alert tone="error" title={failure.message}>
                {failed.length ? <Issues caption={`Problems (${failed.length})`} issues={failed} /> : null}
              </Alert>
            ) : null}
            {run.isSuccess ? (
              <Alert tone={run.data.errors.length ? 'warning' : 'success'} title={reportSummary(run.data)}>
                {run.data.errors.length ? <Issues caption={`Problems (${run.data.errors.length})`} issues={run.data.errors} /> : null}
                {run.data.warnings.length ? <Issues caption={`Warnings (${run.data.warnings.length})`} issues={run.data.warnings} /> : null}
              </Alert>
            ) : null}
          </div>
        </div>
      </Card>
      <Card title="Export this job's record">
        <p>
          <a href={`${recordUrl}?format=json`}>Whole record (JSON)</a> · CSV: <a href={`${recordUrl}?format=csv&table=applications`}>applications</a>,{' '}
          <a href={`${recordUrl}?format=csv&table=stage_moves`}>stage moves</a>, <a href={`${recordUrl}?format=csv&table=scorecards`}>scorecards</a>,{' '}
          <a href={`${recordUrl}?format=csv&table=decisions`}>decisions</a>
        </p>
      </Card>
    </>
  );
}

function Issues({ caption, issues }: { caption: string; issues: readonly ImportIssue[] }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Where</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((e, i) => (
          <tr key={`${e.line ?? ''}-${e.path ?? ''}-${i}`}>
            <td>{e.line ?? '—'}</td>
            <td>{e.path ?? '—'}</td>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
