import { bind } from '../../server/context.ts';
import * as c from './roles.contract.ts';
import * as s from './roles.service.ts';

export const rolesRoutes = [
  bind(c.listLibraryRolesRoute, async (_ctx, { query }) => s.listLibraryRoles(query)),
  bind(c.getLibraryRoleRoute, async (_ctx, { params }) => s.getLibraryRole(params.roleId)),
  bind(c.listCompetenciesRoute, async (_ctx, { query }) => s.listCompetencies(query)),
  bind(c.getCompetencyRoute, async (_ctx, { params }) => s.getCompetency(params.competencyId)),
  bind(c.compareRolesRoute, async (_ctx, { query }) => s.compareLibraryRoles(query.roles)),
  bind(c.listOrgRolesRoute, (ctx, { query }) => s.listOrgRoles(ctx, query)),
  bind(c.createOrgRoleRoute, (ctx, { body }) => s.createOrgRole(ctx, body)),
  bind(c.getOrgRoleRoute, (ctx, { params }) => s.getOrgRole(ctx, params.id)),
  bind(c.saveOrgRoleRoute, (ctx, { params, body }) => s.saveOrgRole(ctx, params.id, body)),
  bind(c.listOrgRoleVersionsRoute, (ctx, { params, query }) => s.listOrgRoleVersions(ctx, params.id, query)),
  bind(c.getOrgRoleVersionRoute, (ctx, { params }) => s.getOrgRoleVersion(ctx, params.id, params.versionId)),
  bind(c.diffOrgRoleRoute, (ctx, { params, query }) => s.diffOrgRole(ctx, params.id, query.from, query.to)),
  bind(c.restoreOrgRoleRoute, (ctx, { params, body }) => s.restoreOrgRole(ctx, params.id, body)),
];
