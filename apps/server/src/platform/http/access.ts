import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Permission } from '@fazhi/contracts';
import { AppError } from '../errors.ts';
import type { Platform, Actor } from '../platform.ts';
import { runSystem } from '../platform.ts';
import { withClient } from '../db/pools.ts';
import { loadPrincipal, loadPrincipalVersioned, type Principal } from '../access/principal.ts';
import { resolveApiToken, resolveSession, sessionIdHash, SESSION_COOKIE, TOKEN_PREFIX } from '../auth/sessions.ts';
import { errorBody } from './errors.ts';
import type { SessionCheck } from '../auth/session-cache.ts';

/**
 * Every API route declares who may call it, and the app refuses to start otherwise:
 * - public: anyone (rate limited per IP);
 * - signedIn: any signed-in user (e.g. their own profile); `duringPasswordChange` lets the
 *   route be used before a forced password change is done;
 * - permission: a signed-in user one of whose grants carries the permission. Which rows
 *   the user reaches is then decided by the data scope (row-level security).
 */
export type RouteAccess =
  | { public: true; rateLimitPerMinute?: number }
  | { signedIn: true; duringPasswordChange?: boolean }
  | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * The route does all its database work in scoped transactions (runScoped): a session this
     * process checked in the last 50 seconds is taken on trust and checked again in the
     * route's first transaction, with BEGIN and the scope, instead of by a statement of its
     * own first (SessionCheck below). Only for such routes: a route that writes through
     * runSystem, or reads on the replica first, would act before the check.
     */
    sessionInTransaction?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** A session taken on trust, still to be checked (sessionInTransaction routes only). */
    sessionCheck: SessionCheck | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isApiRoute = (url: string): boolean => url === '/api' || url.startsWith('/api/');

/** Fails registration of an API route that is neither guarded nor explicitly public. */
export const requireAccessDeclaration = (routeOptions: RouteOptions, publicRatePerMinute: number): void => {
  const url = routeOptions.url ?? '';
  if (!isApiRoute(url) || url.startsWith('/api/docs')) return;
  const access = routeOptions.config?.access;
  if (!access) {
    throw new Error(`route ${String(routeOptions.method)} ${url} declares no access: add config.access ({ permission } | { signedIn } | { public })`);
  }
  if ('public' in access) {
    const config = (routeOptions.config ?? {}) as Record<string, unknown>;
    config.rateLimit ??= { max: access.rateLimitPerMinute ?? publicRatePerMinute, timeWindow: 60_000 };
    routeOptions.config = config;
  }
};

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The actor of a request, for use cases and the audit trail. */
export const actorOf = (req: FastifyRequest): Actor => ({ principal: req.principal, ip: req.ip ?? null, requestId: String(req.id) });
export const signedInActor = (req: FastifyRequest): Actor & { principal: Principal } => {
  if (!req.principal) throw new AppError('AUTH_REQUIRED');
  return { principal: req.principal, ip: req.ip ?? null, requestId: String(req.id), safeMethod: SAFE_METHODS.has(req.method), ...(req.sessionCheck ? { session: req.sessionCheck } : {}) };
};

/**
 * The session's state and its user's principal: one statement on the owner pool (the session
 * with its user's principal version), and a second only when the principal kept for that user
 * is of another version or not kept (platform/access/principal-cache.ts). No transaction: the
 * look-up is one statement, and its rare writes (an expired session deleted, last_seen_at once
 * a minute) are single statements too.
 */
export const sessionPrincipal = async (platform: Platform, sid: string, idHash: Buffer = sessionIdHash(sid)): Promise<
  | { kind: 'valid'; principal: Principal; csrfToken: string } | { kind: 'expired' } | { kind: 'none' }> => {
  const hash = idHash.toString('hex');
  const found = await withClient(platform.system, async (c) => {
    const s = await resolveSession(c, idHash, platform.config.sessionIdleSeconds);
    if (s.kind !== 'valid') return s;
    let principal = platform.principals.get(s.userId, s.authVersion);
    if (!principal) {
      const loaded = await loadPrincipalVersioned(c, s.userId, 'session');
      if (!loaded) return { kind: 'none' as const };
      platform.principals.set(s.userId, loaded.version, loaded.principal);
      principal = loaded.principal;
      // The principal's own version: the one the next in-transaction check compares with.
      return { kind: 'valid' as const, principal, csrfToken: s.csrfToken, userId: s.userId, authVersion: loaded.version };
    }
    return { kind: 'valid' as const, principal, csrfToken: s.csrfToken, userId: s.userId, authVersion: s.authVersion };
  });
  if (found.kind !== 'valid') {
    platform.sessions.drop(hash);
    return found;
  }
  platform.sessions.set(hash, { userId: found.userId, csrfToken: found.csrfToken, authVersion: found.authVersion });
  return { kind: 'valid', principal: found.principal, csrfToken: found.csrfToken };
};

/** Refuses a principal the route does not admit: a forced password change pending, a permission missing. */
const admit = (access: RouteAccess, principal: Principal): void => {
  if (principal.mustChangePassword && !('signedIn' in access && access.duringPasswordChange)) {
    throw new AppError('AUTH_PASSWORD_CHANGE_REQUIRED');
  }
  if ('permission' in access && !principal.permissions.has(access.permission)) throw new AppError('FORBIDDEN');
};

/** The session's check on the owner pool: its principal, or the error that answers the request. */
const checkedPrincipal = async (platform: Platform, sid: string, idHash: Buffer): Promise<{ principal: Principal; csrfToken: string }> => {
  const found = await sessionPrincipal(platform, sid, idHash);
  if (found.kind === 'expired') throw new AppError('AUTH_SESSION_EXPIRED');
  if (found.kind === 'none') throw new AppError('AUTH_REQUIRED');
  return found;
};

const sqlBytea = (hex: string): string => `'\\x${hex}'::bytea`;
const sqlUuid = (id: string): string => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'${id}'::uuid`;
};

/** A session this process checked less than 50 s ago, with its principal kept at the same version: taken on trust for this request. */
const trusted = (platform: Platform, req: FastifyRequest, access: RouteAccess, sid: string, idHash: Buffer): boolean => {
  const hash = idHash.toString('hex');
  const kept = platform.sessions.fresh(hash);
  const principal = kept && platform.principals.get(kept.userId, kept.authVersion);
  if (!kept || !principal) return false;
  req.principal = principal;
  req.sessionId = sid;
  req.csrfToken = kept.csrfToken;
  const check: SessionCheck = {
    pending: true,
    sql: `SELECT fazhi_session_assert(${sqlBytea(hash)}, ${sqlUuid(kept.userId)}, ${Math.trunc(kept.authVersion)}, ${Math.trunc(platform.config.sessionIdleSeconds)})`,
    verify: async () => {
      check.pending = false;
      const found = await checkedPrincipal(platform, sid, idHash);
      admit(access, found.principal);
      req.principal = found.principal;
      req.csrfToken = found.csrfToken;
      return found.principal;
    },
    forget: () => { platform.sessions.drop(hash); },
  };
  req.sessionCheck = check;
  return true;
};

/** Resolves the caller (session cookie or API token) and enforces the route's declaration. */
export const registerAccess = (app: FastifyInstance, platform: Platform): void => {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionCheck', null);

  // onRequest: the caller is known (401) before the input is validated (400).
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith(`Bearer ${TOKEN_PREFIX}`)) {
      const token = auth.slice('Bearer '.length);
      const principal = await runSystem(platform, async (c) => {
        const t = await resolveApiToken(c, token);
        return t.kind === 'valid' ? loadPrincipal(c, t.userId, 'token', t.permissions) : null;
      });
      if (!principal) throw new AppError('AUTH_TOKEN_INVALID');
      req.principal = principal;
      // Token callers send no cookie, so cross-site request forgery does not apply.
    } else {
      const sid = req.cookies[SESSION_COOKIE];
      if (!sid) throw new AppError('AUTH_REQUIRED');
      // Fetch metadata: a browser marks a request another site started (a link, a form, an
      // image) as cross-site. The session cookie (SameSite=Lax) still rides on a link's GET;
      // such a request acts for nobody, so no link elsewhere can make a clerk's browser read
      // data or write a logged view in the clerk's name. Clients that send no such header
      // (older browsers, scripts) are unaffected; writes also need the CSRF header below.
      if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('AUTH_CROSS_SITE');
      // The session's id is hashed once: the kept sessions and the sessions table know it by its hash.
      const idHash = sessionIdHash(sid);
      if (!(req.routeOptions.config.sessionInTransaction === true && trusted(platform, req, access, sid, idHash))) {
        const found = await checkedPrincipal(platform, sid, idHash);
        req.principal = found.principal;
        req.sessionId = sid;
        req.csrfToken = found.csrfToken;
      }
      // Cookie-authenticated writes must carry the session's CSRF token in a header, which
      // a page on another site cannot read or set.
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameToken(sent, req.csrfToken ?? '')) throw new AppError('AUTH_CSRF');
      }
    }
    if (!req.principal) throw new AppError('AUTH_REQUIRED');
    if (req.sessionCheck?.pending) {
      // A kept principal the route refuses may be one a change has just widened: asked again.
      try {
        admit(access, req.principal);
      } catch {
        await req.sessionCheck.verify();
      }
      return;
    }
    admit(access, req.principal);
  });

  // A session taken on trust whose request opened no scoped transaction (an answer from
  // memory, an error before the route's work) is checked before the answer leaves.
  app.addHook('onSend', async (req, reply, payload) => {
    const check = req.sessionCheck;
    if (!check?.pending) return payload;
    try {
      await check.verify();
      return payload;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      void reply.code(e.status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store');
      return JSON.stringify(errorBody(req, e.code, e.details));
    }
  });
};
