import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal } from '../../platform/access/principal.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';

type Plan = { kind: string; title: string; called: string; agenda: string; ruleOfLawReport?: boolean; lecturer?: string; minutes: string };

/** Invented members of the demo town's rule-of-law leadership group (the secretary as leader, the heads of the offices and villages as members). */
const group = ['党委书记', '杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '司法所长', '派出所长', '党政办主任', '东营村书记', '西营村书记'];
const centre = ['党委书记', '杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员', '周委员', '吴委员'];

const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const studyTopics = ['宪法', '行政处罚法', '民法典合同编', '信访工作条例', '政府信息公开条例', '重大行政决策程序暂行条例', '安全生产法', '土地管理法', '行政复议法', '人民调解法', '反电信网络诈骗法', '法治政府建设实施纲要'];

/**
 * The demo town's 2023 rule-of-law meetings and law study, as the seed report describes them
 * (一: the leadership group hears four rule-of-law work reports a year; the leading group
 * studies law together; 二(八): 中心组专题学习): four leadership group meetings, a law study
 * session every month, and the leaders' 述法 at the year's end, each recorded and its minutes signed.
 */
const plans2023: Plan[] = [
  ...['03', '06', '09', '12'].map((m, i): Plan => ({
    kind: '法治建设领导小组会议', title: `2023年第${i + 1}次法治建设工作领导小组会议`, called: `2023-${m}-10`,
    agenda: i === 0 ? '听取2022年法治建设工作汇报；审议《张八桥镇法治政府建设实施方案》' : `听取第${['一', '二', '三'][i - 1] ?? ''}季度法治建设工作汇报，研究下一阶段重点工作`,
    ruleOfLawReport: true,
    minutes: i === 0 ? '会议听取了司法所关于2022年法治建设工作的汇报，审议通过《张八桥镇法治政府建设实施方案》，明确各成员单位任务分工。' : '会议听取了法治建设工作汇报，要求各村、各站所按实施方案推进，司法所牵头督办。',
  })),
  ...months.map((m, i): Plan => ({
    kind: '中心组学法', title: `2023年${Number(m)}月党委理论学习中心组学法`, called: `2023-${m}-1${i % 2 === 0 ? '3' : '7'}`,
    agenda: `专题学习《${studyTopics[i] ?? '宪法'}》`, lecturer: i % 3 === 0 ? '县司法局讲师' : '镇司法所所长',
    minutes: `集体学习《${studyTopics[i] ?? '宪法'}》，结合本镇工作交流学习体会。`,
  })),
  { kind: '述法', title: '2023年度领导干部述法', called: '2023-12-20', agenda: '镇党政主要负责人和班子成员述法，履行推进法治建设第一责任人职责情况', ruleOfLawReport: true,
    minutes: '党政主要负责人和班子成员逐一述法，与会人员进行测评。' },
];

export const seedGovernanceDemo = async (c: Client, platform: Platform): Promise<number> => {
  const office = (await c.query<{ id: string; township_id: string }>("SELECT id, township_id FROM orgs WHERE code = 'dzb'")).rows[0];
  const clerkId = (await c.query<{ id: string }>("SELECT id FROM users WHERE username = 'dangzheng'")).rows[0]?.id;
  const clerk = clerkId ? await loadPrincipal(c, clerkId, 'session') : null;
  if (!office || !clerk) return 0;
  const cal = await platform.cases.calendars.forTownship(office.township_id);
  let made = 0;
  for (const p of plans2023) {
    let day = p.called;
    const ctx: CaseCtx = {
      client: c, principal: clerk, actor: { principal: clerk, ip: null, requestId: 'demo' }, audit: auditor(c, { principal: clerk, ip: null, requestId: 'demo' }),
      engine: { ...platform.cases, today: () => day },
    };
    const kase = await createCase(ctx, { type: 'meeting', orgId: office.id, title: p.title, category: p.kind, receivedOn: day, assigneeIds: [clerk.userId], data: { topics: p.agenda } });
    made++;
    const members = p.kind === '法治建设领导小组会议' || p.kind === '述法' ? group : centre;
    // One member away now and then, with the reason recorded.
    const absent = made % 3 === 0 ? members.at(-1) : undefined;
    const present = members.filter((m) => m !== absent);
    day = addWorkingDays(cal, p.called, 2);
    const held = await takeTransition(ctx, kase.id, { transition: 'hold', version: 1, on: day, fields: {
      chair: '党委书记', membersDue: members.length, present: present.length, attendees: present.join('、'), agenda: p.agenda,
      ...(absent ? { absentees: `${absent}（公务外出）` } : {}), ...(p.ruleOfLawReport ? { ruleOfLawReport: true } : {}), ...(p.lecturer ? { lecturer: p.lecturer } : {}),
    } });
    day = addWorkingDays(cal, day, 2);
    await takeTransition(ctx, kase.id, { transition: 'sign_minutes', version: held.version, on: day, fields: { minutes: p.minutes, signedBy: '党委书记' } });
  }
  return made;
};
