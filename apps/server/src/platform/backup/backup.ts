import { spawn, execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { migrate } from '../db/migrate.ts';
import { hmacSm3 } from '../crypto/sm.ts';
import { embeddedBinDir, systemBinDirs } from '../db/cluster.ts';
import { StartupError } from '../errors.ts';

/**
 * `fazhi backup` and `fazhi restore` (docs/operations.md, "Back up"): the database (taken in
 * one snapshot with the row counts of every table), the attachments folder and the audit
 * checkpoints, in one folder with a manifest that names the SM3 of every part.
 *
 * The database is kept in one of two formats (decision 0013): pg_dump's custom format when a
 * pg_dump of the server's major version is at hand, or else Fazhi's own — one compressed COPY
 * file per table, restored onto the committed migrations up to the one the backup was made
 * at. The embedded PostgreSQL comes without pg_dump, and a pg_dump refuses a newer server, so
 * without the second format the default installation could not be backed up. The master key is not in the backup: the manifest holds a key check value
 * (HMAC-SM3 of a fixed text under the key), so a restore with another key is refused before
 * anything is written.
 */

export const BACKUP_FORMAT = 'fazhi-backup/1';

export type Part = { path: string; bytes: number; sm3: string };
/** One table's rows as `COPY … TO STDOUT` writes them, gzip-compressed; `table` is the quoted name. */
export type TableData = Part & { table: string };
export type DatabaseFormat = 'pg_dump' | 'copy';
export type Manifest = {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  postgres: string;
  /** Absent in backups made before the second format: pg_dump. */
  databaseFormat?: DatabaseFormat;
  pgDump: string | null;
  /** The newest migration applied to the backed-up database. */
  migration: string | null;
  /** HMAC-SM3(master key, 'fazhi/backup/key-check'), hex: tells whether a key is the one the data was sealed with. */
  keyCheck: string;
  /** pg_dump's file (format pg_dump), or null. */
  database: Part | null;
  /** Format copy: every table's rows, and the sequences' positions and the job queue's schema level to put back. */
  tableData?: TableData[];
  sequences?: Record<string, string | null>;
  jobQueueLevel?: number | null;
  /** Rows of every table (schema.table), counted in the dump's own snapshot. */
  tables: Record<string, number>;
  /** The attachments (`files/…`), or null when they are kept in an S3 bucket (back that up with the provider's tools). */
  files: Part[] | null;
  auditCheckpoints: Part[];
};

/** Could not run: exit 2 with the message (Chinese / English on one line). */
export class BackupRefused extends StartupError {}

export const keyCheckValue = (master: Buffer): string => hmacSm3(master, 'fazhi/backup/key-check').toString('hex');

const sm3File = (file: string): Promise<string> => new Promise((resolve, reject) => {
  const h = createHash('sm3');
  createReadStream(file).on('data', (b) => h.update(b)).on('error', reject).on('end', () => resolve(h.digest('hex')));
});

/** Every regular file under dir, relative paths in a stable order; `.tmp` (uploads being stored) left out. */
const listFiles = (dir: string, rel = ''): string[] => {
  const here = path.join(dir, rel);
  if (!existsSync(here)) return [];
  const out: string[] = [];
  for (const e of readdirSync(here, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (rel === '' && e.name === '.tmp') continue;
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
};

/** Copies every file of `from` into `into/<prefix>/…` and describes each part. */
const copyTree = async (from: string, into: string, prefix: string): Promise<Part[]> => {
  const parts: Part[] = [];
  for (const rel of listFiles(from)) {
    const target = path.join(into, prefix, rel);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    copyFileSync(path.join(from, rel), target);
    parts.push({ path: path.join(prefix, rel).split(path.sep).join('/'), bytes: statSync(target).size, sm3: await sm3File(target) });
  }
  return parts;
};

const major = (version: string): number => Number(/(\d+)/.exec(version)?.[1] ?? 0);

/**
 * pg_dump or pg_restore of the database's major version or newer (pg_dump refuses an older
 * one): FAZHI_PG_BIN, the embedded package's folder, the system's /usr/lib/postgresql/<N>/bin,
 * the PATH; the same major version as the server is preferred.
 */
export const findPgTool = (tool: 'pg_dump' | 'pg_restore', serverMajor: number, env: NodeJS.ProcessEnv = process.env): { file: string; version: string } => {
  const best = pgToolOf(tool, serverMajor, env);
  if (!best) {
    throw new BackupRefused(`找不到 PostgreSQL ${serverMajor} 或更新版本的 ${tool}：请安装 postgresql-client-${serverMajor}，或用 FAZHI_PG_BIN 指定其所在目录 / ` +
      `No ${tool} of PostgreSQL ${serverMajor} or newer: install postgresql-client-${serverMajor}, or set FAZHI_PG_BIN to its folder`);
  }
  return best;
};

/** The pg tool `findPgTool` would take, or null. */
export const pgToolOf = (tool: 'pg_dump' | 'pg_restore', serverMajor: number, env: NodeJS.ProcessEnv = process.env): { file: string; version: string } | null => {
  const dirs = [env.FAZHI_PG_BIN, embeddedBinDir(), ...systemBinDirs().map((d) => d.binDir)].filter((d): d is string => !!d);
  const candidates = [...dirs.map((d) => path.join(d, tool)), tool];
  const found: { file: string; version: string }[] = [];
  for (const file of candidates) {
    if (file.includes(path.sep) && !existsSync(file)) continue;
    try {
      const version = execFileSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
      if (major(version.replace(/^\D+/, '')) >= serverMajor) found.push({ file, version });
    } catch { /* not there */ }
  }
  return found.find((f) => major(f.version.replace(/^\D+/, '')) === serverMajor) ?? found[0] ?? null;
};

/** libpq's environment for a URL: the password never appears on a command line. */
const pgEnv = (url: string): NodeJS.ProcessEnv => {
  const u = new URL(url);
  return {
    ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: decodeURIComponent(u.pathname.slice(1)), PGAPPNAME: 'fazhi-backup',
  };
};

const run = (file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> => new Promise((resolve, reject) => {
  const child = spawn(file, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000); });
  child.on('error', reject);
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
});

const serverVersion = async (c: pg.Client): Promise<string> => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;

/** The user tables the dump holds (the app's and the job queue's), as schema.table. */
const tablesOf = async (c: pg.Client): Promise<string[]> => (await c.query<{ t: string }>(
  `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY 1`)).rows.map((r) => r.t);

export const countRows = async (c: pg.Client, tables: string[]): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t.replace(/"/g, '')] = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
  return counts;
};

export type BackupInput = {
  ownerUrl: string; master: Buffer; out: string; filesDir: string | null; checkpointsDir: string; now?: Date;
  /** `auto` (the default): pg_dump when one of the server's major version is at hand, else `copy`. */
  format?: 'auto' | DatabaseFormat;
};

/** The tables whose rows a copy backup holds: the migrations' bookkeeping comes from the migrations themselves. */
const dataTables = async (c: pg.Client): Promise<string[]> => (await c.query<{ t: string }>(
  `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      AND (n.nspname, c.relname) NOT IN (('public', 'schema_migrations'), ('graphile_worker', 'migrations'))
    ORDER BY 1`)).rows.map((r) => r.t);

/** graphile-worker's schema level (its newest migration), or null when the queue was never installed. */
const jobQueueLevel = async (c: pg.Client): Promise<number | null> => {
  if ((await c.query<{ r: string | null }>("SELECT to_regclass('graphile_worker.migrations')::text AS r")).rows[0]!.r === null) return null;
  return Number((await c.query<{ id: number }>('SELECT max(id) AS id FROM graphile_worker.migrations')).rows[0]!.id);
};

const { from: copyFrom, to: copyTo } = copyStreams;
const tableFile = (table: string): string => `database/${table.replace(/"/g, '')}.copy.gz`;

/** Format copy: every table's rows in the open snapshot, and the sequences' positions. */
const copyTables = async (c: pg.Client, out: string): Promise<{ tableData: TableData[]; sequences: Record<string, string | null> }> => {
  mkdirSync(path.join(out, 'database'), { mode: 0o700 });
  const tableData: TableData[] = [];
  for (const table of await dataTables(c)) {
    const rel = tableFile(table);
    const file = path.join(out, rel);
    await pipeline(c.query(copyTo(`COPY ${table} TO STDOUT`)), createGzip(), createWriteStream(file, { mode: 0o600 }));
    tableData.push({ table, path: rel, bytes: statSync(file).size, sm3: await sm3File(file) });
  }
  const sequences = Object.fromEntries((await c.query<{ s: string; v: string | null }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS s, last_value::text AS v FROM pg_sequences
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`)).rows.map((r) => [r.s, r.v]));
  return { tableData, sequences };
};

/**
 * Writes a backup into `out` (a new or empty folder): the database, files/, audit-checkpoints/,
 * manifest.json last (a folder without a manifest is an unfinished backup). The files are
 * copied after the database: a file is stored before its row is committed and never removed,
 * so every file the database names is there.
 */
export const writeBackup = async (input: BackupInput): Promise<Manifest> => {
  if (existsSync(input.out) && readdirSync(input.out).length > 0) {
    throw new BackupRefused(`备份目录 ${input.out} 不是空的 / The backup folder ${input.out} is not empty`);
  }
  const c = new pg.Client({ connectionString: input.ownerUrl, application_name: 'fazhi-backup' });
  await c.connect();
  try {
    const postgres = await serverVersion(c);
    const format = input.format ?? 'auto';
    const dump = format === 'copy' ? null : format === 'pg_dump' ? findPgTool('pg_dump', major(postgres)) : pgToolOf('pg_dump', major(postgres));
    mkdirSync(input.out, { recursive: true, mode: 0o700 });
    // One snapshot for the counts and the rows: pg_dump takes the exported one while this
    // transaction stays open; the copy format reads in it.
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const snapshot = (await c.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
    const tables = await countRows(c, await tablesOf(c));
    const migration = (await c.query<{ name: string }>(
      `SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1`).catch(() => ({ rows: [] as { name: string }[] }))).rows[0]?.name ?? null;
    let database: Part | null = null;
    let copied: Awaited<ReturnType<typeof copyTables>> | null = null;
    let queueLevel: number | null = null;
    if (dump) {
      const dumpFile = path.join(input.out, 'database.dump');
      await run(dump.file, ['--format=custom', `--snapshot=${snapshot}`, '--file', dumpFile], pgEnv(input.ownerUrl));
      database = { path: 'database.dump', bytes: statSync(dumpFile).size, sm3: await sm3File(dumpFile) };
    } else {
      if (migration === null) throw new BackupRefused('数据库尚未初始化（没有已执行的迁移），无需备份 / The database has no migrations applied: nothing to back up');
      copied = await copyTables(c, input.out);
      queueLevel = await jobQueueLevel(c);
    }
    await c.query('COMMIT');
    const files = input.filesDir ? await copyTree(input.filesDir, input.out, 'files') : null;
    const auditCheckpoints = await copyTree(input.checkpointsDir, input.out, 'audit-checkpoints');
    const manifest: Manifest = {
      format: BACKUP_FORMAT, createdAt: (input.now ?? new Date()).toISOString(), postgres, databaseFormat: dump ? 'pg_dump' : 'copy',
      pgDump: dump?.version ?? null, migration, keyCheck: keyCheckValue(input.master), database,
      ...(copied ? { tableData: copied.tableData, sequences: copied.sequences, jobQueueLevel: queueLevel } : {}),
      tables, files, auditCheckpoints,
    };
    writeFileSync(path.join(input.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return manifest;
  } finally {
    await c.end();
  }
};

/** Reads and checks a backup folder: its manifest, the key, and the SM3 of every part. */
export const checkBackup = async (from: string, master: Buffer): Promise<Manifest> => {
  const file = path.join(from, 'manifest.json');
  if (!existsSync(file)) throw new BackupRefused(`${from} 中没有 manifest.json，不是完整的备份 / ${from} has no manifest.json: not a finished backup`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    throw new BackupRefused(`${file} 无法读取 / ${file} cannot be read`);
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupRefused(`不认识的备份格式 ${String(manifest.format)} / Unknown backup format ${String(manifest.format)}`);
  const whole = (manifest.databaseFormat ?? 'pg_dump') === 'copy' ? Array.isArray(manifest.tableData) && typeof manifest.migration === 'string' : manifest.database !== null;
  if (!whole) throw new BackupRefused(`${file} 不完整（缺少数据库部分）/ ${file} is incomplete: the database part is missing`);
  if (manifest.keyCheck !== keyCheckValue(master)) {
    throw new BackupRefused('主密钥与备份不符：请设置备份时使用的 FAZHI_MASTER_KEY（或 data/keys/master.key）后再恢复 / ' +
      'The master key does not match the backup\'s: set the FAZHI_MASTER_KEY (or data/keys/master.key) the backup was made with, then restore');
  }
  for (const part of [...(manifest.database ? [manifest.database] : []), ...(manifest.tableData ?? []), ...(manifest.files ?? []), ...manifest.auditCheckpoints]) {
    const p = path.join(from, part.path);
    if (!existsSync(p) || (await sm3File(p)) !== part.sm3) {
      throw new BackupRefused(`备份文件 ${part.path} 缺失或已损坏（SM3 不符）/ The backup's ${part.path} is missing or damaged (SM3 differs)`);
    }
  }
  return manifest;
};

export type RestoreInput = { ownerUrl: string; manifest: Manifest; from: string; filesDir: string | null; checkpointsDir: string };
export type RestoreResult = { tables: number; rows: number; differ: { table: string; expected: number; found: number }[]; files: number; checkpoints: number };

/**
 * Format copy, into an empty database: the schema from the committed migrations up to the
 * backup's (and the job queue's schema at its level), then, in one transaction with triggers
 * and foreign-key checks off (`session_replication_role = replica`, so the rows come back
 * exactly as they were: audit links, search vectors and versions are not computed again),
 * every table's rows and the sequences' positions. The migrations after the backup's run after
 * (the restore command). Table names come from the manifest only when the migrated schema has
 * them.
 */
const loadTables = async (c: pg.Client, input: RestoreInput): Promise<void> => {
  const m = input.manifest;
  if (!(await c.query<{ su: boolean }>('SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user')).rows[0]?.su) {
    throw new BackupRefused('恢复此格式的备份需要以数据库超级用户连接（内置数据库即是）/ Restoring this format needs a superuser connection (the embedded database has one)');
  }
  try {
    await migrate(input.ownerUrl, () => undefined, { upTo: m.migration! });
  } catch (e) {
    throw new BackupRefused(`备份所依据的数据库结构（迁移 ${m.migration}）不在本版本中：请用不早于备份时的 Fazhi 版本恢复 / ` +
      `The backup's schema (migration ${m.migration}) is not in this version of Fazhi: restore with the version it was made with or a newer one (${(e as Error).message})`);
  }
  if (m.jobQueueLevel !== null && m.jobQueueLevel !== undefined) {
    await runMigrations({ connectionString: input.ownerUrl, logger: new Logger(() => () => undefined) });
    const level = await jobQueueLevel(c);
    if (level !== m.jobQueueLevel) {
      throw new BackupRefused(`任务队列的数据库结构版本不同（备份 ${m.jobQueueLevel}，本机 ${String(level)}）：请用备份时的 Fazhi 版本恢复 / ` +
        `The job queue's schema differs (backup ${m.jobQueueLevel}, here ${String(level)}): restore with the version of Fazhi the backup was made with`);
    }
  }
  const known = new Set(await dataTables(c));
  const data = m.tableData ?? [];
  const unknown = data.find((d) => !known.has(d.table));
  if (unknown) throw new BackupRefused(`备份中的表 ${unknown.table} 在恢复后的数据库结构中不存在 / The backup's table ${unknown.table} is not in the restored schema`);
  await c.query('BEGIN');
  try {
    await c.query('SET LOCAL session_replication_role = replica');
    // Rows the migrations wrote themselves (catalogues, built-in roles) are replaced by the backup's.
    if (data.length > 0) await c.query(`TRUNCATE ${data.map((d) => d.table).join(', ')}`);
    for (const d of data) {
      await pipeline(createReadStream(path.join(input.from, d.path)), createGunzip(), c.query(copyFrom(`COPY ${d.table} FROM STDIN`)));
    }
    for (const [seq, value] of Object.entries(m.sequences ?? {})) {
      if ((await c.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [seq])).rows[0]!.r === null) continue;
      if (value === null) await c.query('SELECT setval($1::regclass, (SELECT start_value FROM pg_sequences WHERE format(\'%I.%I\', schemaname, sequencename) = $2::text), false)', [seq, seq]);
      else await c.query('SELECT setval($1::regclass, $2::bigint, true)', [seq, value]);
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
};

const isEmptyDir = (dir: string): boolean => !existsSync(dir) || listFiles(dir).length === 0;

/**
 * Restores a checked backup into an empty database and empty files and checkpoint folders,
 * then counts the rows of every table against the manifest.
 */
export const restoreBackup = async (input: RestoreInput): Promise<RestoreResult> => {
  const c = new pg.Client({ connectionString: input.ownerUrl, application_name: 'fazhi-restore' });
  await c.connect();
  try {
    const existing = await tablesOf(c);
    if (existing.length > 0) {
      throw new BackupRefused(`目标数据库不是空的（已有 ${existing.length} 张表）：请恢复到新的数据目录或新的空数据库 / ` +
        `The target database is not empty (${existing.length} tables): restore into a new data folder or a new, empty database`);
    }
    for (const [what, dir] of [['files', input.filesDir], ['audit-checkpoints', input.checkpointsDir]] as const) {
      if (dir && !isEmptyDir(dir)) throw new BackupRefused(`目标目录 ${dir} 不是空的 / The target folder ${dir} (${what}) is not empty`);
    }
    if (input.manifest.files && !input.filesDir) {
      throw new BackupRefused('备份中有附件，但本机配置为 FAZHI_FILES=s3：请先以 FAZHI_FILES=local 恢复 / The backup has attachments but FAZHI_FILES=s3 here: restore with FAZHI_FILES=local');
    }
    if ((input.manifest.databaseFormat ?? 'pg_dump') === 'copy') await loadTables(c, input);
    else {
      const restore = findPgTool('pg_restore', major(await serverVersion(c)));
      // Objects are owned by the restoring owner; grants to the app role (created before) come with the dump.
      await run(restore.file, ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', decodeURIComponent(new URL(input.ownerUrl).pathname.slice(1)),
        path.join(input.from, input.manifest.database!.path)], pgEnv(input.ownerUrl));
    }
    const found = await countRows(c, await tablesOf(c));
    const differ = Object.entries(input.manifest.tables).filter(([t, n]) => found[t] !== n).map(([table, expected]) => ({ table, expected, found: found[table] ?? -1 }));
    const copyBack = (prefix: string, parts: Part[], dir: string): number => {
      for (const p of parts) {
        const target = path.join(dir, p.path.slice(prefix.length + 1));
        mkdirSync(path.dirname(target), { recursive: true, mode: 0o750 });
        copyFileSync(path.join(input.from, p.path), target);
      }
      return parts.length;
    };
    const files = input.manifest.files && input.filesDir ? copyBack('files', input.manifest.files, input.filesDir) : 0;
    const checkpoints = copyBack('audit-checkpoints', input.manifest.auditCheckpoints, input.checkpointsDir);
    return { tables: Object.keys(found).length, rows: Object.values(found).reduce((a, b) => a + b, 0), differ, files, checkpoints };
  } finally {
    await c.end();
  }
};
