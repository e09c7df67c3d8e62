import type { MediationStats as MediationStatsView } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import type { MetricDef } from '../../platform/metrics/metrics.ts';

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
  onTime: { zh: '按期调结', en: 'Concluded on time', where: 'm.on_time' },
  // 好差评 (国办发〔2019〕51号): five grades; 不满意 and 非常不满意 (1–2) are the poor ones.
  rated: { zh: '群众已评价', en: 'Rated by the parties', where: 'm.rating IS NOT NULL' },
  praised: { zh: '好评', en: 'Rated good', where: 'm.rating >= 3' },
  refused: { zh: '不予调解', en: 'Not mediated (a party refused)', where: "m.status = 'refused'" },
  withdrawn: { zh: '撤回申请', en: 'Withdrawn', where: "m.status = 'withdrawn'" },
  timed: { zh: '有调解期限记录', en: 'With a mediation clock that ended', where: 'm.on_time IS NOT NULL' },
} as const;
export type MediationMetric = keyof typeof mediationMetrics;
export const isMediationMetric = (s: string): s is MediationMetric => s in mediationMetrics;

/**
 * The year's mediation cases of the given townships as rows the metrics filter on. Runs in
 * the caller's transaction: row-level security keeps a village to its own cases. Written as
 * joins (the year's cases by index, their mediation clock and rating, the village of each
 * org from the closure table) so that a county's year costs one pass, not a sub-query per
 * case and figure. Whether a case was accepted (or judicial confirmation applied for) is read
 * from the case's own record of its steps: the engine keeps each transition taken under its
 * key in `data`, in the same transaction as the timeline event (transition.ts,
 * bulk-create.ts) — the same fact as the `accept` event, without reading the timeline.
 * Only the engine writes `steps` and only the module's trigger writes `facts`: nothing a
 * request sends can count a case as accepted or give it to another committee; the committee
 * is joined by its id as text, so no value can make the statement fail.
 * A case's committee is its lead mediator's (kept on the case as `facts.leadCommittee` by
 * triggers on mediation_case_mediators, migration 20261126200000), or, before one is
 * assigned, the committee serving its org (the village's own, else the town's).
 */
export const mediationBase = `
  SELECT k.id, k.ref, k.title, k.org_id, k.category, k.status, k.received_on, k.township_id,
         k.steps ? 'accept' AS accepted, k.steps ? 'apply_confirmation' AS confirmation_applied,
         k.steps -> 'follow_up' ->> 'performance' AS performance, to_char(k.ended_on, 'YYYY-MM-DD') AS ended_on,
         coalesce(vl.village, o.name) AS village, o.name AS org_name, coalesce(lc.name, nc.committee) AS committee, d.on_time, r.score AS rating
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
    LEFT JOIN (SELECT c.descendant_id, a.name AS village FROM org_closure c JOIN orgs a ON a.id = c.ancestor_id WHERE a.kind = 'village') vl
      ON vl.descendant_id = k.org_id
    LEFT JOIN mediation_committees lc ON lc.id::text = k.facts ->> 'leadCommittee'
    LEFT JOIN (SELECT DISTINCT ON (c.descendant_id) c.descendant_id, mc.name AS committee FROM org_closure c
                 JOIN mediation_committees mc ON mc.org_id = c.ancestor_id AND mc.active AND mc.kind IN ('village', 'township')
                ORDER BY c.descendant_id, c.depth, mc.created_at) nc ON nc.descendant_id = k.org_id
    LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'mediation'
    LEFT JOIN case_ratings r ON r.case_id = k.id
   WHERE k.case_type = 'mediation' AND k.year = $1 AND k.township_id = ANY($2::uuid[])`;

/** The figures as the stats endpoint sends them, less the names it adds. */
export type MediationStats = Omit<MediationStatsView, 'metrics'>;

const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

/** Every figure of the year in one statement: the counts, then each breakdown as a JSON object. */
export const computeMediationStats = async (c: Client, year: number, townshipIds: string[]): Promise<MediationStats> => {
  const counts = Object.entries(mediationMetrics).map(([k, m]) => `count(*) FILTER (WHERE ${m.where})::int AS "${k}"`).join(', ');
  const breakdown = (expr: string): string =>
    `(SELECT coalesce(jsonb_agg(jsonb_build_array(g.k, g.n) ORDER BY g.n DESC, g.k), '[]') FROM (SELECT coalesce(${expr}, '未分类') AS k, count(*)::int AS n FROM m WHERE m.accepted GROUP BY 1) g)`;
  type Pairs = [string, number][];
  const { rows } = await c.query<Record<MediationMetric, number> & { on_time_total: number; by_category: Pairs; by_village: Pairs; by_committee: Pairs; by_month: Pairs }>(
    `WITH m AS MATERIALIZED (${mediationBase})
     SELECT ${counts}, count(m.on_time)::int AS on_time_total,
            ${breakdown('m.category')} AS by_category, ${breakdown('m.village')} AS by_village, ${breakdown('m.committee')} AS by_committee,
            ${breakdown("to_char(m.received_on, 'YYYY-MM')")} AS by_month
       FROM m`, [year, townshipIds]);
  const r = rows[0];
  if (!r) throw new Error('no row');
  return {
    year, received: r.received, resolved: r.resolved, guided: r.guided, transferred: r.transferred, ongoing: r.ongoing,
    performed: r.performed, followedUp: r.followedUp, confirmed: r.confirmed, onTime: r.onTime, rated: r.rated, praised: r.praised,
    successRate: rate(r.resolved, r.received), performanceRate: rate(r.performed, r.followedUp), onTimeRate: rate(r.onTime, r.on_time_total),
    praiseRate: rate(r.praised, r.rated),
    byCategory: Object.fromEntries(r.by_category), byVillage: Object.fromEntries(r.by_village), byCommittee: Object.fromEntries(r.by_committee), byMonth: Object.fromEntries(r.by_month),
  };
};

/** The cases behind one figure. */
export const mediationMetricCases = async (c: Client, year: number, townshipIds: string[], metric: MediationMetric) =>
  (await c.query<{ id: string; ref: string; title: string; village: string; committee: string | null; category: string | null; status: string; received_on: string; ended_on: string | null }>(
    `WITH m AS (${mediationBase}) SELECT m.id, m.ref, m.title, m.village, m.committee, m.category, m.status, to_char(m.received_on, 'YYYY-MM-DD') AS received_on, m.ended_on
       FROM m WHERE ${mediationMetrics[metric].where} ORDER BY m.received_on, m.ref`, [year, townshipIds])).rows;

/** Each figure's definition in one line, as the registry and the annual report print it. */
const definitions: Record<MediationMetric, { zh: string; en: string }> = {
  received: { zh: '当年登记并已受理的人民调解纠纷件数（以受理步骤为准）', en: 'Disputes registered in the year and accepted (by the accept step)' },
  resolved: { zh: '达成调解协议的件数（含协议履行中和已回访办结）', en: 'Cases with an agreement reached (performing or followed up)' },
  guided: { zh: '调解不成、已告知当事人其他法律途径的件数', en: 'Cases ended without agreement, the parties told of the other legal routes' },
  transferred: { zh: '移交行政调解或司法调解的件数', en: 'Cases transferred to administrative or judicial mediation' },
  ongoing: { zh: '已受理、尚在调解中的件数', en: 'Accepted cases still being mediated' },
  performed: { zh: '回访时协议已履行的件数', en: 'Agreements found performed at the return visit' },
  followedUp: { zh: '已回访办结的件数', en: 'Cases closed after a return visit' },
  confirmed: { zh: '当事人申请司法确认的件数', en: 'Cases whose parties applied for judicial confirmation' },
  onTime: { zh: '调解期限内调结的件数（期限届满前达成协议、终止或移交）', en: 'Cases concluded within the mediation period' },
  rated: { zh: '当事人作出好差评的件数', en: 'Cases the parties rated' },
  praised: { zh: '评价为基本满意及以上（五级中的三至五级）的件数', en: 'Cases rated 3 to 5 of the five grades' },
  refused: { zh: '因当事人拒绝而不予调解的件数（人民调解法 第十七条）', en: 'Cases not mediated because a party refused (人民调解法 第十七条)' },
  withdrawn: { zh: '当事人撤回申请的件数', en: 'Cases the applicant withdrew' },
  timed: { zh: '调解期限已有结果（按期或超期）的件数', en: 'Cases whose mediation clock has ended on time or late' },
};

/**
 * Mediation's figures in the metrics registry: each count is its condition over the year's
 * cases in the org's subtree, read by the same base statement the statistics page uses.
 */
/** The counts on the leaders' cockpit (both received in the year: their trend is by month received). */
const cockpitCounts: Partial<Record<MediationMetric, number>> = { received: 10, resolved: 20 };

export const mediationRegistryMetrics = (): MetricDef[] => {
  const counts: MetricDef[] = (Object.keys(mediationMetrics) as MediationMetric[]).map((k) => ({
    code: `mediation.${k}`, label: { zh: mediationMetrics[k].zh, en: mediationMetrics[k].en }, definition: definitions[k], unit: 'count', readPermission: 'mediation.read',
    records: `WITH m AS (${mediationBase}) SELECT m.* FROM m
               WHERE ${mediationMetrics[k].where} AND m.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`,
    ...(cockpitCounts[k] ? { cockpit: { order: cockpitCounts[k] } } : {}),
  }));
  const rate = (code: string, zh: string, en: string, numerator: MediationMetric, denominator: MediationMetric, dzh: string, den: string, cockpit?: number): MetricDef => ({
    code: `mediation.${code}`, label: { zh, en }, definition: { zh: dzh, en: den }, unit: 'rate', readPermission: 'mediation.read',
    numerator: `mediation.${numerator}`, denominator: `mediation.${denominator}`, ...(cockpit ? { cockpit: { order: cockpit } } : {}),
  });
  return [...counts,
    rate('successRate', '调解成功率', 'Success rate', 'resolved', 'received', '调解成功件数 ÷ 受理件数', 'Resolved ÷ accepted', 30),
    // Against the mediation clock (customarily concluded within one month; configurable per township).
    rate('onTimeRate', '按期调结率', 'On-time rate', 'onTime', 'timed', '按期调结件数 ÷ 调解期限已有结果的件数', 'Concluded on time ÷ clocks ended', 40),
    rate('performanceRate', '协议履行率', 'Performance rate', 'performed', 'followedUp', '协议已履行件数 ÷ 已回访件数', 'Performed ÷ followed up'),
    rate('praiseRate', '好评率', 'Good-rating rate', 'praised', 'rated', '好评件数 ÷ 已评价件数', 'Rated good ÷ rated'),
  ];
};
