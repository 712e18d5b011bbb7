import { bind } from '../../server/context.ts';
import * as c from './auth.contract.ts';
import * as s from './auth.service.ts';
import * as tf from './two-factor.service.ts';

export const authRoutes = [
  bind(c.signUpRoute, async (ctx, { body }, res) => {
    const started = await s.signUp(ctx, body);
    res.setSession(started.token, started.expiresAt);
    return started.info;
  }),
  bind(c.signInRoute, async (ctx, { body }, res) => {
    const started = await s.signIn(ctx, body, res.currentSessionToken);
    res.setSession(started.token, started.expiresAt);
    return started.info;
  }),
  bind(c.signOutRoute, async (ctx, _input, res) => {
    const out = await s.signOut(ctx);
    res.clearSession();
    return out;
  }),
  bind(c.getSessionRoute, (ctx) => s.getSession(ctx)),
  bind(c.switchOrganizationRoute, (ctx, { body }) => s.switchOrganization(ctx, body.organizationId)),
  bind(c.requestPasswordResetRoute, (ctx, { body }) => s.requestPasswordReset(ctx, body.email, ctx.baseUrl)),
  bind(c.completePasswordResetRoute, (ctx, { body }) => s.completePasswordReset(ctx, body.token, body.password)),
  bind(c.secondFactorRoute, async (ctx, { body }, res) => {
    const started = await tf.completeSecondFactor(ctx, body, res.currentSessionToken);
    res.setSession(started.token, started.expiresAt);
    return started.info;
  }),
  bind(c.getTwoFactorRoute, (ctx) => tf.getTwoFactorStatus(ctx)),
  bind(c.startTwoFactorRoute, (ctx) => tf.startEnrolment(ctx)),
  bind(c.confirmTwoFactorRoute, (ctx, { body }) => tf.confirmEnrolment(ctx, body.code)),
  bind(c.disableTwoFactorRoute, (ctx, { body }) => tf.disableTwoFactor(ctx, body)),
  bind(c.listSessionsRoute, (ctx) => tf.listSessions(ctx)),
  bind(c.revokeSessionRoute, async (ctx, { params }, res) => {
    const out = await tf.revokeSession(ctx, params.id);
    if (out.wasCurrent) res.clearSession();
    return { ok: true as const };
  }),
  bind(c.signOutOthersRoute, (ctx) => tf.signOutOthers(ctx)),
];
