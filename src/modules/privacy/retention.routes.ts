import type { RouteBinding } from '../../server/context.ts';

/** Filled in by the issue-10 work on this module. */
export const retentionRoutes: RouteBinding[] = [];
