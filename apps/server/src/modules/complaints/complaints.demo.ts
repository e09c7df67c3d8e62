import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal } from '../../platform/access/principal.ts';
import { addDays } from '../../platform/calendar/index.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { writeComplaint } from './use-cases/register-complaint.ts';
import type { ComplaintChannel } from './complaints.workflow.ts';

/** A small seeded generator: the demo is the same on every machine. */
const prng = (seed: number) => () => {
  let t = (seed += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Invented complaints about the town's own work: nothing here is a real person or a real case. */
const sketches: { category: string; subject: string; facts: string; reply: string }[] = [
  { category: '政务服务', subject: '镇便民服务中心', facts: '到便民服务中心办理社保卡补办，窗口工作人员称系统故障让改天再来，连续去了两次都没办成。', reply: '经核实系统当日升级，已安排专人电话预约，次日为来电人办结补办手续，并对窗口一次性告知不到位进行了批评教育。' },
  { category: '工作作风', subject: '村委会值班人员', facts: '工作日上午到村委会开具证明，值班室无人，电话也无人接听。', reply: '已约谈该村党支部书记，落实村干部坐班值班制度并公示值班电话，证明已为来电人开具。' },
  { category: '城乡建设', subject: '村内道路维修', facts: '村内主干道路面破损严重，雨天积水，反映多次未见维修。', reply: '已将该路段纳入今年农村公路养护计划，破损路面已于本周完成修补，积水点增设排水口。' },
  { category: '环境卫生', subject: '垃圾清运', facts: '村口垃圾池一周未清运，气味很大，影响周边住户。', reply: '已督促保洁公司当日完成清运，调整为每两日清运一次，并将清运时间在村务公开栏公示。' },
  { category: '农业农村', subject: '耕地地力保护补贴发放', facts: '今年的耕地地力保护补贴至今没有到账，询问村里说不清楚。', reply: '经查因来电人银行账户信息变更未及时更新，已协助变更账户，补贴已补发到账。' },
  { category: '社会保障', subject: '城乡居民养老保险认证', facts: '老人行动不便，无法到镇上进行养老金领取资格认证，希望上门办理。', reply: '已安排镇社保所工作人员上门为老人完成资格认证，并告知可通过手机应用自助认证。' },
  { category: '交通出行', subject: '乡村公交班次', facts: '镇到县城的公交班次减少，早上七点后一个多小时没有车，上班上学不方便。', reply: '已与县公交公司沟通，早高峰时段增加一个班次，自下月一日起执行。' },
  { category: '市场监管', subject: '集市摊位占道经营', facts: '逢集时摊位占满道路，车辆无法通行，也没有人管理。', reply: '综合行政执法队已在逢集日安排人员现场管理，划定摊位范围，保障道路畅通。' },
  { category: '其他', subject: '路灯不亮', facts: '村东头几盏路灯坏了一个多月，晚上出行不安全。', reply: '已联系供电所和维修单位，损坏路灯已全部更换，今后纳入每月巡查。' },
];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马'];
const givenNames = ['建国', '秀英', '桂兰', '志强', '海军', '玉梅', '国庆', '红霞', '卫东', '春燕', '长江', '丽娟'];

type Plan = { received: string; outcome: 'closed' | 'open' | 'replied'; late: boolean; grade: '满意' | '基本满意' | '不满意'; againGrade: '满意' | '基本满意' | '不满意' };

/**
 * The demo town's complaints as records made through the engine: a modest 2023 (48) and
 * 2024 (57), mostly 12345 work orders, most replied within the period and rated satisfied, a
 * few late, a few reopened after 不满意; and a handful still open this year so the desk shows
 * new, due-soon and overdue ones. Every complaint figure is computed from these records.
 */
export const seedComplaintsDemo = async (c: Client, platform: Platform, today: string): Promise<number> => {
  const rand = prng(12345);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const township = (await c.query<{ id: string; name: string }>("SELECT id, name FROM orgs WHERE code = 'zhangbaqiao'")).rows[0];
  const clerk = (await c.query<{ id: string }>("SELECT id FROM users WHERE username = 'xinfang'")).rows[0];
  const principal = clerk ? await loadPrincipal(c, clerk.id, 'session') : null;
  if (!township || !principal) return 0;
  const villages = (await c.query<{ name: string }>("SELECT name FROM orgs WHERE kind = 'village' AND township_id = $1 ORDER BY code", [township.id])).rows.map((r) => r.name);
  const plans: Plan[] = [];
  const grade = (): Plan['grade'] => { const r = rand(); return r < 0.72 ? '满意' : r < 0.9 ? '基本满意' : '不满意'; };
  for (const [year, n] of [[2023, 48], [2024, 57]] as const) {
    for (let i = 0; i < n; i++) plans.push({ received: addDays(`${year}-01-03`, Math.floor(rand() * 350)), outcome: 'closed', late: rand() < 0.08, grade: grade(), againGrade: rand() < 0.7 ? '基本满意' : '不满意' });
  }
  // This year's open ones: received 1 to 12 days ago, some replied and awaiting the rating.
  for (const [i, back] of [1, 2, 3, 5, 6, 8, 10, 12].entries()) {
    plans.push({ received: addDays(today, -back), outcome: i % 4 === 3 ? 'replied' : 'open', late: false, grade: '满意', againGrade: '满意' });
  }
  plans.sort((a, b) => (a.received < b.received ? -1 : 1));
  let made = 0;
  let seq = 0;
  const portalCases: string[] = [];
  for (const plan of plans) {
    const s = pick(sketches);
    const r = rand();
    const channel: ComplaintChannel = r < 0.6 ? 'hotline' : r < 0.8 ? 'phone' : r < 0.9 ? 'portal' : 'visit';
    let day = plan.received;
    const ctx: CaseCtx = {
      client: c, principal: channel === 'portal' ? null : principal, actor: { principal: channel === 'portal' ? null : principal, ip: null, requestId: 'demo' },
      audit: auditor(c, { principal: channel === 'portal' ? null : principal, ip: null, requestId: 'demo' }), engine: { ...platform.cases, today: () => day },
    };
    const village = pick(villages);
    seq++;
    const kase = await writeComplaint(ctx, {
      orgId: township.id, channel, category: s.category, subject: `${s.subject}（${village}）`, facts: s.facts, receivedOn: day,
      complainant: { name: `${pick(surnames)}${pick(givenNames)}`, phone: `13${Math.floor(rand() * 1e9).toString().padStart(9, '0')}` },
      ...(channel === 'hotline' ? { workOrderNo: `BF${day.replace(/-/g, '')}${String(seq).padStart(4, '0')}`, workOrderDue: addDays(day, 7) } : {}),
    }, channel === 'portal' ? 'public' : channel === 'hotline' ? 'hotline' : 'staff');
    made++;
    if (channel === 'portal') portalCases.push(kase.id);
    // The clerk's steps (a portal complaint's too: the desk handles it once it is in).
    const stepCtx: CaseCtx = { ...ctx, principal, actor: { principal, ip: null, requestId: 'demo' }, audit: auditor(c, { principal, ip: null, requestId: 'demo' }) };
    let version = 1;
    const step = async (transition: string, advance: number, fields: Record<string, unknown>): Promise<void> => {
      day = addDays(day, advance);
      version = (await takeTransition(stepCtx, kase.id, { transition, version, fields, on: day })).version;
    };
    if (plan.outcome === 'open') continue;
    const reply = { content: s.reply, method: pick(['电话', '电话', '短信', '当面', '书面'] as const), office: pick(['信访办', '党政办', '综合行政执法队', '政务服务中心']) };
    await step('reply', plan.outcome === 'replied' ? 0 : plan.late ? 9 + Math.floor(rand() * 4) : 1 + Math.floor(rand() * 5), reply);
    if (plan.outcome === 'replied') continue;
    if (plan.grade !== '不满意') {
      await step('close', 1 + Math.floor(rand() * 3), { satisfaction: plan.grade });
      continue;
    }
    await step('reopen', 1, { reason: '投诉人表示问题未实际解决' });
    await step('reply_again', 2 + Math.floor(rand() * 4), { ...reply, content: `重新办理：${s.reply}` });
    await step('close', 1 + Math.floor(rand() * 2), { satisfaction: plan.againGrade });
  }
  // The arrival notices of the demo's portal complaints were dealt with long ago: they do not fill the clerk's inbox.
  await c.query("DELETE FROM notifications WHERE kind = 'case.new_application' AND case_id = ANY($1::uuid[])", [portalCases]);
  return made;
};
