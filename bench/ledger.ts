/**
 * The mediation ledger benchmark (docs/performance.md, "Mediation ledger"):
 * `node --import tsx bench/ledger.ts [--cases 100000] [--import-rows 10000] [--skip-export]` (import-rows 0: the export
 * only; --skip-export: the import only, step 1 left out).
 *
 * A throwaway PostgreSQL with the demo town and `cases` closed mediation cases over ten
 * years (bulk SQL), the real server as `fazhi start` runs it (a child process: its own Node,
 * its job worker), then, over HTTP as the 司法所 clerk:
 * 1. the streaming export of every case (one sheet per year), timed, with the server's peak
 *    resident memory sampled from /proc every 50 ms;
 * 2. an import of one year's exported file (`import-rows` cases) into the emptied year:
 *    upload + validation timed, then the acceptance (the background job) timed to the end.
 * Everything is bounded and removed at the end, also on error. Results: bench/results/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { startCluster, systemBinDir, type RunningCluster } from '../apps/server/src/platform/db/cluster.ts';
import { ensureAppRole, ensureDatabase } from '../apps/server/src/platform/db/bootstrap.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { deriveFieldKeys } from '../apps/server/src/platform/crypto/sm.ts';
import { DEMO_PASSWORD } from '../apps/server/src/seed/demo-town.ts';
import { rssMiB } from './proc.ts';
import { loadLedgerData } from './ledger-data.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const log = (s: string): void => { process.stdout.write(`[ledger] ${s}\n`); };
const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port')))); });
});

/** Peak resident memory of a process while `work` runs. */
const peakRss = async <T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> => {
  let peak = rssMiB(pid);
  const timer = setInterval(() => { peak = Math.max(peak, rssMiB(pid) || 0); }, 50);
  try {
    const result = await work();
    return { result, peakMiB: Math.max(peak, rssMiB(pid) || 0) };
  } finally {
    clearInterval(timer);
  }
};

const haveStatements = (): boolean => ['lib', 'lib/postgresql'].some((d) => existsSync(path.join(systemBinDir() ?? '/nonexistent', '..', d, 'pg_stat_statements.so')));

const writeResults = (results: { at: string } & Record<string, unknown>): void => {
  mkdirSync(path.join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'bench', 'results', `ledger-${results.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
};

const main = async (): Promise<void> => {
  // Other work on the machine skews every timing here: the load average is kept with the results.
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, 'import-rows': { type: 'string', default: '10000' }, 'skip-export': { type: 'boolean', default: false } } });
  const years = Array.from({ length: 10 }, (_, i) => 2016 + i);
  const perYear = Math.ceil(Number(values.cases) / years.length);
  const importYear = years[years.length - 1] ?? 2025;
  const importRows = Number(values['import-rows']);
  const dir = mkdtempSync(path.join(tmpdir(), 'fazhi-bench-ledger-'));
  chmodSync(dir, 0o755);
  let cluster: RunningCluster | null = null;
  let server: ChildProcess | null = null;
  const watchdog = setTimeout(() => { log('watchdog: 40 minutes passed, stopping'); server?.kill('SIGKILL'); process.exit(2); }, 40 * 60_000);
  try {
    const port = await freePort();
    cluster = await startCluster({ dataDir: path.join(dir, 'pg'), port, superuser: 'postgres', password: randomBytes(8).toString('hex'),
      binDir: systemBinDir() ?? undefined,
      // pg_stat_statements, where the binaries ship it, counts the statements per imported case.
      settings: { shared_buffers: '256MB', max_connections: '100', ...(haveStatements() ? { shared_preload_libraries: 'pg_stat_statements' } : {}) } });
    const ownerUrl = cluster.url('fazhi_bench');
    const master = randomBytes(32);
    await ensureDatabase(ownerUrl);
    await ensureAppRole(ownerUrl, master);
    await migrate(ownerUrl);
    const data = await loadLedgerData(ownerUrl, deriveFieldKeys(master), years, perYear);
    log(`setup: ${data.cases} mediation cases in ${years[0]}-${importYear} by bulk SQL in ${(data.ms / 1000).toFixed(1)} s`);
    // The import year trimmed to the size asked for.
    const db = new pg.Client({ connectionString: ownerUrl });
    // Ended by the cluster's stop when something else failed first: that failure is the one to report.
    db.on('error', () => undefined);
    await db.connect();
    if (importRows > 0) await db.query("DELETE FROM cases WHERE case_type = 'mediation' AND year = $1 AND seq > $2", [importYear, importRows]);
    const villageId = (await db.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'S01'")).rows[0]?.id ?? '';

    const httpPort = await freePort();
    const logFd = openSync(path.join(dir, 'server.log'), 'a');
    server = spawn(process.execPath, [path.join(repoRoot, 'bin', 'fazhi.mjs'), 'start'], {
      cwd: repoRoot, stdio: ['ignore', logFd, logFd],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', DATABASE_URL: ownerUrl, FAZHI_MASTER_KEY: master.toString('hex'),
        HOST: '127.0.0.1', PORT: String(httpPort), FAZHI_DATA_DIR: path.join(dir, 'data'), FAZHI_DEMO: 'never', LOG_LEVEL: 'warn',
        // V8 flags for the server only (memory experiments): SERVER_NODE_OPTIONS='--max-old-space-size=…'.
        ...(process.env.SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVER_NODE_OPTIONS } : {}) },
    });
    closeSync(logFd);
    const pid = server.pid ?? 0;
    const base = `http://127.0.0.1:${httpPort}`;
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`server exited: ${readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000)}`);
      if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
      if (i > 120) throw new Error('server not ready after 60 s');
      await sleep(500);
    }
    const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sifa', password: DEMO_PASSWORD }) });
    const me = (await signIn.json()) as { csrfToken: string };
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { cookie, 'x-csrf-token': me.csrfToken };
    // Idle as a server that has worked: one small export first (its code loaded and compiled).
    await (await fetch(`${base}/api/mediation/ledger.xlsx?year=${years[0] ?? 2016}&orgId=${villageId}`, { headers })).arrayBuffer();
    await sleep(2000);
    const idleMiB = rssMiB(pid);

    // ---- 1. the streaming export of everything ----
    const exportAll = values['skip-export'] ? { result: { ms: 0, firstByteMs: 0, bytes: 0, file: '' }, peakMiB: 0 } : await peakRss(pid, async () => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/mediation/ledger.xlsx`, { headers });
      if (!res.ok || !res.body) throw new Error(`export: HTTP ${res.status}`);
      let bytes = 0;
      let firstByteMs = 0;
      const file = path.join(dir, 'all.xlsx');
      const chunks: Buffer[] = [];
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        if (bytes === 0) firstByteMs = performance.now() - t0;
        bytes += chunk.length;
        chunks.push(Buffer.from(chunk));
      }
      writeFileSync(file, Buffer.concat(chunks));
      return { ms: performance.now() - t0, firstByteMs, bytes, file };
    });
    // Count what came out, with exceljs's streaming reader (not measured).
    let rowsOut = 0;
    if (!values['skip-export']) {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(exportAll.result.file, { worksheets: 'emit', sharedStrings: 'ignore', hyperlinks: 'ignore', styles: 'ignore' });
      for await (const ws of reader) for await (const row of ws) if (row.number > 2) rowsOut++;
      log(`export: ${rowsOut} rows, ${(exportAll.result.bytes / 1048576).toFixed(1)} MiB in ${(exportAll.result.ms / 1000).toFixed(1)} s (first byte ${exportAll.result.firstByteMs.toFixed(0)} ms); server RSS idle ${idleMiB.toFixed(0)} MiB, peak ${exportAll.peakMiB.toFixed(0)} MiB`);
    }
    const exported = values['skip-export'] ? null : { rows: rowsOut, ...exportAll.result, idleMiB, peakMiB: exportAll.peakMiB, rowsPerSecond: rowsOut / (exportAll.result.ms / 1000) };

    if (importRows === 0) {
      writeResults({ at: new Date().toISOString(), cases: data.cases, export: exported,
        load: { before: loadBefore, after: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') } });
      await db.end();
      return;
    }

    // ---- 2. import one year's ledger into the emptied year ----
    const yearFile = Buffer.from(await (await fetch(`${base}/api/mediation/ledger.xlsx?year=${importYear}`, { headers })).arrayBuffer());
    await db.query("DELETE FROM cases WHERE case_type = 'mediation' AND year = $1", [importYear]);
    const form = new FormData();
    form.append('file', new Blob([yearFile]), `ledger-${importYear}.xlsx`);
    const validate = await peakRss(pid, async () => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/mediation/ledger/imports`, { method: 'POST', headers, body: form });
      const body = (await res.json()) as { importId: string; total: number; valid: number; problems: unknown[] };
      if (!res.ok) throw new Error(`upload: HTTP ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      return { ms: performance.now() - t0, ...body };
    });
    log(`import: ${validate.result.total} rows checked in ${(validate.result.ms / 1000).toFixed(1)} s, ${validate.result.valid} valid, ${validate.result.problems.length} problems; peak RSS ${validate.peakMiB.toFixed(0)} MiB`);
    const statements = async (): Promise<number> => (haveStatements()
      ? Number((await db.query<{ n: string }>("SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'")).rows[0]?.n ?? 0) : Number.NaN);
    if (haveStatements()) await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    if (haveStatements()) await db.query('SELECT pg_stat_statements_reset()');
    const before = Number((await db.query<{ n: string | null }>('SELECT sum(xact_commit)::bigint AS n FROM pg_stat_database')).rows[0]?.n ?? 0);
    const statementsBefore = await statements();
    const accept = await peakRss(pid, async () => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/mediation/ledger/imports/${validate.result.importId}/accept`, { method: 'POST', headers });
      if (!res.ok) throw new Error(`accept: HTTP ${res.status}`);
      for (;;) {
        await sleep(1000);
        const v = (await (await fetch(`${base}/api/mediation/ledger/imports/${validate.result.importId}?limit=1`, { headers })).json()) as { status: string; processed: number; written: number; failed: number };
        if (['done', 'done_with_errors', 'failed'].includes(v.status)) return { ms: performance.now() - t0, ...v };
      }
    });
    const commits = Number((await db.query<{ n: string | null }>('SELECT sum(xact_commit)::bigint AS n FROM pg_stat_database')).rows[0]?.n ?? 0) - before;
    const perCase = ((await statements()) - statementsBefore) / Math.max(1, accept.result.written);
    // Where the acceptance's time went inside PostgreSQL (the rest is the server's own work).
    const pgTime = haveStatements() ? (await db.query<{ query: string; calls: number; ms: number }>(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query, calls::int, round(total_exec_time)::int AS ms FROM pg_stat_statements
        WHERE query NOT LIKE '%pg_stat%' ORDER BY total_exec_time DESC LIMIT 6`)).rows : [];
    const pgTotalMs = haveStatements() ? Number((await db.query<{ ms: string | null }>("SELECT round(sum(total_exec_time))::bigint AS ms FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'")).rows[0]?.ms ?? 0) : Number.NaN;
    log(`accept: ${accept.result.written} cases written, ${accept.result.failed} failed (${accept.result.status}) in ${(accept.result.ms / 1000).toFixed(1)} s = ${(accept.result.ms / Math.max(1, accept.result.written)).toFixed(1)} ms/case (${(accept.result.written / (accept.result.ms / 1000)).toFixed(0)} rows/s); ${perCase.toFixed(1)} statements/case; ${commits} commits; peak RSS ${accept.peakMiB.toFixed(0)} MiB`);
    if (haveStatements()) {
      log(`accept: PostgreSQL executed statements for ${(pgTotalMs / 1000).toFixed(1)} s in all; the costliest:`);
      for (const r of pgTime) log(`  ${String(r.ms).padStart(7)} ms ${String(r.calls).padStart(6)} × ${r.query}`);
    }
    const total = validate.result.ms + accept.result.ms;
    const results = {
      at: new Date().toISOString(), cases: data.cases, export: exported,
      import: { rows: validate.result.total, validateMs: validate.result.ms, acceptMs: accept.result.ms, written: accept.result.written, failed: accept.result.failed,
        validatePeakMiB: validate.peakMiB, acceptPeakMiB: accept.peakMiB, msPerCase: accept.result.ms / Math.max(1, accept.result.written), rowsPerSecond: accept.result.written / (accept.result.ms / 1000), statementsPerCase: perCase,
        targetRatio: total / 30_000 },
      load: { before: loadBefore, after: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') },
    };
    const exportRatios = exported ? `export ${exported.rowsPerSecond.toFixed(0)} rows/s, ${(exported.bytes / rowsOut).toFixed(0)} bytes/row, peak RSS ${(exported.peakMiB / 300 * 100).toFixed(0)} % of the 300 MiB budget; ` : '';
    log(`ratios: ${exportRatios}import (validate + accept) ${(total / 1000).toFixed(1)} s = ${results.import.targetRatio.toFixed(2)} × the 30 s target`);
    log(`machine load average (1/5/15 min) before ${results.load.before}, after ${results.load.after} (2 cores)`);
    writeResults(results);
    await db.end();
  } finally {
    clearTimeout(watchdog);
    if (server && server.exitCode === null) { server.kill('SIGTERM'); await sleep(1500); if (server.exitCode === null) server.kill('SIGKILL'); }
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
