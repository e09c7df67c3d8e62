import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { loadConfig } from '../../config.ts';
import { modules } from '../../modules/index.ts';
import { loadDemo } from '../../seed/demo.ts';
import { DEMO_TODAY, TEST_MASTER_KEY_HEX } from '../../test/constants.ts';
import { deriveFieldKeys, openField } from '../crypto/sm.ts';
import { appRoleUrl, ensureAppRole, ensureDatabase } from '../db/bootstrap.ts';
import { embeddedBinDir, startCluster, systemBinDirs, type RunningCluster } from '../db/cluster.ts';
import { migrate } from '../db/migrate.ts';
import { createPlatform } from '../platform.ts';
import { countRows, pgToolOf } from './backup.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { installJobSchema } from '../jobs/jobs.ts';

/**
 * `fazhi backup` and `fazhi restore` round-trip the demo town (docs/operations.md, "Back up"):
 * the same rows in every table, the audit trail verifies against the restored checkpoint, a
 * sealed phone unseals with the same key, the attachments come back byte for byte; a wrong key,
 * a damaged part and a database that is not empty are refused with exit 2 and one line.
 *
 * pg_dump and pg_restore must be of the database's major version or newer. The embedded
 * package has no client programs, so this runs on a cluster of its own made by the newest
 * PostgreSQL on the machine that has them (Debian's 15 on the build machines).
 */
const withPgDump = [embeddedBinDir(), ...systemBinDirs().map((d) => d.binDir)]
  .find((d): d is string => !!d && existsSync(path.join(d, 'pg_dump')) && existsSync(path.join(d, 'pg_restore')));

const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const a = s.address();
    s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
  });
});

let root = '';
let cluster: RunningCluster | null = null;
let sourceUrl = '';
const master = Buffer.from(TEST_MASTER_KEY_HEX, 'hex');
const sourceData = (): string => path.join(root, 'source');

const run = async (argv: string[], env: Record<string, string>): Promise<{ code: number; out: string }> => {
  let out = '';
  const saved = { ...process.env };
  delete process.env.FAZHI_AUDIT_CHECKPOINT_DIR;
  Object.assign(process.env, { FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent', FAZHI_PG_BIN: withPgDump ?? '', ...env });
  try {
    const code = await main(argv, { print: (s) => { out += `${s}\n`; }, error: (s) => { out += `${s}\n`; } });
    return { code, out };
  } finally {
    process.env = saved;
  }
};
const query = async <T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
};
const tablesOf = async (url: string): Promise<Record<string, number>> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t = (await c.query<{ t: string }>(`SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1`)).rows.map((r) => r.t);
    return await countRows(c, t);
  } finally {
    await c.end();
  }
};

beforeAll(async () => {
  if (!withPgDump) return;
  root = mkdtempSync(path.join(tmpdir(), 'fazhi-backup-'));
  chmodSync(root, 0o755); // PostgreSQL runs as the postgres user when the suite runs as root
  cluster = await startCluster({
    dataDir: path.join(root, 'pg'), binDir: withPgDump, port: await freePort(), superuser: 'postgres', password: 'backup-test',
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }, startTimeoutMs: 60_000,
  });
  sourceUrl = cluster.url('fazhi_source');
  await ensureDatabase(sourceUrl);
  await ensureAppRole(sourceUrl, master);
  await migrate(sourceUrl);
  const config = loadConfig({ FAZHI_DATA_DIR: sourceData(), LOG_LEVEL: 'silent' });
  const platform = createPlatform(config, { owner: sourceUrl, app: appRoleUrl(sourceUrl, master) }, master, pino({ level: 'silent' }), { modules, today: () => DEMO_TODAY });
  try {
    await loadDemo(platform);
  } finally {
    await platform.close();
  }
  // An attachment's bytes where the local file store keeps them, and a signed checkpoint.
  const key = 'ab12cd34ef56ab12cd34ef56ab12cd34';
  mkdirSync(path.join(sourceData(), 'files', 'ab', '12'), { recursive: true });
  writeFileSync(path.join(sourceData(), 'files', 'ab', '12', key), Buffer.from('调解协议书扫描件 %PDF-1.7 …'));
  expect((await run(['audit', 'checkpoint'], { DATABASE_URL: sourceUrl, FAZHI_DATA_DIR: sourceData() })).code).toBe(0);
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
}, 60_000);

describe.skipIf(!withPgDump)('fazhi backup and fazhi restore', () => {
  it('round-trips the demo town into an empty database and data folder', async () => {
    const backupDir = path.join(root, 'backup');
    const made = await run(['backup', '--out', backupDir, '--json'], { DATABASE_URL: sourceUrl, FAZHI_DATA_DIR: sourceData() });
    expect(made.code, made.out).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'fazhi-backup/1', files: [{ path: 'files/ab/12/ab12cd34ef56ab12cd34ef56ab12cd34' }] });
    expect(manifest.auditCheckpoints).toHaveLength(1);
    expect(manifest.database.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.tables['public.cases']).toBeGreaterThan(100);
    expect(manifest.keyCheck).not.toContain(TEST_MASTER_KEY_HEX);

    const targetUrl = cluster!.url('fazhi_target');
    const target = path.join(root, 'target');
    const restored = await run(['restore', '--from', backupDir], { DATABASE_URL: targetUrl, FAZHI_DATA_DIR: target });
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(/row counts equal the manifest's; 1 attachment files; 1 audit checkpoints/);

    // Identical: every table's rows, the audit trail against the restored checkpoint, a sealed
    // phone, the attachment's bytes.
    expect(await tablesOf(targetUrl)).toEqual(await tablesOf(sourceUrl));
    const verify = await run(['audit', 'verify', '--json'], { DATABASE_URL: targetUrl, FAZHI_DATA_DIR: target });
    expect(verify.code, verify.out).toBe(0);
    expect(JSON.parse(verify.out)).toMatchObject({ ok: true, broken: [], checkpoint: { file: expect.stringContaining(target) } });
    const keys = deriveFieldKeys(master);
    const phoneOf = async (url: string) => (await query<{ phone_enc: Buffer }>(url, 'SELECT phone_enc FROM case_parties WHERE phone_enc IS NOT NULL ORDER BY id LIMIT 1'))[0]!.phone_enc;
    const phone = openField(keys, await phoneOf(targetUrl));
    expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(phone).toBe(openField(keys, await phoneOf(sourceUrl)));
    expect(readFileSync(path.join(target, 'files', 'ab', '12', 'ab12cd34ef56ab12cd34ef56ab12cd34'), 'utf8')).toBe('调解协议书扫描件 %PDF-1.7 …');
    // The server's request role reads the restored tables as it read the source's: the grants and
    // the row-level security came along (without a signed-in user's scope it sees no org).
    const asApp = async (url: string) => (await query<{ n: string }>(appRoleUrl(url, master), 'SELECT count(*) AS n FROM orgs'))[0]!.n;
    expect(await asApp(targetUrl)).toBe(await asApp(sourceUrl));

    // Refusals, each exit 2 with one line and nothing written: into the same (now full) database,
    const again = await run(['restore', '--from', backupDir], { DATABASE_URL: targetUrl, FAZHI_DATA_DIR: path.join(root, 'other') });
    expect(again.code).toBe(2);
    expect(again.out.trim()).toMatch(/^目标数据库不是空的（已有 \d+ 张表）：[^\n]* \/ The target database is not empty[^\n]*$/);
    // with another master key,
    const wrongKey = await run(['restore', '--from', backupDir], { DATABASE_URL: cluster!.url('fazhi_wrong_key'), FAZHI_DATA_DIR: path.join(root, 'wrong-key'), FAZHI_MASTER_KEY: 'ff'.repeat(32) });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.out.trim()).toMatch(/^主密钥与备份不符[^\n]*The master key does not match the backup's[^\n]*$/);
    expect(await query(cluster!.url('postgres'), "SELECT 1 FROM pg_database WHERE datname = 'fazhi_wrong_key'")).toEqual([]);
    // from a damaged backup.
    writeFileSync(path.join(backupDir, 'files', 'ab', '12', 'ab12cd34ef56ab12cd34ef56ab12cd34'), 'changed');
    const damaged = await run(['restore', '--from', backupDir], { DATABASE_URL: cluster!.url('fazhi_damaged'), FAZHI_DATA_DIR: path.join(root, 'damaged') });
    expect(damaged.code).toBe(2);
    expect(damaged.out.trim()).toMatch(/^备份文件 files\/ab\/12\/ab12cd34ef56ab12cd34ef56ab12cd34 缺失或已损坏（SM3 不符）[^\n]*$/);
    // A backup into a folder that is not empty is refused too.
    const full = await run(['backup', '--out', backupDir], { DATABASE_URL: sourceUrl, FAZHI_DATA_DIR: sourceData() });
    expect(full.code).toBe(2);
    expect(full.out.trim()).toMatch(/^备份目录 .* 不是空的 \/ The backup folder .* is not empty$/);
  }, 180_000);
});

/**
 * The copy format (decision 0013) on the suite's own PostgreSQL, the embedded 18 that `npm
 * start` runs and for which no pg_dump is installed: the demo town with its job queue, backed
 * up and restored into a new database, comes back row for row, byte for byte in every table,
 * with the sequences where they were.
 */
describe('fazhi backup --format copy and fazhi restore', () => {
  let h: Harness;
  let dir = '';
  const target = (): string => {
    const u = new URL(h.ownerUrl);
    u.pathname = `${u.pathname}_restored`;
    return u.toString();
  };
  beforeAll(async () => {
    h = await createHarness();
    await installJobSchema(h.ownerUrl, h.platform.log);
    await h.db.query("SELECT graphile_worker.add_job('outbox-sweep', '{}'::json, job_key := 'backup-test')");
    dir = mkdtempSync(path.join(tmpdir(), 'fazhi-backup-copy-'));
    expect((await run(['audit', 'checkpoint'], { DATABASE_URL: h.ownerUrl, FAZHI_DATA_DIR: path.join(dir, 'source') })).code).toBe(0);
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: inject('ownerBaseUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(target()).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
    await h.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every table's rows as one digest, in a stable order: equal digests, equal tables. */
  const digests = async (url: string): Promise<Record<string, string>> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const tables = (await c.query<{ t: string }>(`SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname IN ('public', 'graphile_worker') AND c.relname NOT IN ('schema_migrations', 'migrations') ORDER BY 1`)).rows.map((r) => r.t);
      const out: Record<string, string> = {};
      for (const t of tables) out[t] = (await c.query<{ d: string | null }>(`SELECT md5(string_agg(x::text, E'\\n' ORDER BY x::text)) AS d FROM ${t} x`)).rows[0]!.d ?? 'empty';
      return out;
    } finally {
      await c.end();
    }
  };
  const sequences = (url: string) => query<{ s: string; v: string | null }>(url, `SELECT schemaname || '.' || sequencename AS s, last_value::text AS v FROM pg_sequences
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);

  it('round-trips the demo town and its job queue into a new database without pg_dump', async () => {
    const backupDir = path.join(dir, 'backup');
    const made = await run(['backup', '--out', backupDir, '--format', 'copy', '--json'], { DATABASE_URL: h.ownerUrl, FAZHI_DATA_DIR: path.join(dir, 'source'), FAZHI_PG_BIN: '' });
    expect(made.code, made.out).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ databaseFormat: 'copy', database: null, pgDump: null, jobQueueLevel: expect.any(Number) });
    expect(manifest.tableData.map((d: { table: string }) => d.table)).toEqual(expect.arrayContaining(['public.cases', 'public.audit_log', 'graphile_worker._private_jobs']));
    expect(manifest.tableData.map((d: { table: string }) => d.table)).not.toContain('public.schema_migrations');
    const version = (await query<{ v: string }>(h.ownerUrl, "SELECT current_setting('server_version') AS v"))[0]!.v;
    expect(manifest.postgres).toBe(version);
    // The default takes pg_dump only when one of the server's major version or newer is at hand,
    // as it is not for the embedded 18.
    const auto = await run(['backup', '--out', path.join(dir, 'auto'), '--json'], { DATABASE_URL: h.ownerUrl, FAZHI_DATA_DIR: path.join(dir, 'source'), FAZHI_PG_BIN: '' });
    expect(auto.code, auto.out).toBe(0);
    expect(JSON.parse(auto.out).databaseFormat).toBe(pgToolOf('pg_dump', Number.parseInt(version, 10), { ...process.env, FAZHI_PG_BIN: '' }) ? 'pg_dump' : 'copy');

    const restoredDir = path.join(dir, 'target');
    const restored = await run(['restore', '--from', backupDir], { DATABASE_URL: target(), FAZHI_DATA_DIR: restoredDir });
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(/row counts equal the manifest's; 0 attachment files; 1 audit checkpoints/);

    // Identical: every table's rows (digest of every row), the sequences, the audit trail
    // against the restored checkpoint, a sealed phone, what the request role sees.
    expect(await digests(target())).toEqual(await digests(h.ownerUrl));
    expect(await sequences(target())).toEqual(await sequences(h.ownerUrl));
    expect(await query(target(), 'SELECT count(*)::int AS n FROM schema_migrations')).toEqual(await query(h.ownerUrl, 'SELECT count(*)::int AS n FROM schema_migrations'));
    const verify = await run(['audit', 'verify', '--json'], { DATABASE_URL: target(), FAZHI_DATA_DIR: restoredDir });
    expect(verify.code, verify.out).toBe(0);
    expect(JSON.parse(verify.out)).toMatchObject({ ok: true, broken: [], checkpoint: { file: expect.stringContaining(restoredDir) } });
    const keys = deriveFieldKeys(master);
    const phoneOf = async (url: string) => (await query<{ phone_enc: Buffer }>(url, 'SELECT phone_enc FROM case_parties WHERE phone_enc IS NOT NULL ORDER BY id LIMIT 1'))[0]!.phone_enc;
    expect(openField(keys, await phoneOf(target()))).toBe(openField(keys, await phoneOf(h.ownerUrl)));
    const asApp = async (url: string) => (await query<{ n: string }>(appRoleUrl(url, master), 'SELECT count(*) AS n FROM orgs'))[0]!.n;
    expect(await asApp(target())).toBe(await asApp(h.ownerUrl));

    // A changed table file is refused before anything is written.
    const cases = manifest.tableData.find((d: { table: string }) => d.table === 'public.cases');
    writeFileSync(path.join(backupDir, cases.path), 'changed');
    const damaged = await run(['restore', '--from', backupDir], { DATABASE_URL: target(), FAZHI_DATA_DIR: path.join(dir, 'damaged') });
    expect(damaged.code).toBe(2);
    expect(damaged.out.trim()).toMatch(/^备份文件 database\/public\.cases\.copy\.gz 缺失或已损坏（SM3 不符）[^\n]*$/);
  }, 180_000);
});
