import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal, type Principal } from '../../platform/access/principal.ts';
import { addDays, addWorkingDays } from '../../platform/calendar/index.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { sealField } from '../../platform/crypto/sm.ts';
import { demoVillages } from '../../seed/demo-town.ts';

type Issue = { problem: string; suggestion: string; basis?: string; adopted?: boolean; handling?: string };
type Plan = {
  org: string; kind: string; title: string; documentName: string; matter: string; on: string;
  conclusion: string; opinion: string; issues: Issue[]; hours: number; result: string; counterparty?: string; amount?: number; late?: boolean;
};

/** Invented firms of the demo town's 律师顾问团 (not real ones). */
const firmNorth = '河南宝丰（示例）律师事务所';
const firmSouth = '平顶山（示例）律师事务所';

/**
 * The demo town's 2023 legal reviews, as the seed report's 二(五) describes the advisor system
 * (律师顾问团; 重大涉法事务审查): the township's contracts and normative documents, the villages'
 * contracts and their revised 村规民约 (村民委员会组织法 第二十七条), each with its opinion, issues
 * and how they were dealt with. Names, firms and amounts are invented.
 */
const plans2023: Plan[] = [
  { org: 'dzb', kind: '合同', title: '镇区主干道路面硬化工程施工合同审查', documentName: '张八桥镇镇区主干道路面硬化工程施工合同', on: '2023-02-13', counterparty: '宝丰县（示例）建设工程有限公司', amount: 186,
    matter: '经镇党委会议研究确定施工单位，拟签订施工合同，请审查合同条款。', conclusion: '修改后同意', opinion: '合同主体适格，经招标程序确定施工单位，主要条款基本完备；工期、质量保证金和违约责任条款需完善。', hours: 3,
    issues: [{ problem: '未约定工程质量保证金的比例和返还期限', suggestion: '增加质量保证金条款，按工程价款结算总额3%预留，缺陷责任期满后返还', basis: '建设工程质量保证金管理办法', adopted: true, handling: '已增加第十二条质量保证金条款' },
      { problem: '逾期竣工违约金无上限亦无计算方式', suggestion: '明确按日计算的违约金标准和上限', adopted: true, handling: '已按每日万分之五、上限合同价款5%修改' }],
    result: '合同已按修改稿签订并归档' },
  { org: 'dzb', kind: '规范性文件', title: '《张八桥镇村级财务管理办法》合法性审查', documentName: '张八桥镇村级财务管理办法（送审稿）', on: '2023-03-06',
    matter: '为规范村级财务管理，拟印发本办法，请进行合法性审查。', conclusion: '修改后合法', opinion: '制定主体和程序符合规定，内容总体合法；个别条款增设了村民义务，应予删除。', hours: 4,
    issues: [{ problem: '第九条规定“拒不配合财务清查的村民取消集体收益分配资格”，增加了村民义务、减损其权利', suggestion: '删除该款，改为依照村民会议决定和有关法律处理', basis: '村民委员会组织法第二十七条', adopted: true, handling: '已删除' },
      { problem: '未规定村务监督委员会对财务收支的监督', suggestion: '增加村务监督委员会审核和公开的规定', adopted: true, handling: '已增加第十五条' }],
    result: '已经镇政府常务会议审议通过并印发' },
  { org: 'S01', kind: '村规民约', title: '东营村村规民约修订审查', documentName: '东营村村规民约（修订稿）', on: '2023-03-20',
    matter: '村“两委”拟提请村民会议修订村规民约，请法律顾问审查。', conclusion: '修改后合法', opinion: '村规民约内容总体符合法律和政策，个别条款有罚款和限制权利的内容，应予修改。', hours: 2.5,
    issues: [{ problem: '第六条对乱扔垃圾者“罚款200元”，村民委员会无行政处罚权', suggestion: '改为批评教育、责令清理，纳入积分管理', basis: '村民委员会组织法第二十七条第二款；行政处罚法第十八条', adopted: true, handling: '已改为积分扣减' },
      { problem: '第十一条规定“外嫁女不再享有集体收益分配”', suggestion: '删除，保障妇女平等享有集体经济组织成员权益', basis: '村民委员会组织法第二十七条第二款', adopted: true, handling: '已删除' }],
    result: '经村民会议表决通过，已报镇人民政府备案' },
  { org: 'S05', kind: '合同', title: '北庄村集体鱼塘承包合同审查', documentName: '北庄村集体鱼塘承包合同', on: '2023-04-10', counterparty: '村民刘某', amount: 4.8,
    matter: '村集体鱼塘承包到期，经村民会议讨论决定重新发包，请审查承包合同。', conclusion: '同意', opinion: '发包方案经村民会议讨论决定，承包合同主体、期限、承包费和双方权利义务约定明确，同意签订。', hours: 1.5,
    issues: [], result: '合同已签订' },
  { org: 'S10', kind: '合同', title: '刘庄村屋顶光伏发电项目租赁合同审查', documentName: '刘庄村村委会办公楼屋顶租赁合同', on: '2023-05-08', counterparty: '（示例）新能源科技有限公司', amount: 12,
    matter: '企业拟租赁村委会办公楼屋顶建设光伏电站，请审查租赁合同。', conclusion: '修改后同意', opinion: '合同租期超过二十年的部分无效，应调整租期；建筑物安全责任应明确。', hours: 2,
    issues: [{ problem: '约定租期二十五年，超过法定最长租期', suggestion: '租期改为二十年，期满可续订', basis: '民法典第七百零五条', adopted: true, handling: '已改为二十年' },
      { problem: '未约定屋顶结构安全评估和损坏赔偿责任', suggestion: '增加安装前安全评估及损坏修复、赔偿条款', adopted: false, handling: '企业已出具结构安全评估报告，双方另行签订安全责任协议，合同不再重复约定' }],
    result: '合同已按修改稿签订' },
  { org: 'dzb', kind: '规范性文件', title: '《张八桥镇秸秆禁烧管理规定》合法性审查', documentName: '张八桥镇秸秆禁烧管理规定（送审稿）', on: '2023-05-22',
    matter: '为做好夏收秸秆禁烧工作，拟印发本规定，请进行合法性审查。', conclusion: '修改后合法', opinion: '规定中设定罚款的条款超越乡镇权限，应删除。', hours: 3,
    issues: [{ problem: '第八条设定“对焚烧秸秆者处500元罚款”，规范性文件不得设定行政处罚', suggestion: '删除，改为依照大气污染防治法由有权机关处罚', basis: '行政处罚法第十六条', adopted: true, handling: '已删除并改为移送处理' }],
    result: '已印发' },
  { org: 'S07', kind: '村规民约', title: '前楼村村规民约修订审查', documentName: '前楼村村规民约（修订稿）', on: '2023-06-12',
    matter: '结合移风易俗工作修订村规民约，请审查。', conclusion: '合法', opinion: '内容符合宪法、法律、法规和国家政策，没有侵犯村民人身权利、民主权利和合法财产权利的内容。', hours: 1.5,
    issues: [], result: '经村民会议通过，已报镇人民政府备案' },
  { org: 'dzb', kind: '合同', title: '镇区环卫保洁服务外包合同审查', documentName: '张八桥镇镇区环卫保洁服务合同', on: '2023-07-03', counterparty: '（示例）物业服务有限公司', amount: 58,
    matter: '经政府采购确定保洁服务单位，请审查服务合同。', conclusion: '修改后同意', opinion: '合同应明确服务标准、考核办法和扣款依据。', hours: 2,
    issues: [{ problem: '服务质量考核标准不明确，扣款无依据', suggestion: '附服务标准和考核细则作为合同附件', adopted: true, handling: '已增加附件二考核细则' }],
    result: '合同已签订' },
  { org: 'S11', kind: '村规民约', title: '陈庄村村规民约修订审查', documentName: '陈庄村村规民约（修订稿）', on: '2023-07-17',
    matter: '村“两委”拟修订村规民约，请审查。', conclusion: '修改后合法', opinion: '个别条款限制村民人身自由，应予修改。', hours: 2, late: true,
    issues: [{ problem: '第五条规定“对不赡养老人者由村委会扣押其财物”', suggestion: '删除扣押财物内容，改为调解、督促，必要时支持老人起诉', basis: '村民委员会组织法第二十七条第二款', adopted: true, handling: '已删除' }],
    result: '经村民会议通过，已报镇人民政府备案' },
  { org: 'dzb', kind: '重大事项', title: '汝窑陶瓷产业园区招商引资协议审查', documentName: '汝窑陶瓷产业园区项目投资协议', on: '2023-08-14', counterparty: '（示例）陶瓷文化产业有限公司',
    matter: '拟与企业签订产业园区投资协议，涉及土地、税费和奖励政策，请审查。', conclusion: '修改后同意', opinion: '协议中承诺税收返还的条款违反国家规定，应删除；土地使用应依法通过出让取得。', hours: 5,
    issues: [{ problem: '第七条承诺“按企业实际缴纳税收地方留成部分全额返还”', suggestion: '删除税收返还承诺，改为依照现行政策给予支持', adopted: true, handling: '已删除' },
      { problem: '协议约定镇政府“保证企业取得项目用地”', suggestion: '改为依法协助办理用地手续，土地通过招拍挂方式出让', basis: '土地管理法有关规定', adopted: true, handling: '已修改' }],
    result: '协议已按修改稿签订' },
  { org: 'S15', kind: '村规民约', title: '郑庄村村规民约修订审查', documentName: '郑庄村村规民约（修订稿）', on: '2023-09-11',
    matter: '村“两委”拟修订村规民约，请审查。', conclusion: '合法', opinion: '内容符合法律和政策，建议增加婚事新办、丧事简办内容。', hours: 1.5,
    issues: [], result: '经村民会议通过，已报镇人民政府备案' },
  { org: 'S14', kind: '合同', title: '吴庄村集体厂房租赁合同审查', documentName: '吴庄村集体厂房租赁合同', on: '2023-10-16', counterparty: '（示例）服装加工厂', amount: 6,
    matter: '村集体闲置厂房出租，经村民代表会议讨论同意，请审查租赁合同。', conclusion: '修改后同意', opinion: '应约定消防安全责任和租金调整方式。', hours: 1.5,
    issues: [{ problem: '未约定承租方消防安全责任', suggestion: '增加消防安全责任条款', adopted: true, handling: '已增加第九条' }],
    result: '合同已签订' },
  { org: 'dzb', kind: '其他法律文件', title: '镇政府政府信息公开申请答复书审查', documentName: '政府信息公开申请答复书（示例）', on: '2023-11-06',
    matter: '对一件依申请公开的答复书进行审查。', conclusion: '合法', opinion: '答复书的答复类型、理由和救济途径告知符合政府信息公开条例的规定。', hours: 1,
    issues: [], result: '已按期答复申请人' },
  { org: 'S18', kind: '村规民约', title: '马庄村村规民约修订审查', documentName: '马庄村村规民约（修订稿）', on: '2023-11-20',
    matter: '村“两委”拟修订村规民约，请审查。', conclusion: '修改后合法', opinion: '个别条款与婚姻自由原则不符，应予修改。', hours: 2,
    issues: [{ problem: '第十条规定“彩礼超过五万元的不予办理村务证明”', suggestion: '删除限制办理证明的内容，改为倡导性规定', basis: '村民委员会组织法第二十七条第二款', adopted: false, handling: '村民会议讨论后保留倡导内容，已删除限制办理证明的表述' }],
    result: '经村民会议通过，已报镇人民政府备案' },
];

const kinds = ['法律咨询', '参与调解', '法治讲座', '列席会议'] as const;
const summaries: Record<(typeof kinds)[number], string> = {
  法律咨询: '接待村民法律咨询，解答土地承包、婚姻家庭等问题',
  参与调解: '参与村人民调解委员会调解邻里纠纷',
  法治讲座: '开展民法典进农村法治讲座',
  列席会议: '列席村民代表会议，就村务决策提出法律意见',
};

/**
 * The demo town's legal advisors and their 2023: the township's advisor (guwen) for the township
 * and the northern villages, a second one (guwen2) for the southern villages (一村一法律顾问: every
 * village has one), the year's reviews through the case engine, and a service a quarter in
 * every village plus a monthly consultation at the township, with hours.
 */
export const seedAdvisorsDemo = async (c: Client, platform: Platform, today: string): Promise<number> => {
  const ids = new Map((await c.query<{ id: string; username: string }>("SELECT id, username FROM users WHERE username IN ('dangzheng', 'guwen', 'guwen2', 'cunwei')")).rows.map((r) => [r.username, r.id]));
  const orgs = new Map((await c.query<{ id: string; code: string; township_id: string | null; kind: string }>(
    "SELECT id, code, CASE WHEN kind = 'township' THEN id ELSE township_id END AS township_id, kind FROM orgs WHERE code IS NOT NULL")).rows.map((r) => [r.code, r]));
  const township = orgs.get('zhangbaqiao');
  const who = async (u: string): Promise<Principal | null> => (ids.get(u) ? loadPrincipal(c, ids.get(u) ?? '', 'session') : null);
  const clerk = await who('dangzheng');
  const north = await who('guwen');
  const south = await who('guwen2');
  const cadre = await who('cunwei');
  if (!township?.township_id || !clerk || !north || !south) return 0;
  const tid = township.township_id;
  const keys = platform.keys.fields;

  // 一村一法律顾问: S01–S09 and the township with guwen, S10–S18 with guwen2, from the start of 2023.
  const appoint = async (code: string, advisor: Principal, firm: string, mobile: string | null) => {
    const org = orgs.get(code);
    if (!org) return;
    await c.query(`INSERT INTO legal_advisors (township_id, org_id, user_id, name, firm, official_phone, phone_enc, from_on, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, '2023-01-01', $8)`,
      [tid, org.id, advisor.userId, advisor.displayName.replace('法律顾问 ', ''), firm, mobile ? null : '0375-6120148', mobile ? sealField(keys, mobile) : null, clerk.userId]);
  };
  await appoint('zhangbaqiao', north, firmNorth, null);
  for (const [i, v] of demoVillages.entries()) await appoint(v.code, i < 9 ? north : south, i < 9 ? firmNorth : firmSouth, i < 9 ? null : '13937500148');
  const advisorOf = (code: string): Principal => {
    const i = demoVillages.findIndex((v) => v.code === code);
    return i >= 9 ? south : north;
  };

  const cal = await platform.cases.calendars.forTownship(tid);
  let made = 0;
  const ctxOf = (pr: Principal, day: () => string): CaseCtx => ({
    client: c, principal: pr, actor: { principal: pr, ip: null, requestId: 'demo' }, audit: auditor(c, { principal: pr, ip: null, requestId: 'demo' }),
    engine: { ...platform.cases, today: day },
  });
  /** A review through its steps up to `until`, each step by whom the law gives it to. */
  const run = async (p: Plan, until: 'submitted' | 'reviewing' | 'opined' | 'closed'): Promise<void> => {
    const org = orgs.get(p.org);
    if (!org) return;
    let day = p.on;
    const submitter = p.org === 'S01' && cadre ? cadre : clerk;
    const advisor = advisorOf(p.org);
    const kase = await createCase(ctxOf(submitter, () => day), {
      type: 'legal_review', orgId: org.id, title: p.title, category: p.kind, receivedOn: day,
      data: { documentName: p.documentName, matter: p.matter, ...(p.counterparty ? { counterparty: p.counterparty } : {}), ...(p.amount !== undefined ? { amount: p.amount } : {}) },
    });
    made++;
    let version = 1;
    const step = async (pr: Principal, transition: string, on: string, fields: Record<string, unknown>) => {
      day = on;
      version = (await takeTransition(ctxOf(pr, () => day), kase.id, { transition, version, fields, on })).version;
    };
    if (until === 'submitted') return;
    await step(advisor, 'accept', addWorkingDays(cal, day, 1), {});
    if (until === 'reviewing') return;
    await step(advisor, 'opinion', addWorkingDays(cal, p.on, p.late ? 7 : 4), {
      conclusion: p.conclusion, opinion: p.opinion, hours: p.hours,
      ...(p.issues.length ? { issues: p.issues.map((x) => ({ problem: x.problem, suggestion: x.suggestion, ...(x.basis ? { basis: x.basis } : {}) })) } : {}),
    });
    if (until === 'opined') return;
    await step(submitter, 'resolve', addWorkingDays(cal, day, 5), {
      ...(p.issues.length ? { resolutions: p.issues.map((x, i) => ({ issueNo: i + 1, outcome: x.adopted === false ? '未采纳' : '采纳', ...(x.handling ? { handling: x.handling } : {}) })) } : {}),
      summary: p.issues.length ? '已逐条研究审查意见并作相应修改。' : '审查意见无修改建议。',
    });
    await step(submitter, 'close', addWorkingDays(cal, day, 5), { result: p.result });
  };
  for (const p of plans2023) await run(p, 'closed');

  // Services of 2023: a quarter's service in every village by its advisor, and the township's monthly consultation.
  const rows: unknown[][] = [];
  for (const [i, v] of demoVillages.entries()) {
    const org = orgs.get(v.code);
    if (!org) continue;
    for (let q = 0; q < 4; q++) {
      const kind = kinds[(i + q) % kinds.length] ?? '法律咨询';
      rows.push([org.id, advisorOf(v.code).userId, advisorOf(v.code).displayName, `2023-${String(q * 3 + 2).padStart(2, '0')}-${String(10 + (i % 15)).padStart(2, '0')}`, kind, [1.5, 2, 2.5, 1][(i + q) % 4], `${v.name}：${summaries[kind]}`]);
    }
  }
  for (let m = 1; m <= 12; m++) rows.push([township.id, north.userId, north.displayName, `2023-${String(m).padStart(2, '0')}-2${m % 8}`, '法律咨询', 2, '镇政府法律顾问坐班，为机关和群众提供法律咨询']);
  await c.query(`INSERT INTO advisor_services (township_id, org_id, advisor_id, advisor_name, served_on, kind, hours, summary, created_by)
    SELECT $1, o, a, n, d::date, k, h, s, a FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[]) AS x(o, a, n, d, k, h, s)`,
  [tid, ...[0, 1, 2, 3, 4, 5, 6].map((k) => rows.map((r) => r[k]))]);

  // Now: one contract of 西营村 waiting for its advisor, one normative document under review, one opinion waiting for the office's resolution.
  await run({ ...plans2023[3] as Plan, org: 'S02', title: '西营村村道维修工程施工合同审查', documentName: '西营村村道维修工程施工合同', on: addWorkingDays(cal, today, -1),
    counterparty: '（示例）路桥工程有限公司', amount: 9.6, matter: '村道维修工程经村民代表会议讨论同意，拟与施工单位签订合同，请审查合同条款。' }, 'submitted');
  await run({ ...plans2023[1] as Plan, title: '《张八桥镇农村人居环境整治长效管理办法》合法性审查', documentName: '张八桥镇农村人居环境整治长效管理办法（送审稿）', on: addWorkingDays(cal, today, -3),
    matter: '为建立农村人居环境整治长效机制，拟印发本办法，请进行合法性审查。' }, 'reviewing');
  await run({ ...plans2023[7] as Plan, title: '镇政府办公楼维修工程施工合同审查', documentName: '张八桥镇政府办公楼维修工程施工合同', on: addDays(today, -14), counterparty: '（示例）建筑安装有限公司', amount: 35,
    matter: '镇政府办公楼屋面防水和外墙维修，经询价确定施工单位，请审查施工合同。', opinion: '合同主体适格，价款和工期约定明确；应明确安全施工责任和保修期限。',
    issues: [{ problem: '未约定施工期间的安全责任和对办公秩序的保障', suggestion: '增加安全文明施工条款，明确施工方的安全责任' }, { problem: '未约定屋面防水工程的保修期限', suggestion: '约定防水工程保修期不少于五年' }] }, 'opined');
  return made;
};
