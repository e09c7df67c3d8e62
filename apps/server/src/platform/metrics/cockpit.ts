import type { Cockpit, CockpitFigure, CockpitValue, MetricQuery, Permission } from '@fazhi/contracts';
import type { Client } from '../db/pools.ts';
import type { Principal } from '../access/principal.ts';
import { assertCanAt, canAt, defaultOrgOf } from '../access/scope.ts';
import { listCases } from '../cases/case-queries.ts';
import { caseCtxOf, runSystem, type Platform, type Tx } from '../platform.ts';
import { AppError } from '../errors.ts';
import type { Label } from '../cases/definition.ts';
import { cockpitMetrics, countsOf, metricGroups, townshipsOf, type MetricDef, type MetricGroup, type MetricRegistry } from './metrics.ts';

/**
 * The leaders' cockpit (驾驶舱): the registry's key figures (`cockpit` on a MetricDef) for a
 * township or a county, this year against last, by month, by village or side by side by
 * township, each a sum of the groups of the metric's own records (metricGroups), so a figure,
 * its splits and its list of records can never disagree.
 *
 * Counting a county's year from its records takes seconds on a million cases, so the groups
 * are kept per township and year in `metric_cache` (migration 20261209300000), computed by the
 * owner for the whole township within its county and served only:
 * - while the township's change counter (`metric_versions`, bumped at commit by every
 *   transaction that writes what the metrics read) still has the value the entry was
 *   computed with, on the same Beijing day, for the same county; otherwise recomputed first;
 * - to a caller whose read permission of the metric covers the whole township (a grant of
 *   scope `all`, or `subtree` at the township or above): what row-level security would let
 *   that caller count anyway. Anyone else (a village, an office, a partial grant) gets the
 *   figures counted live in their own transaction, under row-level security.
 * docs/cockpit.md says why a cached figure is never stale.
 */

type Org = { id: string; name: string; kind: string; code: string };
type Entry = { townshipId: string; year: number; groups: Map<string, MetricGroup[]> };

/** What the cockpit needs from the caller's transaction before any figure is counted. */
export type CockpitPlan = {
  year: number; org: Org; townships: Org[]; villages: Org[]; figures: MetricDef[]; codes: string[];
  /** Each figure's module name, from the manifest that declares it. */
  moduleLabels: Map<string, Label>;
  /** Per year: the groups counted live (caller's scope), or null when every township comes from the cache. */
  live: Map<number, Map<string, MetricGroup[]>> | null;
  /** Fresh cache entries, and the township-years to compute before answering. */
  cached: Entry[]; stale: { townshipId: string; rootId: string; year: number }[];
  rootOf: Map<string, string>;
  overdue: Cockpit['overdue']; dueSoon: Cockpit['dueSoon'];
  /** On a replica: the time of the last transaction it had replayed; null on the primary. */
  asOf: string | null;
};

/** The county a township belongs to (the root its cache entries count within), else itself. */
const rootsOf = async (c: Client, townshipIds: readonly string[]): Promise<Map<string, string>> => {
  const { rows } = await c.query<{ id: string; root: string | null }>(
    `SELECT t.id, (SELECT a.id FROM org_closure x JOIN orgs a ON a.id = x.ancestor_id WHERE x.descendant_id = t.id AND a.kind = 'county' ORDER BY x.depth LIMIT 1) AS root
       FROM unnest($1::uuid[]) AS t(id)`, [townshipIds]);
  return new Map(rows.map((r) => [r.id, r.root ?? r.id]));
};

/** Does a grant carrying the permission reach every org of the township (scope all, or subtree at it or above)? */
const coversTownships = async (c: Client, p: Principal, permission: Permission, townshipIds: readonly string[]): Promise<boolean> => {
  if (!p.permissions.has(permission)) return false;
  const grants = p.grants.filter((g) => g.permissions.includes(permission));
  if (grants.some((g) => g.scope === 'all')) return true;
  const roots = grants.filter((g) => g.scope === 'subtree').map((g) => g.orgId);
  if (roots.length === 0 || townshipIds.length === 0) return false;
  const { rows } = await c.query<{ n: number }>(
    'SELECT count(DISTINCT descendant_id)::int AS n FROM org_closure WHERE descendant_id = ANY($1::uuid[]) AND ancestor_id = ANY($2::uuid[])', [townshipIds, roots]);
  return rows[0]?.n === new Set(townshipIds).size;
};

const countCodes = (reg: MetricRegistry, figures: readonly MetricDef[]): string[] => [...new Set(figures.flatMap((m) => countsOf(reg, m.code)))];

/** The change counter of the townships in $2, read in the statement that counts (one snapshot). */
const VERSION_SQL = '(SELECT coalesce(max(version), 0) FROM metric_versions WHERE township_id = ANY($2::uuid[]))';

/** Step 1: in the caller's transaction, what may be shown, from where, and the lists of open cases. */
export const planCockpit = async (tx: Tx, platform: Platform, q: MetricQuery, opts: CockpitOptions = {}): Promise<CockpitPlan> => {
  const c = tx.client;
  const p = tx.principal;
  const reg = platform.metrics;
  const orgId = q.orgId ?? defaultOrgOf(p, 'dashboard.read');
  await assertCanAt(c, p, 'dashboard.read', orgId);
  const org = (await c.query<Org>('SELECT id, name, kind, code FROM orgs WHERE id = $1', [orgId])).rows[0];
  if (!org) throw new AppError('NOT_FOUND');
  const townshipIds = await townshipsOf(c, orgId);
  const townships = (await c.query<Org>('SELECT id, name, kind, code FROM orgs WHERE id = ANY($1::uuid[]) ORDER BY code', [townshipIds])).rows;
  const villages = org.kind === 'township'
    ? (await c.query<Org>("SELECT id, name, kind, code FROM orgs WHERE kind = 'village' AND township_id = $1 ORDER BY code", [org.id])).rows : [];
  // The key figures the caller may read here: the registry's, nothing named in the cockpit.
  const figures: MetricDef[] = [];
  for (const m of cockpitMetrics(reg)) if (await canAt(c, p, m.readPermission, orgId)) figures.push(m);
  const codes = countCodes(reg, figures);
  const years = [q.year, q.year - 1];
  const rootOf = await rootsOf(c, townshipIds);
  // The cache serves a township or a county (every township of it), to a caller covering them whole.
  let cacheable = !opts.live && townshipIds.length > 0 && (org.kind === 'township' || (org.kind === 'county' && townshipIds.every((t) => rootOf.get(t) === org.id)));
  for (const perm of new Set(figures.map((m) => m.readPermission))) if (cacheable) cacheable = await coversTownships(c, p, perm, townshipIds);
  let live: CockpitPlan['live'] = null;
  const cached: Entry[] = [];
  const stale: CockpitPlan['stale'] = [];
  if (!cacheable) {
    live = new Map();
    for (const year of years) live.set(year, (await metricGroups(c, reg, codes, { year, townshipIds, orgId })).groups);
  } else {
    const today = platform.cases.today();
    const { rows } = await c.query<{ township_id: string; year: number; code: string; groups: MetricGroup[]; root_id: string; fresh: boolean }>(
      `SELECT m.township_id, m.year, m.code, m.groups, m.root_id,
              m.version = coalesce(v.version, 0) AND m.computed_on = $4::date AS fresh
         FROM metric_cache m LEFT JOIN metric_versions v ON v.township_id = m.township_id
        WHERE m.township_id = ANY($1::uuid[]) AND m.year = ANY($2::int[]) AND m.code = ANY($3::text[])`, [townshipIds, years, codes, today]);
    for (const t of townshipIds) {
      for (const year of years) {
        const mine = rows.filter((r) => r.township_id === t && r.year === year && r.fresh && r.root_id === rootOf.get(t));
        if (mine.length === codes.length) cached.push({ townshipId: t, year, groups: new Map(mine.map((r) => [r.code, r.groups])) });
        else stale.push({ townshipId: t, rootId: rootOf.get(t) ?? t, year });
      }
    }
  }
  // The open cases past or near an office clock's due date, as the to-do list and the overdue board count them.
  const ctx = caseCtxOf(platform, tx);
  // The list's named statements are planned for whoever used them on this connection; a generic
  // plan made for a township's handful of orgs reads a county's cases ten times slower (450 ms
  // against 40 ms on 50,000 cases, bench/cockpit.ts): here, each is planned for this scope.
  await c.query('SET LOCAL plan_cache_mode = force_custom_plan');
  const overdue = await listCases(ctx, { statusKind: 'open', due: 'overdue', orgId, page: 1, pageSize: 8 }, { customPlan: true, exactTotal: true });
  const dueSoon = await listCases(ctx, { statusKind: 'open', due: 'soon', orgId, page: 1, pageSize: 8 }, { customPlan: true, exactTotal: true });
  const moduleLabels = new Map(platform.modules.flatMap((mod) => (mod.metrics ?? []).map((m) => [m.code, mod.label] as const)));
  // Read on a replica (runScopedRead with DATABASE_READ_URL): what the figures are as of.
  const asOf = platform.replica
    ? (await c.query<{ at: Date | null }>('SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_xact_replay_timestamp() END AS at')).rows[0]?.at?.toISOString() ?? null
    : null;
  return { year: q.year, org, townships, villages, figures, codes, moduleLabels, live, cached, stale, rootOf, overdue, dueSoon, asOf };
};

/**
 * Counts one township's key figures for a year on the owner's connection and keeps them:
 * every cockpit count of the registry (whoever asks), within the township's county, with the
 * township's change counter read by the same statement.
 */
export const refreshCockpitEntry = async (c: Client, reg: MetricRegistry, townshipId: string, rootId: string, year: number, today: string): Promise<Entry> => {
  const codes = countCodes(reg, cockpitMetrics(reg));
  const { groups, extra } = await metricGroups(c, reg, codes, { year, townshipIds: [townshipId], orgId: rootId }, VERSION_SQL);
  await c.query(
    `INSERT INTO metric_cache AS m (township_id, year, code, root_id, version, computed_on, groups)
     SELECT $1, $2, x.code, $3, $4, $5::date, x.groups FROM unnest($6::text[], $7::jsonb[]) AS x(code, groups)
     ON CONFLICT (township_id, year, code) DO UPDATE SET root_id = EXCLUDED.root_id, version = EXCLUDED.version, computed_on = EXCLUDED.computed_on,
       groups = EXCLUDED.groups, computed_at = now()
      WHERE m.version <= EXCLUDED.version OR m.computed_on <> EXCLUDED.computed_on OR m.root_id <> EXCLUDED.root_id`,
    [townshipId, year, rootId, Number(extra), today, codes, codes.map((k) => JSON.stringify(groups.get(k) ?? []))]);
  return { townshipId, year, groups };
};

/** The cache entries that are missing or stale, recomputed (the warm-up job; also after a change). */
export const warmCockpit = async (platform: Platform, years: readonly number[]): Promise<number> => {
  const reg = platform.metrics;
  const codes = countCodes(reg, cockpitMetrics(reg));
  if (codes.length === 0) return 0;
  const today = platform.cases.today();
  const todo = await runSystem(platform, async (c) => {
    const townships = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'township' ORDER BY code")).rows.map((r) => r.id);
    const roots = await rootsOf(c, townships);
    const { rows } = await c.query<{ township_id: string; year: number; root_id: string; n: number }>(
      `SELECT m.township_id, m.year, m.root_id, count(*)::int AS n FROM metric_cache m LEFT JOIN metric_versions v ON v.township_id = m.township_id
        WHERE m.year = ANY($1::int[]) AND m.code = ANY($2::text[]) AND m.version = coalesce(v.version, 0) AND m.computed_on = $3::date
        GROUP BY 1, 2, 3`, [years, codes, today]);
    const fresh = new Set(rows.filter((r) => r.n === codes.length && r.root_id === roots.get(r.township_id)).map((r) => `${r.township_id}/${r.year}`));
    return townships.flatMap((t) => years.filter((y) => !fresh.has(`${t}/${y}`)).map((year) => ({ t, year, root: roots.get(t) ?? t })));
  });
  await inTwos(todo, (x) => runSystem(platform, (c) => refreshCockpitEntry(c, reg, x.t, x.root, x.year, today)));
  return todo.length;
};

const sum = (groups: readonly MetricGroup[] | undefined, keep: (g: MetricGroup) => boolean = () => true): number =>
  (groups ?? []).reduce((n, g) => (keep(g) ? n + g.n : n), 0);
const rateOf = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

/** `live`: count everything in the caller's transaction, never from the cache (bench/cockpit.ts's baseline). */
export type CockpitOptions = { live?: boolean };

/** Step 3: the answer, every number a sum of the groups of the metric's records. */
export const assembleCockpit = (reg: MetricRegistry, plan: CockpitPlan, computed: readonly Entry[]): Cockpit => {
  const entries = [...plan.cached, ...computed];
  const { org, year } = plan;
  // The groups of a count for a year: counted live, or every township's entry (a township's
  // entry holds its records within the county: the township's figure keeps those in its own subtree).
  const groupsFor = (code: string, y: number): MetricGroup[] => {
    if (plan.live) return plan.live.get(y)?.get(code) ?? [];
    const all = entries.filter((e) => e.year === y).flatMap((e) => e.groups.get(code) ?? []);
    return org.kind === 'township' ? all.filter((g) => g.k === org.id && g.t === org.id) : all;
  };
  const valueOf = (m: MetricDef, y: number, keep?: (g: MetricGroup) => boolean): CockpitValue => {
    if (m.unit === 'count') return { value: sum(groupsFor(m.code, y), keep) };
    const numerator = sum(groupsFor(m.numerator, y), keep);
    const denominator = sum(groupsFor(m.denominator, y), keep);
    return { value: rateOf(numerator, denominator), numerator, denominator };
  };
  const figures: CockpitFigure[] = plan.figures.map((m) => {
    const f: CockpitFigure = {
      code: m.code, module: m.code.split('.')[0] ?? '', unit: m.unit, label: m.label, definition: m.definition,
      moduleLabel: plan.moduleLabels.get(m.code) ?? { zh: m.code.split('.')[0] ?? '', en: m.code.split('.')[0] ?? '' },
      ...valueOf(m, year), last: valueOf(m, year - 1),
    };
    if (m.unit === 'count') {
      const g = groupsFor(m.code, year);
      f.byMonth = Array.from({ length: 12 }, (_, i) => sum(g, (x) => x.m === i + 1));
      if (org.kind === 'township') {
        f.byVillage = plan.villages.map((v) => ({ orgId: v.id, name: v.name, value: sum(g, (x) => x.v === v.id) }));
        const own = sum(g, (x) => x.v === null || !plan.villages.some((v) => v.id === x.v));
        if (own > 0) f.byVillage.push({ orgId: null, name: org.name, value: own });
      }
    }
    if (org.kind === 'county' || plan.townships.length > 1) {
      // A township's figure: its own records in its own subtree, as /api/metrics?orgId=<township> counts it.
      const inTownship = (t: string) => (x: MetricGroup) => x.k === t && x.t === t;
      f.byTownship = plan.townships.map((t) => ({ orgId: t.id, name: t.name, ...valueOf(m, year, inTownship(t.id)) }));
      const rest = valueOf(m, year, (x) => !plan.townships.some((t) => x.k === t.id && x.t === t.id));
      if ((m.unit === 'count' ? rest.value : rest.denominator) !== 0) f.byTownship.push({ orgId: null, name: org.name, ...rest });
    }
    return f;
  });
  return {
    year, org: { id: org.id, name: org.name, kind: org.kind }, source: plan.live ? 'live' : 'cache', asOf: plan.asOf,
    townships: plan.townships.map((t) => ({ id: t.id, name: t.name })), figures, overdue: plan.overdue, dueSoon: plan.dueSoon,
  };
};

/** Runs `fn` over the items, at most two at once, keeping their order. */
const inTwos = async <T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
};

/** The cockpit for the caller: plan in their transaction, count what is stale on the owner's, answer. */
export const loadCockpit = async (platform: Platform, run: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>, q: MetricQuery, opts: CockpitOptions = {}): Promise<Cockpit> => {
  const plan = await run((tx) => planCockpit(tx, platform, q, opts));
  const today = platform.cases.today();
  // Not inside the caller's transaction: a request never holds two connections (docs/architecture.md).
  // Two at a time on the owner's pool (a township's year and the one before, typically), leaving
  // the rest of that pool to the session checks.
  const computed = await inTwos(plan.stale, (s) => runSystem(platform, (c) => refreshCockpitEntry(c, platform.metrics, s.townshipId, s.rootId, s.year, today)));
  return assembleCockpit(platform.metrics, plan, computed);
};

