import { z } from 'zod';
import {
  emailSchema,
  idParamsSchema,
  okSchema,
  orgRoleSchema,
  pageQuerySchema,
  pageSchema,
  personNameSchema,
  slugSchema,
} from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';
import { organizationNameSchema, sessionInfoSchema } from '../auth/auth.contract.ts';

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  /** Members must sign in with a second factor; until they set it up they reach only the enrolment. */
  requireTwoFactor: z.boolean(),
  createdAt: z.string(),
  memberCount: z.number().int(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const updateOrganizationSchema = z
  .strictObject({ name: organizationNameSchema.optional(), slug: slugSchema.optional(), requireTwoFactor: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.slug !== undefined || v.requireTwoFactor !== undefined, { message: 'Change at least one field' });

export const createOrganizationSchema = z.strictObject({ name: organizationNameSchema });

export const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: orgRoleSchema,
  compliance: z.boolean(),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const updateMemberSchema = z
  .strictObject({ role: orgRoleSchema.optional(), compliance: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.compliance !== undefined, { message: 'Change at least one field' });
export const memberParamsSchema = z.object({ userId: z.uuid() });

export const invitationStatuses = ['pending', 'accepted', 'revoked', 'expired'] as const;
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: orgRoleSchema,
  status: z.enum(invitationStatuses),
  invitedByName: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const createInvitationSchema = z.strictObject({ email: emailSchema, role: orgRoleSchema });

export const inviteTokenParamsSchema = z.object({ token: z.string().min(10).max(200) });
export const inviteInfoSchema = z.object({
  organizationName: z.string(),
  email: z.string(),
  role: orgRoleSchema,
  /** An account with the invited email exists: accepting asks for its password. */
  hasAccount: z.boolean(),
  expiresAt: z.string(),
});
export type InviteInfo = z.infer<typeof inviteInfoSchema>;

export const acceptInviteSchema = z.strictObject({
  /** Required when creating a new account. */
  name: personNameSchema.optional(),
  password: z.string().min(1, 'Enter a password').max(200),
});

export const getOrganizationRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/organization',
  summary: 'The active organization',
  tag: 'organizations',
  access: { kind: 'member' },
  response: organizationSchema,
});

export const updateOrganizationRoute = defineRoute({
  method: 'PATCH',
  path: '/api/v1/organization',
  summary: 'Rename the active organization or change its public slug',
  tag: 'organizations',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  body: updateOrganizationSchema,
  response: organizationSchema,
});

export const createOrganizationRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/organizations',
  summary: 'Create another organization (you become its owner) and switch to it',
  tag: 'organizations',
  access: { kind: 'signed-in' },
  body: createOrganizationSchema,
  response: sessionInfoSchema,
  status: 201,
  sessionOnly: true,
});

export const listMembersRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/members',
  summary: 'List members of the active organization',
  tag: 'members',
  access: { kind: 'member' },
  query: pageQuerySchema,
  response: pageSchema(memberSchema),
});

export const updateMemberRoute = defineRoute({
  method: 'PATCH',
  path: '/api/v1/members/:userId',
  summary: "Change a member's role or compliance grant",
  tag: 'members',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  params: memberParamsSchema,
  body: updateMemberSchema,
  response: memberSchema,
});

export const removeMemberRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/members/:userId',
  summary: 'Remove a member (their sessions in this organization end); members may remove themselves',
  tag: 'members',
  access: { kind: 'member' },
  params: memberParamsSchema,
  response: okSchema,
});

export const listInvitationsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/invitations',
  summary: 'List invitations of the active organization, newest first',
  tag: 'members',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  query: pageQuerySchema,
  response: pageSchema(invitationSchema),
});

export const createInvitationRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/invitations',
  summary: 'Invite someone by email (single-use link, valid 7 days, sent through the outbox)',
  tag: 'members',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  body: createInvitationSchema,
  response: invitationSchema,
  status: 201,
});

export const revokeInvitationRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/invitations/:id',
  summary: 'Revoke a pending invitation',
  tag: 'members',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  params: idParamsSchema,
  response: okSchema,
});

export const getInviteRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/invites/:token',
  summary: 'What an invitation link offers (public: the token is the credential)',
  tag: 'members',
  access: { kind: 'public' },
  params: inviteTokenParamsSchema,
  response: inviteInfoSchema,
});

export const acceptInviteRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/invites/:token/accept',
  summary: 'Accept an invitation: creates the account or links an existing one, then signs in',
  tag: 'members',
  access: { kind: 'public' },
  params: inviteTokenParamsSchema,
  body: acceptInviteSchema,
  response: sessionInfoSchema,
});
