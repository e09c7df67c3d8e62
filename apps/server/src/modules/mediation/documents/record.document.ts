import type { DocumentPart } from '../../../platform/documents/official-document.ts';
import type { Block, SignatureEntry } from '../../../platform/documents/blocks.ts';
import { chineseDateTime } from '../../../platform/documents/chinese-text.ts';
import type { MediationFile, SessionFacts } from './mediation-file.ts';
import { paragraphs } from './application.document.ts';

const methods: Record<string, string> = { 'paper-scan': '纸质签名已扫描存档', tablet: '手写板签名' };
const signatureNote = (s: SessionFacts['signatures'][number]): string => {
  const how = s.method ? methods[s.method] : undefined;
  return `（${s.signedAt ? `${chineseDateTime(s.signedAt)}签名` : '已签名'}${how ? `，${how}` : ''}）`;
};

/**
 * One session's 调解笔录 (人民调解法 第二十七条: the mediator records the mediation): when
 * and where, who took part, what was said, and who signed the record and when. A record
 * whose text no longer hashes to what was signed says so.
 */
const sessionBlocks = (f: MediationFile, s: SessionFacts, index: number, name: string): Block[] => {
  const signed = new Set(s.signatures.map((g) => g.name));
  const entries: SignatureEntry[] = [
    ...s.signatures.map((g) => ({ label: '当事人签名', name: g.name, note: signatureNote(g) })),
    ...f.parties.filter((p) => !signed.has(p.name)).map((p) => ({ label: `${p.role}（签名）` })),
    { label: '人民调解员（签名）' }, { label: '记录人（签名）' },
  ];
  const facts: [string, string][] = [
    ['时间', chineseDateTime(s.heldAt)], ['地点', s.place], ['纠纷名称', `${f.title}（编号${f.ref}）`],
    ['人民调解员', f.mediators.join('、')], ['当事人', f.parties.map((p) => `${p.role}${p.name}`).join('，')],
    ['参加人员', s.participants.join('、')], ['记录人', s.recorder ?? ''],
  ];
  return [
    ...(index > 0 ? [{ kind: 'pageBreak' } as const, { kind: 'title', text: `${name}（第${index + 1}次）` } as const] : []),
    ...facts.map(([label, value]): Block => ({ kind: 'paragraph', text: [{ text: `${label}：`, font: 'heading1' }, { text: value }] })),
    { kind: 'paragraph', text: [{ text: s.kind === 'investigation' ? '调查情况：' : '调解情况：', font: 'heading1' }] },
    ...paragraphs(s.record),
    { kind: 'paragraph', text: s.intact
      ? '以上笔录经当事人核对无误。'
      : '注意：本笔录的文字与当事人签名时的文字不一致（SM3校验未通过），请核对纸质笔录。' },
    { kind: 'blank' },
    { kind: 'signatures', entries },
  ];
};

/** The records of the case's sessions (调解笔录) or investigations (调查记录), each on its own page; or one, when asked. */
export const recordPart = (f: MediationFile, sessionId?: string, kind: 'session' | 'investigation' = 'session'): DocumentPart => {
  const all = kind === 'investigation' ? f.investigations : f.sessions;
  const records = sessionId ? all.filter((s) => s.id === sessionId) : all;
  const name = kind === 'investigation' ? '调查记录' : '调解笔录';
  const title = records.length > 1 ? `${name}（第1次）` : name;
  return { kind: 'official', spec: {
    title, sections: records.flatMap((s, i) => sessionBlocks(f, s, i, name)), meta: { subject: f.title, keywords: f.ref },
  } };
};
