/**
 * The baseline: a bare Fastify app with two pg pools, running the same SQL as the real
 * endpoints for the same cookie, and nothing else (no cookie plugin, helmet, rate limiter,
 * swagger, request logging, schema validation or serialisation, error catalogue).
 *
 * "The same SQL" is the real code's own statements, called directly, as the access hook's
 * sessionPrincipal does them: resolveSession on the owner pool (one statement, no transaction)
 * and the principal kept by version (loadPrincipalVersioned when it changed); then for the tree
 * BEGIN with the caller's scope, listVisibleOrgs and orgsWithPermission on the app-role pool in
 * one transaction (as runScoped does). Pool sizes as createPlatform's: 5 owner, 20 app.
 * The answers are built with the same presenters, so both sides send the same JSON.
 *
 * Run as a child of bench/foundation.ts (IPC): env BENCH_OWNER_URL, BENCH_APP_URL,
 * BENCH_IDLE_SECONDS; replies { port } once listening on 127.0.0.1.
 */
import Fastify from 'fastify';
import type pg from 'pg';
import pino from 'pino';
import { createPool, type Client } from '../apps/server/src/platform/db/pools.ts';
import { resolveSession, sessionIdHash } from '../apps/server/src/platform/auth/sessions.ts';
import { loadPrincipalVersioned, type Principal } from '../apps/server/src/platform/access/principal.ts';
import { createPrincipalCache } from '../apps/server/src/platform/access/principal-cache.ts';
import { orgsWithPermission, scopeSql } from '../apps/server/src/platform/access/scope.ts';
import { listVisibleOrgs } from '../apps/server/src/modules/orgs/orgs.repository.ts';
import { presentOrg } from '../apps/server/src/modules/orgs/orgs.presenter.ts';
import { presentMe } from '../apps/server/src/modules/auth/use-cases/get-me.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const idleSeconds = Number(env('BENCH_IDLE_SECONDS'));
const system = createPool(env('BENCH_OWNER_URL'), 5, 'bench-baseline-system');
const appPool = createPool(env('BENCH_APP_URL'), 20, 'bench-baseline-app');

const principals = createPrincipalCache({ ownerUrl: env('BENCH_OWNER_URL'), log: pino({ level: 'silent' }) });

const tx = async <T>(pool: pg.Pool, fn: (c: Client) => Promise<T>, setup = ''): Promise<T> => {
  const c = await pool.connect();
  try {
    await c.query(`BEGIN;${setup}`);
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
};

const sessionId = (cookie: string | undefined): string | null => {
  for (const part of (cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq).trim() === 'fazhi_sid') return part.slice(eq + 1).trim();
  }
  return null;
};

type Caller = { principal: Principal; csrfToken: string };
const caller = async (cookie: string | undefined): Promise<Caller | null> => {
  const sid = sessionId(cookie);
  if (!sid) return null;
  const c = await system.connect();
  try {
    const s = await resolveSession(c, sessionIdHash(sid), idleSeconds);
    if (s.kind !== 'valid') return null;
    let principal = principals.get(s.userId, s.authVersion);
    if (!principal) {
      const loaded = await loadPrincipalVersioned(c, s.userId, 'session');
      if (!loaded) return null;
      principals.set(s.userId, loaded.version, loaded.principal);
      principal = loaded.principal;
    }
    return { principal, csrfToken: s.csrfToken };
  } finally {
    c.release();
  }
};

const app = Fastify({ logger: false });
app.get('/me', async (req, reply) => {
  const who = await caller(req.headers.cookie);
  if (!who) return reply.status(401).send({ error: 'AUTH_REQUIRED' });
  return presentMe(who.principal, who.csrfToken, idleSeconds);
});
app.get('/tree', async (req, reply) => {
  const who = await caller(req.headers.cookie);
  if (!who) return reply.status(401).send({ error: 'AUTH_REQUIRED' });
  const p = who.principal;
  if (!p.permissions.has('org.read')) return reply.status(403).send({ error: 'FORBIDDEN' });
  return tx(appPool, async (c) => {
    const rows = await listVisibleOrgs(c);
    const manageable = await orgsWithPermission(c, p, 'org.manage', rows.map((r) => r.id));
    return { items: rows.map((r) => presentOrg(r, manageable.has(r.id))) };
  }, scopeSql(p));
});

const shutdown = async (): Promise<void> => {
  await app.close();
  await Promise.all([principals.close(), system.end(), appPool.end()]);
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
process.once('disconnect', () => void shutdown());

await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 });
