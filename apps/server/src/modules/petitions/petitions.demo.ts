import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal, type Principal } from '../../platform/access/principal.ts';
import { addDays } from '../../platform/calendar/index.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { extendDeadline } from '../../platform/cases/case-actions.ts';
import { rateCase } from '../../platform/cases/tracking.ts';

/** A small seeded generator: the demo is the same on every machine. */
const prng = (seed: number) => () => {
  let t = (seed += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Invented matters (nothing here is a real person or case). */
const sketches: { category: string; title: string; request: string; facts: string; route?: [string, string] }[] = [
  { category: '土地征收', title: '反映征地补偿款未足额发放', request: '请求核实并足额发放征地补偿款。', facts: '本人承包地被征收用于道路建设，补偿标准公示后实际到账金额少于公示金额。' },
  { category: '农村土地承包', title: '反映承包地被他人占用', request: '请求责令占地人退还承包地。', facts: '本人承包的两亩耕地被邻组村民种植，多次协商未果。', route: ['行政裁决', '县农业农村局'] },
  { category: '宅基地与房屋', title: '反映宅基地审批迟迟未办', request: '请求尽快办理宅基地审批手续。', facts: '本人于去年提交宅基地申请，村组已同意，至今未获审批。' },
  { category: '村务管理', title: '反映村务公开不及时', request: '请求公开村集体收支账目。', facts: '村集体土地流转收益去向不明，村务公开栏长期未更新。' },
  { category: '惠民政策', title: '反映低保资格认定有异议', request: '请求重新审核低保资格。', facts: '本人家庭收入低于标准，申请低保未获批准，未说明理由。' },
  { category: '社会保障', title: '咨询城乡居民养老保险待遇', request: '请求核实养老保险缴费年限。', facts: '本人缴费记录与实际缴费年限不一致，影响待遇领取。' },
  { category: '劳动和社会保障', title: '反映工地拖欠农民工工资', request: '请求督促工程方支付拖欠工资。', facts: '本人在镇区某工地务工三个月，工程结束后工资未结清。', route: ['仲裁', '县劳动人事争议仲裁委员会'] },
  { category: '城乡建设', title: '反映村道破损影响出行', request: '请求维修村内道路。', facts: '村内主干道多处塌陷，雨天积水，群众出行不便。' },
  { category: '环境保护', title: '反映养殖场污水直排', request: '请求查处养殖场污水直排问题。', facts: '村北养殖场将污水直接排入沟渠，气味刺鼻。', route: ['履行法定职责', '县生态环境分局'] },
  { category: '涉法涉诉', title: '对民事判决执行不满', request: '请求督促法院执行判决。', facts: '本人胜诉的民间借贷案件判决生效后，对方至今未履行。', route: ['诉讼', '宝丰县人民法院'] },
  { category: '干部作风', title: '反映村干部办事推诿', request: '请求督促村干部及时出具证明。', facts: '本人多次到村委会开具证明，村干部以各种理由推脱。' },
  { category: '邻里纠纷', title: '反映邻居建房影响采光', request: '请求协调解决采光问题。', facts: '邻居新建三层楼房，距离本人房屋过近，严重影响采光。' },
  { category: '婚姻家庭', title: '反映子女不履行赡养义务', request: '请求督促子女履行赡养义务。', facts: '本人年过七旬，三个子女均不支付赡养费。', route: ['诉讼', '宝丰县人民法院'] },
  { category: '其他', title: '反映治安问题', request: '请求加强夜间巡逻。', facts: '近期村内多次发生电动车被盗。', route: ['公安', '宝丰县公安局张八桥派出所'] },
];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '朱', '郭'];
const givenNames = ['建国', '秀英', '桂兰', '志强', '海军', '玉梅', '国庆', '红霞', '卫东', '金花', '长江', '丽娟'];
const channels = ['走访', '走访', '走访', '来信', '网上', '网上', '电话', '转送交办'] as const;

type Outcome = 'concluded' | 'routed' | 'not_accepted' | 'reviewed' | 'rechecked' | 'withdrawn';

/**
 * The demo town's petitions of 2023 and 2024 as records made through the engine (modest
 * numbers: a town of this size registers a few dozen a year): most investigated and answered,
 * about a quarter routed to a legal procedure, a few not accepted, some extended with the
 * head's approval, a few answered late, a handful taken to 复查 and one to 复核; petitioners
 * who came back with another matter; ratings at the end.
 */
export const seedPetitionDemo = async (c: Client, platform: Platform, today: string): Promise<number> => {
  const rand = prng(1224);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const orgs = (await c.query<{ id: string; code: string; name: string }>("SELECT id, code, name FROM orgs WHERE code ~ '^S[0-9]{2}$' OR code = 'xfb' ORDER BY code")).rows;
  const office = orgs.find((o) => o.code === 'xfb');
  const villages = orgs.filter((o) => /^S\d{2}$/.test(o.code));
  const users = (await c.query<{ id: string; username: string }>("SELECT id, username FROM users WHERE username IN ('xinfang', 'leader')")).rows;
  const clerkId = users.find((u) => u.username === 'xinfang')?.id;
  const leaderId = users.find((u) => u.username === 'leader')?.id;
  if (!office || villages.length === 0 || !clerkId || !leaderId) return 0;
  const clerk = await loadPrincipal(c, clerkId, 'session');
  const leader = await loadPrincipal(c, leaderId, 'session');
  if (!clerk || !leader) return 0;
  let day = today;
  const ctxOf = (principal: Principal): CaseCtx => ({
    client: c, principal, actor: { principal, ip: null, requestId: 'demo' }, audit: auditor(c, { principal, ip: null, requestId: 'demo' }),
    engine: { ...platform.cases, today: () => day },
  });
  const plans: { year: number; outcome: Outcome; late: boolean; extend: boolean }[] = [];
  for (const [year, n] of [[2023, 46], [2024, 39]] as const) {
    for (let i = 0; i < n; i++) {
      const outcome: Outcome = i % 4 === 1 ? 'routed' : i % 13 === 5 ? 'not_accepted' : i % 9 === 3 ? 'reviewed' : i === 20 ? 'rechecked' : i % 23 === 11 ? 'withdrawn' : 'concluded';
      plans.push({ year, outcome, late: i % 15 === 8, extend: i % 7 === 2 });
    }
  }
  const returning: string[] = [];
  let made = 0;
  for (const [i, plan] of plans.entries()) {
    const sketch = plan.outcome === 'routed' ? pick(sketches.filter((s) => s.route)) : pick(sketches.filter((s) => !s.route));
    const village = pick(villages);
    // Every ninth petitioner comes back with another matter (a repeat petitioner, not a repeat matter).
    const comesBack = i % 9 === 7 && returning.length > 0;
    const phone = comesBack ? (returning[i % returning.length] ?? '') : `13${Math.floor(rand() * 1e9).toString().padStart(9, '0')}`;
    if (!comesBack && i % 5 === 0) returning.push(phone);
    const name = `${pick(surnames)}${pick(givenNames)}`;
    const channel = pick(channels);
    day = addDays(`${plan.year}-01-03`, Math.floor(rand() * 300));
    const ctx = ctxOf(clerk);
    const kase = await createCase(ctx, {
      type: 'petition', orgId: office.id, title: `${village.name}村民${sketch.title}`, body: `信访请求：${sketch.request}\n事实和理由：${sketch.facts}`,
      category: sketch.category, receivedOn: day, source: channel === '转送交办' ? 'transfer' : 'staff', tracking: true, assigneeIds: [clerkId],
      data: { channel, villageId: village.id, request: sketch.request, facts: sketch.facts, ...(comesBack ? { newMatterReason: '同一信访人反映的另一事项' } : {}),
        ...(channel === '转送交办' ? { referredBy: '宝丰县信访局' } : {}) },
      parties: [{ kind: 'person', role: '信访人', name, phone, address: `宝丰县张八桥镇${village.name}` }],
    });
    made++;
    let version = 1;
    const step = async (transition: string, advance: number, fields: Record<string, unknown>, as = ctx): Promise<void> => {
      day = addDays(day, advance);
      version = (await takeTransition(as, kase.id, { transition, version, fields, on: day })).version;
    };
    if (plan.outcome === 'not_accepted') {
      await step('not_accept', 2 + Math.floor(rand() * 8), { ground: '不属于信访事项', reason: '所反映事项属于民间借贷纠纷，已告知可向人民法院起诉或申请人民调解。' });
      continue;
    }
    if (plan.outcome === 'routed') {
      const [route, body] = sketch.route ?? ['诉讼', '宝丰县人民法院'];
      await step('route', 1 + Math.floor(rand() * 10), { route, routedTo: body, notice: `已书面告知信访人依法向${body}提出，并告知相关时效。` });
      continue;
    }
    await step('accept', Math.floor(rand() * 6), { kind: '申诉求决', noticeMethod: rand() < 0.4 ? '当场书面告知' : '书面告知' });
    if (plan.outcome === 'withdrawn') {
      await step('withdraw', 5 + Math.floor(rand() * 10), { reason: '经村调解，信访人与对方达成和解，申请撤回。' });
      continue;
    }
    if (plan.extend) {
      day = addDays(day, 50);
      await extendDeadline(ctxOf(leader), kase.id, 'handling', 15 + Math.floor(rand() * 16), '涉及多个部门核实，需调取历史档案');
    }
    const answerAfter = plan.late ? 65 + Math.floor(rand() * 10) : plan.extend ? 20 : 15 + Math.floor(rand() * 35);
    const outcome = rand() < 0.45 ? '支持' : rand() < 0.7 ? '解释说明' : '不予支持';
    await step('answer', answerAfter, {
      outcome, facts: `经调查核实，${sketch.facts.replace(/^本人/, '信访人')}情况基本属实。`,
      decision: outcome === '支持' ? '责成有关单位于30日内整改到位。' : outcome === '解释说明' ? '已向信访人解释相关政策规定。' : '信访人请求缺乏事实根据。',
      legalBasis: '《中华人民共和国村民委员会组织法》及有关政策规定',
    });
    await step('deliver', 1 + Math.floor(rand() * 3), { method: rand() < 0.7 ? '直接送达' : '邮寄送达', recipient: name });
    if (plan.outcome === 'reviewed' || plan.outcome === 'rechecked') {
      await step('request_review', 10 + Math.floor(rand() * 15), { reason: '对处理意见不服，请求复查。' });
      await step('review_answer', 15 + Math.floor(rand() * 12), { result: '维持', opinion: '经复查，原处理意见认定事实清楚，适用依据正确，予以维持。', method: '直接送达' });
      if (plan.outcome === 'rechecked') {
        await step('request_recheck', 12, { reason: '对复查意见不服，请求复核。' });
        await step('hearing_start', 8, { place: '镇信访接待中心' });
        await step('hearing_end', 2, { summary: '听证会听取了信访人陈述及有关单位说明。' });
        await step('recheck_answer', 18, { result: '维持', opinion: '经复核，维持复查意见，信访事项终结。', method: '直接送达' });
      } else {
        await step('conclude', 31, { note: '信访人未在法定期限内请求复核' });
      }
    } else {
      await step('conclude', 31, { note: '信访人未在法定期限内请求复查' });
    }
    // 阳光信访: most petitioners rate the answered matter at the end.
    if (kase.trackingNo && kase.queryCode && i % 4 !== 3) {
      await rateCase(c, kase.trackingNo, kase.queryCode, { score: plan.late ? 3 : outcome === '不予支持' ? 3 + (i % 2) : 4 + (i % 3 === 0 ? 0 : 1) }, null);
    }
  }
  // The current year's desk: new matters to notify, matters in hand, one past its 60 days.
  const live: [number, 'registered' | 'accepted'][] = [[2, 'registered'], [9, 'registered'], [20, 'accepted'], [40, 'accepted'], [75, 'accepted']];
  for (const [i, [ago, state]] of live.entries()) {
    const sketch = sketches[(i * 5) % sketches.length] ?? sketches[0];
    const village = villages[(i * 7) % villages.length] ?? villages[0];
    if (!sketch || !village) continue;
    day = addDays(today, -ago);
    const ctx = ctxOf(clerk);
    const kase = await createCase(ctx, {
      type: 'petition', orgId: office.id, title: `${village.name}村民${sketch.title}`, body: `信访请求：${sketch.request}\n事实和理由：${sketch.facts}`,
      category: sketch.category, receivedOn: day, source: 'staff', tracking: true, assigneeIds: [clerkId],
      data: { channel: channels[i % channels.length] ?? '走访', villageId: village.id, request: sketch.request, facts: sketch.facts },
      parties: [{ kind: 'person', role: '信访人', name: `${surnames[i] ?? '王'}${givenNames[i] ?? '建国'}`, phone: `13${String(700000000 + i * 7919).padStart(9, '0')}` }],
    });
    made++;
    if (state === 'accepted') {
      day = addDays(day, 3);
      await takeTransition(ctx, kase.id, { transition: 'accept', version: 1, fields: { kind: '申诉求决', noticeMethod: '书面告知' }, on: day });
    }
  }
  return made;
};
