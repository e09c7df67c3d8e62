import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from './platform/db/embedded.ts';

/**
 * `<FAZHI_DATA_DIR>/fazhi.pid`: the server that owns the data folder's embedded PostgreSQL.
 * Written at start, removed at a clean stop; a crash leaves it behind, so a record counts only
 * while its process lives — and, where the system tells a process's start time (Linux), only
 * while it is the same process, not a later one that was given the same pid.
 */
type PidRecord = { pid: number; started: string | null };

export const serverPidFile = (dataDir: string): string => path.join(dataDir, 'fazhi.pid');

/** A process's identity: boot id and start time (Linux), so a reused pid is not mistaken for it. */
const identity = (pid: number): string | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the name in field 2 may hold spaces, so count from its closing parenthesis.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return start ? `${boot}/${start}` : null;
  } catch {
    return null;
  }
};

const read = (file: string): PidRecord | null => {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Partial<PidRecord>;
    return typeof r.pid === 'number' ? { pid: r.pid, started: typeof r.started === 'string' ? r.started : null } : null;
  } catch {
    return null;
  }
};

const isLive = (r: PidRecord): boolean => {
  if (r.pid === process.pid || !isAlive(r.pid)) return false;
  const now = identity(r.pid);
  return r.started === null || now === null ? true : now === r.started;
};

/** The pid of the live server that owns the folder, if there is one. */
export const liveServer = (dataDir: string): number | null => {
  const r = read(serverPidFile(dataDir));
  return r && isLive(r) ? r.pid : null;
};

/**
 * Records this process as the folder's server. Returns the other server's pid instead when a
 * live one owns it; a record left by a dead server is replaced.
 */
export const claimServerPid = (dataDir: string): { claimed: true; release: () => void } | { claimed: false; pid: number } => {
  mkdirSync(dataDir, { recursive: true });
  const file = serverPidFile(dataDir);
  const mine: PidRecord = { pid: process.pid, started: identity(process.pid) };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, `${JSON.stringify(mine)}\n`);
      closeSync(fd);
      const release = (): void => {
        if (read(file)?.pid === process.pid) rmSync(file, { force: true });
      };
      return { claimed: true, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const other = read(file);
    if (other && isLive(other)) return { claimed: false, pid: other.pid };
    // Half-written by a server starting this instant: look once more before calling it stale.
    if (!other && attempt === 0) continue;
    if (attempt > 2) return { claimed: false, pid: other?.pid ?? 0 };
    rmSync(file, { force: true });
  }
};
