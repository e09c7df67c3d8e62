/**
 * The real server for bench/cases.ts, in its own Node process: the configuration loader,
 * logger, platform (pools of 5 owner and 20 app-role connections, the case engine with the
 * modules' case types) and app of apps/server, composed as `fazhi start` composes them
 * (server.ts) — without what the bench has already done (database, migrations, roles) and
 * without the background job worker (graphile-worker's polling and the 5-minute deadline
 * scan would land at random in the timed runs).
 *
 * With BENCH_WARM_COCKPIT=1 it counts the cockpit's township-years before it says it listens,
 * as `fazhi start`'s job worker does at start (platform/jobs/jobs.ts): bench/console.ts browses
 * a server that has started and warmed up.
 *
 * Run as a child (IPC) with the server's own environment (FAZHI_MASTER_KEY, LOG_LEVEL, …)
 * plus BENCH_OWNER_URL and BENCH_APP_URL; replies { port } once listening on 127.0.0.1.
 */
import { loadConfig } from '../apps/server/src/config.ts';
import { createLogger } from '../apps/server/src/boot.ts';
import { modules } from '../apps/server/src/modules/index.ts';
import { createPlatform } from '../apps/server/src/platform/platform.ts';
import { buildApp } from '../apps/server/src/app.ts';
import { warmCockpit } from '../apps/server/src/platform/metrics/cockpit.ts';
import { loadSegmenter } from '../apps/server/src/platform/cases/search-text.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const config = loadConfig(process.env);
// As `fazhi start` does before it listens (server.ts).
loadSegmenter();
const platform = createPlatform(config, { owner: env('BENCH_OWNER_URL'), app: env('BENCH_APP_URL') }, Buffer.from(env('FAZHI_MASTER_KEY'), 'hex'), createLogger(config), { modules });
const app = await buildApp(platform);
await app.listen({ host: '127.0.0.1', port: 0 });

const shutdown = async (): Promise<void> => {
  await app.close();
  await platform.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
process.once('disconnect', () => void shutdown());

if (process.env.BENCH_WARM_COCKPIT === '1') {
  const year = Number(platform.cases.today().slice(0, 4));
  await warmCockpit(platform, [year, year - 1]);
}

const addr = app.server.address();
process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 });
