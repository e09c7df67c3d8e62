import { FIGURE_FIELD, type Permission } from '@fazhi/contracts';
import { StartupError } from '../errors.ts';
import { AppError } from '../errors.ts';
import type { Client } from '../db/pools.ts';
import type { Label } from '../cases/definition.ts';

/**
 * The metrics registry: every figure shown anywhere (statistics pages, the cockpit, the
 * annual report, exports) is a registered metric, declared by its module. A count is the
 * number of rows its `records` statement returns, so a figure and the list behind it come
 * from one statement and can never disagree; a rate is one count over another.
 *
 * `records` is SQL over the caller's transaction (row-level security applies) with three
 * parameters: $1 the year (int), $2 the townships in reach (uuid[]), $3 the org whose
 * subtree is counted (uuid). It returns at least: id, ref, title, status, received_on (date),
 * ended_on (date or null), org_name, org_id (the record's org) and township_id (the township
 * that owns the record): the cockpit splits a count by month and by village from these.
 *
 * `cockpit`: the figure is one of the key figures on the leaders' home page (the cockpit),
 * shown by module (in the order of the module list) and within a module by `order`; the
 * cockpit names no code of its own. A count shown there gets its monthly trend (by the month `received_on` falls in:
 * flag only counts whose records are received in the year) and its split by village.
 */
export type CockpitPlace = { order: number };
export type CountMetric = {
  code: string; label: Label; definition: Label; unit: 'count'; readPermission: Permission; records: string; cockpit?: CockpitPlace;
};
export type RateMetric = {
  code: string; label: Label; definition: Label; unit: 'rate'; readPermission: Permission; numerator: string; denominator: string; cockpit?: CockpitPlace;
};
export type MetricDef = CountMetric | RateMetric;

/** Where a module's part stands in the annual report's outline (二、主要举措和成效, by area). */
export const reportAreas = ['government', 'decisions', 'enforcement', 'transparency', 'supervision', 'disputes', 'petitions', 'education'] as const;
export type ReportArea = (typeof reportAreas)[number];

/**
 * A module's part of the annual report on rule-of-law government (modules/annual-report):
 * sentences in the seed's manner whose figures are live fields (`{{mediation.received}}`), the
 * count that tells whether the module was in use that year (none of its records: the part is
 * left to the editor, nothing is invented), and the words a hand-typed figure follows in a
 * narrative ("调解成功138起"), so the editor can compare it with the records.
 */
export type ReportPart = {
  key: string;
  /** The area of 二 the part belongs to, or `duties`: section 一 (the principal leaders' duties as first responsible persons). */
  area: ReportArea | 'duties';
  heading: Label;
  sentences: readonly string[];
  inUse: string;
  figureWords?: Readonly<Record<string, readonly string[]>>;
};

/** The live figure fields in a text: `{{module.name}}` (declared with the contracts: the web's editor reads them alike). */
export { FIGURE_FIELD };
export type MetricRegistry = ReadonlyMap<string, MetricDef>;

export const buildMetricRegistry = (defs: readonly MetricDef[], parts: readonly ReportPart[] = []): MetricRegistry => {
  const reg = new Map<string, MetricDef>();
  const problems: string[] = [];
  for (const d of defs) {
    if (!/^[a-z][a-z0-9_]*\.[a-zA-Z][a-zA-Z0-9_]*$/.test(d.code)) problems.push(`metric "${d.code}": code must be <module>.<name>`);
    if (reg.has(d.code)) problems.push(`metric "${d.code}" registered twice`);
    reg.set(d.code, d);
  }
  for (const d of reg.values()) {
    if (d.unit !== 'rate') continue;
    for (const part of [d.numerator, d.denominator]) if (reg.get(part)?.unit !== 'count') problems.push(`metric "${d.code}": "${part}" is not a registered count`);
  }
  for (const part of parts) {
    const named = [part.inUse, ...part.sentences.flatMap((x) => [...x.matchAll(FIGURE_FIELD)].map((m) => m[1] ?? '')), ...Object.keys(part.figureWords ?? {})];
    for (const code of named) if (!reg.has(code)) problems.push(`report part "${part.key}": "${code}" is not a registered metric`);
    if (reg.get(part.inUse)?.unit !== 'count') problems.push(`report part "${part.key}": inUse "${part.inUse}" is not a count`);
  }
  if (problems.length > 0) throw new StartupError(`metrics are not valid:\n  - ${problems.join('\n  - ')}`);
  return reg;
};

export type MetricScope = { year: number; townshipIds: readonly string[]; orgId: string };
export type MetricValue = { code: string; unit: 'count' | 'rate'; value: number | null; numerator?: number; denominator?: number };
export type MetricRecord = { id: string; ref: string; title: string; status: string; receivedOn: string; endedOn: string | null; orgName: string };

const params = (s: MetricScope): unknown[] => [s.year, s.townshipIds, s.orgId];
const count = async (c: Client, m: CountMetric, s: MetricScope): Promise<number> =>
  (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${m.records}) r`, params(s))).rows[0]?.n ?? 0;

export const requireMetric = (reg: MetricRegistry, code: string): MetricDef => {
  const m = reg.get(code);
  if (!m) throw new AppError('NOT_FOUND');
  return m;
};
const countOf = (reg: MetricRegistry, code: string): CountMetric => {
  const m = requireMetric(reg, code);
  if (m.unit !== 'count') throw new AppError('INTERNAL');
  return m;
};

/** One figure for an org's subtree and a year. A rate without cases to divide is null, not 0. */
export const metricValue = async (c: Client, reg: MetricRegistry, code: string, s: MetricScope): Promise<MetricValue> => {
  const m = requireMetric(reg, code);
  if (m.unit === 'count') return { code, unit: 'count', value: await count(c, m, s) };
  const numerator = await count(c, countOf(reg, m.numerator), s);
  const denominator = await count(c, countOf(reg, m.denominator), s);
  return { code, unit: 'rate', value: denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 10000, numerator, denominator };
};

/** The records behind a figure (for a rate: those behind its numerator), in the order of the register. */
export const metricRecords = async (c: Client, reg: MetricRegistry, code: string, s: MetricScope): Promise<MetricRecord[]> => {
  const m = requireMetric(reg, code);
  const base = m.unit === 'count' ? m : countOf(reg, m.numerator);
  const { rows } = await c.query<{ id: string; ref: string; title: string; status: string; received_on: string; ended_on: string | null; org_name: string }>(
    `SELECT r.id, r.ref, r.title, r.status, to_char(r.received_on::date, 'YYYY-MM-DD') AS received_on, to_char(r.ended_on::date, 'YYYY-MM-DD') AS ended_on, r.org_name
       FROM (${base.records}) r ORDER BY r.received_on, r.ref`, params(s));
  return rows.map((r) => ({ id: r.id, ref: r.ref, title: r.title, status: r.status, receivedOn: r.received_on, endedOn: r.ended_on, orgName: r.org_name }));
};

/** Townships whose records an org's subtree holds: the org's own township, or those under a county. */
export const townshipsOf = async (c: Client, orgId: string): Promise<string[]> => (await c.query<{ id: string }>(
  `SELECT o.id FROM orgs o WHERE o.kind = 'township'
      AND (o.id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)
           OR o.id = (SELECT CASE WHEN x.kind = 'township' THEN x.id ELSE x.township_id END FROM orgs x WHERE x.id = $1))`, [orgId])).rows.map((r) => r.id);

/**
 * A count's records grouped by what the cockpit splits on: the township that owns the
 * record (`township_id`), the township and the village its org lies in (null: none, e.g. a
 * township office for the village, a county office for the township) and the month it was
 * received in the year (0: another year). Every split of a figure is a sum of these groups,
 * so the splits add up to the figure by construction.
 */
export type MetricGroup = { k: string; t: string | null; v: string | null; m: number; n: number };

/** The grouping around one count's records: `$1`–`$3` as for `records`. */
const groupsOf = (m: CountMetric): string => `
  (SELECT coalesce(jsonb_agg(jsonb_build_object('k', g.k, 't', g.t, 'v', g.v, 'm', g.m, 'n', g.n)), '[]'::jsonb)
     FROM (SELECT r.township_id AS k, tw.id AS t, vl.id AS v,
                  CASE WHEN extract(year FROM r.received_on) = $1 THEN extract(month FROM r.received_on)::int ELSE 0 END AS m, count(*)::int AS n
             FROM (${m.records}) r
             LEFT JOIN (SELECT c.descendant_id, a.id FROM org_closure c JOIN orgs a ON a.id = c.ancestor_id WHERE a.kind = 'township') tw ON tw.descendant_id = r.org_id
             LEFT JOIN (SELECT c.descendant_id, a.id FROM org_closure c JOIN orgs a ON a.id = c.ancestor_id WHERE a.kind = 'village') vl ON vl.descendant_id = r.org_id
            GROUP BY 1, 2, 3, 4) g)`;

/**
 * The groups of several counts in one statement, so that they and `extra` (e.g. a
 * township's change counter) are read from one snapshot. Runs in the caller's transaction
 * (row-level security applies) or on the owner's connection (the cockpit's cache).
 */
export const metricGroups = async (c: Client, reg: MetricRegistry, codes: readonly string[], s: MetricScope, extra = 'NULL::bigint'):
Promise<{ groups: Map<string, MetricGroup[]>; extra: unknown }> => {
  if (codes.length === 0) return { groups: new Map(), extra: null };
  const cols = codes.map((code, i) => `${groupsOf(countOf(reg, code))} AS g${i}`).join(',\n');
  const { rows } = await c.query<Record<string, unknown>>(`SELECT ${extra} AS x, ${cols}`, params(s));
  const row = rows[0] ?? {};
  return { groups: new Map(codes.map((code, i) => [code, (row[`g${i}`] ?? []) as MetricGroup[]])), extra: row.x ?? null };
};

/** The counts a figure needs: itself, or a rate's numerator and denominator. */
export const countsOf = (reg: MetricRegistry, code: string): string[] => {
  const m = requireMetric(reg, code);
  return m.unit === 'count' ? [m.code] : [m.numerator, m.denominator];
};

/** The registry's key figures for the cockpit, in their order (module order, then `order`). */
export const cockpitMetrics = (reg: MetricRegistry): MetricDef[] => {
  const all = [...reg.values()];
  const moduleRank = new Map<string, number>();
  for (const m of all) { const mod = m.code.split('.')[0] ?? ''; if (!moduleRank.has(mod)) moduleRank.set(mod, moduleRank.size); }
  return all.filter((m) => m.cockpit).sort((a, b) =>
    (moduleRank.get(a.code.split('.')[0] ?? '') ?? 0) - (moduleRank.get(b.code.split('.')[0] ?? '') ?? 0) || (a.cockpit?.order ?? 0) - (b.cockpit?.order ?? 0));
};
