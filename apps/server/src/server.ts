import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { bootDatabase, createLogger, type Booted } from './boot.ts';
import { runSystem } from './platform/platform.ts';
import { seedRoles } from './seed/seed.ts';
import { loadDemo } from './seed/demo.ts';
import { DEMO_PASSWORD, demoAccounts } from './seed/demo-town.ts';
import { startJobs } from './platform/jobs/jobs.ts';

export type Running = { app: FastifyInstance; booted: Booted; url: string; stop: () => Promise<void> };

/**
 * `fazhi start`: database up, built-in roles current, the demo town on first run (unless
 * FAZHI_DEMO=never), then serve the API, console and portal until SIGINT/SIGTERM.
 */
export const startServer = async (config: Config, opts: { printAccounts?: boolean } = {}): Promise<Running> => {
  const started = Date.now();
  const log = createLogger(config);
  const booted = await bootDatabase(config, log);
  const { platform } = booted;
  const seeded = config.loadDemo === 'never' ? (await runSystem(platform, seedRoles), false) : await loadDemo(platform);
  if (seeded) log.info('loaded the demo town (宝丰县 张八桥镇)');
  // Background jobs (deadline reminders, SMS and e-mail) before the first request, which may queue one.
  const jobs = await startJobs(platform, booted.ownerUrl);
  const app = await buildApp(platform);
  await app.listen({ host: config.host, port: config.port });
  const url = `http://localhost:${config.port}`;
  log.info({ ms: Date.now() - started }, `Fazhi is ready: ${url}/console (console), ${url}/ (portal), ${url}/api/docs (API)`);
  if (opts.printAccounts && config.loadDemo !== 'never') {
    const lines = demoAccounts.map((a) => `  ${a.username.padEnd(10)} ${a.title}`);
    process.stdout.write(`\n法治（Fazhi）已启动 ${url}/console\nDemo accounts (password ${DEMO_PASSWORD}):\n${lines.join('\n')}\n\n`);
  }
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => (stopping ??= (async () => {
    await app.close();
    await jobs.stop();
    await booted.shutdown();
  })());
  return { app, booted, url, stop };
};
