import type { MetricDef } from '../../platform/metrics/metrics.ts';
import type { Label } from '../../platform/cases/definition.ts';
import { kindIntervalsSql, registerKindCatalogue } from './safety.kinds.ts';
import { filingDueSql } from './cameras.repository.ts';

/**
 * The public-safety figures of the metrics registry ($1 year, $2 townships in reach, $3 the
 * org whose subtree is counted). A record's title names its register (or camera) and
 * village, never a person: personal data stays on the register's own pages.
 */
const inSubtree = (t: string): string => `${t}.township_id = ANY($2::uuid[]) AND ${t}.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;
const kindLabels = `(VALUES ${registerKindCatalogue.map((k) => `('${k.code}', '${k.zh}')`).join(', ')}) AS kl(kind, label)`;

/** People on a register at some time in the year (registered by its end, not closed before its start). */
const persons = `
  SELECT p.id, p.ref, kl.label || '：' || o.name AS title, p.risk_level AS status, p.registered_on AS received_on, p.closed_on AS ended_on,
         o.name AS org_name, p.org_id, p.township_id, p.kind
    FROM safety_persons p JOIN orgs o ON o.id = p.org_id JOIN ${kindLabels} ON kl.kind = p.kind
   WHERE ${inSubtree('p')} AND p.registered_on <= make_date($1, 12, 31) AND (p.closed_on IS NULL OR p.closed_on >= make_date($1, 1, 1))`;

/** Visits made in the year; on schedule when within the kind's interval after the visit before (or the registration). */
const visits = `
  SELECT x.id, x.ref, x.title, x.status, x.received_on, x.ended_on, x.org_name, x.org_id, x.township_id, x.on_schedule FROM (
    SELECT v.id, p.ref, kl.label || '走访：' || o.name AS title, coalesce(v.risk_level, p.risk_level) AS status, v.visited_on AS received_on, NULL::date AS ended_on,
           o.name AS org_name, v.org_id, v.township_id,
           v.visited_on <= coalesce(lag(v.visited_on) OVER (PARTITION BY v.person_id ORDER BY v.visited_on, v.created_at), p.registered_on) + ki.every_days AS on_schedule
      FROM safety_visits v JOIN safety_persons p ON p.id = v.person_id JOIN orgs o ON o.id = v.org_id
      JOIN ${kindLabels} ON kl.kind = p.kind JOIN ${kindIntervalsSql()} ON ki.kind = p.kind
     WHERE ${inSubtree('v')}) x
   WHERE extract(year FROM x.received_on) = $1`;

/** Cameras in service by the end of the year, with the day their 备案 was due (条例 第十四条). */
const cameras = `
  SELECT c.id, c.device_id AS ref, c.name || '（' || o.name || '）' AS title, CASE WHEN c.filed_on IS NULL THEN '未备案' ELSE '已备案' END AS status,
         c.installed_on AS received_on, c.filed_on AS ended_on, o.name AS org_name, c.org_id, c.township_id,
         ${filingDueSql('c.installed_on')} AS filing_due, c.filed_on
    FROM safety_cameras c JOIN orgs o ON o.id = c.org_id
   WHERE ${inSubtree('c')} AND c.installed_on <= make_date($1, 12, 31)`;

const count = (name: string, label: Label, definition: Label, base: string, where: string, readPermission: 'safety.register.read' | 'safety.camera.read'): MetricDef => ({
  code: `safety.${name}`, label, definition, unit: 'count', readPermission, records: `WITH m AS (${base}) SELECT m.* FROM m WHERE ${where}`,
});
const kindCode = (code: string): string => code.split('_').map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join('');

export const safetyMetrics = (): MetricDef[] => [
  count('persons', { zh: '重点人群登记人数', en: 'People on the registers' }, { zh: '当年在册的重点人群（年底前登记、年初后未销册）', en: 'People on a register at some time in the year' }, persons, 'true', 'safety.register.read'),
  ...registerKindCatalogue.map((k) => count(`persons${kindCode(k.code)}`, { zh: `在册人数：${k.zh}`, en: `On the register: ${k.en}` },
    { zh: `当年在册的${k.zh}（${k.basis}）`, en: `${k.en} on the register in the year` }, persons, `m.kind = '${k.code}'`, 'safety.register.read')),
  count('personsHighRisk', { zh: '高风险人员', en: 'High-risk people' }, { zh: '当年在册且当前风险等级为高的人员', en: 'People on a register whose current risk level is high' }, persons, "m.status = 'high'", 'safety.register.read'),
  count('visits', { zh: '走访次数', en: 'Visits' }, { zh: '当年对重点人群的走访', en: 'Visits to people on the registers in the year' }, visits, 'true', 'safety.register.read'),
  count('visitsOnSchedule', { zh: '按期走访次数', en: 'Visits on schedule' }, { zh: '距上次走访（或登记）未超过该类人员走访周期的走访', en: 'Visits within the kind\'s interval after the one before (or the registration)' }, visits, 'm.on_schedule', 'safety.register.read'),
  { code: 'safety.visitOnScheduleRate', label: { zh: '按期走访率', en: 'Visits on schedule (rate)' }, definition: { zh: '按期走访次数 ÷ 走访次数', en: 'Visits on schedule ÷ visits' },
    unit: 'rate', readPermission: 'safety.register.read', numerator: 'safety.visitsOnSchedule', denominator: 'safety.visits' },
  count('cameras', { zh: '视频监控设备', en: 'Cameras' }, { zh: '年底前已安装启用并登记的公共安全视频图像采集设备', en: 'Cameras registered and in service by the end of the year' }, cameras, 'true', 'safety.camera.read'),
  count('camerasFilingDue', { zh: '当年应备案设备', en: 'Cameras due for filing' }, { zh: '备案期限（条例第十四条：启用后30日内；施行前已启用的，2025年6月30日前）在当年的设备', en: 'Cameras whose filing fell due in the year (regulation art. 14)' },
    cameras, 'extract(year FROM m.filing_due) = $1', 'safety.camera.read'),
  count('camerasFiledOnTime', { zh: '按期备案设备', en: 'Cameras filed on time' }, { zh: '当年应备案且在期限内向县级公安机关备案的设备', en: 'Cameras due in the year and filed with the county police in time' },
    cameras, 'extract(year FROM m.filing_due) = $1 AND m.filed_on <= m.filing_due', 'safety.camera.read'),
  { code: 'safety.filingOnTimeRate', label: { zh: '按期备案率', en: 'Filed on time (rate)' }, definition: { zh: '按期备案设备 ÷ 当年应备案设备', en: 'Filed on time ÷ due in the year' },
    unit: 'rate', readPermission: 'safety.camera.read', numerator: 'safety.camerasFiledOnTime', denominator: 'safety.camerasFilingDue' },
];
