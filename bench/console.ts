/**
 * The console in a browser on county data (issue 11, docs/performance.md, "The console on a
 * clerk's office PC"): `node --import tsx bench/console.ts [--cases 200000] [--runs 10]`
 *
 * 1. A throwaway PostgreSQL with the county of bench/county.ts (13 townships, 1,510 orgs,
 *    50,000 users) and `--cases` mediation cases (bench/county-db.ts, bench/cases-data.ts);
 * 2. the real server in its own Node process (bench/cases-server.ts), serving the built web
 *    app (apps/web/dist: `npm run build:web` first; the bench refuses to run without it);
 * 3. Chromium (playwright-core, /usr/bin/chromium, headless), signed in as real users of the
 *    county — a township's 司法所 staff (judicial_staff, subtree at the township), a village
 *    mediator, a county viewer, a town leader — opening every page of each one's menu (from
 *    the server's Me.menu), plus 事项查询 with a search word, a case page of their scope and
 *    the cockpit, `--runs` times each: the first in a fresh browser context (empty cache:
 *    cold), the rest in the same context (warm). Every run is a full page load (an address
 *    opened or reloaded), which starts with the session check (`/api/auth/me`).
 *
 * Per run, from the page's own Resource Timing: each /api/ request (its address with ids as
 * :id, server time = responseStart − requestStart, size on the wire), the longest chain of API
 * requests in series (a request that starts after another of the page's requests ended is one
 * step further) before the content is shown and until the page settles, the time to content
 * (the page's "data shown" selector, no skeleton or spinner left) and to settle (no API
 * request in flight for 500 ms), and the client's share: settle time − the server times of the
 * settle chain (JS download, parse and run, rendering, queueing in the browser).
 *
 * Prints a table per page and per endpoint, marks endpoints over 300 ms p95 and chains longer
 * than two; writes bench/results/console-<date>.json with every run, the machine's load
 * average and the CPU other processes used.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { menuCatalogue } from '@fazhi/contracts';
import { appRoleUrl } from '../apps/server/src/platform/db/bootstrap.ts';
import { startCountyDatabase } from './county-db.ts';
import { cpuMs, machineBusyMs, startChild, stopChild } from './proc.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const webDist = path.join(repoRoot, 'apps', 'web', 'dist');
const PASSWORD = 'Bench@2026county';
const SEARCH_WORD = '宅基地';
const SLOW_MS = 300;
const MAX_CHAIN = 2;

const { values } = parseArgs({
  options: {
    cases: { type: 'string' }, runs: { type: 'string' }, only: { type: 'string' }, users: { type: 'string' },
    out: { type: 'string' }, help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(`node --import tsx bench/console.ts [--cases 200000] [--runs 10] [--users staff,mediator,viewer,leader] [--only <path substring>,…] [--out file.json]
Needs apps/web/dist (npm run build:web) and /usr/bin/chromium (or CHROMIUM_PATH).`);
  process.exit(0);
}
if (!existsSync(path.join(webDist, 'index.html'))) {
  console.error(`[console] apps/web/dist is missing: the bench measures the built console. Run \`npm run build:web\` first, then run the bench again.`);
  process.exit(1);
}
const cases = Number(values.cases ?? 200_000);
const runs = Math.max(1, Number(values.runs ?? 10));
const only = values.only ? values.only.split(',') : null;
const userKinds = (values.users ?? 'staff,mediator,viewer,leader').split(',');
const log = (m: string): void => console.log(`[console] ${m}`);

// ---------- figures ----------
const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
const ms = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '–');

/** An address with its ids as :id and its query's values dropped: the endpoint. */
export const endpointOf = (url: string): string => {
  const u = new URL(url);
  const p = u.pathname
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\/\d+(?=\/|$)/g, '/:id');
  const keys = [...new Set([...u.searchParams.keys()])].sort();
  return keys.length ? `${p}?${keys.join('&')}` : p;
};

type Req = { url: string; endpoint: string; start: number; end: number; serverMs: number; bytes: number };
/** One API request as the page saw it (ms from navigation start). */
type InPageElement = { querySelector: (selector: string) => InPageElement | null };
type InPageDocument = InPageElement;
type Entry = { name: string; startTime: number; requestStart: number; responseStart: number; responseEnd: number; transferSize: number; encodedBodySize: number };

export type Chain = { length: number; serverMs: number; path: string[] };
/**
 * The longest chain of requests in series among `reqs`: a request that starts after another
 * ended is one step after it. Among chains of the same length, the one with the most server time.
 */
export const longestChain = (reqs: readonly Req[]): Chain => {
  const sorted = [...reqs].sort((a, b) => a.start - b.start);
  const best: Chain[] = [];
  sorted.forEach((r, i) => {
    let prev: Chain = { length: 0, serverMs: 0, path: [] };
    for (let j = 0; j < i; j++) {
      const q = sorted[j] as Req;
      const c = best[j] as Chain;
      if (q.end <= r.start && (c.length > prev.length || (c.length === prev.length && c.serverMs > prev.serverMs))) prev = c;
    }
    best.push({ length: prev.length + 1, serverMs: prev.serverMs + r.serverMs, path: [...prev.path, r.endpoint] });
  });
  return best.reduce<Chain>((a, c) => (c.length > a.length || (c.length === a.length && c.serverMs > a.serverMs) ? c : a), { length: 0, serverMs: 0, path: [] });
};

type Run = {
  cold: boolean; contentMs: number; settleMs: number; chainToContent: Chain; chainToSettle: Chain; clientMs: number;
  requests: Req[]; error?: string;
};
type PageResult = { user: string; kind: string; label: string; path: string; selector: string; runs: Run[] };

// ---------- what "data shown" means per page ----------
/** Any of these in the console's content area, with no skeleton or spinning spinner left. */
const DATA = ['.fz-cockpit-tile__label', '.ant-table-row', '.ant-table-placeholder', '.ant-descriptions', '.ant-statistic', '.ant-list-item', '.ant-empty', '.ant-result', '.ant-tree-treenode', 'canvas', '.ant-card-body svg', '.ant-picker-calendar'].join(', ');
const selectorFor = (p: string): string => {
  if (/\/console\/cases\/[0-9a-f-]{36}/.test(p)) return '.ant-descriptions';
  if (p.startsWith('/console/cases')) return '.ant-table-row, .ant-table-placeholder';
  if (p === '/console/cockpit') return '.fz-cockpit-tile__label';
  if (p === '/console/mediation/stats') return '.ant-statistic';
  if (p === '/console/mediation/committees') return '.ant-table-row, .ant-table-placeholder';
  return DATA;
};

// ---------- the server ----------
// ---------- CPU of our processes (the bench, its children, PostgreSQL) against the machine's ----------
const parentOf = (pid: number): number => {
  try {
    const t = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(t.slice(t.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
};
/** Every process under `roots` (any depth), with itself. */
const descendants = (roots: readonly number[]): number[] => {
  const all = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const parent = new Map(all.map((p) => [p, parentOf(p)]));
  const out = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) if (!out.has(p) && out.has(parent.get(p) ?? -1)) { out.add(p); grew = true; }
  }
  return [...out];
};
/** Samples our processes' CPU each second (processes that end keep their last reading). */
const cpuWatch = (roots: () => number[]): { stop: () => { oursMs: number; machineMs: number; wallMs: number } } => {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = (): void => {
    for (const p of descendants(roots())) {
      const c = cpuMs(p);
      if (!first.has(p)) first.set(p, p === process.pid || roots().includes(p) ? c : 0);
      last.set(p, c);
    }
  };
  const busy0 = machineBusyMs();
  const wall0 = performance.now();
  sample();
  const timer = setInterval(sample, 1000);
  return {
    stop: () => {
      sample();
      clearInterval(timer);
      let ours = 0;
      for (const [p, c] of last) ours += c - (first.get(p) ?? 0);
      return { oursMs: ours, machineMs: machineBusyMs() - busy0, wallMs: performance.now() - wall0 };
    },
  };
};

// ---------- one page load ----------
const isApi = (url: string): boolean => new URL(url).pathname.startsWith('/api/');

/** Opens `url` in `page` (a full load) and measures it. */
const measure = async (page: Page, url: string, selector: string, cold: boolean): Promise<Run> => {
  let inflight = 0;
  let lastChange = performance.now();
  const onRequest = (r: { url: () => string }): void => { if (isApi(r.url())) { inflight++; lastChange = performance.now(); } };
  const onDone = (r: { url: () => string }): void => { if (isApi(r.url())) { inflight = Math.max(0, inflight - 1); lastChange = performance.now(); } };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    // In the page: the first animation frame at which the content area shows data and no skeleton or spinner.
    // In the page (functions run by the DevTools protocol, which the page's CSP allows; typed
    // by hand: this project's Node code has no DOM types).
    const contentMs = await (await page.waitForFunction((sel: string) => {
      const main = (globalThis as unknown as { document: InPageDocument }).document.querySelector('.fz-content');
      if (!main || main.querySelector('.ant-skeleton, .ant-spin-spinning')) return false;
      return main.querySelector(sel) ? performance.now() : false;
    }, selector, { polling: 'raf', timeout: 20_000 })).jsonValue() as number;
    // Settled: no API request in flight for 500 ms.
    const t0 = performance.now();
    while (inflight > 0 || performance.now() - lastChange < 500) {
      if (performance.now() - t0 > 60_000) throw new Error('not settled after 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    const entries = await page.evaluate(() => (performance.getEntriesByType('resource') as unknown as Entry[])
      .filter((e) => new URL(e.name).pathname.startsWith('/api/'))
      .map((r) => ({ name: r.name, startTime: r.startTime, requestStart: r.requestStart, responseStart: r.responseStart, responseEnd: r.responseEnd, transferSize: r.transferSize, encodedBodySize: r.encodedBodySize })));
    const requests: Req[] = entries.map((e) => ({
      url: e.name.replace(/^https?:\/\/[^/]+/, ''), endpoint: endpointOf(e.name), start: e.startTime, end: e.responseEnd,
      serverMs: e.responseStart - (e.requestStart > 0 ? e.requestStart : e.startTime), bytes: e.transferSize || e.encodedBodySize,
    }));
    const settleMs = Math.max(contentMs, ...requests.map((r) => r.end));
    const chainToContent = longestChain(requests.filter((r) => r.start < contentMs));
    const chainToSettle = longestChain(requests);
    return { cold, contentMs, settleMs, chainToContent, chainToSettle, clientMs: settleMs - chainToSettle.serverMs, requests };
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
  }
};

// ---------- main ----------
const startedAt = new Date();
const loadavgStart = os.loadavg();
const db = await startCountyDatabase('console', cases, log);
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let cleaned: Promise<void> | null = null;
const cleanup = (): Promise<void> => (cleaned ??= (async () => {
  await browser?.close().catch(() => undefined);
  await stopChild(server);
  await db.stop();
})());
// Stopped early (Ctrl-C): the browser, the server and the throwaway database go too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { void cleanup().finally(() => process.exit(130)); });
try {
  const { dir, ownerUrl, master, county, owner } = db;
  const postmasterPid = Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const s = await startChild('cases-server.ts', {
    PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8', NODE_ENV: 'production',
    BENCH_OWNER_URL: ownerUrl, BENCH_APP_URL: appRoleUrl(ownerUrl, master), FAZHI_MASTER_KEY: master.toString('hex'),
    FAZHI_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'info', FAZHI_DEMO: 'never', FAZHI_SIGNIN_RATE_PER_MINUTE: '100000',
    // The cockpit counted before browsing, as a started server's jobs count it at start.
    BENCH_WARM_COCKPIT: '1',
  }, path.join(dir, 'server.log'), { waitMs: 300_000 });
  server = s.child;
  const base = `http://127.0.0.1:${s.port}`;
  log(`server at ${base}, serving ${path.relative(repoRoot, webDist)}`);

  // The users: as bench/cases.ts picks them, from the county's users and grants.
  const staff = (await owner.query<{ username: string }>(
    `SELECT u.username FROM users u JOIN user_grants g ON g.user_id = u.id JOIN roles r ON r.id = g.role_id JOIN orgs o ON o.id = g.org_id
      WHERE r.code = 'judicial_staff' AND g.scope = 'subtree' AND o.kind = 'township' ORDER BY o.code, u.username LIMIT 1`)).rows[0]?.username;
  const who: Record<string, string | undefined> = {
    staff, mediator: county.byKind.mediator[0], viewer: county.byKind.county_viewer[0], leader: county.byKind.town_leader[0],
  };
  const labelOf: Record<string, string> = { staff: '司法所 staff (township)', mediator: 'village mediator', viewer: 'county viewer', leader: 'town leader' };

  browser = await chromium.launch({
    handleSIGINT: false, handleSIGTERM: false,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const b = browser;
  const cpu = cpuWatch(() => [process.pid, postmasterPid]);
  const results: PageResult[] = [];

  for (const kind of userKinds) {
    const username = who[kind];
    if (!username) { log(`no user for ${kind}`); continue; }
    const res = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
    const sid = res.headers.getSetCookie().map((c) => /^fazhi_sid=([^;]+)/.exec(c)?.[1]).find(Boolean);
    if (!sid) throw new Error(`sign-in ${username}: no session cookie`);
    const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie: `fazhi_sid=${sid}` } })).json()) as { menu: string[]; permissions?: string[]; grants?: { orgId: string }[] };
    const permissions = new Set(me.permissions ?? []);
    // A case of the user's scope, the newest open one (its page shows clocks and actions).
    const uid = (await owner.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]?.id;
    const caseId = (await owner.query<{ id: string }>(
      `SELECT c.id FROM cases c WHERE c.org_id IN (SELECT oc.descendant_id FROM org_closure oc JOIN user_grants g ON g.org_id = oc.ancestor_id WHERE g.user_id = $1)
        AND c.status_kind = 'open' ORDER BY c.created_at DESC LIMIT 1`, [uid])).rows[0]?.id;
    const pages: { label: string; path: string }[] = [];
    for (const entry of menuCatalogue) {
      if (!me.menu.includes(entry.key)) continue;
      pages.push({ label: entry.key, path: entry.path });
      if (entry.key === 'cases') {
        pages.push({ label: `cases?q=${SEARCH_WORD}`, path: `/console/cases?q=${encodeURIComponent(SEARCH_WORD)}` });
        if (caseId) pages.push({ label: 'case page', path: `/console/cases/${caseId}` });
      }
    }
    if (permissions.has('dashboard.read') || !me.permissions) pages.push({ label: 'cockpit', path: '/console/cockpit' });
    const chosen = pages.filter((p) => !only || only.some((o) => p.path.includes(o) || p.label.includes(o)));
    log(`${labelOf[kind]} ${username}: ${chosen.length} pages (${chosen.map((p) => p.label).join(', ')})`);

    const newContext = async (): Promise<BrowserContext> => {
      const context = await b.newContext({ viewport: { width: 1366, height: 850 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
      await context.addCookies([{ name: 'fazhi_sid', value: sid, url: base }]);
      await context.addInitScript(() => { (performance as unknown as { setResourceTimingBufferSize: (n: number) => void }).setResourceTimingBufferSize(5000); });
      return context;
    };
    for (const p of chosen) {
      const selector = selectorFor(p.path);
      const result: PageResult = { user: username, kind, label: p.label, path: p.path, selector, runs: [] };
      const context = await newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        for (let i = 0; i < runs; i++) {
          try {
            result.runs.push(await measure(page, `${base}${p.path}`, selector, i === 0));
          } catch (e) {
            result.runs.push({ cold: i === 0, contentMs: Number.NaN, settleMs: Number.NaN, chainToContent: { length: 0, serverMs: 0, path: [] }, chainToSettle: { length: 0, serverMs: 0, path: [] }, clientMs: Number.NaN, requests: [], error: (e as Error).message.split('\n')[0] });
            mkdirSync(path.join(os.tmpdir(), 'fazhi-console-bench'), { recursive: true });
            await page.screenshot({ path: path.join(os.tmpdir(), 'fazhi-console-bench', `${kind}-${p.label.replace(/[^\w-]/g, '_')}.png`) }).catch(() => undefined);
          }
        }
      } finally {
        await context.close();
      }
      const ok = result.runs.filter((r) => !r.error);
      log(`  ${p.label.padEnd(22)} content p50 ${ms(pct(ok.map((r) => r.contentMs), 50))} ms, settle p50 ${ms(pct(ok.map((r) => r.settleMs), 50))} ms, chain ${Math.max(0, ...ok.map((r) => r.chainToContent.length))}${ok.some((r) => r.chainToContent.length > MAX_CHAIN) ? ` (${ok.reduce((a, r) => (r.chainToContent.length > a.length ? r.chainToContent : a), ok[0]?.chainToContent ?? { length: 0, serverMs: 0, path: [] }).path.join(' → ')})` : ''}${result.runs.length - ok.length ? `, ${result.runs.length - ok.length} failed: ${result.runs.find((r) => r.error)?.error ?? ''}` : ''}${errors.length ? `; page errors: ${errors.slice(0, 2).join(' | ')}` : ''}`);
      results.push(result);
    }
  }
  const usage = cpu.stop();
  const loadavgEnd = os.loadavg();

  // ---------- tables ----------
  type PageRow = {
    user: string; page: string; runs: number; failed: number; chainToContent: number; chainToSettle: number; chainPath: string;
    contentP50: number; contentP95: number; settleP50: number; settleP95: number; coldContent: number; coldSettle: number;
    warmContentP50: number; clientP50: number; clientP95: number; serverChainP50: number; worstEndpoint: string; worstEndpointP95: number; flags: string[];
  };
  const endpointStats = new Map<string, { endpoint: string; user: string; server: number[]; bytes: number[] }>();
  for (const r of results) {
    for (const run of r.runs) {
      for (const q of run.requests) {
        const key = `${r.kind}\t${q.endpoint}`;
        const e = endpointStats.get(key) ?? { endpoint: q.endpoint, user: r.kind, server: [], bytes: [] };
        e.server.push(q.serverMs); e.bytes.push(q.bytes);
        endpointStats.set(key, e);
      }
    }
  }
  const endpointP95 = (kind: string, endpoint: string): number => pct(endpointStats.get(`${kind}\t${endpoint}`)?.server ?? [], 95);
  const pageRows: PageRow[] = results.map((r) => {
    const ok = r.runs.filter((x) => !x.error);
    const warm = ok.filter((x) => !x.cold);
    const cold = ok.find((x) => x.cold);
    const endpoints = [...new Set(ok.flatMap((x) => x.requests.map((q) => q.endpoint)))];
    const worst = endpoints.map((e) => ({ e, p95: endpointP95(r.kind, e) })).sort((a, b) => b.p95 - a.p95)[0];
    const chainToContent = Math.max(0, ...ok.map((x) => x.chainToContent.length));
    const longest = ok.reduce<Chain | null>((a, x) => (!a || x.chainToContent.length > a.length ? x.chainToContent : a), null);
    const flags = [
      ...(worst && worst.p95 > SLOW_MS ? [`endpoint > ${SLOW_MS} ms`] : []),
      ...(chainToContent > MAX_CHAIN ? [`chain ${chainToContent}`] : []),
      ...(ok.length < r.runs.length ? ['failed runs'] : []),
    ];
    return {
      user: r.kind, page: r.label, runs: r.runs.length, failed: r.runs.length - ok.length, chainToContent,
      chainToSettle: Math.max(0, ...ok.map((x) => x.chainToSettle.length)), chainPath: longest?.path.join(' → ') ?? '',
      contentP50: pct(ok.map((x) => x.contentMs), 50), contentP95: pct(ok.map((x) => x.contentMs), 95),
      settleP50: pct(ok.map((x) => x.settleMs), 50), settleP95: pct(ok.map((x) => x.settleMs), 95),
      coldContent: cold?.contentMs ?? Number.NaN, coldSettle: cold?.settleMs ?? Number.NaN, warmContentP50: pct(warm.map((x) => x.contentMs), 50),
      clientP50: pct(ok.map((x) => x.clientMs), 50), clientP95: pct(ok.map((x) => x.clientMs), 95), serverChainP50: pct(ok.map((x) => x.chainToSettle.serverMs), 50),
      worstEndpoint: worst?.e ?? '', worstEndpointP95: worst?.p95 ?? Number.NaN, flags,
    };
  });
  const endpointRows = [...endpointStats.values()].map((e) => ({
    user: e.user, endpoint: e.endpoint, n: e.server.length, p50: pct(e.server, 50), p95: pct(e.server, 95), max: Math.max(...e.server), kb: pct(e.bytes, 50) / 1024,
  })).sort((a, b) => b.p95 - a.p95);

  const others = usage.machineMs - usage.oursMs;
  const machine = {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, loadavgStart, loadavgEnd,
    browserPhaseS: usage.wallMs / 1000, oursCpuS: usage.oursMs / 1000, othersCpuS: others / 1000,
    othersShare: others / (usage.wallMs * os.cpus().length),
  };
  const L: string[] = [];
  L.push(`console bench ${startedAt.toISOString()}: ${cases.toLocaleString('en')} cases, ${runs} runs a page (first cold, the rest warm), full page loads`);
  L.push(`machine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; load average at start ${loadavgStart.map((x) => x.toFixed(2)).join(' ')}, at end ${loadavgEnd.map((x) => x.toFixed(2)).join(' ')}; during the browser runs (${Math.round(machine.browserPhaseS)} s) other processes used ${(machine.othersShare * 100).toFixed(0)} % of the CPU`);
  L.push('');
  L.push('| user | page | chain to content (settle) | content p50 / p95 ms | settle p50 / p95 ms | cold content / settle ms | client p50 / p95 ms | slowest endpoint (p95 ms) | |');
  L.push('|---|---|---:|---:|---:|---:|---:|---|---|');
  for (const r of pageRows) {
    L.push(`| ${r.user} | ${r.page} | ${r.chainToContent} (${r.chainToSettle}) | ${ms(r.contentP50)} / ${ms(r.contentP95)} | ${ms(r.settleP50)} / ${ms(r.settleP95)} | ${ms(r.coldContent)} / ${ms(r.coldSettle)} | ${ms(r.clientP50)} / ${ms(r.clientP95)} | \`${r.worstEndpoint}\` (${ms(r.worstEndpointP95)}) | ${r.flags.map((f) => `**${f}**`).join(', ')} |`);
  }
  L.push('');
  L.push('| user | endpoint | requests | server p50 / p95 / max ms | KB on the wire | |');
  L.push('|---|---|---:|---:|---:|---|');
  for (const e of endpointRows) L.push(`| ${e.user} | \`${e.endpoint}\` | ${e.n} | ${ms(e.p50)} / ${ms(e.p95)} / ${ms(e.max)} | ${e.kb.toFixed(1)} | ${e.p95 > SLOW_MS ? `**> ${SLOW_MS} ms**` : ''} |`);
  const longChains = pageRows.filter((r) => r.chainToContent > MAX_CHAIN);
  if (longChains.length) {
    L.push('');
    L.push(`Chains of more than ${MAX_CHAIN} before content:`);
    for (const r of longChains) L.push(`- ${r.user} ${r.page}: ${r.chainPath}`);
  }
  const text = L.join('\n');
  console.log(text);
  const resultsDir = path.join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const out = values.out ?? path.join(resultsDir, `console-${startedAt.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ startedAt, cases, runs, machine, users: who, pages: pageRows, endpoints: endpointRows, results }, null, 2));
  log(`results: ${out}`);
} finally {
  await cleanup();
}
