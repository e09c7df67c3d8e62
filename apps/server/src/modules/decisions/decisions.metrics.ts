import type { MetricDef } from '../../platform/metrics/metrics.ts';
import type { Label } from '../../platform/cases/definition.ts';

/**
 * The major decisions of the townships in reach ($2) within the org's subtree ($3), as rows the
 * figures filter on, read from the engine's record of the steps only (`steps`, and the day of
 * the `decide` step on its timeline event): nothing a request can write. A decision is taken in
 * the year of its collective discussion (重大行政决策程序暂行条例 第三十条).
 */
export const decisionBase = `
  SELECT k.id, k.ref, k.title, k.status, k.received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id,
         (SELECT (e.payload ->> 'on')::date FROM case_events e WHERE e.case_id = k.id AND e.transition = 'decide' ORDER BY e.id DESC LIMIT 1) AS decided_on,
         k.steps -> 'decide' AS decide, k.category,
         k.steps ? 'legal_opinion' AND k.steps -> 'legal_opinion' ->> 'conclusion' <> '不合法' AS reviewed,
         (k.steps ? 'open_comment' OR k.steps ? 'open_comment_short') AS commented,
         k.steps ? 'hearing' AS heard, k.steps ? 'expert_argument' AS argued, k.steps ? 'risk_assessment' AS assessed
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
   WHERE k.case_type = 'decision' AND k.township_id = ANY($2::uuid[])
     AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

const takenInYear = 'm.decided_on IS NOT NULL AND extract(year FROM m.decided_on) = $1';
// Decided at a quorate meeting with the head speaking last (第三十条), as the step recorded it:
// more than half of the members present, two thirds for personnel items.
const collective = `m.decide IS NOT NULL AND (m.decide ->> 'leaderSpokeLast')::boolean
  AND (m.decide ->> 'present')::int <= (m.decide ->> 'membersDue')::int
  AND CASE WHEN m.category = '三重一大：重要干部任免' THEN (m.decide ->> 'present')::int * 3 >= (m.decide ->> 'membersDue')::int * 2
           ELSE (m.decide ->> 'present')::int * 2 > (m.decide ->> 'membersDue')::int END`;

export const decisionFigures: { code: string; label: Label; definition: Label; where: string }[] = [
  { code: 'taken', label: { zh: '作出重大行政决策', en: 'Major decisions taken' }, definition: { zh: '本年经集体讨论决定程序作出的重大行政决策事项', en: 'Decisions taken in the year' }, where: takenInYear },
  { code: 'collective', label: { zh: '集体讨论决定', en: 'Decided collectively' }, definition: { zh: '本年作出、经会议组成人员过半数（人事任免三分之二以上）出席并由行政首长最后发表意见作出决定的事项（第三十条）', en: 'Taken in the year at a quorate meeting, the head speaking last (art. 30)' },
    where: `${takenInYear} AND ${collective}` },
  { code: 'reviewed', label: { zh: '经合法性审查', en: 'Reviewed for legality' }, definition: { zh: '本年作出、经法律顾问或公职律师合法性审查的事项（第二十五条）', en: 'Taken in the year after a legality review (art. 25)' }, where: `${takenInYear} AND m.reviewed` },
  { code: 'publicComment', label: { zh: '向社会公开征求意见', en: 'Open for public comment' }, definition: { zh: '本年作出、决策草案向社会公开征求意见的事项（第十五条）', en: 'Taken in the year after public comment (art. 15)' }, where: `${takenInYear} AND m.commented` },
  { code: 'hearings', label: { zh: '举行听证会', en: 'Hearings held' }, definition: { zh: '本年作出、召开听证会的事项（第十六条）', en: 'Taken in the year after a hearing (art. 16)' }, where: `${takenInYear} AND m.heard` },
  { code: 'expertArgument', label: { zh: '组织专家论证', en: 'Expert argument' }, definition: { zh: '本年作出、组织专家论证的事项（第十九条）', en: 'Taken in the year after expert argument (art. 19)' }, where: `${takenInYear} AND m.argued` },
  { code: 'riskAssessed', label: { zh: '开展风险评估', en: 'Risk assessed' }, definition: { zh: '本年作出、开展风险评估的事项（第二十二条）', en: 'Taken in the year after a risk assessment (art. 22)' }, where: `${takenInYear} AND m.assessed` },
];

/**
 * The items of the year's published decision catalogue (决策事项目录, 重大行政决策程序暂行条例 第三条第三款)
 * of the townships in reach, in force (not withdrawn), each with the decision started on it (its
 * start step names the item, read from the engine's record of steps) and whether that decision
 * was taken. A record is the item: its reference the year and its number in the catalogue.
 */
export const catalogueBase = `
  SELECT i.id, c.year || '年目录第' || i.seq || '项' AS ref, i.title, coalesce(d.status, '未启动') AS status, c.published_on AS received_on,
         NULL::date AS ended_on, o.name AS org_name, c.org_id, c.township_id, d.id IS NOT NULL AS started, coalesce(d.decided, false) AS decided
    FROM decision_catalogue_items i
    JOIN decision_catalogues c ON c.id = i.catalogue_id
    JOIN orgs o ON o.id = c.org_id
    LEFT JOIN LATERAL (SELECT k.id, k.status, k.steps ? 'decide' AS decided FROM cases k
                        WHERE k.case_type = 'decision' AND k.status <> 'dropped' AND k.steps -> 'start' ->> 'catalogueItemId' = i.id::text
                        ORDER BY k.created_at LIMIT 1) d ON true
   WHERE c.status = 'published' AND i.withdrawn_on IS NULL AND c.year = $1 AND c.township_id = ANY($2::uuid[])
     AND c.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

const catalogueFigures: { code: string; label: { zh: string; en: string }; definition: { zh: string; en: string }; where: string }[] = [
  { code: 'catalogueItems', label: { zh: '列入年度决策事项目录', en: 'Items in the year\'s catalogue' },
    definition: { zh: '本年公布的重大行政决策事项目录中的事项（不含调出目录的事项，第三条第三款）', en: 'Items of the year\'s published catalogue, not withdrawn (art. 3)' }, where: 'true' },
  { code: 'catalogueStarted', label: { zh: '目录事项已启动决策', en: 'Catalogue items started' },
    definition: { zh: '本年目录事项中已经启动决策程序的事项', en: 'Items of the year\'s catalogue on which a decision was started' }, where: 'm.started' },
  { code: 'catalogueDecided', label: { zh: '目录事项已作出决策', en: 'Catalogue items decided' },
    definition: { zh: '本年目录事项中已经集体讨论作出决定的事项', en: 'Items of the year\'s catalogue decided collectively' }, where: 'm.decided' },
];

/** Decisions' figures in the metrics registry: counts over `decisionBase`, and the two rates of the annual report's 二(五). */
// The key figures on the leaders' cockpit: decisions taken, and the two rates of 二(五).
export const decisionRegistryMetrics = (): MetricDef[] => [
  ...decisionFigures.map((f): MetricDef => ({
    code: `decisions.${f.code}`, label: f.label, definition: f.definition, unit: 'count', readPermission: 'decision.read',
    records: `WITH m AS (${decisionBase}) SELECT m.* FROM m WHERE ${f.where}`,
    ...(f.code === 'taken' ? { cockpit: { order: 10 } } : {}),
  })),
  ...catalogueFigures.map((f): MetricDef => ({
    code: `decisions.${f.code}`, label: f.label, definition: f.definition, unit: 'count', readPermission: 'decision.read',
    records: `WITH m AS (${catalogueBase}) SELECT m.* FROM m WHERE ${f.where}`,
  })),
  { code: 'decisions.collectiveRate', label: { zh: '重大行政决策集体讨论率', en: 'Collective-discussion rate' }, definition: { zh: '集体讨论决定的事项 ÷ 作出的重大行政决策', en: 'Decided collectively ÷ decisions taken' },
    unit: 'rate', readPermission: 'decision.read', numerator: 'decisions.collective', denominator: 'decisions.taken', cockpit: { order: 20 } },
  { code: 'decisions.reviewRate', label: { zh: '合法性审查率', en: 'Legality-review coverage' }, definition: { zh: '经合法性审查的事项 ÷ 作出的重大行政决策', en: 'Reviewed ÷ decisions taken' },
    unit: 'rate', readPermission: 'decision.read', numerator: 'decisions.reviewed', denominator: 'decisions.taken', cockpit: { order: 30 } },
];
