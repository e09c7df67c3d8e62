import type { Client } from '../../../platform/db/pools.ts';
import type { FieldKeys } from '../../../platform/crypto/sm.ts';
import type { CaseDocumentDef } from '../../../platform/documents/case-document.ts';
import { renderOfficialDocument } from '../../../platform/documents/official-document.ts';
import type { Block } from '../../../platform/documents/blocks.ts';
import { chineseDate } from '../../../platform/documents/chinese-text.ts';
import { AppError } from '../../../platform/errors.ts';

type Step = Record<string, unknown>;
type Issue = { problem?: string; suggestion?: string; basis?: string };

/** What the opinion is filled from: the engine's record of the review's steps and their days, the advisor the steps named. */
export type ReviewFile = {
  caseId: string; ref: string; title: string; kind: string | null; township: string; orgName: string; receivedOn: string;
  data: Step; steps: Readonly<Record<string, Step>>; on: ReadonlyMap<string, string>; advisor: string; firm: string | null;
  parties: { id: string; sealedFields: string[] }[];
};

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const para = (text: string): Block => ({ kind: 'paragraph', text });

/** Loads a review for its opinion, in the caller's transaction (row-level security applies). */
export const loadReviewFile = async (c: Client, _keys: FieldKeys, caseId: string): Promise<ReviewFile> => {
  const k = (await c.query<{ id: string; ref: string; title: string; category: string | null; township: string; org_name: string; received_on: string; data: Step; steps: Record<string, Step>; facts: Step }>(
    `SELECT k.id, k.ref, k.title, k.category, t.name AS township, o.name AS org_name, to_char(k.received_on, 'YYYY-MM-DD') AS received_on, k.data, k.steps, k.facts
       FROM cases k JOIN orgs o ON o.id = k.org_id JOIN orgs t ON t.id = k.township_id WHERE k.id = $1 AND k.case_type = 'legal_review'`, [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  const days = (await c.query<{ transition: string; on: string }>(
    `SELECT transition, coalesce(payload ->> 'on', to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS on FROM case_events WHERE case_id = $1 AND kind = 'transition' ORDER BY id`, [caseId])).rows;
  const advisor = (typeof k.facts.advisor === 'object' && k.facts.advisor !== null ? k.facts.advisor : {}) as Step;
  // The firm of the advisor's appointment for the org, when the caller may read it.
  const firm = (await c.query<{ firm: string | null }>(
    `SELECT a.firm FROM legal_advisors a JOIN org_closure x ON x.ancestor_id = a.org_id
      WHERE x.descendant_id = (SELECT org_id FROM cases WHERE id = $1) AND a.user_id::text = $2 ORDER BY x.depth, a.from_on DESC LIMIT 1`, [caseId, s(advisor.userId)])).rows[0]?.firm ?? null;
  return {
    caseId: k.id, ref: k.ref, title: k.title, kind: k.category, township: k.township, orgName: k.org_name, receivedOn: k.received_on,
    data: k.data, steps: k.steps, on: new Map(days.map((d) => [d.transition, d.on])), advisor: s(advisor.name).replace(/^法律顾问\s*/u, ''), firm, parties: [],
  };
};

/** What follows from the opinion, by what was reviewed. */
const closing = (f: ReviewFile, conclusion: string): string => {
  const refused = conclusion === '不合法' || conclusion === '不同意';
  if (f.kind === '村规民约') {
    return `村规民约、居民公约不得与宪法、法律、法规和国家的政策相抵触，不得有侵犯村民的人身权利、民主权利和合法财产权利的内容；违反的，由镇人民政府责令改正（《中华人民共和国村民委员会组织法》第二十七条）。${refused ? '请根据本意见修改后重新送审。' : '请根据本意见修改完善后提请村民会议讨论通过，并报镇人民政府备案。'}`;
  }
  if (refused) return `${f.kind === '合同' ? '建议不予签订该合同' : '建议不予印发或实施'}；如确需办理，请根据本意见修改后重新送审。`;
  return '请根据本意见对送审文件进行修改完善，并将逐条采纳情况反馈法律顾问；不予采纳的，请说明理由。';
};

/**
 * 法律审查意见书: what was sent and when, the review, the conclusion, each issue with the change
 * proposed and its basis, what follows from it (村民委员会组织法 第二十七条 for village rules), signed
 * by the advisor.
 */
const renderReviewOpinion = (f: ReviewFile): Promise<Buffer> => {
  const o = f.steps.opinion ?? {};
  const issues = (Array.isArray(o.issues) ? o.issues : []) as Issue[];
  const conclusion = s(o.conclusion);
  return renderOfficialDocument({
    title: '法律审查意见书', number: `编号：${f.ref}`, addressee: f.orgName,
    sections: [
      para(`你单位于${chineseDate(f.receivedOn)}送请审查的《${s(f.data.documentName) || f.title}》（${f.kind ?? '法律文件'}）收悉。经审查，提出如下法律意见：`),
      { kind: 'heading', level: 1, title: '审查意见' },
      para(s(o.opinion)),
      { kind: 'heading', level: 1, title: '审查结论', text: `${conclusion}。` },
      ...(issues.length > 0 ? [
        { kind: 'heading', level: 1, title: '发现的问题及修改建议' } as Block,
        { kind: 'table', size: 'small', columns: [1, 5, 5, 3], rows: [
          { cells: [{ text: '序号', label: true }, { text: '发现的问题', label: true }, { text: '修改建议', label: true }, { text: '依据', label: true }] },
          ...issues.map((x, i) => ({ cells: [{ text: String(i + 1), align: 'center' as const }, { text: s(x.problem) }, { text: s(x.suggestion) }, { text: s(x.basis) }] })),
        ] } as Block,
      ] : []),
      para(closing(f, conclusion)),
      { kind: 'signatures', entries: [{ label: '法律顾问', name: f.firm ? `${f.advisor}（${f.firm}）` : f.advisor }] },
    ],
    issuer: `${f.township}人民政府法律顾问`, date: f.on.get('opinion') ?? null, sealRoom: false, meta: { subject: f.title, keywords: f.ref },
  });
};

export const reviewOpinionDocument: CaseDocumentDef<ReviewFile> = {
  title: () => '法律审查意见书', personalData: false, unavailable: (f) => (f.steps.opinion ? null : 'no_opinion'), render: renderReviewOpinion,
};
