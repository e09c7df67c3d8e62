import type { MetricDef } from '../../platform/metrics/metrics.ts';
import type { Label } from '../../platform/cases/definition.ts';
import { complaintCategories } from './complaints.workflow.ts';

/**
 * The year's complaints of the townships in reach, within the org's subtree ($1 year, $2
 * townships, $3 org), as rows the figures filter on. What was replied, reopened and rated
 * is read from the engine's record of steps (`steps`, written only by the engine), whether
 * the reply came on time from the reply clock's on-time flag (written when the clock
 * stopped); a portal complaint is one the engine recorded as the public's (`source`).
 */
const base = `
  SELECT k.id, k.ref, k.title, k.status, k.received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id, k.category,
         CASE WHEN k.source = 'public' THEN 'portal' ELSE k.data ->> 'channel' END AS channel,
         k.steps ? 'reply' AS replied, k.steps ? 'reopen' AS reopened, k.steps -> 'close' ->> 'satisfaction' AS satisfaction, d.on_time AS reply_on_time
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
    LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'reply'
   WHERE k.case_type = 'complaint' AND k.year = $1 AND k.township_id = ANY($2::uuid[])
     AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

const channelCodes = { portal: 'Portal', phone: 'Phone', hotline: 'Hotline', visit: 'Visit' } as const;
const channelLabels: Record<keyof typeof channelCodes, Label> = {
  portal: { zh: '网上投诉', en: 'Portal' }, phone: { zh: '电话投诉', en: 'Phone' }, hotline: { zh: '12345热线工单', en: '12345 work orders' }, visit: { zh: '来访投诉', en: 'In person' },
};
/** ASCII names of the categories for the metric codes (a code is `<module>.<name>`). */
export const categoryCodes: Record<(typeof complaintCategories)[number], string> = {
  政务服务: 'GovService', 工作作风: 'Conduct', 城乡建设: 'Construction', 环境卫生: 'Sanitation', 农业农村: 'Agriculture',
  社会保障: 'Welfare', 交通出行: 'Transport', 市场监管: 'Market', 其他: 'Other',
};

/** The key figures on the leaders' cockpit: complaints received (in the year), closed, and the two rates. */
const cockpit: Record<string, number> = { received: 10, closed: 20, onTimeRate: 30, satisfactionRate: 40 };
const place = (name: string) => (cockpit[name] ? { cockpit: { order: cockpit[name] } } : {});
const count = (name: string, label: Label, definition: Label, where: string): MetricDef => ({
  code: `complaints.${name}`, label, definition, unit: 'count', readPermission: 'petition.read',
  records: `WITH m AS (${base}) SELECT m.* FROM m WHERE ${where}`, ...place(name),
});
const rate = (name: string, label: Label, definition: Label, numerator: string, denominator: string): MetricDef => ({
  code: `complaints.${name}`, label, definition, unit: 'rate', readPermission: 'petition.read',
  numerator: `complaints.${numerator}`, denominator: `complaints.${denominator}`, ...place(name),
});
const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The complaint figures of the metrics registry: each count with the cases behind it. */
export const complaintMetrics = (): MetricDef[] => [
  count('received', { zh: '收到投诉', en: 'Complaints received' }, { zh: '当年登记的投诉件（含12345热线工单）', en: 'Complaints registered in the year (12345 work orders included)' }, 'true'),
  ...(Object.keys(channelCodes) as (keyof typeof channelCodes)[]).map((ch) => count(`received${channelCodes[ch]}`,
    { zh: `收到投诉：${channelLabels[ch].zh}`, en: `Received: ${channelLabels[ch].en}` },
    { zh: `当年经${channelLabels[ch].zh}渠道登记的投诉件`, en: `Complaints registered in the year through: ${channelLabels[ch].en}` }, `m.channel = ${quote(ch)}`)),
  ...complaintCategories.map((k) => count(`received${categoryCodes[k]}`, { zh: `收到投诉：${k}`, en: `Received: ${categoryCodes[k]}` },
    { zh: `当年登记的“${k}”类投诉件`, en: `Complaints of the category ${k} registered in the year` }, `m.category = ${quote(k)}`)),
  count('replied', { zh: '已答复', en: 'Replied' }, { zh: '已向投诉人答复的投诉件（以答复步骤为准）', en: 'Complaints whose complainant was answered (by the reply step)' }, 'm.replied'),
  count('repliedOnTime', { zh: '按期答复', en: 'Replied on time' }, { zh: '在答复期限内首次答复的投诉件', en: 'Complaints first answered within the reply period' }, 'm.reply_on_time'),
  count('reopened', { zh: '不满意重办', en: 'Reopened' }, { zh: '投诉人不满意、重新办理的投诉件', en: 'Complaints reopened because the complainant was not satisfied' }, 'm.reopened'),
  count('rated', { zh: '已评价', en: 'Rated' }, { zh: '办结时投诉人作出满意度评价的投诉件', en: 'Complaints the complainant rated when closed' }, "m.satisfaction IN ('满意', '基本满意', '不满意')"),
  count('satisfied', { zh: '满意（含基本满意）', en: 'Satisfied' }, { zh: '办结时评价为满意或基本满意的投诉件', en: 'Complaints rated satisfied or fairly satisfied when closed' }, "m.satisfaction IN ('满意', '基本满意')"),
  count('closed', { zh: '已办结', en: 'Closed' }, { zh: '已办结的投诉件', en: 'Complaints closed' }, "m.status = 'closed'"),
  rate('onTimeRate', { zh: '按期答复率', en: 'On-time reply rate' }, { zh: '按期答复件数 ÷ 已答复件数', en: 'Replied on time ÷ replied' }, 'repliedOnTime', 'replied'),
  rate('satisfactionRate', { zh: '满意率', en: 'Satisfaction rate' }, { zh: '满意（含基本满意）件数 ÷ 已评价件数', en: 'Satisfied ÷ rated' }, 'satisfied', 'rated'),
];
