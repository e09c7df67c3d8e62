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

/** Decisions' figures in the metrics registry: counts over `decisionBase`, and the two rates of the annual report's 二(五). */
// The key figures on the leaders' cockpit: decisions taken, and the two rates of 二(五).
export const decisionRegistryMetrics = (): MetricDef[] => [
  ...decisionFigures.map((f): MetricDef => ({
    code: `decisions.${f.code}`, label: f.label, definition: f.definition, unit: 'count', readPermission: 'decision.read',
    records: `WITH m AS (${decisionBase}) SELECT m.* FROM m WHERE ${f.where}`,
    ...(f.code === 'taken' ? { cockpit: { order: 10 } } : {}),
  })),
  { code: 'decisions.collectiveRate', label: { zh: '重大行政决策集体讨论率', en: 'Collective-discussion rate' }, definition: { zh: '集体讨论决定的事项 ÷ 作出的重大行政决策', en: 'Decided collectively ÷ decisions taken' },
    unit: 'rate', readPermission: 'decision.read', numerator: 'decisions.collective', denominator: 'decisions.taken', cockpit: { order: 20 } },
  { code: 'decisions.reviewRate', label: { zh: '合法性审查率', en: 'Legality-review coverage' }, definition: { zh: '经合法性审查的事项 ÷ 作出的重大行政决策', en: 'Reviewed ÷ decisions taken' },
    unit: 'rate', readPermission: 'decision.read', numerator: 'decisions.reviewed', denominator: 'decisions.taken', cockpit: { order: 30 } },
];
