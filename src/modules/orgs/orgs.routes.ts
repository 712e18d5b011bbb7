import { bind } from '../../server/context.ts';
import * as c from './orgs.contract.ts';
import * as s from './orgs.service.ts';

export const orgsRoutes = [
  bind(c.getOrganizationRoute, (ctx) => s.getOrganization(ctx)),
  bind(c.updateOrganizationRoute, (ctx, { body }) => s.updateOrganizationSettings(ctx, body)),
  bind(c.createOrganizationRoute, (ctx, { body }) => s.createAnotherOrganization(ctx, body.name)),
  bind(c.listMembersRoute, (ctx, { query }) => s.listMembers(ctx, query)),
  bind(c.updateMemberRoute, (ctx, { params, body }) => s.updateMember(ctx, params.userId, body)),
  bind(c.removeMemberRoute, (ctx, { params }) => s.removeMember(ctx, params.userId)),
  bind(c.listInvitationsRoute, (ctx, { query }) => s.listInvitations(ctx, query)),
  bind(c.createInvitationRoute, (ctx, { body }) => s.inviteMember(ctx, body)),
  bind(c.revokeInvitationRoute, (ctx, { params }) => s.revokeInvitation(ctx, params.id)),
  bind(c.getInviteRoute, (ctx, { params }) => s.getInvite(ctx, params.token)),
  bind(c.acceptInviteRoute, async (ctx, { params, body }, res) => {
    const started = await s.acceptInvite(ctx, params.token, body);
    res.setSession(started.token, started.expiresAt);
    return started.info;
  }),
];
