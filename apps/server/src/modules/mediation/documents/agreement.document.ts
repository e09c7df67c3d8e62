import type { DocumentPart } from '../../../platform/documents/official-document.ts';
import type { Block, SignatureEntry, TableRowSpec } from '../../../platform/documents/blocks.ts';
import { chineseDate, chineseNumber } from '../../../platform/documents/chinese-text.ts';
import type { MediationFile } from './mediation-file.ts';
import { paragraphs } from './application.document.ts';
import { partyLine } from './party-text.ts';

/** 第二十九条第二款, 第三十一条 to 第三十三条: when the agreement binds, and what follows from it. */
const effectWritten = [
  '本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（《中华人民共和国人民调解法》第二十九条）。',
  '本协议具有法律约束力，当事人应当按照约定履行；人民调解委员会对协议的履行情况进行监督，督促当事人履行约定的义务（第三十一条）。',
  '当事人之间就本协议的履行或者内容发生争议的，一方当事人可以向人民法院提起诉讼（第三十二条）。',
  '双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认；人民法院确认协议有效后，一方拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行（第三十三条）。',
];

/** A leading enumerator a clerk typed: 一、 1. 1、 （1） (1) ①. */
const ENUMERATOR = /^\s*(?:[一二三四五六七八九十]+[、.．]|\d+\s*[.．、)）]|[（(]\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）]|[①-⑳])\s*/;

/**
 * The agreed terms one by one, whatever numbering the clerk typed (lines, or 一、…；二、… on one
 * line), without it: the document numbers them in its own sequence.
 */
export const splitTerms = (terms: string): string[] => {
  const lines = terms.split(/\r?\n/).map((t) => t.trim()).filter((t) => t !== '');
  const pieces = lines.length > 1 ? lines
    : terms.split(/[；;。]\s*(?=(?:[一二三四五六七八九十]+[、.．]|\d+\s*[.．、)）]|[（(]\s*\d+\s*[)）]|[①-⑳]))/).map((t) => t.trim()).filter((t) => t !== '');
  return pieces.map((t) => t.replace(ENUMERATOR, '').replace(/[；;。，,\s]+$/, '')).filter((t) => t !== '').map((t) => `${t}。`);
};

/** "（一）…" as the standard's second-level sequence inside a numbered section (GB/T 9704-2012 7.3.3). */
const numberedTerms = (terms: string): Block[] => splitTerms(terms).map((t, i): Block => ({ kind: 'paragraph', text: `（${chineseNumber(i + 1)}）${t}` }));

/** A line for the hand to fill in when a past agreement did not record it. */
const blankFor = (label: string): Block => ({ kind: 'paragraph', text: [{ text: `${label}：` }, { text: '\u3000'.repeat(16), underline: true }] });

/**
 * 人民调解协议书 (人民调解法 第二十八、二十九条): the parties' basic facts; the dispute's
 * main facts as the mediator found them, the points in dispute and each side's
 * responsibility (never the application pasted); the agreed terms numbered in the document's
 * own sequence, with the manner and deadline of performance; when it takes effect; a copy
 * for each party and one for the committee; signature blocks and the committee's seal.
 */
const writtenAgreement = (f: MediationFile): DocumentPart => {
  const a = f.agreement;
  if (!a) throw new Error('no agreement on the case');
  const reached = f.on.get('reach_agreement') ?? null;
  const deadline = a.performanceDeadline ? `，于${chineseDate(a.performanceDeadline)}前履行完毕` : '';
  const copies = f.parties.length + 1;
  const signers: SignatureEntry[] = [
    ...f.parties.map((p) => ({ label: `${p.role}${p.name}（签名、盖章或按指印）` })),
    ...(f.mediators.length > 0 ? f.mediators : ['']).map((m) => ({ label: `人民调解员${m}（签名）` })),
  ];
  const sections: Block[] = [
    ...f.parties.map((p): Block => ({ kind: 'paragraph', text: partyLine(p) })),
    { kind: 'heading', level: 1, title: '纠纷的主要事实、争议事项及各方当事人的责任' },
    ...(a.facts ? [{ kind: 'paragraph', text: [{ text: '纠纷的主要事实：', font: 'heading1' }] } as const, ...paragraphs(a.facts)] : [blankFor('纠纷的主要事实')]),
    ...(a.issues ? [{ kind: 'paragraph', text: [{ text: '争议事项：', font: 'heading1' }, { text: a.issues }] } as const] : [blankFor('争议事项')]),
    ...(a.responsibilities ? [{ kind: 'paragraph', text: [{ text: '各方当事人的责任：', font: 'heading1' }, { text: a.responsibilities }] } as const] : [blankFor('各方当事人的责任')]),
    { kind: 'heading', level: 1, title: '调解协议的内容' },
    { kind: 'paragraph', text: `经${f.committee}主持调解，当事人在平等协商、互谅互让的基础上自愿达成如下协议：` },
    ...numberedTerms(a.terms),
    { kind: 'heading', level: 1, title: '履行的方式和期限' },
    { kind: 'paragraph', text: `当事人按照上述协议内容约定的方式自行履行${deadline || '，履行期限依上述协议内容的约定'}。${f.committee}对履行情况进行回访监督。` },
    { kind: 'heading', level: 1, title: '协议的效力' },
    ...effectWritten.map((t): Block => ({ kind: 'paragraph', text: t })),
    { kind: 'paragraph', text: `本协议一式${chineseNumber(copies)}份，当事人各执一份，人民调解委员会留存一份。` },
    { kind: 'blank' },
    { kind: 'signatures', entries: signers },
  ];
  return { kind: 'official', spec: {
    title: '人民调解协议书', number: `编号：${f.ref}`, sections,
    // The seal block: the committee and the day the agreement took effect (第二十九条第二款).
    issuer: f.committee, date: reached, meta: { subject: f.title, keywords: f.ref },
  } };
};

/**
 * 人民调解口头协议登记表 (人民调解法 第二十八条: an oral agreement is recorded by the mediator;
 * 第三十条: it takes effect the day it is reached): the same content as a written agreement,
 * as the form the committee keeps on file, signed by the parties to confirm the record.
 */
const oralAgreement = (f: MediationFile): DocumentPart => {
  const a = f.agreement;
  if (!a) throw new Error('no agreement on the case');
  const reached = f.on.get('reach_agreement') ?? null;
  const rows: TableRowSpec[] = [
    { cells: [{ text: '调解组织', label: true }, { text: f.committee, span: 3 }] },
    { cells: [{ text: '纠纷名称', label: true }, { text: f.title, span: 3 }] },
    ...f.parties.map((p): TableRowSpec => ({ cells: [{ text: p.role, label: true }, { text: partyLine(p).replace(/^[^：]+：/, ''), span: 3 }] })),
    { cells: [{ text: '纠纷的主要事实', label: true }, { text: a.facts ? a.facts.split(/\r?\n/) : '', span: 3 }], minLines: 3 },
    { cells: [{ text: '争议事项', label: true }, { text: a.issues ?? '', span: 3 }], minLines: 2 },
    { cells: [{ text: '各方当事人的责任', label: true }, { text: a.responsibilities ?? '', span: 3 }], minLines: 2 },
    { cells: [{ text: '协议内容', label: true }, { text: splitTerms(a.terms).map((t, i) => `${i + 1}. ${t}`), span: 3 }], minLines: 3 },
    { cells: [{ text: '履行方式和期限', label: true }, { text: a.performanceDeadline ? `于${chineseDate(a.performanceDeadline)}前履行完毕` : '依协议内容的约定', span: 3 }] },
    { cells: [{ text: '达成日期', label: true }, { text: reached ? chineseDate(reached) : '' }, { text: '人民调解员', label: true }, { text: f.mediators.join('、') }] },
    { cells: [{ text: '当事人确认', label: true }, { text: f.parties.map((p) => `${p.role}${p.name}（签名或按指印）：`), span: 3 }], minLines: f.parties.length + 1 },
  ];
  return { kind: 'form', spec: {
    title: '人民调解口头协议登记表', caption: { left: `编号：${f.ref}`, right: reached ? `登记日期：${chineseDate(reached)}` : '' },
    columns: [2100, 2700, 1600, 2445], rows,
    after: [{ kind: 'paragraph', text: '本口头调解协议自各方当事人达成协议之日起生效（《中华人民共和国人民调解法》第三十条），具有法律约束力（第三十一条）。' }],
    meta: { subject: f.title, keywords: f.ref },
  } };
};

export const agreementPart = (f: MediationFile): DocumentPart => (f.agreement?.form === 'oral' ? oralAgreement(f) : writtenAgreement(f));
