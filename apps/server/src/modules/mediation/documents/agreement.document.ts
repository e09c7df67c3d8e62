import { renderOfficialDocument } from '../../../platform/documents/official-document.ts';
import type { Block, SignatureEntry } from '../../../platform/documents/blocks.ts';
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

/**
 * 人民调解协议书 (人民调解法 第二十八、二十九条): the parties' basic facts; the dispute's
 * main facts, the issues and each side's responsibility; the agreed terms with the manner
 * and deadline of performance; when it takes effect; a copy for each party and one for the
 * committee; signature blocks for each party and the mediator, and the committee's seal.
 * An oral agreement (第二十八条, effective the day it is reached, 第三十条) is recorded by the
 * mediator instead: same content, its own title and effect clause, the mediator signs.
 */
export const renderAgreement = (f: MediationFile): Promise<Buffer> => {
  const a = f.agreement;
  if (!a) throw new Error('no agreement on the case');
  const reached = f.on.get('reach_agreement') ?? null;
  const oral = a.form === 'oral';
  const deadline = a.performanceDeadline ? `，于${chineseDate(a.performanceDeadline)}前履行完毕` : '';
  const copies = f.parties.length + 1;
  const signers: SignatureEntry[] = [
    ...(oral ? [] : f.parties.map((p) => ({ label: `${p.role}（签名、盖章或按指印）` }))),
    ...(f.mediators.length > 0 ? f.mediators : ['']).map(() => ({ label: oral ? '人民调解员（记录人）（签名）' : '人民调解员（签名）' })),
  ];
  const sections: Block[] = [
    ...f.parties.map((p): Block => ({ kind: 'paragraph', text: partyLine(p) })),
    { kind: 'heading', level: 1, title: '纠纷的主要事实、争议事项及各方当事人的责任' },
    ...paragraphs(f.body),
    ...(a.responsibilities ? [{ kind: 'paragraph', text: `各方当事人的责任：${a.responsibilities}` } as const] : []),
    { kind: 'heading', level: 1, title: '调解协议的内容' },
    { kind: 'paragraph', text: `经${f.committee}主持调解，当事人在平等协商、互谅互让的基础上自愿达成如下协议：` },
    ...paragraphs(a.terms),
    { kind: 'heading', level: 1, title: '履行的方式和期限' },
    { kind: 'paragraph', text: `当事人按照上述协议内容约定的方式自行履行${deadline || '，履行期限依上述协议内容的约定'}。${f.committee}对履行情况进行回访监督。` },
    { kind: 'heading', level: 1, title: '协议的效力' },
    ...(oral
      ? [{ kind: 'paragraph', text: `本口头调解协议自各方当事人达成协议之日${reached ? `（${chineseDate(reached)}）` : ''}起生效（《中华人民共和国人民调解法》第三十条），由人民调解员记录在案（第二十八条）。` } as const,
        ...effectWritten.slice(1).map((t): Block => ({ kind: 'paragraph', text: t.replace('本协议', '本口头调解协议') }))]
      : effectWritten.map((t): Block => ({ kind: 'paragraph', text: t }))),
    ...(oral ? [] : [{ kind: 'paragraph', text: `本协议一式${chineseNumber(copies)}份，当事人各执一份，人民调解委员会留存一份。` } as const]),
    { kind: 'blank' },
    { kind: 'signatures', entries: signers },
  ];
  return renderOfficialDocument({
    title: oral ? '人民调解口头协议记录' : '人民调解协议书', number: `编号：${f.ref}`, sections,
    issuer: f.committee, date: reached, meta: { subject: f.title, keywords: f.ref },
  });
};
