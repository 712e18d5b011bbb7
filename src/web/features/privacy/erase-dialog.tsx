import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type ErasureReceipt, eraseCandidateRoute } from '../../../modules/privacy/privacy.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { countSummary, nameMatches, normalizeName, receiptTriggerLabels, receiptUrl, totalCount } from './privacy-model.ts';

/** An erasure receipt: what was removed and kept, with its downloads (no personal data in any of it). */
export function ReceiptView({ receipt }: { receipt: ErasureReceipt }) {
  return (
    <div className="privacy-receipt">
      <dl className="definition-list">
        <dt>Receipt</dt>
        <dd>
          <code>{receipt.id}</code>
        </dd>
        <dt>Erased</dt>
        <dd>
          <time dateTime={receipt.erasedAt}>{formatDateTime(receipt.erasedAt)}</time>
          {receipt.erasedBy ? ` by ${receipt.erasedBy.name}` : ''} ({receiptTriggerLabels[receipt.trigger]})
        </dd>
        <dt>Removed</dt>
        <dd>
          {totalCount(receipt.removed)} rows: {countSummary(receipt.removed)}
        </dd>
        <dt>Kept without personal data</dt>
        <dd>
          {totalCount(receipt.kept)} rows: {countSummary(receipt.kept)}
        </dd>
        <dt>Digest</dt>
        <dd>
          <code className="break-all">{receipt.digest}</code>
        </dd>
      </dl>
      <p className="link-row">
        <a className="btn btn--secondary btn--sm" href={receiptUrl(receipt.id, 'json')} download>
          Download receipt (JSON)
        </a>
        <a className="btn btn--secondary btn--sm" href={receiptUrl(receipt.id, 'html')} target="_blank" rel="noreferrer">
          Open printable receipt
        </a>
      </p>
    </div>
  );
}

/**
 * The erasure confirmation: says exactly what happens, asks for the candidate's name (the button
 * stays disabled until it matches), shows the server's refusal (409 under a legal hold) and, once
 * done, the receipt. The candidate's page no longer exists afterwards, hence the way back to the jobs.
 */
export function EraseDialog({
  candidateId,
  candidateName,
  requestId,
  onErased,
  onClose,
}: {
  candidateId: string;
  candidateName: string;
  requestId?: string | undefined;
  onErased?: (receipt: ErasureReceipt) => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<ErasureReceipt | null>(null);
  const matches = nameMatches(typed, candidateName);

  useEffect(() => {
    heading.current?.focus();
  }, [receipt]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches) {
      setFieldError('Type the candidate’s name exactly as shown');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setFieldError(undefined);
    try {
      const out = await api(eraseCandidateRoute, {
        params: { id: candidateId },
        body: { confirmName: normalizeName(typed), ...(requestId ? { requestId } : {}) },
      });
      setReceipt(out);
      onErased?.(out);
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.issues.confirmName) setFieldError(apiError.issues.confirmName);
      else setProblem(apiError.status === 409 ? `Not erased: ${apiError.message}` : apiError.message);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <section className="privacy-dialog" role="dialog" aria-labelledby={titleId}>
        <h3 id={titleId} ref={heading} tabIndex={-1} className="privacy-dialog__title">
          Candidate erased
        </h3>
        <Alert tone="success" title="The personal data is gone.">
          <p>Keep this receipt as the record of the erasure. It holds no personal data.</p>
        </Alert>
        <ReceiptView receipt={receipt} />
        <FormActions>
          <Link to="/jobs">Back to jobs and candidates</Link>
          <Button variant="secondary" size="sm" onClick={onClose}>
            Close
          </Button>
        </FormActions>
      </section>
    );
  }

  return (
    <section className="privacy-dialog privacy-dialog--danger" role="dialog" aria-labelledby={titleId}>
      <h3 id={titleId} ref={heading} tabIndex={-1} className="privacy-dialog__title">
        Erase {candidateName}?
      </h3>
      <ul className="privacy-dialog__facts">
        <li>Their personal data is removed everywhere: profile, contact details, résumé, notes, scorecard comments, transcripts, emails, demographics and consents.</li>
        <li>Their applications stay, without anything that identifies them (dated stage moves, ratings, decision and outcome), so the statistics still add up.</li>
        <li>This cannot be undone. You get a receipt listing what was removed and what was kept.</li>
      </ul>
      <Form onSubmit={(e) => void submit(e)} aria-labelledby={titleId}>
        <TextField
          label="Type the candidate’s name to confirm"
          hint={`Type: ${candidateName}`}
          autoComplete="off"
          value={typed}
          error={fieldError}
          onChange={(e) => setTyped(e.target.value)}
        />
        <FormAlert message={problem} />
        <FormActions>
          <Button type="submit" variant="danger" disabled={!matches} busy={busy} busyLabel="Erasing…">
            Erase for good
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
