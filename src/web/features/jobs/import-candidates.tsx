import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useId, useState } from 'react';
import { candidateImportColumns, importCandidatesRoute } from '../../../modules/candidates/candidates.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { FormActions } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Table } from '../../components/table.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { csvHeaderCells, type ImportRowError, importRowErrorsOf, importSummary, mappingOf, unknownHeaders } from './job-format.ts';

const maxChars = 5_000_000;

/** CSV import: preview validates every row without writing; import writes (nothing at all while a row is bad, unless skipped). */
export function ImportCandidates({ jobId, onImported }: { jobId: string; onImported: () => void }) {
  const fileId = useId();
  const skipId = useId();
  const [csv, setCsv] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** The user's column mapping: the file's header → our column. */
  const [choices, setChoices] = useState<Record<string, string>>({});
  const headers = csvHeaderCells(csv);
  const toMap = unknownHeaders(headers, candidateImportColumns);

  const run = useMutation({
    mutationFn: (preview: boolean) => api(importCandidatesRoute, { params: { id: jobId }, body: { csv, preview, skipInvalid, mapping: mappingOf(choices, toMap) } }),
    onSuccess: (result) => {
      if (!result.preview && result.imported + result.linkedExisting > 0) onImported();
    },
  });

  const start = (preview: boolean) => {
    setProblem(null);
    run.reset();
    if (!csv.trim()) {
      setProblem('Paste CSV text or choose a CSV file first.');
      return;
    }
    if (csv.length > maxChars) {
      setProblem('The CSV is larger than 5 MB; split it into smaller files.');
      return;
    }
    run.mutate(preview);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setProblem(null);
    run.reset();
    if (!file) return;
    try {
      setCsv(await file.text());
    } catch {
      setProblem(`Cannot read ${file.name}.`);
    }
  };

  const failure = run.isError ? toApiError(run.error) : null;
  const failedRows = failure ? importRowErrorsOf(failure.details) : [];

  return (
    <Card title="Import CSV">
      <div className="form">
        <p className="muted">
          Header row: <code>name,email</code> and optionally <code>phone,links,source,notes</code>. Emails already in your candidates are linked,
          not duplicated.
        </p>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            CSV file
          </label>
          <input id={fileId} type="file" accept=".csv,text/csv,text/plain" className="field__control" onChange={(e) => void onFile(e)} />
        </div>
        <TextAreaField label="CSV text" rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} spellCheck={false} className="jobs-csv" />
        {toMap.length ? (
          <fieldset className="jobs-mapping">
            <legend>Match your columns</legend>
            <p className="muted">These headers are not ours; say which column each one holds.</p>
            {toMap.map((h) => (
              <SelectField
                key={h}
                label={`Column “${h}”`}
                value={choices[h] ?? ''}
                onChange={(e) => setChoices({ ...choices, [h]: e.target.value })}
                options={[
                  { value: '', label: 'Choose…' },
                  ...candidateImportColumns.filter((c) => c === choices[h] || !Object.values(choices).includes(c)).map((c) => ({ value: c, label: c })),
                ]}
              />
            ))}
          </fieldset>
        ) : null}
        <label className="choice" htmlFor={skipId}>
          <input id={skipId} type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
          <span className="choice__label">Skip invalid rows (import the valid ones)</span>
        </label>
        <FormActions>
          <Button variant="secondary" busy={run.isPending && run.variables === true} busyLabel="Checking…" disabled={run.isPending} onClick={() => start(true)}>
            Preview
          </Button>
          <Button busy={run.isPending && run.variables === false} busyLabel="Importing…" disabled={run.isPending} onClick={() => start(false)}>
            Import
          </Button>
        </FormActions>
        {failure ? (
          <Alert tone="error" title={failure.message}>
            {failedRows.length ? <RowErrors errors={failedRows} /> : null}
          </Alert>
        ) : null}
        {run.isSuccess ? (
          <Alert tone={run.data.errors.length ? 'warning' : 'success'} title={importSummary(run.data)}>
            {run.data.errors.length ? <RowErrors errors={run.data.errors} /> : null}
          </Alert>
        ) : null}
      </div>
    </Card>
  );
}

function RowErrors({ errors }: { errors: readonly ImportRowError[] }) {
  return (
    <Table caption={`Rows with errors (${errors.length})`}>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Column</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, i) => (
          <tr key={`${e.line}-${e.column ?? ''}-${i}`}>
            <td>{e.line}</td>
            <td>{e.column ?? '—'}</td>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
