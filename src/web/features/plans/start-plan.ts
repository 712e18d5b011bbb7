import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { createPlanRoute } from '../../../modules/plans/plans.contract.ts';
import { api } from '../../lib/api.ts';
import { useSession } from '../../lib/session.ts';
import { canWriteQuestions } from '../questions/question-format.ts';

/** Whether the visitor may create and edit the organization's plans (the contract's writers). */
export function useCanWritePlans(): boolean {
  const session = useSession();
  return canWriteQuestions(session.data?.organization?.role);
}

/** Creates a plan from a guide ({fromGuide}) or an imported document ({plan}) and opens it. */
export function useCreatePlan() {
  const navigate = useNavigate();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { fromGuide: string } | { plan: unknown }) => api(createPlanRoute, { body }),
    onSuccess: async (created) => {
      client.setQueryData(['plan', created.id], created);
      void client.invalidateQueries({ queryKey: ['plans'] });
      await navigate(`/plans/${created.id}`);
    },
  });
}
