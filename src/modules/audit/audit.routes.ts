import { bind } from '../../server/context.ts';
import { exportAuditRoute, listAuditRoute } from './audit.contract.ts';
import { exportAudit, listAudit } from './audit.service.ts';

export const auditRoutes = [
  bind(listAuditRoute, (ctx, { query }) => listAudit(ctx, query)),
  bind(exportAuditRoute, (ctx, { query }) => exportAudit(ctx, query)),
];
