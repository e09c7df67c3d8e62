import type { DocumentPart } from '../../../platform/documents/official-document.ts';
import type { Block, SignatureEntry, TableRowSpec } from '../../../platform/documents/blocks.ts';
import { beijingIsoDate, chineseDate } from '../../../platform/documents/chinese-text.ts';
import type { MediationFile } from './mediation-file.ts';
import { disputeName, paragraphs } from './application.document.ts';
import { rightsNoticeText } from '../dossier/rights-notice.ts';
import { splitTerms } from './agreement.document.ts';

const noticeMethods = { signed: '已在电子签名板上签名确认', paper: '已在纸质告知书上签名确认（原件附卷）', oral: '已口头告知，当事人表示知悉' } as const;

/**
 * 人民调解当事人权利义务告知书 (人民调解法 第二十三、二十四条; 司法部《人民调解工作若干规定》
 * 第三十条): the notice, then each party's acknowledgement as recorded: the day and the way.
 */
export const rightsNoticePart = (f: MediationFile): DocumentPart => {
  const entries: SignatureEntry[] = f.parties.map((p) => p.notice
    ? { label: `${p.role}${p.name}`, name: noticeMethods[p.notice.method], note: `（${chineseDate(p.notice.on)}）` }
    : { label: `${p.role}${p.name}（签名或按指印）` });
  const [intro = '', ...rest] = rightsNoticeText;
  return { kind: 'official', spec: {
    title: '人民调解当事人权利义务告知书', number: `编号：${f.ref}`, addressee: f.parties.map((p) => p.name).join('、'),
    sections: [
      { kind: 'paragraph', text: intro },
      ...rest.map((t): Block => ({ kind: 'paragraph', text: t })),
      { kind: 'blank' },
      { kind: 'signatures', entries },
    ],
    issuer: f.committee, date: f.parties.map((p) => p.notice?.on).filter((d): d is string => !!d).sort()[0] ?? null,
    meta: { subject: f.title, keywords: f.ref },
  } };
};

/**
 * 人民调解回访记录 (人民调解法 第三十一条: the committee supervises performance of the
 * agreement): when and by whom, how far the agreement was performed, what the parties said.
 */
export const followUpPart = (f: MediationFile): DocumentPart => {
  const v = f.followUp;
  if (!v) throw new Error('no follow-up on the case');
  const rows: TableRowSpec[] = [
    { cells: [{ text: '纠纷名称', label: true }, { text: disputeName(f.title), span: 3 }] },
    { cells: [{ text: '当事人', label: true }, { text: f.parties.map((p) => `${p.role}：${p.name}`), span: 3 }] },
    { cells: [{ text: '协议达成日期', label: true }, { text: f.on.get('reach_agreement') ? chineseDate(f.on.get('reach_agreement') ?? '') : '' },
      { text: '履行期限', label: true }, { text: f.agreement?.performanceDeadline ? chineseDate(f.agreement.performanceDeadline) : '依协议约定' }] },
    { cells: [{ text: '协议内容', label: true }, { text: f.agreement ? splitTerms(f.agreement.terms).map((t, i) => `${i + 1}. ${t}`) : '', span: 3 }], minLines: 2 },
    { cells: [{ text: '回访日期', label: true }, { text: v.on ? chineseDate(v.on) : '' }, { text: '回访人', label: true }, { text: v.visitor ?? '' }] },
    { cells: [{ text: '履行情况', label: true }, { text: v.performance, span: 3 }] },
    { cells: [{ text: '回访情况', label: true }, { text: v.visit ? v.visit.split(/\r?\n/) : '', span: 3 }], minLines: 3 },
    { cells: [{ text: '当事人意见', label: true }, { text: '', span: 3 }], minLines: 2 },
  ];
  return { kind: 'form', spec: {
    title: '人民调解回访记录', caption: { left: `编号：${f.ref}`, right: v.on ? `回访日期：${chineseDate(v.on)}` : '' },
    columns: [1900, 2750, 1400, 2795], rows, after: [{ kind: 'blank' }, { kind: 'signatures', entries: [{ label: '回访人（签名）' }] }],
    meta: { subject: f.title, keywords: f.ref },
  } };
};

/** How the case ended, in a line. */
export const outcomeLine = (f: MediationFile): string => {
  if (f.refusal) return `不予调解：${f.refusal.reason}`;
  if (f.failure) return `调解不成，终止调解，已告知当事人${f.failure.legalRoute}`;
  if (f.transfer) return `移交${f.transfer.transferTo}`;
  if (f.agreement) {
    const form = f.agreement.form === 'oral' ? '口头' : '书面';
    return f.followUp ? `调解成功，达成${form}调解协议，经回访${f.followUp.performance}` : `调解成功，达成${form}调解协议，履行中`;
  }
  return f.status === 'withdrawn' ? '当事人撤回申请' : '调解中';
};

/** The day the case ended: its closing step's day. */
export const endedOn = (f: MediationFile): string | null =>
  f.on.get('follow_up') ?? f.on.get('fail') ?? f.on.get('transfer') ?? f.on.get('refuse') ?? f.on.get('withdraw') ?? null;

/**
 * 人民调解结案报告: the mediator's summary of the case for the file — how it came in, who
 * mediated, the facts found, how mediation went, the result, the follow-up.
 */
export const closingReportPart = (f: MediationFile): DocumentPart => {
  const accepted = f.on.get('accept');
  const ended = endedOn(f);
  const rows: TableRowSpec[] = [
    { cells: [{ text: '纠纷名称', label: true }, { text: disputeName(f.title), span: 3 }] },
    { cells: [{ text: '纠纷类型', label: true }, { text: f.category ?? '' }, { text: '受理日期', label: true }, { text: accepted ? chineseDate(accepted) : '' }] },
    { cells: [{ text: '当事人', label: true }, { text: f.parties.map((p) => `${p.role}：${p.name}`), span: 3 }] },
    { cells: [{ text: '人民调解员', label: true }, { text: f.mediators.join('、'), span: 3 }] },
    { cells: [{ text: '查明的事实', label: true }, { text: f.agreement?.facts ? f.agreement.facts.split(/\r?\n/) : f.body.split(/\r?\n/), span: 3 }], minLines: 3 },
    { cells: [{ text: '调解经过', label: true }, { text: [
      `共调查${f.investigations.length}次、调解${f.sessions.length}次。`,
      ...f.sessions.map((s, i) => `第${i + 1}次：${chineseDate(beijingIsoDate(s.heldAt))}，${s.place}`),
    ], span: 3 }], minLines: 2 },
    { cells: [{ text: '调解结果', label: true }, { text: outcomeLine(f), span: 3 }], minLines: 2 },
    { cells: [{ text: '结案日期', label: true }, { text: ended ? chineseDate(ended) : '' }, { text: '报告人', label: true }, { text: f.mediators[0] ?? '' }] },
  ];
  return { kind: 'form', spec: {
    title: '人民调解结案报告', caption: { left: `编号：${f.ref}`, right: ended ? `结案日期：${chineseDate(ended)}` : '' },
    columns: [1900, 2750, 1400, 2795], rows, issuer: f.committee, date: ended, meta: { subject: f.title, keywords: f.ref },
  } };
};

/** 卷宗情况说明: what the file holds and what is kept only on paper, for the reviewer. */
export const filingNotePart = (f: MediationFile, compiler: string, today: string, paperOnly: readonly string[]): DocumentPart => ({ kind: 'official', spec: {
  title: '卷宗情况说明', number: `编号：${f.ref}`,
  sections: [
    { kind: 'paragraph', text: `本卷为${f.committee}调解的${disputeName(f.title)}的案卷，由“法治”平台依据办理记录生成，各文书的内容与系统中的登记、笔录、协议和回访记录一致；电子签名的笔录文字经SM3校验${f.sessions.every((s) => s.intact) ? '与签名时一致' : '存在与签名时不一致的情况，请核对纸质原件'}。` },
    ...(paperOnly.length > 0 ? [{ kind: 'paragraph' as const, text: `以下材料为纸质原件，另行归档：${paperOnly.join('、')}。` }] : []),
    ...paragraphs(`调解结果：${outcomeLine(f)}。`),
    { kind: 'blank' },
    { kind: 'signatures', entries: [{ label: '立卷人', name: compiler }] },
  ],
  issuer: f.committee, date: today, meta: { subject: f.title, keywords: f.ref },
} });
