/**
 * The case benchmark's baseline: a bare Fastify app running the case engine's own
 * functions — the same SQL as the real routes, for the same cookie — and nothing else (no
 * cookie plugin, helmet, rate limiter, swagger, request logging, schema validation or
 * serialisation, CSRF check, error catalogue).
 *
 * Per request, as the real server does it: the access hook's session check (sessionPrincipal:
 * the session with its principal's version, the principal kept between requests), then one
 * app-role transaction that starts with the caller's scope (runScoped) and calls the engine:
 * createCase, listCases or readCase. The
 * platform (pools of 5 owner and 20 app-role connections, the engine with the modules' case
 * types, today's date) is createPlatform's, so both sides hold the same pools and registry.
 *
 * Run as a child of bench/cases.ts (IPC) with env BENCH_OWNER_URL, BENCH_APP_URL,
 * FAZHI_MASTER_KEY; replies { port } once listening on 127.0.0.1.
 *   POST /cases        body as POST /api/cases, header Idempotency-Key
 *   GET  /cases?…      type, statusKind, q, pageSize, page as GET /api/cases
 *   GET  /cases/:id    as GET /api/cases/:id
 *   POST /cases/:id/transitions, GET /tasks, GET /mediation/stats, POST /public/mediation/applications
 *                      as the real routes (takeTransition then readCase; listCases with tasks;
 *                      computeMediationStats in the caller's scope; applyOnline)
 */
import Fastify from 'fastify';
import pino from 'pino';
import type { ApplicationBody, CaseQuery } from '@fazhi/contracts';
import { loadConfig } from '../apps/server/src/config.ts';
import { auditor, createPlatform } from '../apps/server/src/platform/platform.ts';
import { modules } from '../apps/server/src/modules/index.ts';
import { inTransaction } from '../apps/server/src/platform/db/pools.ts';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.ts';
import type { Principal } from '../apps/server/src/platform/access/principal.ts';
import { scopeSql } from '../apps/server/src/platform/access/scope.ts';
import { sessionPrincipal } from '../apps/server/src/platform/http/access.ts';
import type { CaseCtx } from '../apps/server/src/platform/cases/context.ts';
import { createCase, type CreateCaseInput } from '../apps/server/src/platform/cases/create-case.ts';
import { listCases } from '../apps/server/src/platform/cases/case-queries.ts';
import { readCase } from '../apps/server/src/platform/cases/case-view.ts';
import { takeTransition, type TransitionInput } from '../apps/server/src/platform/cases/transition.ts';
import { computeMediationStats, mediationMetrics } from '../apps/server/src/modules/mediation/mediation.metrics.ts';
import { applyOnline } from '../apps/server/src/modules/mediation/use-cases/apply-online.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const config = loadConfig({ FAZHI_DATA_DIR: process.env.FAZHI_DATA_DIR, LOG_LEVEL: 'silent' });
const platform = createPlatform(config, { owner: env('BENCH_OWNER_URL'), app: env('BENCH_APP_URL') }, Buffer.from(env('FAZHI_MASTER_KEY'), 'hex'), pino({ level: 'silent' }), { modules });

const caller = async (cookie: string | undefined): Promise<Principal | null> => {
  const sid = (cookie ?? '').split(';').map((p) => p.trim().split('=')).find(([k]) => k === SESSION_COOKIE)?.[1];
  if (!sid) return null;
  const s = await sessionPrincipal(platform, sid);
  return s.kind === 'valid' ? s.principal : null;
};

/** runScoped without the platform's wrapper: the app role, BEGIN with the caller's scope, one transaction. */
const scoped = <T>(principal: Principal, fn: (ctx: CaseCtx) => Promise<T>): Promise<T> =>
  inTransaction(platform.app, scopeSql(principal), (client) => {
    const actor = { principal, ip: '127.0.0.1', requestId: null };
    return fn({ client, actor, principal, audit: auditor(client, actor), engine: platform.cases });
  });

const app = Fastify({ logger: false });
app.post('/cases', async (req, reply) => {
  const p = await caller(req.headers.cookie);
  if (!p) return reply.status(401).send({ error: 'AUTH_REQUIRED' });
  const key = req.headers['idempotency-key'];
  return scoped(p, (ctx) => createCase(ctx, { ...(req.body as CreateCaseInput), idempotencyKey: typeof key === 'string' ? key : null, tracking: false }));
});
app.get('/cases', async (req, reply) => {
  const p = await caller(req.headers.cookie);
  if (!p) return reply.status(401).send({ error: 'AUTH_REQUIRED' });
  const q = req.query as Record<string, string | undefined>;
  const query: CaseQuery = {
    ...(q.type ? { type: q.type } : {}), ...(q.q ? { q: q.q } : {}),
    ...(q.statusKind ? { statusKind: q.statusKind as CaseQuery['statusKind'] } : {}),
    ...(q.pageSize ? { pageSize: Number(q.pageSize) } : {}), ...(q.page ? { page: Number(q.page) } : {}),
  };
  return scoped(p, (ctx) => listCases(ctx, query));
});
app.get('/cases/:id', async (req, reply) => {
  const p = await caller(req.headers.cookie);
  if (!p) return reply.status(401).send({ error: 'AUTH_REQUIRED' });
  return scoped(p, (ctx) => readCase(ctx, (req.params as { id: string }).id));
});

app.post('/cases/:id/transitions', async (req, reply) => {
  const p = await caller(req.headers.cookie);
  if (!p) return reply.status(401).send({ error: 'AUTH_REQUIRED' });
  const id = (req.params as { id: string }).id;
  return scoped(p, async (ctx) => {
    await takeTransition(ctx, id, req.body as TransitionInput);
    return readCase(ctx, id);
  });
});
app.get('/tasks', async (req, reply) => {
  const p = await caller(req.headers.cookie);
  if (!p) return reply.status(401).send({ error: 'AUTH_REQUIRED' });
  const q = req.query as Record<string, string | undefined>;
  return scoped(p, (ctx) => listCases(ctx, { statusKind: 'open', ...(q.pageSize ? { pageSize: Number(q.pageSize) } : {}) }, { tasks: true }));
});
app.get('/mediation/stats', async (req, reply) => {
  const p = await caller(req.headers.cookie);
  if (!p) return reply.status(401).send({ error: 'AUTH_REQUIRED' });
  const year = Number((req.query as Record<string, string | undefined>).year);
  return scoped(p, async (ctx) => ({
    ...(await computeMediationStats(ctx.client, year, (await ctx.client.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'township'")).rows.map((r) => r.id))),
    metrics: Object.fromEntries(Object.entries(mediationMetrics).map(([k, m]) => [k, { zh: m.zh, en: m.en }])),
  }));
});
app.post('/public/mediation/applications', async (req) => {
  const key = req.headers['idempotency-key'];
  return applyOnline(platform, { principal: null, ip: req.ip, requestId: null }, req.body as ApplicationBody, typeof key === 'string' ? key : null);
});

const shutdown = async (): Promise<void> => {
  await app.close();
  await platform.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
process.once('disconnect', () => void shutdown());

await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 });
