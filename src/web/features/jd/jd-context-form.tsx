import type { FormEvent } from 'react';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup, RadioGroup } from '../../components/choice-group.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import {
  type ContextField,
  type ContextForm,
  EMPHASIS_MAX,
  lengthOptions,
  remotePolicyOptions,
  salaryPeriodOptions,
  stageOptions,
  toneOptions,
} from './jd-format.ts';

/** The value if it is one of the options' values, else the current one (selects and radios only offer valid values). */
function oneOf<T extends string>(options: readonly { value: T }[], value: string, current: T): T {
  return options.find((o) => o.value === value)?.value ?? current;
}

/**
 * The generator's inputs: company facts, pay, locations and benefits, which competencies to
 * stress, tone and length. Prefilled from the view's defaults; errors sit under their fields.
 */
export function ContextFormCard({
  form,
  onChange,
  competencies,
  errors,
  otherErrors,
  problem,
  busy,
  exists,
  onGenerate,
}: {
  form: ContextForm;
  onChange: (patch: Partial<ContextForm>) => void;
  competencies: readonly { id: string; name: string }[];
  errors: Partial<Record<ContextField, string>>;
  otherErrors: readonly string[];
  problem: string | null;
  busy: boolean;
  exists: boolean;
  onGenerate: () => void;
}) {
  const text = (field: 'name' | 'mission' | 'industry' | 'headquarters' | 'reportsTo' | 'currency' | 'equity' | 'headcount' | 'teamSize' | 'salaryMin' | 'salaryMax') => ({
    value: form[field],
    error: errors[field],
    onChange: (e: { target: { value: string } }) => onChange({ [field]: e.target.value }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onGenerate();
  };

  return (
    <section className="card jd-context" aria-labelledby="jd-context-title">
      <h2 className="card__title" id="jd-context-title">
        Company context
      </h2>
      <p className="muted">
        The generator writes the description from the job’s role, these facts and the interview plan.
        {exists ? ' Generating saves a new version; earlier versions stay in the history.' : ''}
      </p>
      <Form onSubmit={submit} aria-labelledby="jd-context-title">
        {problem || otherErrors.length ? (
          <Alert tone="error" title={problem ?? 'Check these settings:'}>
            {otherErrors.length ? (
              <ul className="issue-list">
                {otherErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        <div className="jd-context__grid">
          <TextField label="Company name" autoComplete="organization" maxLength={200} {...text('name')} />
          <TextField label="Mission (one line)" maxLength={300} {...text('mission')} />
          <TextField label="Industry" maxLength={120} {...text('industry')} />
          <SelectField
            label="Stage"
            options={stageOptions}
            value={form.stage}
            error={errors.stage}
            onChange={(e) => onChange({ stage: oneOf(stageOptions, e.target.value, form.stage) })}
          />
          <TextField label="Headquarters" maxLength={120} {...text('headquarters')} />
          <SelectField
            label="Remote policy"
            options={remotePolicyOptions}
            value={form.remotePolicy}
            error={errors.remotePolicy}
            onChange={(e) => onChange({ remotePolicy: oneOf(remotePolicyOptions, e.target.value, form.remotePolicy) })}
          />
          <TextField label="Headcount" type="number" inputMode="numeric" min={1} step={1} {...text('headcount')} />
          <TextField label="Reports to" hint="A role title, e.g. CEO." maxLength={120} {...text('reportsTo')} />
          <TextField label="Team size" type="number" inputMode="numeric" min={0} step={1} hint="People in the team this role leads; 0 for none." {...text('teamSize')} />
        </div>

        <fieldset className="jd-fieldset">
          <legend className="choice-group__legend">Pay</legend>
          <p className="field__hint">Leave both salary fields empty to publish without a range (some places require one).</p>
          <div className="jd-context__grid">
            <TextField label="Salary minimum" type="number" inputMode="decimal" min={0} step="any" {...text('salaryMin')} />
            <TextField label="Salary maximum" type="number" inputMode="decimal" min={0} step="any" {...text('salaryMax')} />
            <TextField
              label="Currency"
              hint="ISO code, e.g. EUR or USD."
              maxLength={3}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              {...text('currency')}
            />
            <SelectField
              label="Pay period"
              options={salaryPeriodOptions}
              value={form.period}
              error={errors.period}
              onChange={(e) => onChange({ period: oneOf(salaryPeriodOptions, e.target.value, form.period) })}
            />
          </div>
          <TextField label="Equity" hint="Optional, e.g. “0.1–0.3% over four years”." maxLength={300} {...text('equity')} />
        </fieldset>

        <div className="jd-context__grid jd-context__grid--wide">
          <TextAreaField
            label="Locations (one per line)"
            hint="Offices for on-site and hybrid roles; countries, regions or time zones for remote ones."
            rows={3}
            value={form.locations}
            error={errors.locations}
            onChange={(e) => onChange({ locations: e.target.value })}
          />
          <TextAreaField
            label="Benefits (one per line)"
            rows={3}
            value={form.benefits}
            error={errors.benefits}
            onChange={(e) => onChange({ benefits: e.target.value })}
          />
        </div>

        {competencies.length ? (
          <CheckboxGroup
            name="emphasis"
            legend="Emphasis"
            description={`Up to ${EMPHASIS_MAX} of the role’s competencies to stress in “what you will do”.`}
            options={competencies.map((c) => ({ value: c.id, label: c.name }))}
            value={form.emphasis}
            error={errors.emphasis ?? (form.emphasis.length > EMPHASIS_MAX ? `Choose at most ${EMPHASIS_MAX}` : undefined)}
            onChange={(v) => onChange({ emphasis: v })}
            className="jd-emphasis"
          />
        ) : (
          <p className="muted">The job’s role lists no competencies to emphasise.</p>
        )}

        <div className="jd-context__grid">
          <RadioGroup
            name="tone"
            legend="Tone"
            inline
            options={toneOptions}
            value={form.tone}
            error={errors.tone}
            onChange={(v) => onChange({ tone: oneOf(toneOptions, v, form.tone) })}
          />
          <RadioGroup
            name="length"
            legend="Length"
            inline
            options={lengthOptions}
            value={form.length}
            error={errors.length}
            onChange={(v) => onChange({ length: oneOf(lengthOptions, v, form.length) })}
          />
        </div>

        <FormActions>
          <Button type="submit" busy={busy} busyLabel="Generating…">
            Generate description
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
