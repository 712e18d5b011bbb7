import { z } from 'zod';
import { emailSchema, okSchema, orgRoleSchema, passwordSchema, personNameSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

export const organizationNameSchema = z.string().trim().min(2, 'Use at least 2 characters').max(120);

export const signUpBodySchema = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
  organizationName: organizationNameSchema,
});
export type SignUpBody = z.infer<typeof signUpBodySchema>;

export const signInBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(200),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const membershipSummarySchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  slug: z.string(),
  role: orgRoleSchema,
});

export const sessionInfoSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  organization: z
    .object({ id: z.string(), name: z.string(), slug: z.string(), role: orgRoleSchema, compliance: z.boolean() })
    .nullable(),
  memberships: z.array(membershipSummarySchema),
  /** Send back as the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export const passwordResetCompleteSchema = z.strictObject({
  token: z.string().min(10).max(200),
  password: passwordSchema,
});
export const switchOrganizationSchema = z.strictObject({ organizationId: z.uuid() });

export const signUpRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/sign-up',
  summary: 'Create an account and its organization (you become its owner); signs you in',
  tag: 'auth',
  access: { kind: 'public' },
  body: signUpBodySchema,
  response: sessionInfoSchema,
  status: 201,
});

export const signInRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/sign-in',
  summary: 'Sign in with email and password; starts a new session',
  tag: 'auth',
  access: { kind: 'public' },
  body: signInBodySchema,
  response: sessionInfoSchema,
});

export const signOutRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/sign-out',
  summary: 'End the current session',
  tag: 'auth',
  access: { kind: 'signed-in' },
  response: okSchema,
});

export const getSessionRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/auth/session',
  summary: 'The signed-in user, active organization, memberships and CSRF token',
  tag: 'auth',
  access: { kind: 'signed-in' },
  response: sessionInfoSchema,
});

export const switchOrganizationRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/switch-organization',
  summary: 'Make another of your organizations the active one',
  tag: 'auth',
  access: { kind: 'signed-in' },
  body: switchOrganizationSchema,
  response: sessionInfoSchema,
});

export const requestPasswordResetRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/password-reset',
  summary: 'Email a single-use reset link (answers the same whether or not the account exists)',
  tag: 'auth',
  access: { kind: 'public' },
  body: passwordResetRequestSchema,
  response: okSchema,
  status: 202,
});

export const completePasswordResetRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/password-reset/complete',
  summary: 'Set a new password with a reset token; ends every session of the account',
  tag: 'auth',
  access: { kind: 'public' },
  body: passwordResetCompleteSchema,
  response: okSchema,
});
