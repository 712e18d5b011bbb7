import type { RouteBinding } from '../../server/context.ts';

/** Filled in by the integrations issue. */
export const importRoutes: RouteBinding[] = [];
