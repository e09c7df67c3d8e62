import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { startCluster } from '../apps/server/src/platform/db/cluster.ts';
import { ensureAppRole, ensureDatabase } from '../apps/server/src/platform/db/bootstrap.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import pino from 'pino';
import { appRoleUrl } from '../apps/server/src/platform/db/bootstrap.ts';
import { createPlatform } from '../apps/server/src/platform/platform.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { loadDemo } from '../apps/server/src/seed/demo.ts';
import { modules } from '../apps/server/src/modules/index.ts';
import { DEMO_TODAY, TEST_MASTER_KEY_HEX, TEMPLATE_DB } from '../apps/server/src/test/constants.ts';

const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const addr = s.address();
    s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
  });
});

/**
 * One throwaway PostgreSQL for the whole run, with a template database that has every
 * migration and the demo town. Its binaries are the embedded PostgreSQL 18, the one
 * `npm start` gives every fresh install, and the same on every machine after `npm ci`
 * (decision 0010). FAZHI_TEST_PG_BIN runs the suite on other binaries instead, e.g.
 * `/usr/lib/postgresql/15/bin` for the oldest version DATABASE_URL may point at.
 * Each test file clones the template (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 * Set TEST_DATABASE_URL to use an existing server instead (it must allow CREATE DATABASE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let ownerBase = process.env.TEST_DATABASE_URL;
  let stop = async (): Promise<void> => undefined;
  if (!ownerBase) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fazhi-test-pg-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when the suite runs as root
    const cluster = await startCluster({
      dataDir: path.join(dir, 'data'), port: await freePort(), superuser: 'postgres', password: 'test-owner',
      binDir: process.env.FAZHI_TEST_PG_BIN || undefined,
      // Durability is irrelevant for a throwaway cluster; speed is not.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300', shared_buffers: '128MB' },
    });
    console.log(`test PostgreSQL ${cluster.major} (${cluster.binDir})`);
    ownerBase = cluster.url('postgres');
    stop = async () => { await cluster.stop(); rmSync(dir, { recursive: true, force: true }); };
  }
  const templateUrl = withDb(ownerBase, TEMPLATE_DB);
  await ensureDatabase(templateUrl);
  const master = Buffer.from(TEST_MASTER_KEY_HEX, 'hex');
  await ensureAppRole(templateUrl, master);
  await migrate(templateUrl);
  // The demo town, made as `fazhi start` makes it, on the day the demo's live year is set to.
  const config = loadConfig({ FAZHI_DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' });
  const platform = createPlatform(config, { owner: templateUrl, app: appRoleUrl(templateUrl, master) }, master, pino({ level: 'silent' }), { modules, today: () => DEMO_TODAY });
  try {
    await loadDemo(platform);
  } finally {
    await platform.close();
  }
  project.provide('ownerBaseUrl', ownerBase);
  return stop;
}

export const withDb = (url: string, db: string): string => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

declare module 'vitest' {
  export interface ProvidedContext {
    ownerBaseUrl: string;
  }
}
