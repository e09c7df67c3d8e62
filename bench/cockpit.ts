/**
 * The leaders' cockpit over a county's cases: `node --import tsx bench/cockpit.ts [--cases 1000000] [--runs 5]`
 *
 * A throwaway PostgreSQL with the county of bench/county.ts (13 townships) and `--cases`
 * mediation cases (bench/cases-data.ts), the platform in this process (pools as the server
 * opens them, the app role under row-level security), and the cockpit of the last full year
 * as `GET /api/cockpit` computes it (loadCockpit), for a county viewer and a town leader:
 *
 * 1. live: every figure counted from the records in the caller's transaction (the
 *    straightforward version, and the baseline);
 * 2. warm-up: the per-township figures counted and kept (the cockpit-warm job's work);
 * 3. cached: the cockpit served from what is kept (what a leader's home page costs);
 * 4. after a change: one case of one township changed, then the cockpit (that township's
 *    two years counted again before the answer).
 *
 * Each timed `--runs` times; the target is the county cockpit under 1 s. The figures of the
 * live and the cached cockpit are compared (they must be equal) before anything is printed.
 * Results go to bench/results/cockpit-<date>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { Cockpit } from '@fazhi/contracts';
import { appRoleUrl } from '../apps/server/src/platform/db/bootstrap.ts';
import { loadPrincipal } from '../apps/server/src/platform/access/principal.ts';
import type { Client } from '../apps/server/src/platform/db/pools.ts';
import { createPlatform, runScoped, type Platform } from '../apps/server/src/platform/platform.ts';
import { loadCockpit, warmCockpit } from '../apps/server/src/platform/metrics/cockpit.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { modules } from '../apps/server/src/modules/index.ts';
import { startCountyDatabase } from './county-db.ts';

const { values } = parseArgs({ options: { cases: { type: 'string' }, runs: { type: 'string' } } });
const cases = Number(values.cases ?? 1_000_000);
const runs = Number(values.runs ?? 5);
const log = (m: string): void => console.log(`[cockpit] ${m}`);

const timed = async <T>(n: number, fn: () => Promise<T>): Promise<{ ms: number[]; last: T }> => {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  return { ms, last: last as T };
};
const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
const max = (xs: number[]): number => Math.max(...xs);
const show = (xs: number[]): string => `p50 ${p50(xs).toFixed(0)} ms, max ${max(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(' / ')})`;
/** The figures alone (not where they came from): live and cached must give the same. */
const figuresOf = (c: Cockpit): string => JSON.stringify(c.figures);

const db = await startCountyDatabase('cockpit', cases, log);
const { dir, ownerUrl, master, county, owner, townships, today } = db;
let platform: Platform | null = null;
try {
  const year = Number(today.slice(0, 4)) - 1;

  platform = createPlatform(loadConfig({ FAZHI_DATA_DIR: dir, LOG_LEVEL: 'silent', FAZHI_DB_STATEMENT_TIMEOUT_MS: '900000' }), { owner: ownerUrl, app: appRoleUrl(ownerUrl, master) }, master,
    pino({ level: 'silent' }), { modules });
  const p = platform;
  const principalOf = async (username: string) => {
    const id = (await owner.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]?.id;
    const principal = id ? await loadPrincipal(owner as unknown as Client, id, 'session') : null;
    if (!principal) throw new Error(`no principal for ${username}`);
    return principal;
  };
  const viewer = await principalOf(county.byKind.county_viewer[0] ?? '');
  const leader = await principalOf(county.byKind.town_leader[0] ?? '');
  const cockpitAs = (principal: typeof viewer, live: boolean) => () =>
    loadCockpit(p, (fn) => runScoped(p, { principal, ip: null, requestId: null }, fn), { year }, { live });

  const results: Record<string, unknown> = { cases, year, runs, townships: townships.length, machine: { cpus: os.cpus().length, load: os.loadavg() } };
  // 1. The straightforward version: every figure counted live (the baseline).
  const liveCounty = await timed(Math.min(runs, 2), cockpitAs(viewer, true));
  log(`county, live: ${show(liveCounty.ms)}; mediation.received ${liveCounty.last.figures.find((f) => f.code === 'mediation.received')?.value}`);
  const liveTown = await timed(runs, cockpitAs(leader, true));
  log(`township, live: ${show(liveTown.ms)}`);
  // 2. What the cockpit-warm job does once a day (and for every township changed since).
  const w = performance.now();
  const counted = await warmCockpit(p, [year, year - 1]);
  const warmMs = performance.now() - w;
  log(`warm-up: ${counted} township-years counted in ${warmMs.toFixed(0)} ms`);
  // 3. Served from what is kept.
  const cachedCounty = await timed(runs, cockpitAs(viewer, false));
  log(`county, cached: ${show(cachedCounty.ms)} (source ${cachedCounty.last.source})`);
  const cachedTown = await timed(runs, cockpitAs(leader, false));
  log(`township, cached: ${show(cachedTown.ms)}`);
  if (figuresOf(cachedCounty.last) !== figuresOf(liveCounty.last)) throw new Error('the cached county cockpit differs from the live one');
  if (figuresOf(cachedTown.last) !== figuresOf(liveTown.last)) throw new Error('the cached township cockpit differs from the live one');
  // 4. One change in one township, then the county's cockpit: that township's two years are counted again first.
  const afterChange: number[] = [];
  for (let i = 0; i < runs; i++) {
    await owner.query(`UPDATE cases SET title = title WHERE id = (SELECT id FROM cases WHERE township_id = $1 AND year = $2 LIMIT 1)`, [townships[i % townships.length]?.id, year]);
    const t = performance.now();
    const c = await cockpitAs(viewer, false)();
    afterChange.push(performance.now() - t);
    if (c.source !== 'cache') throw new Error('not served from the cache');
  }
  log(`county, after one township changed: ${show(afterChange)}`);
  Object.assign(results, {
    liveCountyMs: liveCounty.ms, liveTownshipMs: liveTown.ms, warmUp: { townshipYears: counted, ms: warmMs },
    cachedCountyMs: cachedCounty.ms, cachedTownshipMs: cachedTown.ms, afterChangeCountyMs: afterChange,
    ratio: { countyTarget: p50(cachedCounty.ms) / 1000, liveOverCached: p50(liveCounty.ms) / p50(cachedCounty.ms) },
  });
  log(`county cockpit p50 ${p50(cachedCounty.ms).toFixed(0)} ms = ${(p50(cachedCounty.ms) / 1000).toFixed(2)} × the 1 s target; live / cached = ${(p50(liveCounty.ms) / p50(cachedCounty.ms)).toFixed(1)}`);
  mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  const out = path.join(import.meta.dirname, 'results', `cockpit-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2));
  log(`results: ${out}`);
} finally {
  await platform?.close();
  await db.stop();
}
