import type { MetricDef } from '../../platform/metrics/metrics.ts';
import type { Label } from '../../platform/cases/definition.ts';

/**
 * The meetings and study sessions of the townships in reach ($2) within the org's subtree ($3),
 * each with the day it was held (its `hold` step, from the timeline) and whether it heard the
 * rule-of-law work report, as the step recorded it. A cancelled meeting was never held.
 */
export const meetingBase = `
  SELECT k.id, k.ref, k.title, k.status, k.received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id, k.category,
         (SELECT (e.payload ->> 'on')::date FROM case_events e WHERE e.case_id = k.id AND e.transition = 'hold' ORDER BY e.id DESC LIMIT 1) AS held_on,
         coalesce((k.steps -> 'hold' ->> 'ruleOfLawReport')::boolean, false) AS rule_of_law_report
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
   WHERE k.case_type = 'meeting' AND k.year <= $1 AND k.township_id = ANY($2::uuid[])
     AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

const heldInYear = 'm.held_on IS NOT NULL AND extract(year FROM m.held_on) = $1';

const figures: { code: string; label: Label; definition: Label; where: string }[] = [
  { code: 'meetingsHeld', label: { zh: '召开会议和学法活动', en: 'Meetings and study sessions held' }, definition: { zh: '本年召开并记录的会议、学法活动', en: 'Held and recorded in the year' }, where: heldInYear },
  { code: 'leadershipMeetings', label: { zh: '召开法治建设领导小组会议', en: 'Rule-of-law leadership group meetings' }, definition: { zh: '本年召开的法治建设领导小组会议', en: 'Leadership group meetings held in the year' },
    where: `${heldInYear} AND m.category = '法治建设领导小组会议'` },
  { code: 'ruleOfLawReports', label: { zh: '听取法治建设工作汇报', en: 'Rule-of-law work reports heard' }, definition: { zh: '本年召开、听取法治建设工作汇报的会议（党政主要负责人履行第一责任人职责）', en: 'Meetings in the year that heard the rule-of-law work report' },
    where: `${heldInYear} AND m.rule_of_law_report` },
  { code: 'studySessions', label: { zh: '组织领导干部集体学法', en: 'Law study sessions' }, definition: { zh: '本年组织的中心组学法和干部集体学法', en: 'Collective law study held in the year' },
    where: `${heldInYear} AND m.category IN ('中心组学法', '干部集体学法')` },
  { code: 'shufa', label: { zh: '开展述法', en: 'Reports on performing legal duties' }, definition: { zh: '本年开展的领导干部述法', en: 'Leaders reporting on their legal duties in the year' },
    where: `${heldInYear} AND m.category = '述法'` },
];

/** The leadership group's own work in the metrics registry: each count its condition over `meetingBase`. */
export const governanceRegistryMetrics = (): MetricDef[] => figures.map((f): MetricDef => ({
  code: `governance.${f.code}`, label: f.label, definition: f.definition, unit: 'count', readPermission: 'governance.read',
  records: `WITH m AS (${meetingBase}) SELECT m.* FROM m WHERE ${f.where}`,
}));
