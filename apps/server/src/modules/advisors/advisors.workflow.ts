import { Type } from 'typebox';
import { legalReviewKinds, reviewConclusionsFor, type LegalReviewKind } from '@fazhi/contracts';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ineligibleAssignees } from '../../platform/cases/assignable-users.ts';
import { text, optionalText, oneOf, closed } from '../../platform/cases/step-fields.ts';

/**
 * What an advisor may be asked to review (the case's category):
 * - 合同: the township's or a village's contracts (a village's contracting and project plans are
 *   the villagers' meeting's to decide, 村民委员会组织法 第二十四条; a contract is void where it
 *   breaks a mandatory provision of law, 民法典 第一百五十三条);
 * - 规范性文件: the township's normative documents, reviewed for legality before they are issued
 *   (地方组织法 第七十五条 sets it for governments at county level and above; the national rules
 *   on the legality review of normative documents, 国办发〔2018〕115号, are not among the texts in
 *   /work/shared/laws, so no article of theirs is cited here);
 * - 村规民约: a village's rules or a community's residents' convention, which may not contradict
 *   the Constitution, laws, regulations and state policy nor infringe villagers' rights, are
 *   filed with the township, and are ordered corrected by it where they do (村民委员会组织法
 *   第二十七条);
 * - 其他法律文件, 重大事项: other legal documents and major matters (重大行政决策程序暂行条例
 *   第二十八条: legal advisors give their legal opinion in the legality review).
 */
export { legalReviewKinds };

type Issue = { problem: string; suggestion: string; basis?: string };
type Resolution = { issueNo: number; outcome: '采纳' | '未采纳'; handling?: string };

const allConclusions = [...new Set(legalReviewKinds.flatMap((k) => reviewConclusionsFor(k)))];
/** Conclusions that ask for changes or refuse: the opinion lists what it found. */
const needsIssues = new Set(['修改后合法', '不合法', '修改后同意', '不同意']);

/** Hours as the service log keeps them: more than 0, at most 24, one decimal at most. */
export const validHours = (h: unknown): h is number =>
  typeof h === 'number' && Number.isFinite(h) && h > 0 && h <= 24 && Math.abs(h * 10 - Math.round(h * 10)) < 1e-6;

const headOf = async (ctx: CaseCtx, caseId: string) => {
  const row = (await ctx.client.query<{ category: string | null; org_id: string; township_id: string; created_by: string | null; facts: Record<string, unknown> }>(
    'SELECT category, org_id, township_id, created_by, facts FROM cases WHERE id = $1', [caseId])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

/** The day the step was dated, as the engine recorded it (its latest event of that transition). */
const stepDay = async (ctx: CaseCtx, caseId: string, transition: string): Promise<string> =>
  (await ctx.client.query<{ on: string }>(
    `SELECT coalesce(e.payload ->> 'on', to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS on
       FROM case_events e WHERE e.case_id = $1 AND e.transition = $2 ORDER BY e.id DESC LIMIT 1`, [caseId, transition])).rows[0]?.on ?? ctx.engine.today();

/** The advisor the office names must be able to give the opinion at the case's org (advisor.review there). */
const assignRule = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const head = await headOf(ctx, caseId);
  const id = String(fields.advisorId);
  if ((await ineligibleAssignees(ctx, head, 'advisor.review', [id])).length > 0) throw new AppError('ADVISOR_NOT_ADVISOR');
};

const recordAdvisor = async (ctx: CaseCtx, caseId: string, userId: string, how: 'assigned' | 'accepted'): Promise<void> => {
  const name = (await ctx.client.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [userId])).rows[0]?.display_name ?? '';
  await ctx.client.query(`UPDATE cases SET facts = facts || jsonb_build_object('advisor', $2::jsonb) WHERE id = $1`,
    [caseId, JSON.stringify({ userId, name, how })]);
};

/**
 * The opinion fits the matter (legality for documents and village rules, consent for contracts
 * and other matters), lists the issues when it asks for changes or refuses, and gives the
 * hours spent, as the service log keeps them.
 */
const opinionRule = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const head = await headOf(ctx, caseId);
  const kind = (head.category ?? '其他法律文件') as LegalReviewKind;
  const conclusion = String(fields.conclusion);
  if (!reviewConclusionsFor(kind).includes(conclusion)) throw new AppError('ADVISOR_CONCLUSION_MISMATCH', { kind, allowed: reviewConclusionsFor(kind) });
  const issues = (fields.issues ?? []) as Issue[];
  if (needsIssues.has(conclusion) && issues.length === 0) throw new AppError('ADVISOR_ISSUES_REQUIRED');
  if (!validHours(fields.hours)) throw new AppError('ADVISOR_HOURS_INVALID', { hours: fields.hours });
};

/** A review's service kind in the log. */
const serviceKindOf = (kind: string | null): string =>
  kind === '合同' ? '合同审查' : kind === '规范性文件' ? '规范性文件审查' : kind === '村规民约' ? '村规民约审查' : '其他';

/**
 * What the opinion writes besides the step: each issue as its own row (numbered as listed), the
 * advisor who gave it in the case's facts, and its hours in the service log (one row per review,
 * written here only: the log's form cannot make or change it).
 */
const recordOpinion = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const head = await headOf(ctx, caseId);
  const issues = (fields.issues ?? []) as Issue[];
  if (issues.length > 0) {
    await ctx.client.query(
      `INSERT INTO legal_review_issues (case_id, township_id, seq, problem, suggestion, basis)
       SELECT $1, $2, s, p, g, nullif(b, '') FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS x(s, p, g, b)`,
      [caseId, head.township_id, issues.map((_, i) => i + 1), issues.map((i) => i.problem.trim()), issues.map((i) => i.suggestion.trim()), issues.map((i) => i.basis?.trim() ?? '')]);
  }
  const advisor = ctx.principal?.userId;
  if (!advisor) return;
  await recordAdvisor(ctx, caseId, advisor, 'accepted');
  const on = await stepDay(ctx, caseId, 'opinion');
  const title = (await ctx.client.query<{ title: string }>('SELECT title FROM cases WHERE id = $1', [caseId])).rows[0]?.title ?? '';
  await ctx.client.query(
    `INSERT INTO advisor_services (township_id, org_id, advisor_id, advisor_name, served_on, kind, hours, summary, case_id, source, created_by)
     VALUES ($1, $2, $3, $9, $4, $5, $6, $7, $8, 'review', $3)`,
    [head.township_id, head.org_id, advisor, on, serviceKindOf(head.category), Number(fields.hours), `审查：${title}`.slice(0, 2000), caseId, ctx.principal?.displayName ?? '']);
};

/** Each issue of the opinion gets exactly one resolution; one not adopted says why. */
const resolveRule = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const seqs = (await ctx.client.query<{ seq: number }>('SELECT seq FROM legal_review_issues WHERE case_id = $1 ORDER BY seq', [caseId])).rows.map((r) => r.seq);
  const given = (fields.resolutions ?? []) as Resolution[];
  const named = new Set<number>();
  for (const r of given) {
    if (!seqs.includes(r.issueNo) || named.has(r.issueNo)) throw new AppError('ADVISOR_RESOLUTION_INVALID', { issueNo: r.issueNo });
    named.add(r.issueNo);
    if (r.outcome === '未采纳' && !r.handling?.trim()) throw new AppError('ADVISOR_RESOLUTION_REASON', { issueNo: r.issueNo });
  }
  const missing = seqs.filter((s) => !named.has(s));
  if (missing.length > 0) throw new AppError('ADVISOR_ISSUES_UNRESOLVED', { missing });
};

const recordResolutions = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const given = (fields.resolutions ?? []) as Resolution[];
  if (given.length === 0) return;
  const on = await stepDay(ctx, caseId, 'resolve');
  await ctx.client.query(
    `UPDATE legal_review_issues i SET outcome = x.o, handling = nullif(x.h, ''), resolved_on = $5::date, resolved_by = $6
       FROM unnest($2::int[], $3::text[], $4::text[]) AS x(s, o, h) WHERE i.case_id = $1 AND i.seq = x.s`,
    [caseId, given.map((r) => r.issueNo), given.map((r) => r.outcome), given.map((r) => r.handling?.trim() ?? ''), on, ctx.principal?.userId ?? null]);
};

const IssueField = Type.Object({
  problem: text('发现的问题', 'Issue found', 2000),
  suggestion: text('修改建议', 'Change proposed', 2000),
  basis: optionalText('法律依据', 'Legal basis', 500),
}, closed);
const ResolutionField = Type.Object({
  issueNo: Type.Integer({ title: '问题序号', description: 'Issue number', minimum: 1, maximum: 50 }),
  outcome: oneOf('处理情况', 'Outcome', ['采纳', '未采纳']),
  handling: optionalText('如何修改或不采纳的理由', 'How it was changed, or why not adopted', 2000),
}, closed);

/**
 * A legal review (法律审查事项) by the township's legal advisors (律师顾问团; 一村一法律顾问): a
 * village or a township office submits a contract, a normative document, village rules or another
 * matter with the document attached; the village's advisor (by default, from the appointments
 * table) or one the office names accepts it and gives the opinion — a conclusion, the opinion, the
 * issues found one by one, the hours spent — within the township's period (5 working days unless
 * the township sets another); the submitter records how each issue was dealt with and closes it.
 */
export const legalReviewCaseType: CaseTypeDef = {
  code: 'legal_review', refCode: '审', label: { zh: '法律审查事项', en: 'Legal review' },
  readPermission: 'advisor.read', handlePermission: 'advisor.request', citizenFacing: false,
  initial: 'submitted',
  categories: legalReviewKinds,
  intake: Type.Object({
    documentName: text('送审文件名称', 'Document submitted', 200),
    matter: text('送审事项说明（背景、需要审查的问题）', 'What is to be reviewed and why', 5000),
    counterparty: optionalText('合同相对方', 'Other party to the contract', 200),
    amount: Type.Optional(Type.Number({ title: '合同金额（万元）', description: 'Contract amount (10,000 yuan)', minimum: 0, maximum: 10000000 })),
    contact: optionalText('送审联系人', 'Contact', 64),
  }, closed),
  searchFields: ['documentName', 'matter', 'counterparty'],
  states: {
    submitted: { label: { zh: '待受理', en: 'Submitted' }, kind: 'open' },
    reviewing: { label: { zh: '审查中', en: 'Under review' }, kind: 'open' },
    opined: { label: { zh: '已出具意见（待反馈采纳情况）', en: 'Opinion given' }, kind: 'open' },
    resolved: { label: { zh: '已反馈采纳情况', en: 'Resolution recorded' }, kind: 'open' },
    closed: { label: { zh: '已办结', en: 'Closed' }, kind: 'closed' },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, kind: 'terminal' },
  },
  transitions: [
    { key: 'assign', label: { zh: '指定法律顾问', en: 'Name the advisor' }, from: ['submitted'], to: 'submitted', permission: 'advisor.request',
      fields: Type.Object({ advisorId: Type.String({ title: '法律顾问', description: 'Legal advisor', format: 'uuid' }) }, closed),
      precondition: assignRule, effect: async (ctx, caseId, f) => { await recordAdvisor(ctx, caseId, String(f.advisorId), 'assigned'); } },
    { key: 'accept', label: { zh: '受理审查', en: 'Accept for review' }, from: ['submitted'], to: 'reviewing', permission: 'advisor.review',
      fields: Type.Object({ note: optionalText('受理说明（需补充的材料等）', 'Note', 1000) }, closed),
      effect: async (ctx, caseId) => { if (ctx.principal) await recordAdvisor(ctx, caseId, ctx.principal.userId, 'accepted'); } },
    { key: 'opinion', label: { zh: '出具审查意见', en: 'Give the opinion' }, from: ['reviewing'], to: 'opined', permission: 'advisor.review',
      fields: Type.Object({
        conclusion: oneOf('审查结论', 'Conclusion', allConclusions),
        opinion: text('审查意见（主体、权限、程序、内容是否合法，风险提示）', 'Opinion (parties, authority, procedure, content, risks)', 10000),
        issues: Type.Optional(Type.Array(IssueField, { title: '发现的问题及修改建议（逐条）', description: 'Issues found, one by one', maxItems: 50 })),
        hours: Type.Number({ title: '审查用时（小时）', description: 'Hours spent', minimum: 0.1, maximum: 24 }),
      }, closed),
      precondition: opinionRule, effect: recordOpinion },
    { key: 'resolve', label: { zh: '反馈意见采纳情况', en: 'Record how the issues were dealt with' }, from: ['opined'], to: 'resolved', permission: 'advisor.request',
      fields: Type.Object({
        resolutions: Type.Optional(Type.Array(ResolutionField, { title: '逐条处理情况', description: 'Each issue: adopted or not', maxItems: 50 })),
        summary: optionalText('总体采纳情况说明', 'Summary', 2000),
      }, closed),
      precondition: resolveRule, effect: recordResolutions },
    { key: 'close', label: { zh: '办结', en: 'Close' }, from: ['resolved'], to: 'closed', permission: 'advisor.request',
      fields: Type.Object({ result: text('最终处理结果（合同签订、文件印发、村规民约报镇政府备案等）', 'Result (contract signed, document issued, village rules filed…)', 2000) }, closed) },
    { key: 'withdraw', label: { zh: '撤回', en: 'Withdraw' }, from: ['submitted', 'reviewing'], to: 'withdrawn', permission: 'advisor.request',
      fields: Type.Object({ reason: text('撤回原因', 'Reason', 1000) }, closed) },
  ],
  deadlines: [
    // No statute fixes the advisor's period for a township's review: 5 working days is the
    // customary one; a township sets its own between 3 and 15 (期限设置).
    { key: 'opinion', label: { zh: '出具审查意见期限', en: 'Time for the opinion' }, length: 5, unit: 'wd', startOn: 'created', stopOn: ['opinion'],
      configurable: { min: 3, max: 15 }, remindBefore: { length: 1, unit: 'wd' },
      basis: '乡镇法律顾问工作制度（无法定期限，默认5个工作日，可由乡镇在3至15个工作日之间设置）；村规民约合法性审查依据村民委员会组织法第二十七条' },
  ],
};
