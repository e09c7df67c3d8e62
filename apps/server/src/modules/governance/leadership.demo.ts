import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal, type Principal } from '../../platform/access/principal.ts';
import { sealField } from '../../platform/crypto/sm.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { extendDeadline } from '../../platform/cases/case-actions.ts';

/**
 * The demo town's leadership group, its 2023 implementation plan and budget line, as the seed
 * report has them (一: 以镇党委书记任组长，党政班子成员任副组长，司法所、派出所及各村委为成员的法治建设
 * 工作领导小组; 二(一): 镇党委书记吕跃红、镇长杨璞, 制定《张八桥镇法治政府建设实施方案》, 经费列入镇
 * 年度财政预算). The eleven members are those the governance demo's meetings count as due; the
 * other names, the document number, the tasks and the amounts are invented samples.
 */
type M = { place: '组长' | '副组长' | '成员' | '办公室主任'; name: string; post: string; unit?: string; from?: string; until?: string; phone?: string };
const roster: M[] = [
  { place: '组长', name: '吕跃红', post: '镇党委书记', unit: 'zhangbaqiao' },
  { place: '副组长', name: '杨璞', post: '镇党委副书记、镇长', unit: 'zhangbaqiao' },
  { place: '副组长', name: '李建军', post: '副镇长', unit: 'zhangbaqiao' },
  // A change of post in the year: the membership ends, the successor's begins the next day.
  { place: '副组长', name: '王志强', post: '副镇长', unit: 'zhangbaqiao', until: '2023-08-31' },
  { place: '副组长', name: '陈晓东', post: '副镇长', unit: 'zhangbaqiao', from: '2023-09-01' },
  { place: '副组长', name: '赵红梅', post: '镇党委委员、组织委员', unit: 'zhangbaqiao' },
  { place: '副组长', name: '钱国庆', post: '镇党委委员、政法委员', unit: 'zhangbaqiao' },
  { place: '办公室主任', name: '吴刚', post: '党政办主任', unit: 'dzb', phone: '13837500001' },
  { place: '成员', name: '王芳', post: '司法所所长', unit: 'sfs', phone: '13837500002' },
  { place: '成员', name: '刘卫国', post: '张八桥派出所所长' },
  { place: '成员', name: '王建国', post: '东营村党支部书记、村委会主任', unit: 'S01' },
  { place: '成员', name: '钱卫东', post: '西营村党支部书记、村委会主任', unit: 'S02' },
];

/** A task: owner unit (org code) and person, the user who carries it out, due date, and what happened. */
type T = {
  title: string; category: string; unit: string; owner: string; user: string; due: string; measures: string;
  progress?: string; supervise?: { on: string; replyBy: string; reply: string }[]; extend?: { days: number; reason: string };
  done: string; result: string;
};
const plan = { title: '张八桥镇2023年法治政府建设实施方案', docNo: '张政〔2023〕5号' };
const tasks: T[] = [
  { title: '调整充实法治建设工作领导小组，明确成员单位职责', category: '依法全面履行职能', unit: 'dzb', owner: '吴刚', user: 'dangzheng', due: '2023-04-28', measures: '印发领导小组调整通知和成员单位职责分工', done: '2023-04-20', result: '已印发调整通知和职责分工' },
  { title: '制定年度领导干部学法计划，落实中心组学法和周五学习', category: '普法与学法', unit: 'dzb', owner: '吴刚', user: 'dangzheng', due: '2023-04-28', measures: '将习近平法治思想和宪法纳入中心组学习计划', done: '2023-04-14', result: '学法计划已印发，每月中心组学法' },
  { title: '健全律师顾问团工作机制，重大涉法事务审查全覆盖', category: '依法科学民主决策', unit: 'dzb', owner: '吴刚', user: 'dangzheng', due: '2023-06-30', measures: '续签法律顾问合同，建立审查台账', done: '2023-06-21', result: '续签合同，审查台账建立' },
  { title: '推进公共法律服务工作站和18个村公共法律服务室运行', category: '矛盾纠纷化解', unit: 'sfs', owner: '王芳', user: 'sifa', due: '2023-06-30', measures: '站、室挂牌，值班和服务台账规范', progress: '站点挂牌完成，村服务室值班表已排定', done: '2023-06-28', result: '镇站和18个村服务室正常运行' },
  { title: '开展乡村法律明白人培训', category: '普法与学法', unit: 'sfs', owner: '王芳', user: 'sifa', due: '2023-09-30', measures: '每村培训法律明白人不少于3名',
    supervise: [{ on: '2023-09-04', replyBy: '2023-09-11', reply: '已完成12个村培训，其余6个村9月下旬完成' }], done: '2023-09-27', result: '18个村法律明白人培训全覆盖' },
  { title: '开展“法治建设知识竞赛”', category: '普法与学法', unit: 'sfs', owner: '王芳', user: 'sifa', due: '2023-10-31', measures: '组织镇村干部参赛', done: '2023-10-20', result: '竞赛举办，镇村干部参赛' },
  { title: '人民调解组织网络规范化建设，矛盾纠纷排查调处全覆盖', category: '矛盾纠纷化解', unit: 'zzzx', owner: '陈明', user: 'zongzhi', due: '2023-11-30', measures: '镇综治办为龙头、司法所为主阵地、村调委会为基础', done: '2023-11-24', result: '调解组织网格体系建立，排查台账每月更新' },
  { title: '依法分类处理信访投诉请求，打造阳光信访', category: '矛盾纠纷化解', unit: 'xfb', owner: '刘洋', user: 'xinfang', due: '2023-11-30', measures: '信访事项按期受理、答复，台账规范', done: '2023-11-17', result: '信访事项均按期受理答复' },
  { title: '行政执法人员年度法治培训和考试', category: '严格规范公正文明执法', unit: 'zfd', owner: '孙强', user: 'zhifa', due: '2023-08-31', measures: '培训参与率、考试合格率100%',
    extend: { days: 30, reason: '县级统一考试延至9月举行' }, done: '2023-09-26', result: '培训参与率100%，考试合格率100%' },
  { title: '推进“一件事一次办”和网上预约办事', category: '依法全面履行职能', unit: 'zwfw', owner: '政务服务中心主任', user: 'dangzheng', due: '2023-12-15', measures: '梳理事项清单，开设企业绿色通道', done: '2023-12-08', result: '事项清单公布，绿色通道开设' },
  { title: '东营村创建民主法治示范村', category: '普法与学法', unit: 'S01', owner: '王建国', user: 'wanggezhang', due: '2023-10-31', measures: '对照创建标准完善村规民约、村务公开', done: '2023-10-25', result: '创建材料报县级验收' },
  { title: '西营村修订村规民约并经合法性审查', category: '依法科学民主决策', unit: 'S02', owner: '钱卫东', user: 'wanggezhang2', due: '2023-07-31', measures: '修订草案经村民会议讨论，报镇法律顾问审查',
    supervise: [{ on: '2023-08-07', replyBy: '2023-08-14', reply: '草案已经村民代表会议讨论，待法律顾问审查' }, { on: '2023-08-21', replyBy: '2023-08-28', reply: '法律顾问已出具意见，8月底前完成' }],
    done: '2023-08-30', result: '村规民约修订完成，经合法性审查后公布' },
];
const budget = { amount: '50000.00', note: '法治示范创建工作经费，列入镇2023年度财政预算' };
const spending: { on: string; amount: string; purpose: string }[] = [
  { on: '2023-03-28', amount: '12800.00', purpose: '普法宣传页、书籍印制' },
  { on: '2023-06-21', amount: '18000.00', purpose: '律师顾问团法律顾问服务费' },
  { on: '2023-09-20', amount: '4200.00', purpose: '乡村法律明白人培训' },
  { on: '2023-10-20', amount: '3650.50', purpose: '法治建设知识竞赛' },
  { on: '2023-10-25', amount: '8000.00', purpose: '民主法治示范村创建' },
];

const addDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const seedLeadershipDemo = async (c: Client, platform: Platform): Promise<number> => {
  const orgs = new Map((await c.query<{ code: string; id: string }>('SELECT code, id FROM orgs WHERE code IS NOT NULL')).rows.map((r) => [r.code, r.id]));
  const township = orgs.get('zhangbaqiao');
  const users = new Map((await c.query<{ username: string; id: string }>('SELECT username, id FROM users')).rows.map((r) => [r.username, r.id]));
  const clerkId = users.get('dangzheng');
  if (!township || !clerkId) return 0;
  const principals = new Map<string, Principal>();
  const principal = async (username: string): Promise<Principal> => {
    let p = principals.get(username);
    if (!p) {
      const id = users.get(username) ?? clerkId;
      principals.set(username, (p = (await loadPrincipal(c, id, 'session'))!));
    }
    return p;
  };
  let day = '2023-01-01';
  const ctxOf = async (username: string): Promise<CaseCtx> => {
    const p = await principal(username);
    const actor = { principal: p, ip: null, requestId: 'demo' };
    return { client: c, principal: p, actor, audit: auditor(c, actor), engine: { ...platform.cases, today: () => day } };
  };

  await c.query(`INSERT INTO leadership_groups (township_id, org_id, name, office_org_id, updated_by) VALUES ($1, $1, '张八桥镇法治建设工作领导小组', $2, $3)`,
    [township, orgs.get('dzb') ?? null, clerkId]);
  for (const [i, m] of roster.entries()) {
    await c.query(`INSERT INTO leadership_members (township_id, org_id, place, name, post, unit_org_id, phone_enc, from_on, until_on, sort_order, created_by)
                   VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [township, m.place, m.name, m.post, m.unit ? (orgs.get(m.unit) ?? null) : null, m.phone ? sealField(platform.keys.fields, m.phone) : null,
      m.from ?? '2023-01-01', m.until ?? null, i, clerkId]);
  }

  // Adopted at the year's first leadership group meeting (governance.demo.ts: 审议《张八桥镇法治政府建设实施方案》).
  const meeting = (await c.query<{ id: string; held_on: string }>(
    `SELECT k.id, e.payload ->> 'on' AS held_on FROM cases k JOIN case_events e ON e.case_id = k.id AND e.transition = 'hold'
      WHERE k.township_id = $1 AND k.case_type = 'meeting' AND k.category = '法治建设领导小组会议' AND k.year = 2023 ORDER BY k.ref LIMIT 1`, [township])).rows[0];
  const adoptedOn = meeting?.held_on ?? '2023-03-14';
  const planId = (await c.query<{ id: string }>(
    `INSERT INTO governance_plans (township_id, org_id, year, title, doc_no, adopted_on, meeting_case_id, created_by) VALUES ($1, $1, 2023, $2, $3, $4, $5, $6) RETURNING id`,
    [township, plan.title, plan.docNo, adoptedOn, meeting?.id ?? null, clerkId])).rows[0]?.id ?? '';

  let made = 0;
  for (const t of tasks) {
    const orgId = orgs.get(t.unit);
    if (!orgId) continue;
    day = addDays(adoptedOn, 1);
    const office = await ctxOf('dangzheng');
    const owner = await ctxOf(t.user);
    const kase = await createCase(office, { type: 'plan_task', orgId, title: t.title, category: t.category, receivedOn: day, assigneeIds: [(await principal(t.user)).userId],
      data: { planId, dueOn: t.due, owner: t.owner, measures: t.measures } });
    made++;
    let v = 1;
    const step = async (ctx: CaseCtx, on: string, transition: string, fields: Record<string, unknown>): Promise<void> => {
      day = on;
      v = (await takeTransition(ctx, kase.id, { transition, version: v, on, fields })).version;
    };
    if (t.progress) await step(owner, addDays(t.done, -30), 'report_progress', { progress: t.progress });
    for (const s of t.supervise ?? []) {
      await step(office, s.on, 'supervise', { notice: `请按实施方案要求抓紧推进，于${s.replyBy}前书面回复办理进展`, replyBy: s.replyBy });
      await step(owner, addDays(s.on, 3), 'reply_supervision', { reply: s.reply });
    }
    if (t.extend) {
      day = addDays(t.due, -10);
      await extendDeadline(office, kase.id, 'due', t.extend.days, t.extend.reason);
      v = (await c.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [kase.id])).rows[0]?.version ?? v;
    }
    await step(owner, t.done, 'complete', { result: t.result, evidence: '工作台账、照片和文件扫描件（已上传）' });
    await step(office, addDays(t.done, 5), 'verify', { verdict: '经核验，任务已按实施方案要求完成' });
  }
  // The supervision notices of 2023 are past: the bell keeps only current ones.
  await c.query("DELETE FROM notifications WHERE kind = 'task.supervision' AND case_id IN (SELECT id FROM cases WHERE case_type = 'plan_task' AND year = 2023)");

  await c.query('INSERT INTO governance_budgets (township_id, org_id, year, amount, note, updated_by) VALUES ($1, $1, 2023, $2::numeric, $3, $4)',
    [township, budget.amount, budget.note, clerkId]);
  for (const s of spending) {
    await c.query('INSERT INTO governance_spending (township_id, org_id, year, spent_on, amount, purpose, created_by) VALUES ($1, $1, 2023, $2, $3::numeric, $4, $5)',
      [township, s.on, s.amount, s.purpose, clerkId]);
  }
  return made;
};
