import type { TypedApp } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';

/** Liveness (the process answers) and readiness (the database answers), for load balancers. */
export const registerHealthRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await platform.app.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
};
