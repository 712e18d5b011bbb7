import type { RouteBinding } from '../../server/context.ts';

/** Filled in by the integrations issue. */
export const webhookRoutes: RouteBinding[] = [];
