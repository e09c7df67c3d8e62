import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { loadMasterKey } from './platform/crypto/keys.ts';
import { hmacSm3 } from './platform/crypto/sm.ts';
import { openEmbedded, type EmbeddedCluster } from './platform/db/embedded.ts';
import { ensureAppRole, ensureDatabase, replicaUrl } from './platform/db/bootstrap.ts';
import { migrate } from './platform/db/migrate.ts';

export type Database = {
  ownerUrl: string;
  appUrl: string;
  /** The request role on the streaming replica (DATABASE_READ_URL); null without one. */
  readUrl: string | null;
  master: Buffer;
  /** The embedded cluster as this process holds it; null with DATABASE_URL. */
  cluster: EmbeddedCluster | null;
};

/** The embedded cluster's superuser password, derived from the master key like every other secret. */
export const embeddedSuperuserPassword = (master: Buffer): string => hmacSm3(master, 'fazhi/db/embedded-superuser').toString('hex');

/**
 * Brings the database up to where the server or a command can work: DATABASE_URL, or the
 * embedded cluster — the one already running on the data folder (the server's, or one a
 * killed server left behind), else started here; then the database with a UTF-8 ctype, the
 * ordinary app role, and every migration. Each step is idempotent, so every start runs all of
 * them (`fazhi restore` leaves out the migrations). Loads nothing of the modules, so a command
 * stays quick.
 */
export const openDatabase = async (config: Config, log: Logger, as: 'server' | 'command', opts: { migrate?: boolean } = {}): Promise<Database> => {
  mkdirSync(config.dataDir, { recursive: true });
  const master = loadMasterKey(config.masterKeyHex, config.dataDir, (m) => log.warn(m));
  let cluster: EmbeddedCluster | null = null;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    const started = Date.now();
    cluster = await openEmbedded({
      dataDir: path.join(config.dataDir, 'pg'),
      port: config.embeddedPort,
      superuser: 'postgres',
      password: embeddedSuperuserPassword(master),
      for: as,
      note: (m) => log.warn(m),
      log: (line) => log.debug({ postgres: line.trimEnd() }, 'embedded PostgreSQL log'),
    });
    ownerUrl = cluster.url('fazhi');
    log.info({ ms: Date.now() - started, port: cluster.port, pid: cluster.pid, ...(cluster.binDir ? { postgres: cluster.major, binDir: cluster.binDir } : {}) },
      cluster.startedHere ? 'embedded PostgreSQL started' : 'embedded PostgreSQL already running: using it');
  }
  try {
    await ensureDatabase(ownerUrl);
    const appUrl = config.databaseAppUrl ?? (await ensureAppRole(ownerUrl, master));
    // `fazhi restore` opens an empty database without migrating it: the dump brings the schema.
    if (opts.migrate !== false) await migrate(ownerUrl, (m) => log.info(m));
    return { ownerUrl, appUrl, readUrl: config.databaseReadUrl ? replicaUrl(config.databaseReadUrl, appUrl) : null, master, cluster };
  } catch (e) {
    if (cluster?.startedHere) await cluster.stop();
    throw e;
  }
};
