import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { employmentTypes, type JdView, publishJdRoute, unpublishJdRoute } from '../../../modules/jd/jd.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { type EmploymentType, employmentTypeLabels } from './jd-format.ts';
import { adoptJdView, type JdExportFormat, jdExportHref } from './jd-queries.ts';

const employmentOptions = employmentTypes.map((t) => ({ value: t, label: employmentTypeLabels[t] }));

/** Every message of a 400's `details.issues` not about the two fields here (what the posting still lacks). */
function problemsOf(details: Record<string, unknown> | undefined): string[] {
  const issues = Array.isArray(details?.issues) ? (details.issues as unknown[]) : [];
  const out: string[] = [];
  for (const i of issues) {
    if (typeof i !== 'object' || i === null) continue;
    const { path, message } = i as { path?: unknown; message?: unknown };
    if (typeof message === 'string' && path !== 'validThrough' && path !== 'employmentType' && !out.includes(message)) out.push(message);
  }
  return out;
}

/**
 * Publishing on the careers page (DECISIONS 7): approvers publish the current version with an
 * optional end date and the employment type for the JobPosting; anyone sees what is published.
 */
export function PublishPanel({ view, dirty }: { view: JdView; dirty: boolean }) {
  const client = useQueryClient();
  const publication = view.publication;
  const current = view.currentVersion;
  const [validThrough, setValidThrough] = useState(publication?.validThrough ?? '');
  const [employmentType, setEmploymentType] = useState<EmploymentType>(publication?.employmentType ?? 'FULL_TIME');
  const [notice, setNotice] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const publish = useMutation({
    mutationFn: (versionId: string) =>
      api(publishJdRoute, { params: { id: view.jobId }, body: { versionId, validThrough: validThrough || null, employmentType } }),
    onMutate: () => {
      setNotice(null);
      setErrors({});
    },
    onSuccess: async (next) => {
      setNotice(`Version ${next.publication?.versionNumber ?? current?.number ?? ''} is on the careers page.`);
      await adoptJdView(client, next, false);
    },
    onError: (e) => setErrors(toApiError(e).issues),
  });

  const unpublish = useMutation({
    mutationFn: () => api(unpublishJdRoute, { params: { id: view.jobId } }),
    onMutate: () => setNotice(null),
    onSuccess: async (next) => {
      setNotice('The job is off the careers page.');
      await adoptJdView(client, next, false);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!current) return;
    if (validThrough && !/^\d{4}-\d{2}-\d{2}$/.test(validThrough)) {
      setErrors({ validThrough: 'Enter a date, or leave it empty' });
      return;
    }
    publish.mutate(current.id);
  };

  const publishError = publish.isError ? toApiError(publish.error) : null;
  const publishProblems = publishError ? problemsOf(publishError.details) : [];

  return (
    <section className="card jd-publish" aria-labelledby="jd-publish-title">
      <h2 className="card__title" id="jd-publish-title">
        Publishing
      </h2>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {publication ? (
        <div className="jd-publish__status">
          <p>
            <strong>Published version {publication.versionNumber}</strong>{' '}
            <span className="muted">
              on {formatDateTime(publication.publishedAt)}
              {publication.publishedByName ? ` by ${publication.publishedByName}` : ''} · {employmentTypeLabels[publication.employmentType]}
              {publication.validThrough ? ` · valid through ${formatDate(publication.validThrough)}` : ''}
            </span>
          </p>
          {current && current.number !== publication.versionNumber ? (
            <p className="muted">Version {current.number} is newer than the published one.</p>
          ) : null}
          <p className="jd-publish__links">
            <a href={publication.url}>View on careers page</a>
            {view.canApprove ? (
              <Button variant="danger" size="sm" busy={unpublish.isPending} busyLabel="Unpublishing…" onClick={() => unpublish.mutate()}>
                Unpublish
              </Button>
            ) : null}
          </p>
          {unpublish.isError ? <Alert tone="error">{toApiError(unpublish.error).message}</Alert> : null}
        </div>
      ) : (
        <p className="muted">Not published: the job is not on the careers page.</p>
      )}

      {view.canApprove ? (
        current ? (
          <Form onSubmit={submit} aria-labelledby="jd-publish-title">
            {publishError && !errors.validThrough && !errors.employmentType ? (
              <Alert tone="error" title={publishError.message}>
                {publishProblems.length ? (
                  <ul className="issue-list">
                    {publishProblems.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ) : null}
              </Alert>
            ) : null}
            <div className="jd-context__grid">
              <TextField
                label="Valid through"
                type="date"
                hint="Optional: the last day the posting is open."
                value={validThrough}
                error={errors.validThrough}
                onChange={(e) => setValidThrough(e.target.value)}
              />
              <SelectField
                label="Employment type"
                options={employmentOptions}
                value={employmentType}
                error={errors.employmentType}
                onChange={(e) => setEmploymentType(employmentOptions.find((o) => o.value === e.target.value)?.value ?? employmentType)}
              />
            </div>
            {dirty ? <p className="field__hint">Publishing uses the saved version {current.number}; your unsaved changes are not part of it.</p> : null}
            <FormActions>
              <Button type="submit" busy={publish.isPending} busyLabel="Publishing…">
                Publish version {current.number}
              </Button>
            </FormActions>
          </Form>
        ) : (
          <p className="muted">Generate or save a version before publishing.</p>
        )
      ) : (
        <p className="muted">Publishing needs an approver (the job's hiring manager or a role allowed in hiring settings).</p>
      )}
    </section>
  );
}

const exportLinks: { format: JdExportFormat; label: string }[] = [
  { format: 'md', label: 'Markdown' },
  { format: 'html', label: 'HTML' },
  { format: 'text', label: 'Plain text' },
  { format: 'jsonld', label: 'JSON-LD' },
];

/** Downloads of the current version (the server sends each as a file). */
export function ExportLinks({ jobId }: { jobId: string }) {
  return (
    <section className="card jd-exports" aria-labelledby="jd-exports-title">
      <h2 className="card__title" id="jd-exports-title">
        Export
      </h2>
      <p className="muted">Download the current version.</p>
      <ul className="link-row jd-exports__list">
        {exportLinks.map((l) => (
          <li key={l.format}>
            <a href={jdExportHref(jobId, l.format)}>{l.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
