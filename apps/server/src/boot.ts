import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { loadMasterKey } from './platform/crypto/keys.ts';
import { hmacSm3 } from './platform/crypto/sm.ts';
import { startCluster, type RunningCluster } from './platform/db/cluster.ts';
import { ensureAppRole, ensureDatabase } from './platform/db/bootstrap.ts';
import { migrate } from './platform/db/migrate.ts';
import { modules } from './modules/index.ts';
import { createPlatform, type Platform } from './platform/platform.ts';

export type Booted = { platform: Platform; cluster: RunningCluster | null; ownerUrl: string; shutdown: () => Promise<void> };

export const createLogger = (config: Config): Logger => pino({ level: config.logLevel, base: undefined });

/**
 * Brings the database up to where the server can serve: the embedded cluster (unless
 * DATABASE_URL points elsewhere), the database with a UTF-8 ctype, the ordinary app role,
 * and every migration. Each step is idempotent, so every start runs all of them.
 */
export const bootDatabase = async (config: Config, log: Logger): Promise<Booted> => {
  mkdirSync(config.dataDir, { recursive: true });
  const master = loadMasterKey(config.masterKeyHex, config.dataDir, (m) => log.warn(m));
  let cluster: RunningCluster | null = null;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    const started = Date.now();
    cluster = await startCluster({
      dataDir: path.join(config.dataDir, 'pg'),
      port: config.embeddedPort,
      superuser: 'postgres',
      password: hmacSm3(master, 'fazhi/db/embedded-superuser').toString('hex'),
    });
    ownerUrl = cluster.url('fazhi');
    log.info({ ms: Date.now() - started, port: config.embeddedPort }, 'embedded PostgreSQL started');
  }
  await ensureDatabase(ownerUrl);
  const appUrl = config.databaseAppUrl ?? (await ensureAppRole(ownerUrl, master));
  await migrate(ownerUrl, (m) => log.info(m));
  const platform = createPlatform(config, { owner: ownerUrl, app: appUrl }, master, log, { modules });
  const shutdown = async (): Promise<void> => {
    await platform.close();
    await cluster?.stop();
  };
  return { platform, cluster, ownerUrl, shutdown };
};
