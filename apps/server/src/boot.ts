import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import type { EmbeddedCluster } from './platform/db/embedded.ts';
import { openDatabase } from './database.ts';
import { modules } from './modules/index.ts';
import { createPlatform, type Platform } from './platform/platform.ts';

export type Booted = { platform: Platform; cluster: EmbeddedCluster | null; ownerUrl: string; shutdown: () => Promise<void> };

/**
 * The server's log: JSON lines on standard output, written asynchronously (the request that
 * logs does not wait for the write; what is still buffered is flushed when the process exits).
 */
export const createLogger = (config: Config): Logger => pino({ level: config.logLevel, base: undefined }, pino.destination({ dest: 1, sync: false }));

/**
 * The server's database (openDatabase) and the platform on it. The server owns the embedded
 * cluster, whether it started it or found it running with no server attached (a killed
 * server's), and stops it at shutdown.
 */
export const bootDatabase = async (config: Config, log: Logger): Promise<Booted> => {
  const db = await openDatabase(config, log, 'server');
  const platform = createPlatform(config, { owner: db.ownerUrl, app: db.appUrl, read: db.readUrl }, db.master, log, { modules });
  const shutdown = async (): Promise<void> => {
    await platform.close();
    await db.cluster?.stop();
  };
  return { platform, cluster: db.cluster, ownerUrl: db.ownerUrl, shutdown };
};
