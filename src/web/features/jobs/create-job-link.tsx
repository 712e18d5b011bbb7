import type { ReactNode } from 'react';
import { ButtonLink } from '../../components/button.tsx';
import { useSession } from '../../lib/session.ts';
import { canManageJobs, newJobPath } from './job-format.ts';

/**
 * "Create job from this role": opens the new-job form with the role chosen. Renders nothing for
 * visitors and for members who may not create jobs. `context` is read after the label by assistive
 * technology when several links share a page.
 */
export function CreateJobLink({ roleId, context, variant = 'secondary' }: { roleId: string; context?: ReactNode; variant?: 'primary' | 'secondary' }) {
  const session = useSession();
  if (!canManageJobs(session.data?.organization?.role)) return null;
  return (
    <ButtonLink to={newJobPath(roleId)} variant={variant} size="sm">
      Create job from this role
      {context ? <span className="visually-hidden"> ({context})</span> : null}
    </ButtonLink>
  );
}
