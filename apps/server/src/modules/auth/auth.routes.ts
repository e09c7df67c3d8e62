import { Type } from 'typebox';
import { ChangePasswordBody, ErrorSchema, Me, SignInBody } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { runSystem } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { loadPrincipal } from '../../platform/access/principal.ts';
import { revokeAllSessions, revokeSession, sessionIdHash, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { signIn } from './use-cases/sign-in.ts';
import { changePassword } from './use-cases/change-password.ts';
import { presentMe } from './use-cases/get-me.ts';

const tags = ['auth'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema };

export const registerAuthRoutes = (app: TypedApp, platform: Platform): void => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: platform.config.cookieSecure };

  app.post('/api/auth/sign-in', {
    config: { access: { public: true, rateLimitPerMinute: platform.config.signInRateLimitPerMinute } },
    schema: { tags, summary: '登录 Sign in', body: SignInBody, response: { 200: Me, ...errors } },
  }, async (req, reply) => {
    const s = await signIn(platform, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) });
    const principal = await runSystem(platform, (c) => loadPrincipal(c, s.userId, 'session'));
    if (!principal) throw new AppError('AUTH_REQUIRED');
    reply.setCookie(SESSION_COOKIE, s.id, { ...cookieOptions, expires: s.expiresAt });
    return presentMe(principal, s.csrfToken, platform.config.sessionIdleSeconds);
  });

  app.get('/api/auth/me', {
    config: { access: { signedIn: true, duringPasswordChange: true } },
    schema: { tags, summary: '当前用户 The signed-in user', response: { 200: Me, ...errors } },
  }, async (req) => presentMe(signedInActor(req).principal, req.csrfToken ?? '', platform.config.sessionIdleSeconds));

  app.post('/api/auth/change-password', {
    config: { access: { signedIn: true, duringPasswordChange: true } },
    schema: { tags, summary: '修改密码 Change own password', body: ChangePasswordBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await changePassword(platform, signedInActor(req), req.sessionId, req.body.currentPassword, req.body.newPassword);
    return reply.status(204).send(null);
  });

  app.post('/api/auth/sign-out', {
    config: { access: { signedIn: true, duringPasswordChange: true } },
    schema: { tags, summary: '退出登录 Sign out', response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    const actor = signedInActor(req);
    const sid = req.sessionId;
    await runSystem(platform, async (c) => {
      if (sid) await revokeSession(c, sid);
      await appendAudit(c, { actorId: actor.principal.userId, orgId: actor.principal.orgId, townshipId: actor.principal.townshipId, action: 'auth.sign-out', entity: 'user', entityId: actor.principal.userId, ip: actor.ip, requestId: actor.requestId });
    });
    // This process's own memory of it too (other processes find it gone at their next check).
    if (sid) platform.sessions.drop(sessionIdHash(sid).toString('hex'));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send(null);
  });

  app.post('/api/auth/sign-out-all', {
    config: { access: { signedIn: true, duringPasswordChange: true } },
    schema: { tags, summary: '退出所有设备 Sign out everywhere', response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    const actor = signedInActor(req);
    await runSystem(platform, async (c) => {
      const ended = await revokeAllSessions(c, actor.principal.userId);
      await appendAudit(c, { actorId: actor.principal.userId, orgId: actor.principal.orgId, townshipId: actor.principal.townshipId, action: 'auth.sign-out-all', entity: 'user', entityId: actor.principal.userId, after: { sessionsEnded: ended }, ip: actor.ip, requestId: actor.requestId });
    });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send(null);
  });
};
