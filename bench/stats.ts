/**
 * Mediation statistics over a county's cases: `node --import tsx bench/stats.ts [--cases 1000000] [--hold]`
 *
 * A throwaway PostgreSQL with the county of bench/county.ts and `--cases` mediation cases
 * (bench/cases-data.ts, the case benchmark's data), then the statistics of the last full year
 * as the endpoint computes them (computeMediationStats, on the app role with the user's scope
 * set as runScoped sets it): a township's as its 司法所 staff, the county's as a county
 * viewer, five times each, with the statement's EXPLAIN (ANALYZE, BUFFERS). `--hold` keeps the
 * database running afterwards and prints how to reach it (Ctrl-C stops and removes it).
 * The HTTP figures are in bench/cases.ts (section "mediation statistics").
 */
import { parseArgs } from 'node:util';
import { appRoleUrl } from '../apps/server/src/platform/db/bootstrap.ts';
import { loadPrincipal } from '../apps/server/src/platform/access/principal.ts';
import { applyScope } from '../apps/server/src/platform/access/scope.ts';
import { createPool, type Client } from '../apps/server/src/platform/db/pools.ts';
import { computeMediationStats } from '../apps/server/src/modules/mediation/mediation.metrics.ts';
import { modules } from '../apps/server/src/modules/index.ts';
import { buildMetricRegistry } from '../apps/server/src/platform/metrics/metrics.ts';
import { checkReport } from '../apps/server/src/modules/annual-report/annual-report.checks.ts';
import { renderReportDocument } from '../apps/server/src/modules/annual-report/annual-report.document.ts';
import { figureCodes, liveFigures, reportScope } from '../apps/server/src/modules/annual-report/annual-report.figures.ts';
import { draftContent } from '../apps/server/src/modules/annual-report/annual-report.outline.ts';
import { partsInUse, reportParts, township } from '../apps/server/src/modules/annual-report/annual-report.service.ts';
import { startCountyDatabase } from './county-db.ts';

const { values } = parseArgs({ options: { cases: { type: 'string' }, hold: { type: 'boolean' } } });
const cases = Number(values.cases ?? 1_000_000);
const log = (m: string): void => console.log(`[stats] ${m}`);

const db = await startCountyDatabase('stats', cases, log);
const { ownerUrl, master, county, owner, townships, today } = db;
try {
  const year = Number(today.slice(0, 4)) - 1;
  const staff = (await owner.query<{ id: string; township_id: string }>(
    `SELECT DISTINCT ON (g.org_id) u.id, g.org_id AS township_id FROM users u JOIN user_grants g ON g.user_id = u.id JOIN roles r ON r.id = g.role_id
      WHERE r.code = 'judicial_staff' AND g.scope = 'subtree' ORDER BY g.org_id, u.username LIMIT 1`)).rows[0];
  const viewer = (await owner.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [county.byKind.county_viewer[0]])).rows[0];
  if (!staff || !viewer) throw new Error('no users');
  // The app role's connection as the server opens it (createPool: JIT off).
  const appPool = createPool(appRoleUrl(ownerUrl, master), 1, 'bench-stats');
  const app = await appPool.connect();
  for (const [label, userId, ids] of [['township-year', staff.id, [staff.township_id]], ['county-year', viewer.id, townships.map((t) => t.id)]] as const) {
    const principal = await loadPrincipal(owner as unknown as Client, userId, 'session');
    if (!principal) throw new Error('no principal');
    const ms: number[] = [];
    let received = 0;
    for (let i = 0; i < 5; i++) {
      await app.query('BEGIN');
      await applyScope(app, principal);
      const t = performance.now();
      received = (await computeMediationStats(app, year, [...ids])).received;
      ms.push(performance.now() - t);
      await app.query('ROLLBACK');
    }
    // The plan of the statement, captured as computeMediationStats sends it.
    await app.query('BEGIN');
    await applyScope(app, principal);
    let sent: { text: string; values: unknown[] } | null = null;
    const capture = { query: (text: string, v: unknown[]) => { sent = { text, values: v }; return app.query(text, v); } };
    await computeMediationStats(capture as unknown as Client, year, [...ids]);
    const s = sent as { text: string; values: unknown[] } | null;
    const plan = s ? (await app.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values)).rows.map((r) => r['QUERY PLAN']).join('\n') : '';
    await app.query('ROLLBACK');
    ms.sort((a, b) => a - b);
    log(`${label} ${year}: ${received} received; ${ms.map((x) => x.toFixed(0)).join(' / ')} ms`);
    console.log(plan);
  }
  // The annual report of the township-year, as its 司法所 staff would read the draft: which
  // modules were in use, the generated text, every figure it uses (live, from the registry),
  // the checks, and the Word document (docs/annual-report.md; target < 3 s).
  {
    const principal = await loadPrincipal(owner as unknown as Client, staff.id, 'session');
    if (!principal) throw new Error('no principal');
    const sources = { modules, metrics: buildMetricRegistry(modules.flatMap((m) => m.metrics ?? []), modules.flatMap((m) => m.reportParts ?? [])) };
    const ms: number[] = [];
    let size = 0;
    for (let i = 0; i < 3; i++) {
      await app.query('BEGIN');
      await applyScope(app, principal);
      const t = performance.now();
      const c = app;
      const tw = await township(c, staff.township_id);
      const content = draftContent(year, tw.name, reportParts(sources), await partsInUse(c, sources, tw.id, year));
      const scope = await reportScope(c, tw.id, year);
      const codes = [...new Set([...figureCodes(content), ...reportParts(sources).flatMap((p) => Object.keys(p.figureWords ?? {}))])];
      const figures = await liveFigures(c, sources.metrics, scope, codes);
      checkReport(content, { township: tw.name, otherTownships: townships.map((x) => x.name).filter((n) => n !== tw.name), figures: new Map(figures.map((f) => [f.code, f])), parts: reportParts(sources) }, new Set(sources.metrics.keys()));
      size = (await renderReportDocument({ content, figures: figures.filter((f) => figureCodes(content).includes(f.code)), township: tw.name, county: null, year, signedOn: null, draft: true })).length;
      ms.push(performance.now() - t);
      await app.query('ROLLBACK');
    }
    ms.sort((a, b) => a - b);
    log(`annual report draft + checks + Word, township-year ${year}: ${ms.map((x) => x.toFixed(0)).join(' / ')} ms (${Math.round(size / 1024)} KiB)`);
  }
  app.release();
  await appPool.end();
  if (values.hold) {
    log(`holding: psql "${ownerUrl}"  (Ctrl-C stops and removes it)`);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
} finally {
  await db.stop();
}
