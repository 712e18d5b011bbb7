import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { createOrgRoleRoute } from '../../../modules/roles/roles.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { useSession } from '../../lib/session.ts';
import { canWriteRoles } from './role-format.ts';

/** Whether the visitor is signed in to an organization as someone who may create its role profiles. */
export function useCanWriteRoles(): boolean {
  const session = useSession();
  return canWriteRoles(session.data?.organization?.role);
}

/**
 * "Use for our organization": copies a library role into the organization's editable, versioned
 * profiles and opens the copy. Renders nothing for visitors and for members who may not write.
 * `context` is read after the label by assistive technology when several buttons share a page.
 */
export function UseForOrgButton({ roleId, context, variant = 'primary' }: { roleId: string; context?: ReactNode; variant?: 'primary' | 'secondary' }) {
  const canWrite = useCanWriteRoles();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () => api(createOrgRoleRoute, { body: { sourceRoleId: roleId } }),
    onSuccess: (created) => navigate(`/org-roles/${created.id}`),
  });
  if (!canWrite) return null;
  return (
    <span className="use-for-org">
      <Button variant={variant} size="sm" busy={create.isPending} busyLabel="Creating…" onClick={() => create.mutate()}>
        Use for our organization
        {context ? <span className="visually-hidden"> ({context})</span> : null}
      </Button>
      {create.isError ? <Alert tone="error">{toApiError(create.error).message}</Alert> : null}
    </span>
  );
}
