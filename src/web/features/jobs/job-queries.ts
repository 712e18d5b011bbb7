import { useQuery } from '@tanstack/react-query';
import { getJobRoute, type Job, listRejectionReasonsRoute } from '../../../modules/openings/openings.contract.ts';
import { listMembersRoute } from '../../../modules/orgs/orgs.contract.ts';
import { listOrgRolesRoute } from '../../../modules/roles/roles.contract.ts';
import { api } from '../../lib/api.ts';
import { useSession } from '../../lib/session.ts';
import { libraryRolesQuery } from '../roles/queries.ts';
import { canManageJobs } from './job-format.ts';

/** Query keys of the jobs pages; `jobsKey` prefixes every list of jobs, `jobKey(id)` one job. */
export const jobsKey = ['jobs'] as const;
export const jobKey = (id: string) => ['job', id] as const;
export const applicationsKey = (jobId: string) => ['job-applications', jobId] as const;
export const comparisonKey = (jobId: string) => ['job-comparison', jobId] as const;
export const rejectionReasonsKey = ['rejection-reasons'] as const;
export const hiringSettingsKey = ['hiring-settings'] as const;

export function jobQuery(id: string) {
  return { queryKey: jobKey(id), queryFn: () => api(getJobRoute, { params: { id } }) };
}

export const rejectionReasonsQuery = {
  queryKey: rejectionReasonsKey,
  queryFn: () => api(listRejectionReasonsRoute),
  staleTime: 5 * 60_000,
};

/** Every member of the organization (one page of up to 200), to pick hiring teams from. */
export function useOrgMembers() {
  return useQuery({ queryKey: ['jobs-members'], queryFn: () => api(listMembersRoute, { query: { limit: 200 } }), staleTime: 60_000 });
}

/** The organization's own role profiles (one page of up to 200). */
export function useOrgRoles(enabled = true) {
  return useQuery({ queryKey: ['jobs-org-roles'], queryFn: () => api(listOrgRolesRoute, { query: { limit: 200 } }), staleTime: 60_000, enabled });
}

/** Whether the signed-in member may create jobs, add candidates and move them between stages. */
export function useCanManageJobs(): boolean {
  const session = useSession();
  return canManageJobs(session.data?.organization?.role);
}

/** The role a job is for, by title: a library role, one of the organization's profiles, or its plan. */
export function useRoleTitle(): (job: Pick<Job, 'roleId' | 'orgRoleId' | 'planTitle'>) => string {
  const library = useQuery(libraryRolesQuery);
  const orgRoles = useOrgRoles();
  return (job) => {
    if (job.orgRoleId) return orgRoles.data?.items.find((r) => r.id === job.orgRoleId)?.title ?? 'Organization role';
    if (job.roleId) return library.data?.items.find((r) => r.id === job.roleId)?.title ?? job.roleId;
    return job.planTitle || '—';
  };
}
