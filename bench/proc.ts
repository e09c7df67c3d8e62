import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Linux /proc readings: resident memory and CPU time of a process and of a process tree. */

/** Clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on every Linux that matters). */
const HZ = 100;

const statFields = (pid: number): string[] | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
};

/** Resident set size in MiB (VmRSS), or NaN when the process is gone. */
export const rssMiB = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
};

/** User + system CPU time in milliseconds. */
export const cpuMs = (pid: number): number => {
  const f = statFields(pid);
  // After the command: state(0) ppid(1) … utime(11) stime(12).
  return f ? ((Number(f[11]) + Number(f[12])) * 1000) / HZ : 0;
};

/** Every process whose parent is `pid` (one level: PostgreSQL's backends under the postmaster). */
export const childrenOf = (pid: number): number[] => {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (f && Number(f[1]) === pid) out.push(Number(name));
  }
  return out;
};

/** CPU milliseconds of the children a process has waited for (cutime, cstime): those that have exited. */
const reapedCpuMs = (pid: number): number => {
  const f = statFields(pid);
  return f ? ((Number(f[13]) + Number(f[14])) * 1000) / HZ : 0;
};

/**
 * CPU milliseconds of a process and its children, e.g. a PostgreSQL cluster: the live ones as
 * they are now, and those that have exited (a pool's idle connection closing in a run would
 * otherwise take its backend's CPU out of the sum, and the run's difference could come out
 * below zero).
 */
export const treeCpuMs = (pid: number): number => cpuMs(pid) + reapedCpuMs(pid) + childrenOf(pid).reduce((s, c) => s + cpuMs(c), 0);
/** Resident MiB of a process and its children. */
export const treeRssMiB = (pid: number): number => rssMiB(pid) + childrenOf(pid).reduce((s, c) => s + (rssMiB(c) || 0), 0);

/** CPU milliseconds the whole machine has spent busy (all cores, all processes) since boot. */
export const machineBusyMs = (): number => {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal …
  const t = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = (t[0] ?? 0) + (t[1] ?? 0) + (t[2] ?? 0) + (t[5] ?? 0) + (t[6] ?? 0) + (t[7] ?? 0);
  return (busy * 1000) / HZ;
};

const benchDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * Starts one of bench/'s scripts (a server) as a child over IPC, its output appended to
 * `logFile`, and waits for the `{ port }` it sends once listening (at most `waitMs`).
 */
export const startChild = async (script: string, env: NodeJS.ProcessEnv, logFile: string, opts: { profileDir?: string; waitMs?: number } = {}): Promise<{ child: ChildProcess; port: number }> => {
  const child = fork(path.join(benchDir, script), [], {
    cwd: path.resolve(benchDir, '..'), execArgv: ['--import', 'tsx', ...(opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [])], env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const out = (b: Buffer): void => { try { writeFileSync(logFile, b, { flag: 'a' }); } catch { /* the folder is gone at the end */ } };
  child.stdout?.on('data', out);
  child.stderr?.on('data', out);
  const waitMs = opts.waitMs ?? 60_000;
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${script}: no port after ${waitMs / 1000} s`)), waitMs);
    child.once('message', (m: { port?: number }) => { clearTimeout(t); resolve(m.port ?? 0); });
    child.once('exit', (code) => { clearTimeout(t); reject(new Error(`${script} exited (${code}): ${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : ''}`)); });
  });
  return { child, port };
};

/** Stops a child started by startChild: SIGTERM, then SIGKILL after 10 s. */
export const stopChild = async (child: ChildProcess | null): Promise<void> => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
};
