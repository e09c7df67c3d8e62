import type { MetricDef } from '../../platform/metrics/metrics.ts';
import type { Label } from '../../platform/cases/definition.ts';
import { remedyKinds } from '@fazhi/contracts';
import { organisationKinds, replyTypes, withholdReasons, type ReplyType, type WithholdReason } from './disclosure.workflow.ts';

/**
 * The disclosure requests of the townships in reach ($2) within the org's subtree ($3),
 * received up to the year ($1), as rows the figures filter on. The applicant's type is the
 * registration's record (intake `data`); the reply and its reason, a given-up application and
 * a withdrawal are read from the engine's record of the steps (`steps`), the on-time flag and
 * the extensions from the reply clock: nothing a later request can change.
 */
export const disclosureBase = `
  SELECT k.id, k.ref, k.title, k.status, k.received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id, k.year,
         k.data ->> 'applicantType' AS applicant_type, k.data ->> 'organisationKind' AS organisation_kind,
         k.steps -> 'reply' ->> 'replyType' AS reply_type, k.steps -> 'reply' ->> 'withholdReason' AS withhold_reason,
         k.steps ? 'deem_withdrawn' AS given_up, k.steps ? 'fee_lapsed' AS fee_lapsed, k.steps ? 'withdraw' AS withdrawn,
         d.on_time, coalesce(jsonb_array_length(d.extensions), 0) > 0 AS extended
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
    LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'reply'
   WHERE k.case_type = 'disclosure' AND k.year <= $1 AND k.township_id = ANY($2::uuid[])
     AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

const endedInYear = 'm.ended_on IS NOT NULL AND extract(year FROM m.ended_on) = $1';

const replyLabels: Record<ReplyType, Label> = {
  already_public: { zh: '已主动公开（告知获取途径）', en: 'Already public' },
  provided: { zh: '予以公开', en: 'Provided' },
  partly_provided: { zh: '部分公开', en: 'Partly provided' },
  withheld: { zh: '不予公开', en: 'Withheld' },
  not_exist: { zh: '信息不存在', en: 'Does not exist' },
  not_ours: { zh: '非本机关负责公开', en: "Not this agency's" },
  repeat: { zh: '重复申请', en: 'Repeat request' },
  special_regime: { zh: '有特别规定的查阅途径', en: 'Special access regime' },
};
const reasonLabels: Record<WithholdReason, Label> = {
  state_secret: { zh: '不予公开：属于国家秘密', en: 'Withheld: state secret' },
  prohibited_by_law: { zh: '不予公开：法律行政法规禁止公开', en: 'Withheld: prohibited by law' },
  three_security: { zh: '不予公开：危及“三安全一稳定”', en: 'Withheld: security and stability' },
  third_party: { zh: '不予公开：保护第三方合法权益', en: 'Withheld: third-party rights' },
  internal_affairs: { zh: '不予公开：属于三类内部事务信息', en: 'Withheld: internal affairs' },
  process_information: { zh: '不予公开：属于四类过程性信息', en: 'Withheld: process information' },
  enforcement_file: { zh: '不予公开：属于行政执法案卷', en: 'Withheld: enforcement files' },
};
const kindLabels: Record<(typeof organisationKinds)[number], Label> = {
  commercial: { zh: '收到申请：商业企业', en: 'Received: commercial enterprises' },
  research: { zh: '收到申请：科研机构', en: 'Received: research institutions' },
  public_interest: { zh: '收到申请：社会公益组织', en: 'Received: public-interest organisations' },
  legal_service: { zh: '收到申请：法律服务机构', en: 'Received: legal service providers' },
  other: { zh: '收到申请：其他法人或组织', en: 'Received: other organisations' },
};
const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Each figure: its code, label, definition and condition over the rows of `disclosureBase`. */
export const disclosureFigures: { code: string; label: Label; definition: Label; where: string }[] = [
  { code: 'received', label: { zh: '本年新收政府信息公开申请', en: 'Applications received this year' }, definition: { zh: '收到申请之日在本年的申请件数（第三十一条）', en: 'Applications received in the year (art. 31)' }, where: 'm.year = $1' },
  { code: 'receivedCitizen', label: { zh: '收到申请：自然人', en: 'Received: natural persons' }, definition: { zh: '申请人为公民的本年新收申请', en: 'Received in the year from citizens' }, where: "m.year = $1 AND m.applicant_type = 'citizen'" },
  ...organisationKinds.map((k) => ({ code: `received${cap(camel(k))}`, label: kindLabels[k], definition: { zh: `申请人为法人或其他组织、类别为“${kindLabels[k].zh.replace('收到申请：', '')}”的本年新收申请`, en: `Received in the year from ${kindLabels[k].en.replace('Received: ', '')}` },
    where: `m.year = $1 AND m.applicant_type IN ('legal_person', 'other_org') AND m.organisation_kind = '${k}'` })),
  { code: 'carriedOver', label: { zh: '上年结转政府信息公开申请', en: 'Carried over from last year' }, definition: { zh: '往年收到、本年初尚未办结的申请', en: 'Received earlier, still open at the start of the year' },
    where: 'm.year < $1 AND (m.ended_on IS NULL OR m.ended_on >= make_date($1, 1, 1))' },
  ...replyTypes.map((t) => ({ code: `reply${cap(camel(t))}`, label: replyLabels[t], definition: { zh: `本年作出答复、答复类型为“${replyLabels[t].zh}”的申请（第三十六、三十七条）`, en: `Replied in the year: ${replyLabels[t].en}` },
    where: `m.reply_type = '${t}' AND ${endedInYear}` })),
  ...withholdReasons.map((r) => ({ code: `withheld${cap(camel(r))}`, label: reasonLabels[r], definition: { zh: `本年答复不予公开、理由为“${reasonLabels[r].zh.replace('不予公开：', '')}”的申请`, en: `Withheld in the year: ${reasonLabels[r].en.replace('Withheld: ', '')}` },
    where: `m.reply_type = 'withheld' AND m.withhold_reason = '${r}' AND ${endedInYear}` })),
  { code: 'givenUp', label: { zh: '逾期不补正，视为放弃申请', en: 'Not corrected: given up' }, definition: { zh: '本年因无正当理由逾期不补正而不再处理的申请（第三十条）', en: 'Given up in the year for want of correction (art. 30)' }, where: `m.given_up AND ${endedInYear}` },
  { code: 'feeLapsed', label: { zh: '逾期未缴纳信息处理费，不再处理', en: 'Fee not paid: given up' }, definition: { zh: '本年因逾期未按收费通知缴纳费用而不再处理的申请（国办函〔2020〕109号 第七条）', en: 'Given up in the year for want of the fee (GB notice 109, art. 7)' }, where: `m.fee_lapsed AND ${endedInYear}` },
  { code: 'withdrawn', label: { zh: '申请人撤回申请', en: 'Withdrawn by the applicant' }, definition: { zh: '本年申请人撤回的申请', en: 'Withdrawn by the applicant in the year' }, where: `m.withdrawn AND ${endedInYear}` },
  { code: 'concluded', label: { zh: '本年办结', en: 'Concluded in the year' }, definition: { zh: '本年答复、视为放弃或撤回的申请', en: 'Replied, given up or withdrawn in the year' }, where: endedInYear },
  { code: 'carriedForward', label: { zh: '结转下年度继续办理', en: 'Carried forward' }, definition: { zh: '本年末尚未办结的申请', en: 'Still open at the end of the year' },
    where: 'm.received_on <= make_date($1, 12, 31) AND (m.ended_on IS NULL OR m.ended_on > make_date($1, 12, 31))' },
  { code: 'onTime', label: { zh: '按期答复', en: 'Replied on time' }, definition: { zh: '本年答复且在答复期限内（含依法延长）答复的申请（第三十三条）', en: 'Replied in the year within the reply period (art. 33)' }, where: `m.on_time IS TRUE AND ${endedInYear}` },
  { code: 'timed', label: { zh: '答复期限已有结果', en: 'Reply clocks ended' }, definition: { zh: '本年答复、答复期限已判定按期或超期的申请', en: 'Replied in the year with an on-time or late reply clock' }, where: `m.on_time IS NOT NULL AND ${endedInYear}` },
  { code: 'extended', label: { zh: '延长答复期限', en: 'Reply extended' }, definition: { zh: '本年办结、答复期限经批准延长的申请（第三十三条第二款）', en: 'Concluded in the year with the reply period extended (art. 33)' }, where: `m.extended AND ${endedInYear}` },
];

/** Disclosure's figures in the metrics registry: each count is its condition over `disclosureBase`. */
export const disclosureRegistryMetrics = (): MetricDef[] => [
  ...disclosureFigures.map((f): MetricDef => ({
    code: `disclosure.${f.code}`, label: f.label, definition: f.definition, unit: 'count', readPermission: 'disclosure.read',
    records: `WITH m AS (${disclosureBase}) SELECT m.* FROM m WHERE ${f.where}`,
    // On the leaders' cockpit: the applications received in the year (their trend by month received).
    ...(f.code === 'received' ? { cockpit: { order: 10 } } : {}),
  })),
  // 第三十三条: 20 working days, once extended by 20. On the leaders' cockpit.
  { code: 'disclosure.onTimeRate', label: { zh: '按期答复率', en: 'On-time reply rate' }, definition: { zh: '按期答复件数 ÷ 答复期限已有结果的件数', en: 'On time ÷ clocks ended' },
    unit: 'rate', readPermission: 'disclosure.read', numerator: 'disclosure.onTime', denominator: 'disclosure.timed', cockpit: { order: 20 } },
];

/**
 * Proactive disclosure (主动公开, 第二十条、第二十一条) of the townships in reach ($2) within the
 * org's subtree ($3): each item with the day it was published (its `publish` step, from the
 * timeline: a withdrawal moves the case's end, never the publication) and the 20-working-day
 * publication clock's on-time flag (第二十六条).
 */
export const proactiveBase = `
  SELECT k.id, k.ref, k.title, k.status, k.received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id, k.category,
         p.published_on, d.on_time
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
    LEFT JOIN LATERAL (SELECT (e.payload ->> 'on')::date AS published_on FROM case_events e
                        WHERE e.case_id = k.id AND e.transition = 'publish' ORDER BY e.id DESC LIMIT 1) p ON true
    LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'publish'
   WHERE k.case_type = 'proactive' AND k.year <= $1 AND k.township_id = ANY($2::uuid[])
     AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

const publishedInYear = 'm.published_on IS NOT NULL AND extract(year FROM m.published_on) = $1';
const proactiveFigures: { code: string; label: Label; definition: Label; where: string }[] = [
  { code: 'proactivePublished', label: { zh: '本年主动公开政府信息', en: 'Items published proactively this year' },
    definition: { zh: '经保密审查、公开日期在本年的主动公开事项（第二十条、第二十一条）', en: 'Items reviewed and published in the year (arts. 20, 21)' }, where: publishedInYear },
  { code: 'proactiveWithdrawn', label: { zh: '本年撤回的主动公开信息', en: 'Published items withdrawn this year' },
    definition: { zh: '本年撤回公开（撤回理由已公开）的事项', en: 'Items withdrawn in the year (the reason published)' }, where: "m.status = 'withdrawn' AND extract(year FROM m.ended_on) = $1" },
  { code: 'proactiveOnTime', label: { zh: '按期主动公开', en: 'Published on time' },
    definition: { zh: '本年公开、且在信息形成或变更之日起20个工作日内公开的事项（第二十六条）', en: 'Published in the year within 20 working days of being formed (art. 26)' }, where: `m.on_time IS TRUE AND ${publishedInYear}` },
  { code: 'proactiveTimed', label: { zh: '公开期限已有结果', en: 'Publication clocks ended' },
    definition: { zh: '本年公开、公开期限已判定按期或超期的事项', en: 'Published in the year with an on-time or late clock' }, where: `m.on_time IS NOT NULL AND ${publishedInYear}` },
];

export const remedyLabels: Record<(typeof remedyKinds)[number], Label> = {
  review: { zh: '行政复议', en: 'Administrative review' },
  lawsuit: { zh: '行政诉讼（未经复议直接起诉）', en: 'Lawsuit (directly)' },
  lawsuit_after_review: { zh: '行政诉讼（复议后起诉）', en: 'Lawsuit (after review)' },
};
export const remedyOutcomes = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
const outcomeLabels: Record<(typeof remedyOutcomes)[number], Label> = {
  upheld: { zh: '结果维持', en: 'upheld' }, corrected: { zh: '结果纠正', en: 'corrected' }, other: { zh: '其他结果', en: 'other outcome' },
  pending: { zh: '尚未审结', en: 'not concluded' }, total: { zh: '总计', en: 'total' },
};

/**
 * Review and lawsuits about disclosure (第五十一条) as the report's fourth table counts them: a
 * matter belongs to the year when it was brought in the year or was still undecided at its
 * start; its outcome is the one known at the year's end (decided later: 尚未审结). The record
 * is the request's case; its dates are the remedy's (brought, decided).
 */
export const remedyBase = `
  SELECT k.id, k.ref, k.title, k.status, r.filed_on AS received_on, r.decided_on AS ended_on, o.name AS org_name, k.org_id, k.township_id,
         r.kind, CASE WHEN r.decided_on <= make_date($1, 12, 31) THEN r.result ELSE 'pending' END AS outcome
    FROM disclosure_remedies r
    JOIN cases k ON k.id = r.case_id
    JOIN orgs o ON o.id = k.org_id
   WHERE k.case_type = 'disclosure' AND k.township_id = ANY($2::uuid[])
     AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)
     AND r.filed_on <= make_date($1, 12, 31) AND (r.decided_on IS NULL OR r.decided_on >= make_date($1, 1, 1))`;

/** The figure code of a cell of the fourth table: `disclosure.reviewUpheld`, `disclosure.lawsuitAfterReviewTotal`… */
export const remedyMetric = (kind: (typeof remedyKinds)[number], outcome: (typeof remedyOutcomes)[number]): string => `disclosure.${camel(kind)}${cap(outcome)}`;

/** The proactive-disclosure and remedy figures of the yearly report. */
export const transparencyRegistryMetrics = (): MetricDef[] => [
  ...proactiveFigures.map((f): MetricDef => ({
    code: `disclosure.${f.code}`, label: f.label, definition: f.definition, unit: 'count', readPermission: 'disclosure.read',
    records: `WITH m AS (${proactiveBase}) SELECT m.* FROM m WHERE ${f.where}`,
  })),
  { code: 'disclosure.proactiveOnTimeRate', label: { zh: '主动公开按期率', en: 'Proactive publication on time' }, definition: { zh: '按期主动公开件数 ÷ 公开期限已有结果的件数', en: 'On time ÷ clocks ended' },
    unit: 'rate', readPermission: 'disclosure.read', numerator: 'disclosure.proactiveOnTime', denominator: 'disclosure.proactiveTimed' },
  ...remedyKinds.flatMap((kind) => remedyOutcomes.map((outcome): MetricDef => ({
    code: remedyMetric(kind, outcome),
    label: { zh: `${remedyLabels[kind].zh}：${outcomeLabels[outcome].zh}`, en: `${remedyLabels[kind].en}: ${outcomeLabels[outcome].en}` },
    definition: {
      zh: `本年提起或年初尚未审结的涉及政府信息公开的${remedyLabels[kind].zh}${outcome === 'total' ? '' : `，截至年末${outcomeLabels[outcome].zh}`}（第五十一条）`,
      en: `${remedyLabels[kind].en} about disclosure brought in the year or pending at its start${outcome === 'total' ? '' : `, ${outcomeLabels[outcome].en} at the year's end`} (art. 51)`,
    },
    unit: 'count', readPermission: 'disclosure.read',
    records: `WITH m AS (${remedyBase}) SELECT m.* FROM m WHERE m.kind = '${kind}'${outcome === 'total' ? '' : ` AND m.outcome = '${outcome}'`}`,
  }))),
];
