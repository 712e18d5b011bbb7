import { listCompetenciesRoute, listLibraryRolesRoute } from '../../../modules/roles/roles.contract.ts';
import { api } from '../../lib/api.ts';

/** The library's read-only lists, shared by the role pages (content changes only with a new release). */
export const libraryRolesQuery = {
  queryKey: ['library-roles'],
  queryFn: () => api(listLibraryRolesRoute, { query: { limit: 200 } }),
  staleTime: 5 * 60_000,
};

export const competenciesQuery = {
  queryKey: ['competencies'],
  queryFn: () => api(listCompetenciesRoute, { query: { limit: 200 } }),
  staleTime: 5 * 60_000,
};
