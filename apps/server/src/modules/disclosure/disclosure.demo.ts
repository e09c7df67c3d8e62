import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal, type Principal } from '../../platform/access/principal.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { extendDeadline } from '../../platform/cases/case-actions.ts';
import { receiptRuleOfChannel, type disclosureChannels } from './disclosure.workflow.ts';

type Channel = (typeof disclosureChannels)[number];
type Plan = {
  received: string; channel: Channel; who: 'citizen' | 'commercial' | 'public_interest' | 'legal_service';
  info: string; correct?: 'done' | 'lapsed'; consult?: boolean; extend?: boolean; late?: boolean;
  reply?: Record<string, unknown>; withdraw?: boolean;
  /** The applicant's review or lawsuit after the reply (第五十一条), with its outcome if decided. */
  remedy?: { kind: 'review' | 'lawsuit'; authority: string; filedOn: string; result?: 'upheld' | 'corrected' | 'other'; decidedOn?: string };
};

const place = '张八桥镇人民政府门户网站“政府信息公开”专栏';
/** Invented sample applications, answered in the ways the regulation allows. */
const plans: Plan[] = [
  // 2023
  { received: '2023-02-13', channel: 'in_person', who: 'citizen', info: '2022年东营村村级财务收支公开表', reply: { replyType: 'already_public', location: `${place}“村务公开”栏目` } },
  { received: '2023-03-20', channel: 'portal', who: 'citizen', info: '西营村2022年农村低保户名单及保障金额', reply: { replyType: 'partly_provided', withholdReason: 'third_party', reason: '名单中的身份证号码和家庭收入属于个人隐私，已作区分处理。', provided: '低保户姓名、保障人数和保障金额' } },
  { received: '2023-04-10', channel: 'registered_post', who: 'commercial', info: '张八桥镇2022年道路维修工程招标文件及中标结果', consult: true, reply: { replyType: 'provided', provided: '招标公告、中标结果公示' } },
  { received: '2023-05-08', channel: 'in_person', who: 'citizen', info: '南庄村土地承包经营权流转合同', correct: 'done', reply: { replyType: 'provided', provided: '流转合同复印件（已删除第三方个人信息）' } },
  { received: '2023-06-05', channel: 'email', who: 'citizen', info: '镇政府2023年第三次党政联席会议讨论记录', reply: { replyType: 'withheld', withholdReason: 'process_information', reason: '所申请的会议讨论记录属于过程性信息。' },
    remedy: { kind: 'review', authority: '宝丰县人民政府', filedOn: '2023-07-24', result: 'upheld', decidedOn: '2023-09-18' } },
  { received: '2023-06-26', channel: 'ordinary_post', who: 'citizen', info: '北庄村宅基地审批档案', correct: 'lapsed' },
  { received: '2023-07-17', channel: 'portal', who: 'legal_service', info: '县国土空间总体规划图', reply: { replyType: 'not_ours', agency: '宝丰县自然资源局', agencyContact: '0375-6112345' } },
  { received: '2023-08-14', channel: 'in_person', who: 'citizen', info: '前楼村1998年修路集资明细', reply: { replyType: 'not_exist', reason: '经检索本机关档案，没有该年度修路集资的记录。' } },
  { received: '2023-09-11', channel: 'portal', who: 'citizen', info: '张八桥镇2022年农村低保户名单', reply: { replyType: 'repeat', earlierRef: '张八桥-公-2023-0002' } },
  { received: '2023-10-16', channel: 'in_person', who: 'citizen', info: '后楼村某房屋不动产登记资料', reply: { replyType: 'special_regime', regime: '请持身份证明向宝丰县不动产登记中心申请查询' } },
  { received: '2023-11-06', channel: 'registered_post', who: 'public_interest', info: '张八桥镇2023年困难群众救助资金发放情况', extend: true, reply: { replyType: 'provided', provided: '救助资金发放汇总表' } },
  { received: '2023-12-18', channel: 'portal', who: 'citizen', info: '李庄村村民小组长选举结果', withdraw: true },
  { received: '2023-12-25', channel: 'in_person', who: 'citizen', info: '王庄村2023年高标准农田建设项目资金使用情况', reply: { replyType: 'provided', provided: '项目资金使用明细' } },
  // 2024
  { received: '2024-01-22', channel: 'in_person', who: 'citizen', info: '2023年张庄村一事一议筹资筹劳方案', reply: { replyType: 'already_public', location: `${place}“筹资筹劳”栏目` } },
  { received: '2024-03-04', channel: 'portal', who: 'citizen', info: '刘庄村征地补偿安置方案及补偿款发放明细', consult: true, reply: { replyType: 'partly_provided', withholdReason: 'third_party', reason: '补偿款发放明细中其他被征地农户的银行账号属于个人隐私。', provided: '补偿安置方案、本人补偿明细' } },
  { received: '2024-04-15', channel: 'email', who: 'commercial', info: '镇综合行政执法队对本公司的行政处罚案卷', reply: { replyType: 'withheld', withholdReason: 'enforcement_file', reason: '所申请的是行政执法案卷信息；处罚决定书已送达贵公司。' },
    remedy: { kind: 'lawsuit', authority: '宝丰县人民法院', filedOn: '2024-06-24' } },
  { received: '2024-05-13', channel: 'in_person', who: 'citizen', info: '陈庄村2023年小型农田水利设施维修资金', reply: { replyType: 'provided', provided: '维修资金使用情况表' } },
  { received: '2024-06-17', channel: 'ordinary_post', who: 'citizen', info: '杨庄村集体土地征收批复文件', correct: 'done', reply: { replyType: 'not_ours', agency: '河南省人民政府（征地批复由省政府作出）', agencyContact: '可向宝丰县自然资源局咨询' } },
  { received: '2024-07-08', channel: 'portal', who: 'citizen', info: '镇政府工作人员考勤记录', reply: { replyType: 'withheld', withholdReason: 'internal_affairs', reason: '属于人事管理方面的内部事务信息。' },
    remedy: { kind: 'review', authority: '宝丰县人民政府', filedOn: '2024-09-02', result: 'corrected', decidedOn: '2024-10-28' } },
  { received: '2024-08-12', channel: 'in_person', who: 'citizen', info: '赵庄村农村危房改造补助对象名单', late: true, reply: { replyType: 'provided', provided: '补助对象名单及补助标准' } },
  { received: '2024-09-23', channel: 'registered_post', who: 'legal_service', info: '周庄村2024年土地承包经营权流转备案', extend: true, reply: { replyType: 'provided', provided: '流转备案登记表' } },
  { received: '2024-10-21', channel: 'portal', who: 'citizen', info: '吴庄村宅基地审批公示', correct: 'lapsed' },
  { received: '2024-11-18', channel: 'in_person', who: 'citizen', info: '郑庄村2024年临时救助名单', reply: { replyType: 'already_public', location: `${place}“社会救助”栏目` } },
  { received: '2024-12-23', channel: 'portal', who: 'citizen', info: '孙庄村2024年村级公益事业建设一事一议财政奖补项目', reply: { replyType: 'provided', provided: '项目批复和资金拨付表' } },
];

const names = ['王建国', '李秀英', '张志强', '刘桂兰', '陈永亮', '杨春梅', '赵德胜', '周玉兰', '吴国庆', '郑海燕', '孙红旗', '马丽娟'];
const orgNames: Record<string, string> = { commercial: '宝丰县恒达建材有限公司', public_interest: '宝丰县助学志愿者协会', legal_service: '河南正平律师事务所' };

/**
 * The demo town's disclosure requests (2023 and 2024) as records made through the engine,
 * answered in every way the regulation allows (第三十六、三十七条), with corrections, a
 * third-party consultation, extensions, a late reply, a withdrawal and applications given up.
 */
export const seedDisclosureDemo = async (c: Client, platform: Platform): Promise<number> => {
  const office = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'dzb'")).rows[0];
  const clerk = (await c.query<{ id: string }>("SELECT id FROM users WHERE username = 'dangzheng'")).rows[0];
  const head = (await c.query<{ id: string }>("SELECT id FROM users WHERE username = 'leader'")).rows[0];
  if (!office || !clerk || !head) return 0;
  const principal = await loadPrincipal(c, clerk.id, 'session');
  const approver = await loadPrincipal(c, head.id, 'session');
  if (!principal || !approver) return 0;
  const township = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'zhangbaqiao'")).rows[0]?.id ?? null;
  const cal = await platform.cases.calendars.forTownship(township);
  let made = 0;
  for (const [i, plan] of plans.entries()) {
    let day = plan.received;
    const ctxOf = (p: Principal): CaseCtx => ({
      client: c, principal: p, actor: { principal: p, ip: null, requestId: 'demo' }, audit: auditor(c, { principal: p, ip: null, requestId: 'demo' }),
      engine: { ...platform.cases, today: () => day },
    });
    const person = plan.who === 'citizen';
    const name = person ? (names[i % names.length] ?? '王建国') : (orgNames[plan.who] ?? '某单位');
    const kase = await createCase(ctxOf(principal), {
      type: 'disclosure', orgId: office.id, title: `申请公开${plan.info}`, body: plan.info, receivedOn: day, source: plan.channel === 'portal' ? 'public' : 'staff',
      tracking: true, assigneeIds: [clerk.id],
      parties: [{ kind: person ? 'person' : 'enterprise', role: '申请人', name,
        idNumber: person ? `4104211970${String(1 + (i % 12)).padStart(2, '0')}${String(10 + i).padStart(2, '0')}12${i % 10}${i % 2}` : `91410421MA${String(100000 + i * 7919).slice(0, 6)}X${i % 10}`,
        phone: `13${String(700000000 + i * 104729).padStart(9, '0')}`, address: '宝丰县张八桥镇' }],
      data: { channel: plan.channel, receiptRule: receiptRuleOfChannel[plan.channel], applicantType: person ? 'citizen' : 'legal_person', ...(person ? {} : { organisationKind: plan.who }),
        information: plan.info, form: i % 3 === 0 ? 'electronic' : 'paper', delivery: plan.channel === 'portal' ? 'online' : 'pickup' },
    });
    made++;
    let version = 1;
    const step = async (transition: string, on: string, fields: Record<string, unknown> = {}): Promise<void> => {
      day = on;
      version = (await takeTransition(ctxOf(principal), kase.id, { transition, version, fields, on })).version;
    };
    if (plan.correct) {
      await step('ask_correction', addWorkingDays(cal, plan.received, 3), { items: '请写明所需信息的具体年份、村名或文件名称。' });
      if (plan.correct === 'lapsed') {
        // 第三十条: no correction within the window: given up, as the deadline scan would record it.
        await step('deem_withdrawn', addWorkingDays(cal, day, 16), { expired: 'correction' });
        continue;
      }
      await step('corrected', addWorkingDays(cal, day, 5), { note: '申请人补充了年份和村名。' });
    } else {
      await step('review', addWorkingDays(cal, plan.received, 2));
    }
    if (plan.withdraw) { await step('withdraw', addWorkingDays(cal, day, 3), { reason: '申请人表示已从村务公开栏获得所需信息。' }); continue; }
    if (plan.consult) {
      await step('consult', addWorkingDays(cal, day, 3), { consulted: plan.who === 'commercial' ? '中标企业' : '相关被征地农户', consultedKind: 'third_party' });
      await step('opinion_received', addWorkingDays(cal, day, 10), { opinion: plan.who === 'commercial' ? 'agree' : 'object' });
    }
    if (plan.extend) {
      day = addWorkingDays(cal, day, 10);
      await extendDeadline({ ...ctxOf(approver) }, kase.id, 'reply', 10, '涉及多个村的档案，需逐一调取核对');
      version = Number((await c.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [kase.id])).rows[0]?.version ?? version);
    }
    const due = (await c.query<{ due: string }>("SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM case_deadlines WHERE case_id = $1 AND key = 'reply'", [kase.id])).rows[0]?.due ?? day;
    // Most replies well within the period; one late (two working days past the due date).
    const soon = addWorkingDays(cal, day, 6);
    const on = plan.late ? addWorkingDays(cal, due, 2) : soon < due ? soon : due;
    await step('reply', on, plan.reply ?? { replyType: 'provided' });
    const r = plan.remedy;
    if (r) {
      await c.query(
        `INSERT INTO disclosure_remedies (case_id, township_id, kind, authority, filed_on, result, decided_on, created_by, decided_by)
         SELECT id, township_id, $2, $3, $4, $5, $6, $7, CASE WHEN $5::text IS NULL THEN NULL ELSE $7::uuid END FROM cases WHERE id = $1`,
        [kase.id, r.kind, r.authority, r.filedOn, r.result ?? null, r.decidedOn ?? null, clerk.id]);
    }
  }
  return made;
};
