import { Type } from 'typebox';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { AppError } from '../../platform/errors.ts';
import { canAt } from '../../platform/access/scope.ts';
import { permissionHoldersAt } from '../../platform/notifications/recipients.ts';
import { caseLink, notifyUsers } from '../../platform/notifications/notify.ts';
import { text, optionalText, closed } from '../../platform/cases/step-fields.ts';

/**
 * The implementation plan's tasks under supervision (督办). Seed 二(一): the township's
 * leadership group adopts 《张八桥镇法治政府建设实施方案》 and "明确各成员单位任务分工"; seed 一:
 * 将法治建设纳入年度工作计划, the principal leaders answering for it as first responsible persons
 * (党政主要负责人履行推进法治建设第一责任人职责, seed 一; the regulation itself is not in
 * ../shared/laws). Each task is a case at its owner unit (an office or a village), its due
 * date the plan's (the engine's clock `due`, given at registration: `dueFrom`).
 */
export const planTaskCategories = ['依法全面履行职能', '依法科学民主决策', '严格规范公正文明执法', '权力制约监督', '矛盾纠纷化解', '普法与学法', '政务公开', '其他'] as const;

const day = (zh: string, en: string) => Type.String({ title: zh, description: en, format: 'date' });

/** A task is registered from a plan of the case's township, by its leadership group's office (governance.handle at the township). */
const intakeCheck: CaseTypeDef['intakeCheck'] = async (ctx, input) => {
  if (!ctx.principal || !(await canAt(ctx.client, ctx.principal, 'governance.handle', input.townshipId))) throw new AppError('FORBIDDEN');
  const planId = typeof input.data.planId === 'string' ? input.data.planId : '';
  const plan = /^[0-9a-f-]{36}$/.test(planId)
    ? (await ctx.client.query<{ adopted_on: string }>(`SELECT to_char(adopted_on, 'YYYY-MM-DD') AS adopted_on FROM governance_plans WHERE id = $1 AND township_id = $2`, [planId, input.townshipId])).rows[0]
    : undefined;
  if (!plan) throw new AppError('GOVERNANCE_PLAN_NOT_FOUND', { field: 'planId' });
  if (String(input.data.dueOn) <= plan.adopted_on) throw new AppError('GOVERNANCE_DUE_OUTSIDE_PLAN', { field: 'dueOn', adoptedOn: plan.adopted_on });
};

/** How many supervision notices the task has had and how many were answered (from the engine's timeline). */
export const supervisionCounts = async (ctx: CaseCtx, caseId: string): Promise<{ notices: number; replies: number }> => {
  const r = (await ctx.client.query<{ notices: number; replies: number }>(
    `SELECT count(*) FILTER (WHERE transition = 'supervise')::int AS notices, count(*) FILTER (WHERE transition = 'reply_supervision')::int AS replies
       FROM case_events WHERE case_id = $1`, [caseId])).rows[0];
  return r ?? { notices: 0, replies: 0 };
};

const superviseRule = async (_ctx: CaseCtx, _caseId: string, fields: Readonly<Record<string, unknown>>, on: string): Promise<void> => {
  if (String(fields.replyBy) <= on) throw new AppError('GOVERNANCE_REPLY_BY_INVALID', { field: 'replyBy' });
};

const replyRule = async (ctx: CaseCtx, caseId: string): Promise<void> => {
  const s = await supervisionCounts(ctx, caseId);
  if (s.replies >= s.notices) throw new AppError('GOVERNANCE_NO_SUPERVISION');
};

/** The owner unit hears of the notice: its handlers of the task and everyone there who carries tasks out. */
const notifyOwner = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const k = (await ctx.client.query<{ ref: string; title: string; org_id: string; township_id: string; township: string }>(
    `SELECT k.ref, k.title, k.org_id, k.township_id, t.name AS township FROM cases k JOIN orgs t ON t.id = k.township_id WHERE k.id = $1`, [caseId])).rows[0];
  if (!k) return;
  const assignees = (await ctx.client.query<{ user_id: string }>('SELECT user_id FROM case_assignees WHERE case_id = $1', [caseId])).rows.map((r) => r.user_id);
  const holders = assignees.length > 0 ? assignees : await permissionHoldersAt(ctx.client, 'governance.task', k.org_id);
  await notifyUsers(ctx.client, holders, {
    kind: 'task.supervision', townshipId: k.township_id, caseId, link: caseLink(caseId),
    params: { township: k.township, ref: k.ref, title: k.title, note: typeof fields.notice === 'string' ? fields.notice : '', replyBy: typeof fields.replyBy === 'string' ? fields.replyBy : '' },
  });
};

/**
 * A task of the implementation plan as a case: registered from the plan with its owner unit
 * (the case's org), owner person, category and due date; the owner reports progress (as often
 * as needed), answers each supervision notice and reports it done with the result and the
 * evidence (files attached on the case page); the office verifies and closes it. The office
 * supervises (督办: a notice with a day for the reply; the owner is notified) and extends the
 * due date only through the engine's extension, with a reason, kept on the clock and the
 * timeline. The due clock stops when the owner reports the task done: on time or late.
 */
export const planTaskCaseType: CaseTypeDef = {
  code: 'plan_task', refCode: '督', label: { zh: '法治建设任务', en: 'Rule-of-law plan task' },
  readPermission: 'governance.read', handlePermission: 'governance.task', citizenFacing: false,
  initial: 'in_progress',
  categories: planTaskCategories,
  intake: Type.Object({
    planId: Type.String({ title: '实施方案', description: 'Implementation plan', format: 'uuid' }),
    dueOn: day('完成时限', 'Due date'),
    owner: text('责任人', 'Owner (person)', 32),
    measures: optionalText('工作要求', 'What is to be done', 5000),
  }, closed),
  intakeCheck,
  searchFields: ['owner', 'measures'],
  states: {
    in_progress: { label: { zh: '推进中', en: 'In progress' }, kind: 'open' },
    reported_done: { label: { zh: '已报完成（待核验）', en: 'Reported done (to verify)' }, kind: 'open' },
    closed: { label: { zh: '已完成', en: 'Completed' }, kind: 'closed' },
    withdrawn: { label: { zh: '已撤销', en: 'Withdrawn' }, kind: 'terminal', branch: true },
  },
  transitions: [
    { key: 'report_progress', label: { zh: '报告进展', en: 'Report progress' }, from: ['in_progress'], to: 'in_progress', permission: 'governance.task',
      fields: Type.Object({ progress: text('进展情况', 'Progress', 5000) }, closed) },
    { key: 'supervise', label: { zh: '督办', en: 'Supervise' }, from: ['in_progress'], to: 'in_progress', permission: 'governance.handle',
      fields: Type.Object({ notice: text('督办意见', 'Supervision notice', 2000), replyBy: day('回复期限', 'Reply by') }, closed),
      precondition: superviseRule, effect: notifyOwner },
    { key: 'reply_supervision', label: { zh: '回复督办', en: 'Reply to supervision' }, from: ['in_progress'], to: 'in_progress', permission: 'governance.task',
      fields: Type.Object({ reply: text('办理情况回复', 'Reply', 5000) }, closed), precondition: replyRule },
    { key: 'complete', label: { zh: '报送完成情况', en: 'Report done' }, from: ['in_progress'], to: 'reported_done', permission: 'governance.task',
      fields: Type.Object({ result: text('完成情况', 'Result', 5000), evidence: text('佐证材料（已上传的文件或存档位置）', 'Evidence (files uploaded or where kept)', 1000) }, closed) },
    { key: 'verify', label: { zh: '核验办结', en: 'Verify and close' }, from: ['reported_done'], to: 'closed', permission: 'governance.handle',
      fields: Type.Object({ verdict: text('核验意见', 'Verification', 2000) }, closed) },
    { key: 'withdraw', label: { zh: '撤销任务', en: 'Withdraw' }, from: ['in_progress'], to: 'withdrawn', permission: 'governance.handle',
      fields: Type.Object({ reason: text('撤销原因（如方案调整）', 'Reason', 1000) }, closed) },
  ],
  deadlines: [
    { key: 'due', label: { zh: '完成时限', en: 'Due date' }, length: 365, unit: 'cd', startOn: 'created', dueFrom: 'dueOn', stopOn: ['complete'],
      remindBefore: { length: 5, unit: 'wd' }, escalateTo: 'governance.handle',
      // The office may move the due date only by an extension with its reason, kept on the clock.
      extension: { max: 366, approver: 'governance.handle', notifyParty: false },
      basis: '法治建设实施方案确定的完成时限（经法治建设工作领导小组会议审议通过）' },
  ],
};
