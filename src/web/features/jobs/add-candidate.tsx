import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { addApplicationRoute, createCandidateRoute, createCandidateSchema } from '../../../modules/candidates/candidates.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { applyServerError, toApiError } from '../../lib/forms.ts';
import { existingCandidateIdOf } from './job-format.ts';

const candidateFormSchema = createCandidateSchema.pick({ name: true, email: true, phone: true, source: true });

/**
 * Adds a candidate to the job. An email that is already a candidate answers 409 with the
 * candidate's id: the form then offers to apply that candidate to this job instead.
 */
export function AddCandidate({ jobId, onAdded }: { jobId: string; onAdded: () => void }) {
  const form = useForm({ resolver: zodResolver(candidateFormSchema), defaultValues: { name: '', email: '', phone: '', source: '' } });
  const { errors, isSubmitting } = form.formState;
  const [existing, setExisting] = useState<{ candidateId: string; email: string } | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const done = (message: string) => {
    setAdded(message);
    onAdded();
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setExisting(null);
    setAdded(null);
    try {
      const created = await api(createCandidateRoute, { body: { ...values, jobId } });
      const application = created.applications.find((a) => a.jobId === jobId);
      form.reset();
      done(application ? `Added ${created.name} to ${application.stageName}.` : `Added ${created.name}.`);
    } catch (e) {
      const candidateId = isApiError(e) && e.status === 409 ? existingCandidateIdOf(e.details) : null;
      if (candidateId) setExisting({ candidateId, email: values.email });
      else applyServerError(form.setError, e, ['name', 'email', 'phone', 'source']);
    }
  });

  const addExisting = useMutation({
    mutationFn: (candidateId: string) => api(addApplicationRoute, { params: { id: jobId }, body: { candidateId } }),
    onSuccess: (application) => {
      setExisting(null);
      form.reset();
      done(`Added ${application.candidateName} to ${application.stageName}.`);
    },
  });

  return (
    <Card title="Add candidate">
      <Form onSubmit={(e) => void onSubmit(e)} aria-label="Add candidate">
        {added ? <Alert tone="success">{added}</Alert> : null}
        <FormAlert message={errors.root?.server?.message} />
        {existing ? (
          <Alert tone="warning" title="A candidate with this email exists">
            <p>
              {existing.email} is already in your candidates. <Link to={`/candidates/${existing.candidateId}`}>Open their profile</Link> or add
              them to this job.
            </p>
            {addExisting.isError ? <p className="field__error">{toApiError(addExisting.error).message}</p> : null}
            <Button size="sm" busy={addExisting.isPending} busyLabel="Adding…" onClick={() => addExisting.mutate(existing.candidateId)}>
              Add them to this job
            </Button>
          </Alert>
        ) : null}
        <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
        <TextField label="Email" type="email" autoComplete="off" error={errors.email?.message} {...form.register('email')} />
        <TextField label="Phone" type="tel" autoComplete="off" error={errors.phone?.message} {...form.register('phone')} />
        <TextField label="Source" hint="Where they came from: referral, LinkedIn, an agency…" error={errors.source?.message} {...form.register('source')} />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Adding…">
            Add candidate
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}
