import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../config.ts';
import { inspectCluster, isAlive, stopPostmaster } from '../platform/db/embedded.ts';
import { freePort } from '../test/free-port.ts';

/**
 * The real `fazhi` command on the embedded PostgreSQL, as an operator runs it: a server
 * started with `fazhi start` on a folder of its own, the commands beside it, a `kill -9` and
 * a start after it. One cluster for the whole file (the first start loads the demo town,
 * which `mediation stats` reads). Every wait has a deadline; nothing sleeps a fixed time.
 */

const bin = path.join(repoRoot, 'bin', 'fazhi.mjs');
const MASTER_KEY = '3c1f0e2d4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddee01';

/**
 * A free port below the kernel's ephemeral range (32768 and up): the server is restarted on
 * its port after a kill -9, and a port from the ephemeral range may meanwhile be taken as the
 * local end of one of the other test files' many connections.
 */
const waitFor = async (what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number, detail = (): string => ''): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s ${detail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

let dir = '';
let pgDir = '';
let env: NodeJS.ProcessEnv = {};
let httpPort = 0;

type Server = { child: ChildProcess; output: () => string; exited: Promise<number | null> };
let server: Server | null = null;

const startServer = (extra: NodeJS.ProcessEnv = {}): Server => {
  const child = spawn(process.execPath, [bin, 'start'], { cwd: repoRoot, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b: Buffer): void => { output = (output + b.toString()).slice(-6000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
};

const readyz = async (): Promise<number> => {
  try {
    return (await fetch(`http://127.0.0.1:${httpPort}/readyz`, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 0;
  }
};

/** Until /readyz answers 200; fails at once if the server exits. Returns the milliseconds taken. */
const untilReady = async (s: Server, timeoutMs: number): Promise<number> => {
  const started = Date.now();
  let gone = false;
  void s.exited.then(() => { gone = true; });
  await waitFor('GET /readyz 200', async () => {
    if (gone) throw new Error(`the server exited during its start:\n${s.output()}`);
    return (await readyz()) === 200;
  }, timeoutMs, () => `\n${s.output()}`);
  return Date.now() - started;
};

const stopServer = async (s: Server, signal: NodeJS.Signals): Promise<void> => {
  // A server that is gone before it is stopped is a failure of its own: say so with its output.
  if (s.child.exitCode !== null || s.child.signalCode !== null) throw new Error(`the server had already exited (${s.child.exitCode ?? s.child.signalCode}): ${s.output().slice(-2000)}`);
  s.child.kill(signal);
  await Promise.race([s.exited, new Promise((_, reject) => setTimeout(() => reject(new Error(`the server did not exit after ${signal}`)), 60_000))]);
};

type Ran = { code: number | null; stdout: string; stderr: string; ms: number };
const fazhi = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Ran> => new Promise((resolve, reject) => {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`fazhi ${args.join(' ')} did not finish within 60 s: ${stderr}`)); }, 60_000);
  child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, ms: Date.now() - started }); });
});

const postmasterPid = (): number | null => {
  const s = inspectCluster(pgDir);
  return s.kind === 'running' ? s.pid : null;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fazhi-cli-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when the suite runs as root
  pgDir = path.join(dir, 'pg');
  httpPort = await freePort();
  const { DATABASE_URL: _u, DATABASE_APP_URL: _a, ...rest } = process.env;
  env = {
    ...rest, FAZHI_DATA_DIR: dir, FAZHI_EMBEDDED_PG_PORT: String(await freePort()), PORT: String(httpPort), HOST: '127.0.0.1',
    FAZHI_MASTER_KEY: MASTER_KEY, LOG_LEVEL: 'warn', FAZHI_WEB_DIST: path.join(dir, 'no-web'),
  };
  server = startServer();
  const ms = await untilReady(server, 240_000);
  console.info(`first start (initdb, migrations, demo town): ${ms} ms`);
}, 300_000);

afterAll(async () => {
  if (server) await stopServer(server, 'SIGTERM').catch(() => (server ? stopServer(server, 'SIGKILL') : undefined)).catch(() => undefined);
  const left = postmasterPid();
  if (left) await stopPostmaster(left);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('fazhi beside a running server', () => {
  it('answers audit verify and mediation stats on the server\'s PostgreSQL, without starting another', async () => {
    const pg = postmasterPid();
    expect(pg).not.toBeNull();
    const audit = await fazhi(['audit', 'verify', '--json']);
    expect(audit.code, audit.stderr).toBe(0);
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true, broken: [] });
    const stats = await fazhi(['mediation', 'stats', '--township', '张八桥镇', '--year', '2023', '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ year: 2023, received: 143, resolved: 138, guided: 5, transferred: 0 });
    // The same postmaster still runs and the server still serves.
    expect(postmasterPid()).toBe(pg);
    expect(await readyz()).toBe(200);
    console.info(`beside the server: audit verify ${audit.ms} ms, mediation stats ${stats.ms} ms`);
    // Generous for two shared cores; the figure itself is printed above.
    expect(stats.ms).toBeLessThan(10_000);
  }, 60_000);

  it('refuses a second server on the same data folder with exit 2 and one line', async () => {
    const second = startServer({ PORT: String(await freePort()) });
    const code = await Promise.race([second.exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 60_000))]);
    if (code === 'running') second.child.kill('SIGKILL');
    expect(code).toBe(2);
    expect(second.output().trim()).toMatch(/^另一个 Fazhi 服务器（进程 \d+）正在使用数据目录 .* \/ Another Fazhi server \(pid \d+\) is running on the data folder [^\n]*$/);
    expect(await readyz()).toBe(200);
  }, 90_000);

  it('comes back after kill -9: the next start takes over the PostgreSQL the killed server left running', async () => {
    const pg = postmasterPid();
    expect(pg).not.toBeNull();
    await stopServer(server!, 'SIGKILL');
    expect(isAlive(pg!)).toBe(true); // the orphan the issue reports
    server = startServer();
    const ms = await untilReady(server, 120_000);
    console.info(`start after kill -9, until /readyz 200: ${ms} ms`);
    expect(postmasterPid()).toBe(pg);
  }, 150_000);

  it('stops its PostgreSQL on SIGTERM; a command then starts its own, stale postmaster.pid or not, and stops it', async () => {
    await stopServer(server!, 'SIGTERM');
    server = null;
    expect(existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dir, 'fazhi.pid'))).toBe(false);
    const alone = await fazhi(['audit', 'verify', '--json']);
    expect(alone.code, alone.stderr).toBe(0);
    expect(JSON.parse(alone.stdout).ok).toBe(true);
    expect(existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
    // A postmaster.pid left by a crash of the machine: its process is gone.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    const stale = `${dead.pid}\n${pgDir}\n1\n${env.FAZHI_EMBEDDED_PG_PORT}\n${pgDir}/run\n127.0.0.1\n  0 0\nready   \n`;
    writeFileSync(path.join(pgDir, 'postmaster.pid'), stale);
    const after = await fazhi(['calendar', 'due', '--from', '2024-09-27', '--days', '20', '--unit', 'wd', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).due).toBe('2024-10-30');
    expect(existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
    console.info(`a command with no server running (starts and stops PostgreSQL): ${alone.ms} ms`);
  }, 120_000);

  it('exits 2 with one line and no stack trace when DATABASE_URL does not answer', async () => {
    const r = await fazhi(['audit', 'verify'], { DATABASE_URL: `postgres://fazhi:x@127.0.0.1:${await freePort()}/fazhi` });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^无法连接数据库：.*ECONNREFUSED.* \/ Cannot reach the database: .*ECONNREFUSED/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
