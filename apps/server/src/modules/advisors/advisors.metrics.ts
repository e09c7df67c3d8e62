import type { MetricDef } from '../../platform/metrics/metrics.ts';
import type { Label } from '../../platform/cases/definition.ts';

const subtree = 'IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)';

/**
 * The legal reviews of the townships in reach ($2) within the org's subtree ($3), each with the day
 * its opinion was given (the `opinion` step, from the timeline) and whether it came within the
 * advisor's period (the engine's on-time flag of the `opinion` clock).
 */
const reviewBase = `
  SELECT k.id, k.ref, k.title, k.status, k.received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id, k.category,
         (SELECT (e.payload ->> 'on')::date FROM case_events e WHERE e.case_id = k.id AND e.transition = 'opinion' ORDER BY e.id DESC LIMIT 1) AS opined_on,
         (SELECT d.on_time FROM case_deadlines d WHERE d.case_id = k.id AND d.key = 'opinion') AS on_time
    FROM cases k JOIN orgs o ON o.id = k.org_id
   WHERE k.case_type = 'legal_review' AND k.year <= $1 AND k.township_id = ANY($2::uuid[]) AND k.org_id ${subtree}`;
const opinedInYear = 'r.opined_on IS NOT NULL AND extract(year FROM r.opined_on) = $1';

/** The issues of the reviews whose opinion was given in the year, each its own record (named by the review's reference). */
const issueBase = `
  SELECT i.id, k.ref || '-' || i.seq AS ref, i.problem AS title, coalesce(i.outcome, '待反馈') AS status, r.opined_on AS received_on, i.resolved_on AS ended_on,
         r.org_name, i.org_id, i.township_id, i.outcome
    FROM legal_review_issues i JOIN (${reviewBase}) r ON r.id = i.case_id JOIN cases k ON k.id = i.case_id
   WHERE ${opinedInYear}`;

/** The services logged in the year to an org in the subtree (reviews' hours included), each its own record. */
const serviceBase = `
  SELECT s.id, coalesce(k.ref, s.kind) AS ref, s.summary AS title, s.kind AS status, s.served_on AS received_on, s.served_on AS ended_on,
         o.name AS org_name, s.org_id, s.township_id
    FROM advisor_services s JOIN orgs o ON o.id = s.org_id LEFT JOIN cases k ON k.id = s.case_id
   WHERE extract(year FROM s.served_on) = $1 AND s.township_id = ANY($2::uuid[]) AND s.org_id ${subtree}`;

/** The villages in the subtree, each with whether an advisor was appointed for it at some time in the year (一村一法律顾问). */
const villageBase = `
  SELECT v.id, v.code AS ref, v.name AS title, 'village' AS status, make_date($1, 1, 1) AS received_on, NULL::date AS ended_on, v.name AS org_name,
         v.id AS org_id, v.township_id,
         EXISTS (SELECT 1 FROM legal_advisors a WHERE a.org_id = v.id AND a.from_on <= make_date($1, 12, 31) AND (a.until_on IS NULL OR a.until_on >= make_date($1, 1, 1))) AS covered
    FROM orgs v WHERE v.kind = 'village' AND v.township_id = ANY($2::uuid[]) AND v.id ${subtree}`;

type Figure = { code: string; label: Label; definition: Label; records: string };
const figures: Figure[] = [
  { code: 'reviewed', label: { zh: '出具法律审查意见', en: 'Legal opinions given' }, definition: { zh: '本年出具审查意见的法律审查事项', en: 'Reviews whose opinion was given in the year' },
    records: `SELECT r.* FROM (${reviewBase}) r WHERE ${opinedInYear}` },
  { code: 'reviewedContracts', label: { zh: '审查合同', en: 'Contracts reviewed' }, definition: { zh: '本年出具审查意见的合同', en: 'Contracts reviewed in the year' },
    records: `SELECT r.* FROM (${reviewBase}) r WHERE ${opinedInYear} AND r.category = '合同'` },
  { code: 'reviewedNormative', label: { zh: '审查规范性文件', en: 'Normative documents reviewed' }, definition: { zh: '本年出具审查意见的规范性文件', en: 'Normative documents reviewed in the year' },
    records: `SELECT r.* FROM (${reviewBase}) r WHERE ${opinedInYear} AND r.category = '规范性文件'` },
  { code: 'reviewedVillageRules', label: { zh: '审查村规民约', en: 'Village rules reviewed' }, definition: { zh: '本年出具审查意见的村规民约、居民公约（村民委员会组织法第二十七条）', en: 'Village rules reviewed in the year' },
    records: `SELECT r.* FROM (${reviewBase}) r WHERE ${opinedInYear} AND r.category = '村规民约'` },
  { code: 'reviewedOther', label: { zh: '审查其他法律文件和重大事项', en: 'Other documents and matters reviewed' }, definition: { zh: '本年出具审查意见的其他法律文件、重大事项', en: 'Other documents and major matters reviewed in the year' },
    records: `SELECT r.* FROM (${reviewBase}) r WHERE ${opinedInYear} AND r.category IN ('其他法律文件', '重大事项')` },
  { code: 'opinionsOnTime', label: { zh: '按期出具审查意见', en: 'Opinions given on time' }, definition: { zh: '本年在审查期限内出具意见的事项', en: 'Opinions given within the period' },
    records: `SELECT r.* FROM (${reviewBase}) r WHERE ${opinedInYear} AND r.on_time IS TRUE` },
  { code: 'issuesFound', label: { zh: '提出问题和修改建议', en: 'Issues found' }, definition: { zh: '本年审查意见逐条提出的问题和修改建议', en: 'Issues listed in the opinions of the year' },
    records: `SELECT x.* FROM (${issueBase}) x` },
  { code: 'issuesResolved', label: { zh: '已反馈处理情况的问题', en: 'Issues dealt with' }, definition: { zh: '送审单位已逐条反馈采纳或不采纳的问题', en: 'Issues whose outcome the submitter recorded' },
    records: `SELECT x.* FROM (${issueBase}) x WHERE x.outcome IS NOT NULL` },
  { code: 'issuesAdopted', label: { zh: '采纳审查意见的问题', en: 'Issues adopted' }, definition: { zh: '送审单位采纳的问题和修改建议', en: 'Issues the submitter adopted' },
    records: `SELECT x.* FROM (${issueBase}) x WHERE x.outcome = '采纳'` },
  { code: 'services', label: { zh: '法律顾问服务', en: 'Advisor services' }, definition: { zh: '本年服务台账登记的服务（含审查事项）', en: 'Services logged in the year, reviews included' },
    records: `SELECT x.* FROM (${serviceBase}) x` },
  { code: 'consultations', label: { zh: '提供法律咨询', en: 'Consultations' }, definition: { zh: '本年服务台账登记的法律咨询', en: 'Consultations logged in the year' },
    records: `SELECT x.* FROM (${serviceBase}) x WHERE x.status = '法律咨询'` },
  { code: 'lectures', label: { zh: '开展法治讲座', en: 'Law lectures' }, definition: { zh: '本年服务台账登记的法治讲座', en: 'Lectures logged in the year' },
    records: `SELECT x.* FROM (${serviceBase}) x WHERE x.status = '法治讲座'` },
  { code: 'villages', label: { zh: '村（社区）', en: 'Villages' }, definition: { zh: '所辖村（社区）', en: 'Villages in the org' },
    records: `SELECT x.* FROM (${villageBase}) x` },
  { code: 'villagesCovered', label: { zh: '配备法律顾问的村（社区）', en: 'Villages with an advisor' }, definition: { zh: '本年有聘任的法律顾问的村（社区）（一村一法律顾问）', en: 'Villages with an advisor appointed in the year' },
    records: `SELECT x.* FROM (${villageBase}) x WHERE x.covered` },
];

/** The legal advisors' figures in the metrics registry (`advisors.*`). Hours are summed on the service log, not here: a registry figure is a count of its records. */
export const advisorRegistryMetrics = (): MetricDef[] => [
  ...figures.map((f): MetricDef => ({ code: `advisors.${f.code}`, label: f.label, definition: f.definition, unit: 'count', readPermission: 'advisor.read', records: f.records })),
  { code: 'advisors.onTimeRate', label: { zh: '审查意见按期出具率', en: 'Opinions on time' }, definition: { zh: '按期出具审查意见 ÷ 出具审查意见', en: 'On time ÷ given' },
    unit: 'rate', readPermission: 'advisor.read', numerator: 'advisors.opinionsOnTime', denominator: 'advisors.reviewed' },
  { code: 'advisors.adoptionRate', label: { zh: '审查意见采纳率', en: 'Issues adopted' }, definition: { zh: '采纳的问题 ÷ 已反馈处理情况的问题', en: 'Adopted ÷ dealt with' },
    unit: 'rate', readPermission: 'advisor.read', numerator: 'advisors.issuesAdopted', denominator: 'advisors.issuesResolved' },
  { code: 'advisors.coverage', label: { zh: '一村一法律顾问覆盖率', en: 'Villages with an advisor' }, definition: { zh: '配备法律顾问的村（社区） ÷ 村（社区）', en: 'Villages with an advisor ÷ villages' },
    unit: 'rate', readPermission: 'advisor.read', numerator: 'advisors.villagesCovered', denominator: 'advisors.villages' },
];
