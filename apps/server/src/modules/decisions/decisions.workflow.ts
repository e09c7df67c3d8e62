import { Type } from 'typebox';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays } from '../../platform/calendar/index.ts';
import { text, optionalText, oneOf, count, closed } from '../../platform/cases/step-fields.ts';
import { readDecisionSetting, requiredBody } from './decision-settings.ts';


/**
 * What a major decision may be about: the matters of 重大行政决策程序暂行条例 第三条 (public
 * policies and measures, plans, public works, resources and environment, other major matters
 * of the public interest) and the party's "三重一大" (重大事项决策、重要干部任免、重大项目安排、
 * 大额资金使用), which the seed's town decides collectively (seed 四(二): "四重一大").
 * A township adds to the list through the case type's categories.
 */
export const decisionCategories = [
  '重大公共政策和措施', '重大规划', '重大公共建设项目', '重大资源开发利用和环境保护', '其他重大事项',
  '三重一大：重大事项决策', '三重一大：重要干部任免', '三重一大：重大项目安排', '三重一大：大额资金使用',
] as const;
/** Items on personnel need two thirds of the members present (the "三重一大" rule for 干部任免). */
export const personnelCategory = '三重一大：重要干部任免';

/**
 * The bodies that decide: the government's executive or plenary meeting (第三十条), the party
 * committee and the joint meeting of party and government for "三重一大" items (地方组织法 第六条).
 */
export const decisionMeetings = ['镇政府常务会议', '镇政府全体会议', '镇党委会议', '党政联席会议'] as const;
export const reviewConclusions = ['合法', '修改后合法', '不合法'] as const;

type Decide = {
  meeting: string; meetingId?: string; membersDue: number; present: number; attendees: string; votesFor: number; votesAgainst: number; votesAbstain: number;
  leaderSpokeLast: boolean; againstMajorityReason?: string;
};

/** The names in a list of attendees written as the minutes write them (、，, or spaces between). */
export const namesIn = (list: string): string[] => list.split(/[、，,;；\s]+/u).map((s) => s.trim()).filter((s) => s.length > 0);

/**
 * The meeting's quorum: more than half of the members present (地方组织法 第六条 with the
 * government's rules of procedure; 条例 第三十条 a meeting's collective discussion), two thirds
 * for an item on personnel.
 */
export const quorumOf = (membersDue: number, present: number, category: string | null): { needed: number; quorate: boolean; rule: string } => {
  const twoThirds = category === personnelCategory;
  const needed = twoThirds ? Math.ceil((membersDue * 2) / 3) : Math.floor(membersDue / 2) + 1;
  return { needed, quorate: present >= needed && present <= membersDue, rule: twoThirds ? '三分之二以上' : '过半数' };
};

type Head = { steps: Record<string, Record<string, unknown>>; category: string | null; township_id: string };
const stepsOf = async (ctx: CaseCtx, caseId: string): Promise<Head> => {
  const row = (await ctx.client.query<Head>('SELECT steps, category, township_id FROM cases WHERE id = $1', [caseId])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

/**
 * 第二十五条: a draft not reviewed for legality, or found unlawful, is not put before the
 * deciding body. The state machine makes the review come first; its conclusion is checked here.
 */
const reviewedLawful = async (ctx: CaseCtx, caseId: string): Promise<void> => {
  const { steps } = await stepsOf(ctx, caseId);
  const conclusion = steps.legal_opinion?.conclusion;
  if (conclusion === undefined) throw new AppError('DECISION_NOT_REVIEWED');
  if (conclusion === '不合法') throw new AppError('DECISION_NOT_LAWFUL');
};

/**
 * 第三条第三款: the deciding body publishes its catalogue of decision matters (决策事项目录) after
 * the party committee agrees. A decision is started on an item of its township's agreed
 * catalogue, not withdrawn; a matter outside the catalogue states why it is started.
 */
const startRule = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const itemId = typeof fields.catalogueItemId === 'string' ? fields.catalogueItemId : null;
  if (itemId === null) {
    if (typeof fields.outsideReason !== 'string' || fields.outsideReason.trim() === '') throw new AppError('DECISION_CATALOGUE_REASON_REQUIRED');
    return;
  }
  const { township_id } = await stepsOf(ctx, caseId);
  const item = (await ctx.client.query<{ ok: boolean }>(
    `SELECT c.township_id = $2 AND c.status IN ('agreed', 'published') AND i.withdrawn_on IS NULL AS ok
       FROM decision_catalogue_items i JOIN decision_catalogues c ON c.id = i.catalogue_id WHERE i.id = $1`, [itemId, township_id])).rows[0];
  if (!item?.ok) throw new AppError('DECISION_CATALOGUE_ITEM_INVALID');
};

/**
 * The township's thresholds (its "三重一大" standards, 第三条第三款; 地方组织法 第六条): a matter whose
 * amount reaches a body's threshold goes to that body, at the agenda and at the decision.
 */
const bodyRule = async (ctx: CaseCtx, caseId: string, meeting: unknown): Promise<void> => {
  const { steps, township_id } = await stepsOf(ctx, caseId);
  const amount = typeof steps.start?.amountWan === 'number' ? steps.start.amountWan : null;
  const setting = amount === null ? null : await readDecisionSetting(ctx.client, township_id);
  const needed = requiredBody(setting?.thresholds ?? [], amount);
  if (needed && meeting !== needed.body) throw new AppError('DECISION_BODY_REQUIRED', { amountWan: amount, fromWan: needed.fromWan, body: needed.body });
};

/** The deciding bodies whose meetings are records of the governance module (kinds of its `meeting` case). */
export const recordedBodies: readonly string[] = ['镇党委会议', '镇政府常务会议', '党政联席会议'];

/**
 * A decide step that names its meeting record: a meeting of this township, of the body the step
 * names, held, whose agenda lists this decision; members due, present and who attended as that
 * record has them (the item's own quorum — two thirds for personnel — is still checked on the step).
 */
const linkedMeetingRule = async (ctx: CaseCtx, caseId: string, f: Decide, townshipId: string): Promise<void> => {
  if (!f.meetingId) return;
  const m = (await ctx.client.query<{ case_type: string; township_id: string; category: string | null; status: string; hold: Record<string, unknown> | null }>(
    "SELECT case_type, township_id, category, status, steps -> 'hold' AS hold FROM cases WHERE id = $1", [f.meetingId])).rows[0];
  if (!m || m.case_type !== 'meeting' || m.township_id !== townshipId || m.category !== f.meeting || !recordedBodies.includes(f.meeting)
    || !['held', 'filed'].includes(m.status) || !m.hold) throw new AppError('DECISION_MEETING_INVALID');
  const listed = Array.isArray(m.hold.decisionIds) ? (m.hold.decisionIds as unknown[]) : [];
  if (!listed.includes(caseId)) throw new AppError('DECISION_MEETING_NOT_ON_AGENDA');
  const same = (a: string, b: string) => { const x = namesIn(a).sort(); const y = namesIn(b).sort(); return x.length === y.length && x.every((n, i) => n === y[i]); };
  if (m.hold.membersDue !== f.membersDue || m.hold.present !== f.present || !same(typeof m.hold.attendees === 'string' ? m.hold.attendees : '', f.attendees)) {
    throw new AppError('DECISION_MEETING_MISMATCH', { membersDue: m.hold.membersDue, present: m.hold.present, attendees: m.hold.attendees });
  }
};

/**
 * 第三十条: the draft is discussed at the executive or plenary meeting; the members speak, the
 * head speaks last and decides; a decision against the majority is explained at the meeting;
 * dissent is recorded. The meeting must be quorate, the attendance list must name those
 * present, and the votes cannot outnumber them.
 */
const decideRule = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  await reviewedLawful(ctx, caseId);
  const f = fields as unknown as Decide;
  await bodyRule(ctx, caseId, f.meeting);
  const { category, township_id } = await stepsOf(ctx, caseId);
  await linkedMeetingRule(ctx, caseId, f, township_id);
  const names = namesIn(f.attendees);
  if (names.length !== f.present) throw new AppError('DECISION_ATTENDANCE_MISMATCH', { present: f.present, named: names.length });
  const q = quorumOf(f.membersDue, f.present, category);
  if (!q.quorate) throw new AppError('DECISION_NO_QUORUM', { membersDue: f.membersDue, present: f.present, needed: q.needed, rule: q.rule });
  if (f.votesFor + f.votesAgainst + f.votesAbstain > f.present) throw new AppError('DECISION_VOTES_INVALID', { present: f.present });
  if (!f.leaderSpokeLast) throw new AppError('DECISION_LEADER_NOT_LAST');
  // The head adopts the draft: when most of those present did not vote for it, the reasons are given (第三十条第二款).
  if (f.votesFor * 2 <= f.present && !f.againstMajorityReason?.trim()) throw new AppError('DECISION_MAJORITY_REASON_REQUIRED', { votesFor: f.votesFor, present: f.present });
};

/**
 * What the engine computes of the meeting and keeps beside the step (the case's `facts`,
 * never written by a request): the quorum rule applied and whether the head decided against
 * the majority.
 */
const recordMeeting = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const f = fields as unknown as Decide;
  const { category } = await stepsOf(ctx, caseId);
  const q = quorumOf(f.membersDue, f.present, category);
  await ctx.client.query(`UPDATE cases SET facts = facts || jsonb_build_object('meeting', $2::jsonb) WHERE id = $1`, [caseId, JSON.stringify({
    membersDue: f.membersDue, present: f.present, needed: q.needed, rule: q.rule, quorate: q.quorate, againstMajority: f.votesFor * 2 <= f.present,
  })]);
};

/** 第三十二条 with 第二十九条第二项: the decision is published with how the public's comments were taken up, so each comment needs its answer first. */
const commentsAnswered = async (ctx: CaseCtx, caseId: string): Promise<void> => {
  const open = (await ctx.client.query<{ n: number }>('SELECT count(*)::int AS n FROM decision_comments WHERE case_id = $1 AND answer IS NULL', [caseId])).rows[0]?.n ?? 0;
  if (open > 0) throw new AppError('DECISION_COMMENTS_UNANSWERED', { unanswered: open });
};

/** 第十六条第三款: the hearing's papers reach the participants 7 days before it (and not after the day they are recorded). */
const hearingRule = async (_ctx: CaseCtx, _caseId: string, fields: Readonly<Record<string, unknown>>, on: string): Promise<void> => {
  const sent = typeof fields.papersSentOn === 'string' ? fields.papersSentOn : '';
  const latest = addDays(on, -7);
  if (sent > latest) throw new AppError('DECISION_HEARING_PAPERS_LATE', { papersSentOn: sent, latest });
};

const draftFields = Type.Object({
  draft: text('决策草案', 'Draft', 20000),
  explanation: text('起草说明（依据、必要性、成本效益分析）', 'Explanatory note', 10000),
  // 第十二条第三款: where views differ widely, two or more options.
  options: optionalText('备选方案（有较大分歧时提出两个以上方案）', 'Alternative options', 10000),
  consulted: optionalText('与有关单位协商情况（第十三条）', 'Units consulted', 5000),
}, closed);

/**
 * A major administrative decision (重大行政决策) as a case type, through the steps of
 * 重大行政决策程序暂行条例 (townships apply it by reference, 第四十二条): started with a lead
 * unit (第十条、第十一条), drafted with options (第十二条), open for public comment at least 30
 * days unless a shorter period is explained when it opens (第十五条), heard (第十六至十八条),
 * argued by experts (第十九至二十一条), assessed for risk (第二十二至二十四条), reviewed for
 * legality with at least 7 working days allowed (第二十五至二十八条), put on the agenda and
 * decided collectively with the head speaking last (第三十条; 地方组织法 第六条, 第七十七条),
 * reported to the party committee (第三十一条), published (第三十二条), executed and reported on
 * (第三十四条), optionally evaluated afterwards (第三十六条), and archived (第三十三条).
 */
export const decisionCaseType: CaseTypeDef = {
  code: 'decision', refCode: '决', label: { zh: '重大行政决策', en: 'Major administrative decision' },
  readPermission: 'decision.read', handlePermission: 'decision.handle', citizenFacing: false,
  initial: 'proposed',
  categories: decisionCategories,
  // A township's own "三重一大"/"四重一大" list where it set one (第三条第三款: 标准).
  categoriesAt: async (c, townshipId) => (await readDecisionSetting(c, townshipId))?.categories ?? null,
  states: {
    proposed: { label: { zh: '待启动', en: 'Proposed' }, kind: 'open' },
    drafting: { label: { zh: '拟订方案中', en: 'Drafting' }, kind: 'open' },
    drafted: { label: { zh: '方案已拟订', en: 'Drafted' }, kind: 'open' },
    commenting: { label: { zh: '公开征求意见中', en: 'Open for comment' }, kind: 'open' },
    consulted: { label: { zh: '论证评估中', en: 'Hearing, argument, risk' }, kind: 'open' },
    reviewing: { label: { zh: '合法性审查中', en: 'Legality review' }, kind: 'open' },
    reviewed: { label: { zh: '已审查', en: 'Reviewed' }, kind: 'open' },
    scheduled: { label: { zh: '已列入会议议题', en: 'On the agenda' }, kind: 'open' },
    decided: { label: { zh: '已集体讨论决定', en: 'Decided' }, kind: 'open' },
    reported: { label: { zh: '已向党委报告', en: 'Reported to the party committee' }, kind: 'open' },
    published: { label: { zh: '已公布、执行中', en: 'Published, in execution' }, kind: 'open' },
    evaluated: { label: { zh: '已后评估', en: 'Evaluated' }, kind: 'open' },
    archived: { label: { zh: '已归档', en: 'Archived' }, kind: 'closed' },
    dropped: { label: { zh: '已终止', en: 'Dropped' }, kind: 'terminal' },
  },
  transitions: [
    { key: 'start', label: { zh: '决策启动', en: 'Start' }, from: ['proposed'], to: 'drafting', permission: 'decision.handle',
      fields: Type.Object({
        leadUnit: text('决策承办单位', 'Lead unit', 100),
        matter: text('决策事项及启动依据', 'The matter and why it is started', 5000),
        // 第三条第三款: the item of the year's catalogue, or why a matter outside it is started.
        catalogueItemId: Type.Optional(Type.String({ format: 'uuid', title: '年度决策事项目录中的事项', description: "Item of the year's decision catalogue (art. 3)" })),
        outsideReason: optionalText('未列入年度决策事项目录的理由', 'Why a matter outside the catalogue is started', 2000),
        // The amount decides which body must decide (the township's "三重一大" thresholds).
        amountWan: Type.Optional(Type.Number({ title: '涉及资金金额（万元）', description: 'Amount involved (10,000 yuan)', minimum: 0, maximum: 10000000 })),
      }, closed),
      precondition: startRule },
    { key: 'draft', label: { zh: '拟订决策方案', en: 'Draft' }, from: ['drafting'], to: 'drafted', permission: 'decision.handle', fields: draftFields },
    // 第十五条: at least 30 days; a shorter period is explained when the draft is published.
    { key: 'open_comment', label: { zh: '公开征求意见（不少于30日）', en: 'Open for public comment (30 days)' }, from: ['drafted'], to: 'commenting', permission: 'decision.handle',
      fields: Type.Object({ channels: text('公布途径（政府网站、政务新媒体、公告栏等）', 'Where the draft is published', 500) }, closed) },
    { key: 'open_comment_short', label: { zh: '公开征求意见（缩短期限）', en: 'Open for comment (shortened)' }, from: ['drafted'], to: 'commenting', permission: 'decision.handle',
      fields: Type.Object({
        channels: text('公布途径（政府网站、政务新媒体、公告栏等）', 'Where the draft is published', 500),
        shortReason: text('缩短征求意见期限的理由（公开征求意见时一并说明）', 'Why the period is shortened (published with the draft)', 2000),
      }, closed) },
    { key: 'close_comment', label: { zh: '结束征求意见', en: 'Close the comment period' }, from: ['commenting'], to: 'consulted', permission: 'decision.handle',
      fields: Type.Object({ adoption: text('意见研究采纳情况（第二十九条第二项）', 'How the comments were taken up', 10000) }, closed) },
    { key: 'skip_comment', label: { zh: '不公开征求意见（依法不予公开）', en: 'No public comment (not to be disclosed)' }, from: ['drafted'], to: 'consulted', permission: 'decision.handle',
      fields: Type.Object({ reason: text('依法不予公开的理由（第十四条第一款）', 'Why the matter is not disclosed', 2000), otherWays: text('听取意见的其他方式', 'Other ways views were heard', 2000) }, closed) },
    { key: 'hearing', label: { zh: '举行听证会', en: 'Hearing held' }, from: ['consulted'], to: 'consulted', permission: 'decision.handle',
      fields: Type.Object({
        participants: text('听证参加人', 'Participants', 2000),
        papersSentOn: Type.String({ title: '听证材料送达日期（应于听证会7日前）', description: 'Papers sent (7 days before)', format: 'date' }),
        record: text('听证会记录要点', 'Record of the hearing', 10000),
        recordSigned: Type.Boolean({ title: '听证参加人已确认记录并签字', description: 'Record signed by participants (art. 17)' }),
      }, closed),
      precondition: hearingRule },
    { key: 'expert_argument', label: { zh: '专家论证', en: 'Expert argument' }, from: ['consulted'], to: 'consulted', permission: 'decision.handle',
      fields: Type.Object({
        experts: text('论证专家、专业机构', 'Experts', 2000),
        opinions: text('论证意见', 'Opinions', 10000),
        signed: Type.Boolean({ title: '论证意见已由专家签字', description: 'Opinions signed (art. 21)' }),
      }, closed) },
    { key: 'risk_assessment', label: { zh: '风险评估', en: 'Risk assessment' }, from: ['consulted'], to: 'consulted', permission: 'decision.handle',
      fields: Type.Object({
        report: text('风险评估报告（风险点、防范措施、处置预案）', 'Risk assessment report', 10000),
        controllable: oneOf('评估结论', 'Conclusion', ['风险可控', '采取措施后风险可控']),
      }, closed) },
    // 第二十六条: the draft with its basis and the account of the procedure; at least 7 working days for the review.
    { key: 'submit_review', label: { zh: '送请合法性审查', en: 'Send for legality review' }, from: ['consulted'], to: 'reviewing', permission: 'decision.handle',
      fields: Type.Object({ materials: text('送审材料（草案、依据、履行法定程序的说明）', 'Materials sent', 5000) }, closed) },
    { key: 'legal_opinion', label: { zh: '出具合法性审查意见', en: 'Legality opinion' }, from: ['reviewing'], to: 'reviewed', permission: 'decision.review',
      fields: Type.Object({
        conclusion: oneOf('审查结论', 'Conclusion', reviewConclusions),
        opinion: text('合法性审查意见（权限、程序、内容，第二十七条）', 'Opinion (authority, procedure, content)', 10000),
        issues: optionalText('发现的问题及修改建议', 'Issues found and changes proposed', 10000),
        reviewer: text('审查人（法律顾问、公职律师）', 'Reviewer', 100),
      }, closed) },
    { key: 'revise', label: { zh: '根据审查意见修改草案', en: 'Revise after review' }, from: ['reviewed'], to: 'consulted', permission: 'decision.handle',
      fields: Type.Object({ changes: text('修改情况', 'Changes made', 10000) }, closed) },
    { key: 'put_on_agenda', label: { zh: '列入会议议题', en: 'Put on the agenda' }, from: ['reviewed'], to: 'scheduled', permission: 'decision.handle',
      fields: Type.Object({ meeting: oneOf('决策会议', 'Meeting', decisionMeetings), meetingDate: Type.String({ title: '拟开会日期', description: 'Meeting date', format: 'date' }) }, closed),
      precondition: async (ctx, caseId, fields) => { await reviewedLawful(ctx, caseId); await bodyRule(ctx, caseId, fields.meeting); } },
    { key: 'decide', label: { zh: '集体讨论决定', en: 'Decided collectively' }, from: ['scheduled'], to: 'decided', permission: 'decision.approve',
      fields: Type.Object({
        meeting: oneOf('决策会议', 'Meeting', decisionMeetings),
        // The meeting's own record (governance), whose agenda lists this decision: the attendance is checked against it.
        meetingId: Type.Optional(Type.String({ format: 'uuid', title: '会议记录', description: 'The meeting record' })),
        membersDue: Type.Integer({ title: '会议组成人员（应到人数）', description: 'Members of the body', minimum: 1, maximum: 99 }),
        present: count('实到人数', 'Present'),
        attendees: text('出席人员（以顿号分隔）', 'Who attended', 1000),
        absentees: optionalText('缺席人员及原因', 'Absent and why', 1000),
        votesFor: count('同意', 'For'),
        votesAgainst: count('不同意', 'Against'),
        votesAbstain: count('弃权', 'Abstained'),
        leaderSpokeLast: Type.Boolean({ title: '行政首长最后发表意见并作出决定', description: 'The head spoke last and decided (art. 30)' }),
        decision: text('决定内容', 'What was decided', 10000),
        dissent: optionalText('不同意见（如实载明）', 'Dissent recorded', 5000),
        againstMajorityReason: optionalText('与多数人意见不一致的理由', 'Reasons for deciding against the majority', 5000),
      }, closed),
      precondition: decideRule, effect: recordMeeting },
    { key: 'report_party', label: { zh: '向党委请示报告', en: 'Reported to the party committee' }, from: ['decided'], to: 'reported', permission: 'decision.handle',
      fields: Type.Object({ reply: text('党委意见', "The party committee's reply", 2000) }, closed) },
    { key: 'publish', label: { zh: '决策公布', en: 'Publish the decision' }, from: ['reported'], to: 'published', permission: 'decision.approve', public: true,
      fields: Type.Object({
        channels: text('公布途径', 'Where it is published', 500),
        docNo: optionalText('文号', 'Document number', 100),
        adoptionNote: text('公众意见、专家论证意见的采纳情况', 'How public and expert opinions were taken up', 10000),
        executor: text('决策执行单位（第三十四条）', 'Executing unit', 100),
      }, closed),
      precondition: async (ctx, caseId) => { await commentsAnswered(ctx, caseId); } },
    { key: 'report_execution', label: { zh: '报告执行情况', en: 'Execution reported' }, from: ['published', 'evaluated'], to: 'published', permission: 'decision.handle',
      fields: Type.Object({ report: text('执行情况', 'How execution goes', 10000), problems: optionalText('发现的问题（第三十五条）', 'Problems found', 5000) }, closed) },
    { key: 'evaluate', label: { zh: '决策后评估', en: 'Post-evaluation' }, from: ['published'], to: 'evaluated', permission: 'decision.handle',
      fields: Type.Object({
        trigger: oneOf('评估情形（第三十六条）', 'Why evaluated', ['未达到预期效果', '公众意见较多', '决策机关认为有必要']),
        evaluator: text('评估单位', 'Evaluator', 200),
        findings: text('评估结论', 'Findings', 10000),
      }, closed) },
    { key: 'archive', label: { zh: '执行完毕归档', en: 'Archived' }, from: ['published', 'evaluated'], to: 'archived', permission: 'decision.handle',
      fields: Type.Object({ archiveNo: text('档案号', 'Archive number', 100) }, closed) },
    { key: 'drop', label: { zh: '终止决策', en: 'Drop the decision' }, from: ['proposed', 'drafting', 'drafted', 'commenting', 'consulted', 'reviewing', 'reviewed', 'scheduled'], to: 'dropped', permission: 'decision.approve',
      fields: Type.Object({ reason: text('终止理由', 'Reason', 2000) }, closed) },
  ],
  deadlines: [
    { key: 'comment', label: { zh: '公开征求意见期间', en: 'Public comment period' }, length: 30, unit: 'cd', kind: 'minimum', startOn: 'open_comment', stopOn: ['close_comment'],
      blocks: ['close_comment'], basis: '重大行政决策程序暂行条例 第十五条（公开征求意见的期限一般不少于30日）' },
    // A shorter period explained when the draft is published (第十五条); how short a township allows is its setting.
    { key: 'comment_short', label: { zh: '公开征求意见期间（缩短）', en: 'Public comment period (shortened)' }, length: 7, unit: 'cd', kind: 'minimum', startOn: 'open_comment_short', stopOn: ['close_comment'],
      blocks: ['close_comment'], configurable: { min: 3, max: 29 }, basis: '重大行政决策程序暂行条例 第十五条（因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明）' },
    // The reviewer is given at least 7 working days (第二十六条第二款): the item is not put on an agenda
    // before they have passed; a draft sent again after revision gives the reviewer the whole time again.
    { key: 'legal_review', label: { zh: '合法性审查时间', en: 'Time for the legality review' }, length: 7, unit: 'wd', kind: 'minimum', startOn: 'submit_review', stopOn: ['put_on_agenda'],
      restartOn: ['submit_review'], blocks: ['put_on_agenda'], basis: '重大行政决策程序暂行条例 第二十六条（送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日）' },
  ],
};
