import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal, type Principal } from '../../platform/access/principal.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';

/** Invented sample items, one per category and year (a major matter at its three stages). */
const items: Record<string, (y: number) => { title: string; content: string }> = {
  农业农村政策: (y) => ({ title: `${y}年耕地地力保护补贴政策解读`, content: `${y}年耕地地力保护补贴标准为每亩 105 元，按确权面积发放到户，请农户核对“一卡通”到账情况。` }),
  水利工程建设运营: (y) => ({ title: `${y}年小型农田水利工程建设计划`, content: `${y}年计划新建机井 12 眼、维修渠道 3.2 公里，涉及东营村、西营村、南庄村。` }),
  农村土地承包经营权流转: (y) => ({ title: `${y}年农村土地承包经营权流转情况`, content: `全镇${y}年新增土地流转面积 860 亩，流转合同均已备案。` }),
  宅基地使用情况审核: (y) => ({ title: `${y}年农村宅基地审批结果公示`, content: `${y}年全镇审批农村宅基地 21 宗，均符合“一户一宅”规定。` }),
  土地征收: (y) => ({ title: `${y}年县道改建项目土地征收公告`, content: '征收北庄村、前楼村集体土地共 46.3 亩，补偿标准按省政府公布的区片综合地价执行。' }),
  房屋征收: (y) => ({ title: `${y}年镇区道路拓宽房屋征收补偿方案`, content: '涉及房屋 8 户，补偿方式为货币补偿或产权调换，由被征收人选择。' }),
  筹资筹劳: (y) => ({ title: `${y}年村内公益事业一事一议筹资筹劳情况`, content: `${y}年全镇 6 个村开展一事一议，筹资标准每人不超过 15 元。` }),
  社会救助: (y) => ({ title: `${y}年农村低保和特困供养资金发放情况`, content: `${y}年累计发放低保金 148 万元、特困供养金 36 万元。` }),
  财政收支: (y) => ({ title: `张八桥镇${y}年财政预算`, content: `${y}年一般公共预算收入 2860 万元，支出 3120 万元。` }),
  政务事项: (y) => ({ title: `张八桥镇便民服务中心${y}年办事指南`, content: '户籍、社保、民政等 46 项事项可在便民服务中心一窗受理。' }),
  行政处罚: (y) => ({ title: `${y}年第一季度行政处罚决定公开`, content: '综合行政执法队本季度作出行政处罚决定 5 件，均已依法送达。' }),
};
const major = (y: number) => [
  { stage: 'before', title: `${y}年镇区污水管网建设项目（事前公开）`, content: '项目总投资 680 万元，拟于第二季度开工，征求群众意见。' },
  { stage: 'during', title: `${y}年镇区污水管网建设项目（事中公开）`, content: '项目已完成管网铺设 60%，资金拨付 400 万元。' },
  { stage: 'after', title: `${y}年镇区污水管网建设项目（事后公开）`, content: '项目已竣工验收，决算金额 672 万元。' },
];

/**
 * The demo town's proactive disclosure for 2023 and 2024: an item in every category (a major
 * matter at each stage), reviewed and published by the head of the disclosure office mostly
 * within 20 working days; one late, one withdrawn with a public reason.
 */
export const seedProactiveDemo = async (c: Client, platform: Platform): Promise<number> => {
  const office = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'dzb'")).rows[0];
  const ids = (await c.query<{ id: string; username: string }>("SELECT id, username FROM users WHERE username IN ('dangzheng', 'leader')")).rows;
  const clerk = await loadPrincipal(c, ids.find((u) => u.username === 'dangzheng')?.id ?? '', 'session');
  const head = await loadPrincipal(c, ids.find((u) => u.username === 'leader')?.id ?? '', 'session');
  if (!office || !clerk || !head) return 0;
  const cal = await platform.cases.calendars.forTownship((await c.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'zhangbaqiao'")).rows[0]?.id ?? null);
  let made = 0;
  for (const y of [2023, 2024]) {
    const plans = [
      ...Object.entries(items).map(([category, f], i) => ({ category, ...f(y), stage: undefined as string | undefined, formed: `${y}-${String(2 + (i % 10)).padStart(2, '0')}-0${1 + (i % 8)}` })),
      ...major(y).map((m, i) => ({ category: '重大事项', ...m, formed: `${y}-${['03', '07', '11'][i] ?? '03'}-06` })),
    ];
    for (const [i, p] of plans.entries()) {
      let day = p.formed;
      const ctxOf = (pr: Principal): CaseCtx => ({
        client: c, principal: pr, actor: { principal: pr, ip: null, requestId: 'demo' }, audit: auditor(c, { principal: pr, ip: null, requestId: 'demo' }),
        engine: { ...platform.cases, today: () => day },
      });
      const kase = await createCase(ctxOf(clerk), {
        type: 'proactive', orgId: office.id, title: p.title, category: p.category, receivedOn: day, assigneeIds: [clerk.userId],
        data: { content: p.content, ...(p.stage ? { stage: p.stage } : {}) },
      });
      made++;
      let version = 1;
      const step = async (pr: Principal, transition: string, on: string, fields: Record<string, unknown>) => {
        day = on;
        version = (await takeTransition(ctxOf(pr), kase.id, { transition, version, fields, on })).version;
      };
      const late = y === 2024 && i === 3;
      await step(clerk, 'submit_review', addWorkingDays(cal, day, late ? 18 : 3), {});
      await step(head, 'publish', addWorkingDays(cal, day, late ? 5 : 2), { review: '经保密审查，不涉及国家秘密和敏感信息，同意公开' });
      if (y === 2024 && i === 6) await step(head, 'withdraw', addWorkingDays(cal, day, 4), { reason: '统计口径有误，更正后重新公开' });
    }
  }
  return made;
};
