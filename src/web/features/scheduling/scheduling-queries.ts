import { listMembersRoute } from '../../../modules/orgs/orgs.contract.ts';
import { listPoolsRoute } from '../../../modules/scheduling/scheduling.contract.ts';
import { api } from '../../lib/api.ts';

/** Query keys and shared queries of the scheduling pages. */
export const availabilityKey = (userId: string) => ['availability', userId] as const;
export const candidateAvailabilityKey = (applicationId: string) => ['candidate-availability', applicationId] as const;
export const poolsKey = ['pools'] as const;

export const poolsQuery = { queryKey: poolsKey, queryFn: () => api(listPoolsRoute) };

/** Every member of the organization (one page of up to 200); the key is the candidate page's too. */
export const membersQuery = { queryKey: ['members', 'all'], queryFn: () => api(listMembersRoute, { query: { limit: 200 } }), staleTime: 60_000 };
