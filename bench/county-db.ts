import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCluster, systemBinDir, embeddedBinDir, type RunningCluster } from '../apps/server/src/platform/db/cluster.ts';
import { ensureAppRole, ensureDatabase } from '../apps/server/src/platform/db/bootstrap.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { hashPassword } from '../apps/server/src/platform/auth/password.ts';
import { deriveFieldKeys } from '../apps/server/src/platform/crypto/sm.ts';
import { beijingToday } from '../apps/server/src/platform/calendar/index.ts';
import { loadCounty, type County } from './county.ts';
import { addCases, bulkLoad, type Township } from './cases-data.ts';

export type CountyDatabase = {
  /** A folder of its own (the cluster's data, anything the benchmark writes), removed by `stop`. */
  dir: string; ownerUrl: string; master: Buffer; county: County;
  /** An owner connection, open. */
  owner: pg.Client;
  townships: Township[]; today: string;
  stop: () => Promise<void>;
};

/**
 * A throwaway PostgreSQL (no network, no fsync) with the county of bench/county.ts and `cases`
 * mediation cases spread over its townships (bench/cases-data.ts, the case benchmark's data,
 * the same seed every run), for the benchmarks that read a county's figures.
 */
export const startCountyDatabase = async (name: string, cases: number, log: (m: string) => void): Promise<CountyDatabase> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `fazhi-bench-${name}-`));
  chmodSync(dir, 0o755);
  let cluster: RunningCluster | null = null;
  let owner: pg.Client | null = null;
  const stop = async (): Promise<void> => {
    await owner?.end().catch(() => undefined);
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const binDir = systemBinDir() ?? embeddedBinDir();
    if (!binDir) throw new Error('no PostgreSQL binaries');
    const password = randomBytes(12).toString('hex');
    const dataDir = path.join(dir, 'pg');
    cluster = await startCluster({ dataDir, port: 5432, superuser: 'postgres', password, binDir,
      settings: { listen_addresses: '', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', shared_buffers: '1GB', max_wal_size: '8GB' } });
    const ownerUrl = `postgres://postgres:${encodeURIComponent(password)}@localhost/fazhi_bench?host=${encodeURIComponent(path.join(dataDir, 'run'))}&port=5432`;
    const master = randomBytes(32);
    await ensureDatabase(ownerUrl);
    await ensureAppRole(ownerUrl, master);
    await migrate(ownerUrl);
    const county = await loadCounty(ownerUrl, await hashPassword('Bench@2026county'));
    owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    const townships = (await owner.query<Township>("SELECT id, name FROM orgs WHERE kind = 'township' ORDER BY code")).rows;
    const today = beijingToday();
    const t0 = Date.now();
    await bulkLoad(ownerUrl, () => addCases(ownerUrl, deriveFieldKeys(master), {
      townships, weights: townships.map((_, i) => 0.6 + 0.8 * (((i * 7) % 13) / 12)), count: cases, firstYear: 2016, today, seed: 0.42 }));
    log(`${cases.toLocaleString('en')} cases loaded in ${Math.round((Date.now() - t0) / 1000)} s`);
    return { dir, ownerUrl, master, county, owner, townships, today, stop };
  } catch (e) {
    await stop();
    throw e;
  }
};
