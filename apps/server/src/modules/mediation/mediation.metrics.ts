import type { Client } from '../../platform/db/pools.ts';

/**
 * The named figures of people's mediation, each a condition over the year's mediation
 * cases, so that a count and the list of cases behind it come from one definition (the
 * annual report reads these; every number is drillable to its records).
 */
export const mediationMetrics = {
  received: { zh: '受理纠纷', en: 'Disputes accepted', where: 'm.accepted' },
  resolved: { zh: '调解成功', en: 'Resolved by agreement', where: "m.status IN ('agreed', 'resolved')" },
  guided: { zh: '引导走法律途径', en: 'Guided to legal channels', where: "m.status = 'failed'" },
  transferred: { zh: '移交行政/司法调解', en: 'Transferred', where: "m.status = 'transferred'" },
  ongoing: { zh: '正在调解', en: 'Under way', where: "m.status IN ('accepted', 'mediating')" },
  performed: { zh: '协议已履行', en: 'Agreements performed', where: "m.performance = '已履行'" },
  followedUp: { zh: '已回访', en: 'Followed up', where: "m.status = 'resolved'" },
  confirmed: { zh: '申请司法确认', en: 'Judicial confirmation applied for', where: 'm.confirmation_applied' },
} as const;
export type MediationMetric = keyof typeof mediationMetrics;
export const isMediationMetric = (s: string): s is MediationMetric => s in mediationMetrics;

/**
 * The year's mediation cases of the given townships as rows the metrics filter on. Runs in
 * the caller's transaction: row-level security keeps a village to its own cases.
 */
export const mediationBase = `
  SELECT k.id, k.ref, k.title, k.org_id, k.category, k.status, k.received_on, k.township_id,
         EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.transition = 'accept') AS accepted,
         EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.transition = 'apply_confirmation') AS confirmation_applied,
         k.data -> 'follow_up' ->> 'performance' AS performance,
         coalesce((SELECT a.name FROM org_closure c JOIN orgs a ON a.id = c.ancestor_id WHERE c.descendant_id = k.org_id AND a.kind = 'village'),
                  (SELECT o.name FROM orgs o WHERE o.id = k.org_id)) AS village,
         (SELECT d.on_time FROM case_deadlines d WHERE d.case_id = k.id AND d.key = 'mediation') AS on_time
    FROM cases k
   WHERE k.case_type = 'mediation' AND k.year = $1 AND k.township_id = ANY($2::uuid[])`;

export type MediationStats = {
  year: number;
  received: number; resolved: number; guided: number; transferred: number; ongoing: number;
  performed: number; followedUp: number; confirmed: number;
  successRate: number | null; performanceRate: number | null; onTimeRate: number | null;
  byCategory: Record<string, number>; byVillage: Record<string, number>; byMonth: Record<string, number>;
};

const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

export const computeMediationStats = async (c: Client, year: number, townshipIds: string[]): Promise<MediationStats> => {
  const counts = Object.entries(mediationMetrics).map(([k, m]) => `count(*) FILTER (WHERE ${m.where})::int AS "${k}"`).join(', ');
  const { rows } = await c.query<Record<MediationMetric, number> & { on_time_met: number; on_time_total: number }>(
    `WITH m AS (${mediationBase}) SELECT ${counts},
            count(*) FILTER (WHERE m.on_time)::int AS on_time_met, count(m.on_time)::int AS on_time_total FROM m`, [year, townshipIds]);
  const r = rows[0];
  if (!r) throw new Error('no row');
  const group = async (expr: string): Promise<Record<string, number>> => {
    const g = await c.query<{ k: string | null; n: number }>(`WITH m AS (${mediationBase}) SELECT ${expr} AS k, count(*)::int AS n FROM m WHERE m.accepted GROUP BY 1 ORDER BY 2 DESC, 1`, [year, townshipIds]);
    return Object.fromEntries(g.rows.map((x) => [x.k ?? '未分类', x.n]));
  };
  return {
    year, received: r.received, resolved: r.resolved, guided: r.guided, transferred: r.transferred, ongoing: r.ongoing,
    performed: r.performed, followedUp: r.followedUp, confirmed: r.confirmed,
    successRate: rate(r.resolved, r.received), performanceRate: rate(r.performed, r.followedUp), onTimeRate: rate(r.on_time_met, r.on_time_total),
    byCategory: await group('m.category'), byVillage: await group('m.village'), byMonth: await group("to_char(m.received_on, 'YYYY-MM')"),
  };
};

/** The cases behind one figure. */
export const mediationMetricCases = async (c: Client, year: number, townshipIds: string[], metric: MediationMetric) =>
  (await c.query<{ id: string; ref: string; title: string; village: string; category: string | null; status: string; received_on: string }>(
    `WITH m AS (${mediationBase}) SELECT m.id, m.ref, m.title, m.village, m.category, m.status, to_char(m.received_on, 'YYYY-MM-DD') AS received_on
       FROM m WHERE ${mediationMetrics[metric].where} ORDER BY m.received_on, m.ref`, [year, townshipIds])).rows;
