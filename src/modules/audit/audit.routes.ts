import { bind } from '../../server/context.ts';
import { listAuditRoute } from './audit.contract.ts';
import { listAudit } from './audit.service.ts';

export const auditRoutes = [bind(listAuditRoute, (ctx, { query }) => listAudit(ctx, query))];
