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
  twoFactor: z.object({
    /** The account has a confirmed authenticator. */
    enabled: z.boolean(),
    /** The active organization requires two-factor sign-in and the account has none: only enrolment is reachable. */
    setupRequired: z.boolean(),
  }),
  /** Send back as the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** What sign-in answers instead of a session when the account has two-factor sign-in. */
export const secondFactorChallengeSchema = z.object({
  secondFactorRequired: z.literal(true),
  /** The pending sign-in (kept in the session cookie) must be completed before this moment. */
  expiresAt: z.string(),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;
export type SignInResult = SessionInfo | SecondFactorChallenge;

export function isSecondFactorChallenge(r: SignInResult): r is SecondFactorChallenge {
  return 'secondFactorRequired' in r && r.secondFactorRequired === true;
}


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
  response: z.union([sessionInfoSchema, secondFactorChallengeSchema]),
});

export const signOutRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/sign-out',
  summary: 'End the current session',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  twoFactorExempt: true,
  response: okSchema,
});

export const getSessionRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/auth/session',
  summary: 'The signed-in user, active organization, memberships and CSRF token',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  twoFactorExempt: true,
  response: sessionInfoSchema,
});

export const switchOrganizationRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/switch-organization',
  summary: 'Make another of your organizations the active one',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  twoFactorExempt: true,
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

// ---- Two-factor sign-in (TOTP, recovery codes) and the session list ----

export const totpCodeSchema = z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');
export const recoveryCodeSchema = z.string().trim().min(8, 'Enter a recovery code').max(40);

export const twoFactorEnrolmentSchema = z.object({
  /** The shared secret in base32, shown once for manual entry. */
  secret: z.string(),
  otpauthUri: z.string(),
});
export const confirmTwoFactorSchema = z.strictObject({ code: totpCodeSchema });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const disableTwoFactorSchema = z
  .strictObject({ code: totpCodeSchema.optional(), password: z.string().min(1).max(200).optional() })
  .refine((v) => v.code !== undefined || v.password !== undefined, { message: 'Enter a current code or your password' });
export const secondFactorBodySchema = z
  .strictObject({ code: totpCodeSchema.optional(), recoveryCode: recoveryCodeSchema.optional() })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), { message: 'Enter either a code or a recovery code' });
export type SecondFactorBody = z.infer<typeof secondFactorBodySchema>;

export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** Unused recovery codes left. */
  recoveryCodesLeft: z.number().int(),
});

export const sessionSummarySchema = z.object({
  /** An opaque id derived from the session (not the cookie token, not the stored hash). */
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
export const sessionIdParamsSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/, 'Not a session id') });

export const getTwoFactorRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/auth/two-factor',
  summary: 'Whether your account has two-factor sign-in, and how many recovery codes are left',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  twoFactorExempt: true,
  response: twoFactorStatusSchema,
});

export const startTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/two-factor/enrol',
  summary: 'Start setting up an authenticator app: returns the secret and otpauth:// URI (shown once)',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  twoFactorExempt: true,
  response: twoFactorEnrolmentSchema,
});

export const confirmTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/two-factor/confirm',
  summary: 'Finish setup with a code from the app; returns 10 single-use recovery codes (shown once)',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  checksCredential: true,
  twoFactorExempt: true,
  body: confirmTwoFactorSchema,
  response: recoveryCodesSchema,
});

export const disableTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/two-factor/disable',
  summary: 'Turn two-factor sign-in off (needs a current code or your password)',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  checksCredential: true,
  body: disableTwoFactorSchema,
  response: okSchema,
});

export const secondFactorRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/sign-in/second-factor',
  summary: 'Complete a pending sign-in with an authenticator code or a recovery code; starts the session',
  tag: 'auth',
  access: { kind: 'public' },
  body: secondFactorBodySchema,
  response: sessionInfoSchema,
});

export const listSessionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/auth/sessions',
  summary: 'Your signed-in sessions, newest first',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  twoFactorExempt: true,
  response: z.object({ items: z.array(sessionSummarySchema) }),
});

export const revokeSessionRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/auth/sessions/:id',
  summary: 'Sign out one of your sessions',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  twoFactorExempt: true,
  params: sessionIdParamsSchema,
  response: okSchema,
});

export const signOutOthersRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/sessions/sign-out-others',
  summary: 'Sign out everywhere else: ends all your sessions but this one',
  tag: 'auth',
  access: { kind: 'signed-in' },
  sessionOnly: true,
  twoFactorExempt: true,
  response: z.object({ revoked: z.number().int() }),
});
