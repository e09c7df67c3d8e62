import type { MetricDef } from '../../platform/metrics/metrics.ts';
import type { Label } from '../../platform/cases/definition.ts';

/**
 * The leadership group's own figures (seed 一, 二(一)): members, the implementation plan's
 * tasks and how they were done, supervision notices, the budget line. `$1` year, `$2` the
 * townships in reach, `$3` the org whose subtree is counted; each row carries what a figure's
 * records show (id, ref, title, status, received_on, ended_on, org_name) and org_id, township_id.
 */
const inScope = (alias: string): string =>
  `${alias}.township_id = ANY($2::uuid[]) AND ${alias}.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

/** Members who sat in the group at some time in the year. */
const members = `
  SELECT m.id, m.place AS ref, m.name || '（' || m.post || '）' AS title, CASE WHEN m.until_on IS NULL THEN 'active' ELSE 'ended' END AS status,
         m.from_on AS received_on, m.until_on AS ended_on, o.name AS org_name, m.org_id, m.township_id
    FROM leadership_members m JOIN orgs o ON o.id = m.org_id
   WHERE ${inScope('m')} AND m.from_on <= make_date($1, 12, 31) AND (m.until_on IS NULL OR m.until_on >= make_date($1, 1, 1))`;

/** The tasks of the year's implementation plans (withdrawn ones left out), with their due clock. */
export const taskBase = `
  SELECT k.id, k.ref, k.title, k.status, k.received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id,
         d.status AS clock_status, d.due_date, d.on_time
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
    JOIN governance_plans p ON p.id::text = k.data ->> 'planId' AND p.township_id = k.township_id
    LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'due'
   WHERE k.case_type = 'plan_task' AND k.status <> 'withdrawn' AND p.year = $1 AND ${inScope('k')}`;

const tasks = (where: string): string => `WITH t AS (${taskBase}) SELECT t.* FROM t WHERE ${where}`;

/**
 * The tasks supervised in the year (a figure's records are distinct records): each once, its
 * title with the number of notices it had that year.
 */
const supervised = `
  SELECT k.id, k.ref, k.title || '（督办' || n.notices || '次）' AS title, k.status, n.first_on AS received_on, k.ended_on, o.name AS org_name, k.org_id, k.township_id
    FROM cases k JOIN orgs o ON o.id = k.org_id
    JOIN LATERAL (SELECT count(*) AS notices, min((e.payload ->> 'on')::date) AS first_on FROM case_events e
                   WHERE e.case_id = k.id AND e.transition = 'supervise' AND extract(year FROM (e.payload ->> 'on')::date) = $1) n ON n.notices > 0
   WHERE k.case_type = 'plan_task' AND ${inScope('k')}`;

const budgetLine = `
  SELECT b.id, '预算' AS ref, b.year || '年法治建设经费预算' || b.amount::text || '元' AS title, 'budgeted' AS status,
         make_date(b.year, 1, 1) AS received_on, NULL::date AS ended_on, o.name AS org_name, b.org_id, b.township_id
    FROM governance_budgets b JOIN orgs o ON o.id = b.org_id WHERE b.year = $1 AND ${inScope('b')}`;

const spending = `
  SELECT s.id, '支出' AS ref, s.purpose || '：' || s.amount::text || '元' AS title, 'spent' AS status,
         s.spent_on AS received_on, s.spent_on AS ended_on, o.name AS org_name, s.org_id, s.township_id
    FROM governance_spending s JOIN orgs o ON o.id = s.org_id WHERE s.year = $1 AND ${inScope('s')}`;

const count = (code: string, label: Label, definition: Label, records: string): MetricDef =>
  ({ code: `governance.${code}`, label, definition, unit: 'count', readPermission: 'governance.read', records });

export const leadershipRegistryMetrics = (): MetricDef[] => [
  count('leadershipMembers', { zh: '法治建设领导小组成员', en: 'Leadership group members' }, { zh: '本年内在任的领导小组成员（含年内调整）', en: 'Members who sat in the group in the year' }, members),
  count('planTasks', { zh: '实施方案任务', en: 'Plan tasks' }, { zh: '本年实施方案分解的任务（不含撤销）', en: "Tasks of the year's implementation plans (withdrawn left out)" }, tasks('true')),
  count('planTasksCompleted', { zh: '完成的实施方案任务', en: 'Plan tasks completed' }, { zh: '经领导小组办公室核验办结的任务', en: 'Tasks verified and closed by the office' }, tasks("t.status = 'closed'")),
  count('planTasksOnTime', { zh: '按期完成的实施方案任务', en: 'Plan tasks completed on time' }, { zh: '在完成时限内报送完成并经核验办结的任务', en: 'Closed tasks reported done by their due date' },
    tasks("t.status = 'closed' AND t.on_time")),
  count('planTasksOverdue', { zh: '逾期的实施方案任务', en: 'Plan tasks overdue' }, { zh: '超过完成时限仍未完成或逾期完成的任务', en: 'Tasks past their due date undone, or done late' },
    tasks("(t.clock_status = 'missed' OR (t.clock_status = 'running' AND t.due_date < (now() AT TIME ZONE 'Asia/Shanghai')::date))")),
  count('supervisedTasks', { zh: '督办的实施方案任务', en: 'Plan tasks supervised' }, { zh: '本年收到督办通知的任务（记录载明督办次数）', en: 'Tasks given a supervision notice in the year (each record names how many)' }, supervised),
  count('budgetLines', { zh: '法治建设经费列入预算', en: 'Rule-of-law budget lines' }, { zh: '本年列入财政预算的法治建设经费（记录载明金额）', en: "The year's budget line (the record gives the amount)" }, budgetLine),
  count('budgetItems', { zh: '法治建设经费支出', en: 'Rule-of-law budget items spent' }, { zh: '本年法治建设经费的支出笔数（记录载明金额和用途）', en: 'Items spent in the year (each record gives amount and purpose)' }, spending),
  { code: 'governance.planOnTimeRate', label: { zh: '实施方案任务按期完成率', en: 'Plan tasks done on time' }, definition: { zh: '按期完成的任务 / 完成的任务', en: 'On time / completed' },
    unit: 'rate', readPermission: 'governance.read', numerator: 'governance.planTasksOnTime', denominator: 'governance.planTasksCompleted' },
];
