import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { bootDatabase, createLogger, type Booted } from './boot.ts';
import { runSystem } from './platform/platform.ts';
import { seedRoles } from './seed/seed.ts';
import { loadDemo } from './seed/demo.ts';
import { DEMO_PASSWORD, demoAccounts } from './seed/demo-town.ts';
import { startJobs } from './platform/jobs/jobs.ts';
import { StartupError } from './platform/errors.ts';
import { claimServerPid } from './server-pid.ts';
import { replicaState } from './platform/db/replica.ts';
import { loadSegmenter } from './platform/cases/search-text.ts';

export type Running = { app: FastifyInstance; booted: Booted; url: string; stop: () => Promise<void> };

/**
 * `fazhi start`: database up, built-in roles current, the demo town on first run (unless
 * FAZHI_DEMO=never), then serve the API, console and portal until SIGINT/SIGTERM.
 *
 * On the embedded database the server records itself in `<FAZHI_DATA_DIR>/fazhi.pid`: a second
 * server on the same folder is refused, and the embedded PostgreSQL a killed server left
 * running is taken over (docs/reliability.md, "Coming back after a crash").
 */
export const startServer = async (config: Config, opts: { printAccounts?: boolean } = {}): Promise<Running> => {
  const started = Date.now();
  const log = createLogger(config);
  let releasePid = (): void => undefined;
  if (!config.databaseUrl) {
    const claim = claimServerPid(config.dataDir);
    if (!claim.claimed) {
      throw new StartupError(`另一个 Fazhi 服务器（进程 ${claim.pid}）正在使用数据目录 ${config.dataDir} / Another Fazhi server (pid ${claim.pid}) is running on the data folder ${config.dataDir}`);
    }
    releasePid = claim.release;
  }
  let booted: Booted | null = null;
  let jobs: Awaited<ReturnType<typeof startJobs>> | null = null;
  let app: FastifyInstance | null = null;
  const close = async (): Promise<void> => {
    try {
      await app?.close();
      await jobs?.stop();
      await booted?.shutdown();
    } finally {
      releasePid();
    }
  };
  try {
    booted = await bootDatabase(config, log);
    const { platform } = booted;
    const seeded = config.loadDemo === 'never' ? (await runSystem(platform, seedRoles), false) : await loadDemo(platform);
    if (seeded) log.info('loaded the demo town (宝丰县 张八桥镇)');
    // Background jobs (deadline reminders, SMS and e-mail) before the first request, which may queue one.
    jobs = await startJobs(platform, booted.ownerUrl);
    if (platform.replica) {
      // Said once at start; /replicaz answers it at any time. A replica away is no reason not to start.
      const replica = await replicaState(platform.read, true, config.db.readyTimeoutMs);
      if (replica.state === 'streaming') log.info({ replica }, 'reading figures, reports and exports from the replica (DATABASE_READ_URL)');
      else log.warn({ replica }, replica.state === 'unavailable'
        ? 'the replica (DATABASE_READ_URL) does not answer: figures, reports and exports are answered 503 REPLICA_UNAVAILABLE until it does'
        : 'DATABASE_READ_URL reaches a server that is not a standby: figures, reports and exports are read there');
    }
    // The word segmenter's dictionaries, which the first search or case would otherwise wait for.
    loadSegmenter();
    app = await buildApp(platform);
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    // Nothing left behind: a failed start stops what it started (the embedded PostgreSQL included).
    await close().catch((err: unknown) => log.warn({ err }, 'cleaning up after a failed start'));
    throw e;
  }
  const url = `http://localhost:${config.port}`;
  log.info({ ms: Date.now() - started }, `Fazhi is ready: ${url}/console (console), ${url}/ (portal), ${url}/api/docs (API)`);
  if (opts.printAccounts && config.loadDemo !== 'never') {
    const lines = demoAccounts.map((a) => `  ${a.username.padEnd(10)} ${a.title}`);
    process.stdout.write(`\n法治（Fazhi）已启动 ${url}/console\nDemo accounts (password ${DEMO_PASSWORD}):\n${lines.join('\n')}\n\n`);
  }
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => (stopping ??= close());
  return { app, booted, url, stop };
};
