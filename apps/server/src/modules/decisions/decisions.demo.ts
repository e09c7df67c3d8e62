import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal, type Principal } from '../../platform/access/principal.ts';
import { addDays, addWorkingDays } from '../../platform/calendar/index.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { sealField } from '../../platform/crypto/sm.ts';
import { settingsKey, type DecisionSetting } from './decision-settings.ts';
import { decisionCategories } from './decisions.workflow.ts';

type Plan = {
  title: string; category: string; leadUnit: string; proposed: string; matter: string; draft: string;
  /** Public comment: comments sent in, each with its answer and adoption. */
  comments?: { body: string; name?: string; phone?: string; answer: string; adoption: string }[];
  hearing?: boolean; experts?: boolean;
  /** The amount the matter involves (万元), checked against the township's thresholds. */
  amountWan?: number;
  /** Its item in the 2023 catalogue (by number), or why it was started outside it. */
  catalogue: { seq: number } | { outside: string };
  meeting: '镇政府常务会议' | '镇党委会议'; membersDue: number; attendees: string[]; votes: [number, number, number]; dissent?: string; decision: string;
};

/**
 * Invented decisions of the demo town for 2023, in the manner of the seed report's 二(五): every
 * one reviewed by the legal advisor and decided collectively (集体讨论率100%), most after public
 * comment, one after a hearing and one after expert argument.
 */
const plans2023: Plan[] = [
  { title: '张八桥镇2023年镇区污水管网建设项目', category: '重大公共建设项目', leadUnit: '镇村建设办', proposed: '2023-02-06',
    matter: '镇区生活污水直排问题突出，列入2023年度重大行政决策事项目录。', draft: '新建污水主管网6.2公里，总投资680万元，分两期建设。',
    comments: [
      { body: '建议优先铺设南街段，雨季积水严重。', name: '王德福', phone: '13937512345', answer: '已将南街段调整为一期工程。', adoption: '采纳' },
      { body: '施工期间请保障沿街商户通行。', answer: '施工方案已明确分段封闭、留出便道。', adoption: '采纳' },
    ],
    hearing: true, amountWan: 680, catalogue: { seq: 1 },
    meeting: '镇党委会议', membersDue: 9, attendees: ['党委书记', '杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员', '周委员'], votes: [8, 0, 0],
    decision: '同意实施镇区污水管网建设项目，由镇村建设办组织实施。' },
  { title: '张八桥镇2023年农村人居环境整治实施方案', category: '重大公共政策和措施', leadUnit: '镇农业农村办', proposed: '2023-03-01',
    matter: '落实县人居环境整治三年行动要求。', draft: '全镇18个行政村实行垃圾分类收运，村保洁员按人口千分之三配备。',
    comments: [{ body: '保洁员工资标准应当公开。', name: '李秀兰', answer: '保洁员工资标准将在村务公开栏公示。', adoption: '采纳' }],
    catalogue: { seq: 2 },
    meeting: '镇政府常务会议', membersDue: 9, attendees: ['杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员', '周委员'], votes: [6, 1, 0], dissent: '钱委员认为保洁员配备标准偏高，财政负担较重。',
    decision: '通过实施方案，保洁员配备标准按千分之三执行。' },
  { title: '张八桥镇2023年大额资金使用：农田水利设施维修', category: '三重一大：大额资金使用', leadUnit: '镇财政所', proposed: '2023-04-03',
    matter: '汛前农田水利设施维修资金需求。', draft: '使用镇级财政资金126万元维修机井、渠道。', experts: true, amountWan: 126, catalogue: { seq: 3 },
    meeting: '镇党委会议', membersDue: 9, attendees: ['党委书记', '杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员', '周委员', '吴委员'], votes: [9, 0, 0],
    decision: '同意使用镇级财政资金126万元，按政府采购程序实施。' },
  { title: '张八桥镇集贸市场搬迁规划', category: '重大规划', leadUnit: '镇村建设办', proposed: '2023-05-08',
    matter: '集贸市场占道经营、交通拥堵，群众反映强烈。', draft: '集贸市场整体搬迁至镇区北侧闲置厂区，设摊位320个。',
    comments: [
      { body: '新址离南部村庄太远，建议保留早市。', name: '张国强', phone: '13603751234', answer: '保留南街早市，每日6时至8时。', adoption: '部分采纳' },
      { body: '反对收取摊位费。', answer: '摊位费按县物价部门核定标准收取，困难群众可申请减免。', adoption: '未采纳' },
    ],
    catalogue: { seq: 6 },
    meeting: '镇政府常务会议', membersDue: 9, attendees: ['杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员', '周委员', '吴委员'], votes: [7, 1, 0], dissent: '孙委员建议暂缓搬迁。',
    decision: '同意集贸市场搬迁规划，2024年6月前完成搬迁。' },
  { title: '张八桥镇2023年重要干部任免：村（社区）党组织书记调整', category: '三重一大：重要干部任免', leadUnit: '镇党政办', proposed: '2023-07-03',
    matter: '部分村党组织书记年龄偏大，需要调整。', draft: '调整3个村党组织书记人选。',
    catalogue: { outside: '干部任免事项按干部管理权限办理，不列入向社会公布的决策事项目录，由镇党委集体讨论决定。' },
    meeting: '镇党委会议', membersDue: 9, attendees: ['党委书记', '杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员'], votes: [7, 0, 0],
    decision: '同意调整东营村、南庄村、后楼村党组织书记。' },
  { title: '张八桥镇2024年财政预算草案', category: '三重一大：重大事项决策', leadUnit: '镇财政所', proposed: '2023-09-04',
    matter: '编制2024年镇级财政预算。', draft: '一般公共预算收入2960万元，支出3210万元，收支缺口由上级转移支付弥补。',
    comments: [{ body: '建议增加村级道路养护经费。', name: '刘桂芳', answer: '村级道路养护经费由40万元增加至55万元。', adoption: '采纳' }],
    catalogue: { seq: 4 },
    meeting: '镇政府常务会议', membersDue: 9, attendees: ['杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员', '周委员', '吴委员', '郑委员'], votes: [9, 0, 0],
    decision: '通过2024年财政预算草案，报镇人民代表大会审查批准。' },
];

/** The 2023 catalogue's items (第三条第三款), agreed at the party committee's first meeting of the year; 5 withdrawn, 6 added after publication. */
const catalogue2023 = [
  { title: '张八桥镇2023年镇区污水管网建设项目', category: '重大公共建设项目', leadUnit: '镇村建设办', quarter: 1, hearingPlanned: true, body: '镇党委会议' },
  { title: '张八桥镇2023年农村人居环境整治实施方案', category: '重大公共政策和措施', leadUnit: '镇农业农村办', quarter: 1, hearingPlanned: false, body: '镇政府常务会议' },
  { title: '农田水利设施维修大额资金使用', category: '三重一大：大额资金使用', leadUnit: '镇财政所', quarter: 2, hearingPlanned: false, body: '镇党委会议' },
  { title: '张八桥镇2024年财政预算草案', category: '三重一大：重大事项决策', leadUnit: '镇财政所', quarter: 3, hearingPlanned: false, body: '镇政府常务会议' },
  { title: '镇区公共停车场收费方案', category: '重大公共政策和措施', leadUnit: '镇村建设办', quarter: 3, hearingPlanned: true, body: '镇政府常务会议',
    withdrawn: { on: '2023-08-15', reason: '县发展改革委统一制定全县停车收费标准，本事项不再由镇政府决策。' } },
  { title: '张八桥镇集贸市场搬迁规划', category: '重大规划', leadUnit: '镇村建设办', quarter: 2, hearingPlanned: false, body: '镇政府常务会议',
    added: { on: '2023-04-20', reason: '集贸市场占道经营问题群众反映强烈，经镇党委同意增补列入目录。' } },
];

/** The township's "三重一大" thresholds: large funds from 50 万元 to the party committee, from 10 万元 to the executive meeting. */
const demoSetting: DecisionSetting = {
  categories: [...decisionCategories],
  thresholds: [{ body: '镇党委会议', fromWan: 50 }, { body: '镇政府常务会议', fromWan: 10 }],
};

/**
 * The demo town's major decisions: the 2023 ones through every statutory step to publication
 * (and the first ones archived), on dates that respect the 30-day comment period and the
 * 7 working days of the legality review; and one draft open for comment now, so the portal's
 * comment page has something to show.
 */
export const seedDecisionsDemo = async (c: Client, platform: Platform, today?: string): Promise<number> => {
  const office = (await c.query<{ id: string; township_id: string }>("SELECT id, township_id FROM orgs WHERE code = 'dzb'")).rows[0];
  const ids = (await c.query<{ id: string; username: string }>("SELECT id, username FROM users WHERE username IN ('dangzheng', 'leader', 'guwen')")).rows;
  const who = async (u: string) => loadPrincipal(c, ids.find((x) => x.username === u)?.id ?? '', 'session');
  const clerk = await who('dangzheng');
  const head = await who('leader');
  const advisor = await who('guwen');
  if (!office || !clerk || !head || !advisor) return 0;
  const cal = await platform.cases.calendars.forTownship(office.township_id);
  let made = 0;
  await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [settingsKey(office.township_id), JSON.stringify(demoSetting)]);

  // A meeting of a deciding body as the governance module's record: called, held (its agenda listing the decisions), minutes signed later.
  const meetingsHeld: Record<string, number> = {};
  const holdMeeting = async (body: string, on: string, attendees: string[], membersDue: number, agenda: string, decisionIds: string[]): Promise<{ id: string; version: number }> => {
    meetingsHeld[body] = (meetingsHeld[body] ?? 0) + 1;
    const ctx: CaseCtx = { client: c, principal: clerk, actor: { principal: clerk, ip: null, requestId: 'demo' }, audit: auditor(c, { principal: clerk, ip: null, requestId: 'demo' }),
      engine: { ...platform.cases, today: () => on } };
    const m = await createCase(ctx, { type: 'meeting', orgId: office.id, title: `2023年第${meetingsHeld[body]}次${body}`, category: body, receivedOn: on, assigneeIds: [clerk.userId], data: { topics: agenda } });
    const held = await takeTransition(ctx, m.id, { transition: 'hold', version: 1, on, fields: {
      chair: body === '镇党委会议' ? '党委书记' : '杨镇长', membersDue, present: attendees.length, attendees: attendees.join('、'), agenda, ...(decisionIds.length ? { decisionIds } : {}),
    } });
    return { id: m.id, version: held.version };
  };
  const signMinutes = async (m: { id: string; version: number }, on: string, minutes: string, signedBy: string): Promise<void> => {
    const ctx: CaseCtx = { client: c, principal: clerk, actor: { principal: clerk, ip: null, requestId: 'demo' }, audit: auditor(c, { principal: clerk, ip: null, requestId: 'demo' }),
      engine: { ...platform.cases, today: () => on } };
    await takeTransition(ctx, m.id, { transition: 'sign_minutes', version: m.version, on, fields: { minutes, signedBy } });
  };

  // The 2023 catalogue: drafted, agreed at the party committee's first meeting of the year, published; amended twice.
  const committee = ['党委书记', '杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员', '周委员', '吴委员'];
  const agreeMeeting = await holdMeeting('镇党委会议', '2023-01-16', committee, 9, '研究《张八桥镇2023年度重大行政决策事项目录》', []);
  await signMinutes(agreeMeeting, '2023-01-17', '会议同意《张八桥镇2023年度重大行政决策事项目录》，由镇政府向社会公布。', '党委书记');
  const catId = (await c.query<{ id: string }>(
    `INSERT INTO decision_catalogues (township_id, org_id, year, status, agreed_on, agreed_meeting_id, published_on, channels, created_by)
     VALUES ($1, $1, 2023, 'published', '2023-01-16', $2, '2023-01-20', '镇政府网站、政务公众号、各村公告栏', $3) ON CONFLICT (township_id, year) DO NOTHING RETURNING id`,
    [office.township_id, agreeMeeting.id, clerk.userId])).rows[0]?.id;
  const itemIds = new Map<number, string>();
  if (catId) {
    for (const [i, it] of catalogue2023.entries()) {
      const id = (await c.query<{ id: string }>(
        `INSERT INTO decision_catalogue_items (catalogue_id, township_id, org_id, seq, title, category, lead_unit, quarter, hearing_planned, body, added_on, added_reason, withdrawn_on, withdrawn_reason)
         VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [catId, office.township_id, i + 1, it.title, it.category, it.leadUnit, it.quarter, it.hearingPlanned, it.body,
          it.added?.on ?? null, it.added?.reason ?? null, it.withdrawn?.on ?? null, it.withdrawn?.reason ?? null])).rows[0]?.id ?? '';
      itemIds.set(i + 1, id);
    }
    await auditor(c, { principal: clerk, ip: null, requestId: 'demo' })({ orgId: office.township_id, townshipId: office.township_id, action: 'decision.catalogue_publish', entity: 'decision_catalogue', entityId: catId,
      after: { year: 2023, items: catalogue2023.length } });
  }
  const run = async (p: Plan, until: 'commenting' | 'all', archive: boolean): Promise<void> => {
    let day = p.proposed;
    const ctxOf = (pr: Principal): CaseCtx => ({
      client: c, principal: pr, actor: { principal: pr, ip: null, requestId: 'demo' }, audit: auditor(c, { principal: pr, ip: null, requestId: 'demo' }),
      engine: { ...platform.cases, today: () => day },
    });
    const kase = await createCase(ctxOf(clerk), { type: 'decision', orgId: office.id, title: p.title, category: p.category, receivedOn: day, assigneeIds: [clerk.userId], body: p.matter });
    made++;
    let version = 1;
    const step = async (pr: Principal, transition: string, on: string, fields: Record<string, unknown>) => {
      day = on;
      version = (await takeTransition(ctxOf(pr), kase.id, { transition, version, fields, on })).version;
    };
    const item = 'seq' in p.catalogue ? itemIds.get(p.catalogue.seq) : undefined;
    await step(clerk, 'start', addWorkingDays(cal, day, 2), {
      leadUnit: p.leadUnit, matter: p.matter, ...(item ? { catalogueItemId: item } : { outsideReason: 'outside' in p.catalogue ? p.catalogue.outside : '年度目录编制后新提出的事项。' }),
      ...(p.amountWan !== undefined ? { amountWan: p.amountWan } : {}),
    });
    await step(clerk, 'draft', addWorkingDays(cal, day, 10), { draft: p.draft, explanation: `${p.matter}依据有关法律法规和政策拟订本方案。` });
    if (p.comments) {
      await step(clerk, 'open_comment', addWorkingDays(cal, day, 2), { channels: '镇政府网站、政务公众号、各村公告栏' });
      const opened = day;
      for (const [i, cm] of p.comments.entries()) {
        await c.query(
          `INSERT INTO decision_comments (case_id, township_id, body, name_enc, phone_enc, submitted_at, answer, adoption, answered_by, answered_at)
           VALUES ($1, $2, $3, $4, $5, ($6::date + time '10:00') AT TIME ZONE 'Asia/Shanghai', $7, $8, $9, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END)`,
          [kase.id, office.township_id, cm.body, cm.name ? sealField(platform.keys.fields, cm.name) : null, cm.phone ? sealField(platform.keys.fields, cm.phone) : null,
            until === 'all' ? addDays(opened, 3 + i * 5) : opened, until === 'all' ? cm.answer : null, until === 'all' ? cm.adoption : null, until === 'all' ? clerk.userId : null]);
      }
      if (until === 'commenting') return;
      // The day after the 30 days (第十五条), rolled past a rest day as the engine rolls it.
      const ends = (await c.query<{ due: string }>("SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM case_deadlines WHERE case_id = $1 AND key = 'comment'", [kase.id])).rows[0]?.due ?? addDays(opened, 30);
      await step(clerk, 'close_comment', addDays(ends, 1), { adoption: `收到意见${p.comments.length}条，已逐条研究并答复。` });
    } else {
      await step(clerk, 'skip_comment', addWorkingDays(cal, day, 1), { reason: '涉及内部人事、财政事项，依法不向社会公开征求意见。', otherWays: '征求了镇人大主席团和有关村“两委”的意见。' });
    }
    if (p.hearing) await step(clerk, 'hearing', addWorkingDays(cal, day, 5), { participants: '沿线群众代表、商户代表、人大代表共15人', papersSentOn: addDays(day, -8), record: '听证参加人对管线走向、施工时序提出意见。', recordSigned: true });
    if (p.experts) await step(clerk, 'expert_argument', addWorkingDays(cal, day, 3), { experts: '县水利局高级工程师2名', opinions: '维修方案技术可行，建议优先维修老化机井。', signed: true });
    await step(clerk, 'risk_assessment', addWorkingDays(cal, day, 3), { report: '经走访研判，主要风险为群众对施工影响和资金使用的关切，已制定防范措施和处置预案。', controllable: '风险可控' });
    await step(clerk, 'submit_review', addWorkingDays(cal, day, 1), { materials: '决策草案、起草说明、法律依据、履行程序说明、风险评估报告' });
    const sent = day;
    await step(advisor, 'legal_opinion', addWorkingDays(cal, day, 5), { conclusion: '合法', reviewer: '冯律师（律师顾问团）', opinion: '决策事项属于镇人民政府职权范围，已履行公众参与、风险评估等程序，内容符合有关法律法规和政策规定。' });
    await step(clerk, 'put_on_agenda', addWorkingDays(cal, sent, 8), { meeting: p.meeting, meetingDate: addWorkingDays(cal, sent, 10) });
    // The meeting itself, its agenda listing this decision (地方组织法 第六条: decided collectively); the decide step names it.
    const meetingOn = addWorkingDays(cal, sent, 10);
    const held = await holdMeeting(p.meeting, meetingOn, p.attendees, p.membersDue, `研究${p.title}`, [kase.id]);
    await step(head, 'decide', meetingOn, {
      meeting: p.meeting, meetingId: held.id, membersDue: p.membersDue, present: p.attendees.length, attendees: p.attendees.join('、'),
      votesFor: p.votes[0], votesAgainst: p.votes[1], votesAbstain: p.votes[2], leaderSpokeLast: true, decision: p.decision, ...(p.dissent ? { dissent: p.dissent } : {}),
    });
    await signMinutes(held, addWorkingDays(cal, meetingOn, 1), `会议研究了${p.title}，${p.decision}${p.dissent ? `不同意见：${p.dissent}` : ''}`, p.meeting === '镇党委会议' ? '党委书记' : '杨镇长');
    await step(clerk, 'report_party', addWorkingDays(cal, day, 2), { reply: '镇党委同意。' });
    await step(head, 'publish', addWorkingDays(cal, day, 3), { channels: '镇政府网站、政务公众号', docNo: `张政〔2023〕${10 + made}号`, adoptionNote: p.comments ? '公众意见已逐条研究答复，采纳情况随决策公布。' : '本事项依法未向社会公开征求意见。', executor: p.leadUnit });
    await step(clerk, 'report_execution', addWorkingDays(cal, day, 40), { report: '决策已按计划执行，进度正常。' });
    if (archive) await step(clerk, 'archive', addWorkingDays(cal, day, 20), { archiveNo: `WS2023-${String(made).padStart(3, '0')}` });
  };
  for (const [i, p] of plans2023.entries()) await run(p, 'all', i < 3);
  // A draft open for comment now (opened some ten days ago, its 30 days still running), with one comment in, not yet answered.
  const now = today ?? platform.cases.today();
  await run({
    title: `张八桥镇${now.slice(0, 4)}年农村公益性公墓建设规划`, category: '重大规划', leadUnit: '镇民政所', proposed: addDays(now, -30),
    matter: '治理散埋乱葬，满足群众殡葬需求。', draft: '规划建设农村公益性公墓3处，服务半径不超过5公里，不收取墓穴费用。',
    comments: [{ body: '建议每个片区建一处，方便群众祭扫。', name: '马春生', phone: '15837512345', answer: '', adoption: '' }],
    catalogue: { outside: '年度目录公布后群众反映强烈，经镇党委同意启动，将在目录调整时增补。' },
    meeting: '镇政府常务会议', membersDue: 9, attendees: [], votes: [0, 0, 0], decision: '',
  }, 'commenting', false);
  return made;
};
