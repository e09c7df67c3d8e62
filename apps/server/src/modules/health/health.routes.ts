import type pg from 'pg';
import type { TypedApp } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { withClient } from '../../platform/db/pools.ts';
import { replicaState } from '../../platform/db/replica.ts';

/**
 * Whether `pool` gives a connection within `ms` and it answers. A connection that arrives
 * after the deadline is released at once, so an unready check leaves nothing behind.
 */
const poolAnswers = (pool: pg.Pool, ms: number): Promise<boolean> => {
  const check = withClient(pool, async (client) => {
    await client.query('SELECT 1');
    return true;
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  return Promise.race([check.catch(() => false), late]).finally(() => clearTimeout(timer));
};

/**
 * Liveness (the process answers) and readiness (the request pool gives a connection within
 * FAZHI_READY_TIMEOUT_MS and the database answers on it), for load balancers: a server whose
 * pool is exhausted or whose database is gone is taken out of rotation, not sent more work.
 */
export const registerHealthRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (await poolAnswers(platform.app, platform.config.db.readyTimeoutMs)) return { status: 'ready' };
    return reply.status(503).header('cache-control', 'no-store').header('retry-after', '5').send({ status: 'unavailable' });
  });
  // The read replica's state and lag, for the operator's monitoring (docs/operations.md, "Scale"):
  // 503 while a configured replica does not answer. Not part of /readyz: the primary's work
  // goes on without the replica, so a process is not taken out of rotation for it.
  app.get('/replicaz', { schema: { hide: true } }, async (_req, reply) => {
    const s = await replicaState(platform.read, platform.replica, platform.config.db.readyTimeoutMs);
    return reply.status(s.state === 'unavailable' ? 503 : 200).header('cache-control', 'no-store').send(s);
  });
};
