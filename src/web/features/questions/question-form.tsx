import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type Path, useForm } from 'react-hook-form';
import { z } from 'zod';
import { lintRisk } from '../../../core/risk/risk-lint.ts';
import {
  createQuestionRoute,
  getQuestionRoute,
  type OrgQuestionBody,
  type Question,
  saveQuestionRoute,
} from '../../../modules/questions/questions.contract.ts';
import { questionTypes } from '../../../modules/questions/questions.content.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, ApiError } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import {
  emptyQuestionForm,
  labelOf,
  lines,
  questionFieldOfIssue,
  type QuestionFormValues,
  questionTypeLabels,
  seniorityLabels,
  toQuestionBody,
  toQuestionForm,
} from './question-format.ts';

const listField = (min: number, max: number, what: string) =>
  z.string().superRefine((v, ctx) => {
    const items = lines(v);
    if (items.length < min) ctx.addIssue({ code: 'custom', message: `Write at least ${min} ${what}, one per line` });
    else if (items.length > max) ctx.addIssue({ code: 'custom', message: `Write at most ${max} ${what}` });
    else if (items.some((l) => l.length < 5)) ctx.addIssue({ code: 'custom', message: 'Each line needs at least 5 characters' });
    else if (items.some((l) => l.length > 600)) ctx.addIssue({ code: 'custom', message: 'Each line can have at most 600 characters' });
  });

const formSchema = z.object({
  text: z.string().trim().min(20, 'Write at least 20 characters').max(600, 'Use at most 600 characters'),
  type: z.enum(questionTypes),
  competencies: z.array(z.string()).min(1, 'Choose at least one competency').max(3, 'Choose at most 3 competencies'),
  seniority: z.array(z.enum(['senior', 'executive'])).min(1, 'Choose at least one seniority'),
  tags: z.string().superRefine((v, ctx) => {
    const tags = v.split(',').map((t) => t.trim()).filter(Boolean);
    if (tags.length > 12) ctx.addIssue({ code: 'custom', message: 'Use at most 12 tags' });
    if (tags.some((t) => t.length > 40)) ctx.addIssue({ code: 'custom', message: 'Each tag can have at most 40 characters' });
  }),
  probes: listField(2, 6, 'probes'),
  strongAnswer: listField(1, 6, 'signs of a strong answer'),
  redFlags: listField(1, 6, 'red flags'),
  minutes: z.number({ error: 'Enter the minutes, 3 to 45' }).int('Enter whole minutes').min(3, 'At least 3 minutes').max(45, 'At most 45 minutes'),
});

/** Remembers the current version id of organization questions this browser created or saved. */
export const questionVersionKey = (ref: string) => ['question-version', ref];

const nilUuid = '00000000-0000-0000-0000-000000000000';

/**
 * The version a save of `question` starts from. Known after this browser created or saved it;
 * otherwise a save naming no real version is answered 409 with the current version id, which is
 * used only when the question is still at the version the user opened (`question.version`).
 */
async function saveOnTopOf(question: Question, body: OrgQuestionBody, knownVersionId: string | undefined) {
  const save = (baseVersionId: string) => api(saveQuestionRoute, { params: { ref: question.ref }, body: { baseVersionId, body } });
  if (knownVersionId) return save(knownVersionId);
  try {
    return await save(nilUuid);
  } catch (e) {
    const err = toApiError(e);
    const current = err.details?.currentVersionId;
    if (err.status !== 409 || typeof current !== 'string') throw e;
    const latest = await api(getQuestionRoute, { params: { ref: question.ref } });
    if (latest.version !== question.version) throw err;
    return save(current);
  }
}

interface Props {
  competencies: readonly { id: string; name: string }[];
  /** The question being edited; a new one when absent. */
  question?: Question;
  onDone: (saved: Question & { currentVersion: { number: number } }) => void;
  onCancel: () => void;
}

/** Add or edit an organization question: risk lint live under the text, server issues under their fields. */
export function QuestionForm({ competencies, question, onDone, onCancel }: Props) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<Question | undefined>(question);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<QuestionFormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: question ? toQuestionForm(question) : emptyQuestionForm,
  });
  const { errors, isSubmitting } = form.formState;
  const text = form.watch('text') ?? '';
  const findings = lintRisk(text);
  const probeFindings = lines(form.watch('probes') ?? '').flatMap((p, i) => lintRisk(p).map((f) => ({ ...f, probe: i + 1 })));
  const isEdit = !!editing;

  const onSubmit = form.handleSubmit(async (values) => {
    setNotice(null);
    try {
      const body = toQuestionBody(values, editing?.roles ?? []);
      const saved = editing
        ? await saveOnTopOf(editing, body, client.getQueryData<string>(questionVersionKey(editing.ref)))
        : await api(createQuestionRoute, { body });
      client.setQueryData(questionVersionKey(saved.ref), saved.currentVersion.id);
      onDone(saved);
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 409) {
        setConflict(true);
        return;
      }
      let mapped = 0;
      const rawIssues = Array.isArray(err.details?.issues) ? (err.details.issues as { path?: unknown; message?: unknown }[]) : [];
      const byField = new Map<keyof QuestionFormValues, string[]>();
      for (const issue of rawIssues) {
        if (typeof issue.path !== 'string' || typeof issue.message !== 'string') continue;
        const field = questionFieldOfIssue(issue.path);
        if (field) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
      }
      for (const [field, messages] of byField) {
        form.setError(field as Path<QuestionFormValues>, { type: 'server', message: messages.join(' ') }, { shouldFocus: mapped === 0 });
        mapped++;
      }
      if (mapped === 0 || !(err instanceof ApiError)) form.setError('root.server', { type: 'server', message: err.message });
      else form.setError('root.server', { type: 'server', message: `${err.message}: see the fields marked below.` });
    }
  });

  const loadLatest = async () => {
    if (!editing) return;
    try {
      const latest = await api(getQuestionRoute, { params: { ref: editing.ref } });
      client.removeQueries({ queryKey: questionVersionKey(editing.ref) });
      setEditing(latest);
      setConflict(false);
      setNotice(`Loaded version ${latest.version}. Your edits are still in the form (the saved text is shown under it when it differs); save again to apply them on top of it.`);
    } catch (e) {
      form.setError('root.server', { type: 'server', message: toApiError(e).message });
    }
  };

  const competencyOptions = competencies.map((c) => ({ value: c.id, label: c.name }));

  return (
    <Form onSubmit={onSubmit} aria-label={isEdit ? 'Edit the question' : 'Add a question'}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {conflict ? (
        <Alert tone="error" title="Someone saved a newer version of this question while you were editing.">
          <p>Your changes were not saved. Load the latest version: your values stay in the form so you can re-apply them.</p>
          <Button variant="secondary" size="sm" onClick={() => void loadLatest()}>
            Load the latest version
          </Button>
        </Alert>
      ) : null}
      <FormAlert message={errors.root?.server?.message} />
      <TextAreaField
        label="Question text"
        rows={3}
        error={errors.text?.message}
        hint={editing && text.trim() !== editing.text ? `Saved (version ${editing.version}): ${editing.text}` : 'Ask about what the candidate did; 20 to 600 characters.'}
        {...form.register('text')}
      />
      <div role="status" className="risk-live">
        {findings.length ? (
          <>
            <p className="risk-live__title">This wording may touch a protected characteristic:</p>
            <ul>
              {findings.map((f) => (
                <li key={`${f.start}-${f.category}`}>
                  <strong>“{f.match}”</strong>: {f.message} {f.alternative}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <SelectField
        label="Type"
        options={questionTypes.map((t) => ({ value: t, label: labelOf(questionTypeLabels, t) }))}
        error={errors.type?.message}
        {...form.register('type')}
      />
      <Controller
        control={form.control}
        name="competencies"
        render={({ field }) => (
          <CheckboxGroup
            legend="Competencies"
            description="Choose 1 to 3."
            name="competencies"
            options={competencyOptions}
            value={field.value}
            onChange={field.onChange}
            error={errors.competencies?.message ?? errors.competencies?.root?.message}
          />
        )}
      />
      <Controller
        control={form.control}
        name="seniority"
        render={({ field }) => (
          <CheckboxGroup
            legend="Seniority"
            name="seniority"
            inline
            options={(['senior', 'executive'] as const).map((s) => ({ value: s, label: seniorityLabels[s] }))}
            value={field.value}
            onChange={field.onChange}
            error={errors.seniority?.message ?? errors.seniority?.root?.message}
          />
        )}
      />
      <TextField label="Tags" hint="Optional, separated by commas." error={errors.tags?.message} {...form.register('tags')} />
      <TextAreaField label="Probes" hint="Follow-up questions, one per line (at least 2)." rows={4} error={errors.probes?.message} {...form.register('probes')} />
      <div role="status" className="risk-live">
        {probeFindings.length ? (
          <ul>
            {probeFindings.map((f) => (
              <li key={`${f.probe}-${f.start}-${f.category}`}>
                Probe {f.probe}: <strong>“{f.match}”</strong>: {f.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <TextAreaField
        label="What a strong answer shows"
        hint="One per line."
        rows={3}
        error={errors.strongAnswer?.message}
        {...form.register('strongAnswer')}
      />
      <TextAreaField label="Red flags" hint="One per line." rows={3} error={errors.redFlags?.message} {...form.register('redFlags')} />
      <TextField
        label="Minutes"
        type="number"
        min={3}
        max={45}
        inputMode="numeric"
        error={errors.minutes?.message}
        {...form.register('minutes', { valueAsNumber: true })}
      />
      <FormActions>
        <Button type="submit" busy={isSubmitting} busyLabel="Saving…">
          {isEdit ? 'Save the question' : 'Add the question'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </FormActions>
    </Form>
  );
}
