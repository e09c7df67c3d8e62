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
 * ended_on (date or null), org_name.
 */
export type CountMetric = {
  code: string; label: Label; definition: Label; unit: 'count'; readPermission: Permission; records: string;
};
export type RateMetric = {
  code: string; label: Label; definition: Label; unit: 'rate'; readPermission: Permission; numerator: string; denominator: string;
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
  area: ReportArea;
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
