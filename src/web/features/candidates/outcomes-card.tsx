import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { checkpointLabels, deleteOutcomeRoute, getOutcomesRoute, type Outcome, type OutcomeCheckpoint, outcomeCheckpoints, OUTCOME_NOTE_MAX, saveOutcomeRoute } from '../../../modules/outcomes/outcomes.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { nextCheckpoint, outcomeBody, type OutcomeErrors, outcomeFields, type OutcomeFormValues, outcomeFormValues, yesNoLabel } from './outcomes-model.ts';

export const outcomesKey = (applicationId: string) => ['application-outcomes', applicationId] as const;

const ratingOptions = [{ value: '', label: 'Not recorded' }, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))];
const yesNoOptions = [
  { value: '', label: 'Unknown' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function OutcomeSummary({ o }: { o: Outcome }) {
  const parts = [
    o.performanceRating !== null ? `Performance ${o.performanceRating}/5` : null,
    o.retained !== null ? `Retained: ${yesNoLabel(o.retained)}` : null,
    o.rampDays !== null ? `Ramp ${o.rampDays} days` : null,
    o.regrettedAttrition !== null ? `Regretted attrition: ${yesNoLabel(o.regrettedAttrition)}` : null,
    o.managerSatisfaction !== null ? `Manager satisfaction ${o.managerSatisfaction}/5` : null,
  ].filter(Boolean);
  return (
    <>
      <strong>{checkpointLabels[o.checkpoint]}</strong>: {parts.join(' · ')}
      {o.note ? <p className="muted">{o.note}</p> : null}
    </>
  );
}

/** Post-hire outcomes of a hired application, for its hiring team: the recorded checkpoints and a form to add or edit one. */
export function OutcomesCard({ applicationId }: { applicationId: string }) {
  const client = useQueryClient();
  const headingId = useId();
  const outcomes = useQuery({ queryKey: outcomesKey(applicationId), queryFn: () => api(getOutcomesRoute, { params: { id: applicationId } }) });
  const items = outcomes.data?.items ?? [];
  const [values, setValues] = useState<OutcomeFormValues | null>(null);
  const [errors, setErrors] = useState<OutcomeErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = values ?? outcomeFormValues(nextCheckpoint(items), undefined);

  const edit = (checkpoint: OutcomeCheckpoint) => {
    setValues(outcomeFormValues(checkpoint, items.find((o) => o.checkpoint === checkpoint)));
    setErrors({});
    setProblem(null);
    setSaved(null);
  };
  const set = <K extends keyof OutcomeFormValues>(key: K, value: OutcomeFormValues[K]) => {
    setValues({ ...form, [key]: value });
    setSaved(null);
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSaved(null);
    const result = outcomeBody(form);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api(saveOutcomeRoute, { params: { id: applicationId, checkpoint: form.checkpoint }, body: result.body });
      setSaved(`Saved the ${checkpointLabels[form.checkpoint]} outcome.`);
      setValues(null);
      await client.invalidateQueries({ queryKey: outcomesKey(applicationId) });
    } catch (err) {
      const apiError = toApiError(err);
      const fieldErrors: OutcomeErrors = {};
      for (const [path, message] of Object.entries(apiError.issues)) {
        if ((outcomeFields as readonly string[]).includes(path)) fieldErrors[path as keyof OutcomeErrors] = message;
      }
      setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length === 0) setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (checkpoint: OutcomeCheckpoint) => {
    setProblem(null);
    setSaved(null);
    try {
      await api(deleteOutcomeRoute, { params: { id: applicationId, checkpoint } });
      if (values?.checkpoint === checkpoint) setValues(null);
      await client.invalidateQueries({ queryKey: outcomesKey(applicationId) });
    } catch (err) {
      setProblem(toApiError(err).message);
    }
  };

  return (
    <section className="iv-outcomes" aria-labelledby={headingId}>
      <h3 id={headingId}>Outcomes</h3>
      {outcomes.isPending ? <Loading label="Loading the outcomes…" /> : null}
      {outcomes.isError ? <LoadError error={outcomes.error} what="the outcomes" onRetry={() => void outcomes.refetch()} /> : null}
      {outcomes.isSuccess && items.length === 0 ? <EmptyState>No outcomes recorded yet.</EmptyState> : null}
      {items.length ? (
        <ul className="item-list">
          {items.map((o) => (
            <li key={o.id}>
              <OutcomeSummary o={o} />
              <p>
                <Button variant="ghost" size="sm" onClick={() => edit(o.checkpoint)}>
                  Edit {checkpointLabels[o.checkpoint]}
                </Button>
                <Button variant="ghost" size="sm" onClick={() => void remove(o.checkpoint)}>
                  Delete {checkpointLabels[o.checkpoint]}
                </Button>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {outcomes.isSuccess ? (
        <Form onSubmit={(e) => void onSubmit(e)} aria-labelledby={headingId} noValidate>
          {saved ? <Alert tone="success">{saved}</Alert> : null}
          <FormAlert message={problem ?? undefined} />
          <SelectField
            label="Checkpoint"
            value={form.checkpoint}
            error={errors.checkpoint}
            options={outcomeCheckpoints.map((c) => ({ value: c, label: `${checkpointLabels[c]}${items.some((o) => o.checkpoint === c) ? ' (recorded)' : ''}` }))}
            onChange={(e) => edit(e.target.value as OutcomeCheckpoint)}
          />
          <SelectField label="Performance rating (1–5)" value={form.performanceRating} error={errors.performanceRating} options={ratingOptions} onChange={(e) => set('performanceRating', e.target.value)} />
          <SelectField label="Retained" value={form.retained} error={errors.retained} options={yesNoOptions} onChange={(e) => set('retained', e.target.value as OutcomeFormValues['retained'])} />
          <TextField label="Ramp time (days)" inputMode="numeric" value={form.rampDays} error={errors.rampDays} onChange={(e) => set('rampDays', e.target.value)} />
          <SelectField
            label="Regretted attrition"
            value={form.regrettedAttrition}
            error={errors.regrettedAttrition}
            options={yesNoOptions}
            onChange={(e) => set('regrettedAttrition', e.target.value as OutcomeFormValues['regrettedAttrition'])}
          />
          <SelectField label="Manager satisfaction (1–5)" value={form.managerSatisfaction} error={errors.managerSatisfaction} options={ratingOptions} onChange={(e) => set('managerSatisfaction', e.target.value)} />
          <TextAreaField label="Note" rows={2} maxLength={OUTCOME_NOTE_MAX} value={form.note} error={errors.note} onChange={(e) => set('note', e.target.value)} />
          <FormActions>
            <Button type="submit" busy={busy} busyLabel="Saving…">
              Save outcome
            </Button>
          </FormActions>
        </Form>
      ) : null}
    </section>
  );
}
