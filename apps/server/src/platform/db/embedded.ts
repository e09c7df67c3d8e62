import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DatabaseUnreachable, startCluster, type ClusterOptions, type RunningCluster } from './cluster.ts';

/**
 * The embedded PostgreSQL as found in its data folder, whoever started it: the server, an
 * operator's command, or a server that was killed and left it running. `postmaster.pid`
 * (written by PostgreSQL while it runs, removed at a clean stop) names the process and the
 * port; the process is checked for life, since a crash of the machine leaves the file behind.
 */
export type ClusterState =
  | { kind: 'none' }
  /** A postmaster.pid whose process is gone, or is no longer PostgreSQL (its pid reused). */
  | { kind: 'stale'; pid: number; reused: boolean }
  | { kind: 'running'; pid: number; port: number; status: string };

/** Whether a process with this pid exists (one of another user's counts). */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The process's name where the system tells it (Linux /proc), else null. */
const processName = (pid: number): string | null => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
};

export const inspectCluster = (dataDir: string): ClusterState => {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return { kind: 'none' };
  }
  // Line 1: pid; 4: port; 8: status (starting, ready, stopping, standby). A file being written
  // may be short: it then reads as starting.
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return { kind: 'stale', pid: 0, reused: false };
  if (!isAlive(pid)) return { kind: 'stale', pid, reused: false };
  const name = processName(pid);
  if (name !== null && !name.startsWith('postgres')) return { kind: 'stale', pid, reused: true };
  return { kind: 'running', pid, port: Number.isInteger(port) ? port : 0, status: (lines[7] ?? '').trim() || 'starting' };
};

/** The embedded cluster as one of our processes holds it. */
export type EmbeddedCluster = {
  url: (db: string) => string;
  pid: number;
  port: number;
  /** Started by this process (else it was running already and this process attached to it). */
  startedHere: boolean;
  /** The binaries it was started with, and their major version; null when attached to a running one. */
  binDir: string | null;
  major: number | null;
  /** Fast shutdown (SIGINT: open transactions rolled back, a checkpoint, exit); resolves when it has exited. */
  stop: () => Promise<void>;
  /** Leaves a cluster this process started running when the process exits (another owner took it over). */
  detach: () => void;
};

export type OpenOptions = ClusterOptions & {
  /**
   * `server`: a running cluster on another port, or one that does not answer, is stopped and
   * started afresh. `command`: whatever runs is used as it is; one that does not answer is an error.
   */
  for: 'server' | 'command';
  /** How long to wait for a cluster that is starting, stopping or not yet answering. */
  timeoutMs?: number;
  /** What was found and done about it (a cluster stopped, a stale file removed). */
  note?: (line: string) => void;
};

/** The database cannot be reached or used; the message says why in Chinese and English. */
export { DatabaseUnreachable };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const urlFor = (opts: ClusterOptions, port: number) => (db: string): string =>
  `postgres://${encodeURIComponent(opts.superuser)}:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;

type Probe = 'ok' | 'refused-credentials' | 'no-answer';

/** One short connection with the superuser's credentials. */
const probe = async (url: string): Promise<Probe> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000, application_name: 'fazhi-probe' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === '28P01' || code === '28000' ? 'refused-credentials' : 'no-answer';
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Asks a postmaster that is not our child to shut down fast, and waits until it has gone. */
export const stopPostmaster = async (pid: number, timeoutMs = 60_000): Promise<void> => {
  try {
    process.kill(pid, 'SIGINT');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return;
    throw e;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(50);
  }
};

const fromStarted = (c: RunningCluster, port: number): EmbeddedCluster => ({
  url: c.url, pid: c.pid, port, startedHere: true, binDir: c.binDir, major: c.major, stop: c.stop, detach: c.detach,
});

/**
 * Uses the embedded cluster in `opts.dataDir` if one is running and answers with our
 * credentials, else starts it. Never starts a second PostgreSQL on a folder where one runs.
 * A postmaster.pid left by a crash does not block a start: PostgreSQL itself replaces a file
 * whose process is dead; a file whose pid now belongs to another program is removed here.
 */
export const openEmbedded = async (opts: OpenOptions): Promise<EmbeddedCluster> => {
  const log = opts.note ?? (() => undefined);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let silentSince: number | null = null;
  for (;;) {
    const state = inspectCluster(opts.dataDir);
    if (state.kind === 'running') {
      const waitMore = Date.now() < deadline;
      if (state.status === 'stopping') {
        if (!waitMore) throw new DatabaseUnreachable(`嵌入式 PostgreSQL（进程 ${state.pid}）正在停止 / The embedded PostgreSQL (pid ${state.pid}) is stopping and did not finish`);
        await sleep(100);
        continue;
      }
      if (opts.for === 'server' && state.port !== opts.port) {
        log(`stopping the embedded PostgreSQL (pid ${state.pid}) left running on port ${state.port}: this start uses port ${opts.port}`);
        await stopPostmaster(state.pid);
        continue;
      }
      const url = urlFor(opts, state.port);
      const answer = await probe(url('postgres'));
      if (answer === 'ok') {
        return {
          url, pid: state.pid, port: state.port, startedHere: false, binDir: null, major: null,
          stop: () => stopPostmaster(state.pid), detach: () => undefined,
        };
      }
      if (answer === 'refused-credentials') {
        throw new DatabaseUnreachable(`嵌入式 PostgreSQL（端口 ${state.port}）拒绝了由主密钥派生的密码，请检查 FAZHI_MASTER_KEY / The embedded PostgreSQL (port ${state.port}) refused the password derived from the master key: check FAZHI_MASTER_KEY`);
      }
      silentSince ??= Date.now();
      // Starting (crash recovery can take a while) or not answering: wait, then give up on it.
      if ((state.status !== 'starting' && Date.now() - silentSince > 15_000) || !waitMore) {
        if (opts.for === 'command') {
          throw new DatabaseUnreachable(`嵌入式 PostgreSQL（进程 ${state.pid}，端口 ${state.port}）没有响应 / The embedded PostgreSQL (pid ${state.pid}, port ${state.port}) does not answer`);
        }
        log(`stopping the embedded PostgreSQL (pid ${state.pid}) that does not answer, to start it afresh`);
        await stopPostmaster(state.pid);
        silentSince = null;
        continue;
      }
      await sleep(200);
      continue;
    }
    if (state.kind === 'stale' && state.reused) {
      log(`removing postmaster.pid: its process ${state.pid} is no longer PostgreSQL`);
      rmSync(path.join(opts.dataDir, 'postmaster.pid'), { force: true });
    }
    try {
      return fromStarted(await startCluster(opts), opts.port);
    } catch (e) {
      // Another process may have started it in the meantime (the file is then theirs): use it.
      if (inspectCluster(opts.dataDir).kind === 'running' && Date.now() < deadline) continue;
      throw e;
    }
  }
};
