import type { DocumentPart } from '../../../platform/documents/official-document.ts';
import { chineseDate } from '../../../platform/documents/chinese-text.ts';
import type { MediationFile } from './mediation-file.ts';
import { names } from './party-text.ts';

/**
 * 终止调解告知书 (人民调解法 第二十六条): mediation that fails is ended, and the parties are
 * told that they may protect their rights through arbitration, administrative and judicial
 * routes; 第三条第三项: mediation never stops them from using those routes.
 */
export const terminationPart = (f: MediationFile): DocumentPart => {
  const accepted = f.on.get('accept');
  const ended = f.on.get('fail') ?? null;
  // The route as the mediator recorded it (`fail` requires it), without a leading "告知当事人".
  const route = (f.failure?.legalRoute ?? '').replace(/^告知(当事人)?/, '').replace(/[。；]$/, '');
  return { kind: 'official', spec: {
    title: '终止调解告知书', number: `编号：${f.ref}`, addressee: names(f.parties),
    sections: [
      { kind: 'paragraph', text: `你们之间的${f.title}，${accepted ? `本委员会于${chineseDate(accepted)}受理并` : '经本委员会'}依法进行了调解。经调解，双方未能达成调解协议。` },
      { kind: 'paragraph', text: '根据《中华人民共和国人民调解法》第二十六条的规定，本委员会决定终止调解。' },
      { kind: 'paragraph', text: '你们可以依据有关法律、法规的规定，通过仲裁、行政、司法等途径维护自己的权利：' },
      { kind: 'heading', level: 2, title: '仲裁途径。', text: '纠纷依法可以仲裁的（如劳动人事争议、农村土地承包经营纠纷，或者双方订有仲裁协议的），可以向有管辖权的仲裁机构申请仲裁。' },
      { kind: 'heading', level: 2, title: '行政途径。', text: '纠纷属于行政机关依法处理范围的（如土地、山林权属争议），可以请求有关行政机关依法处理。' },
      { kind: 'heading', level: 2, title: '司法途径。', text: '可以依法向人民法院提起诉讼。' },
      ...(route ? [{ kind: 'paragraph' as const, text: `人民调解员已告知你们：${route}。` }] : []),
      { kind: 'paragraph', text: '请注意法律规定的仲裁时效、诉讼时效等期限。' },
      { kind: 'paragraph', text: '特此告知。' },
    ],
    // The proof that each party was told (第二十六条 告知) goes back on file with the case.
    attachments: [{ title: '送达回执', blocks: [{ kind: 'table', size: 'body', columns: [2, 3], rows: [
      { cells: [{ text: '送达文书', label: true }, { text: `终止调解告知书（编号${f.ref}）` }], minLines: 2 },
      ...f.parties.map((p) => ({ cells: [{ text: `受送达人（${p.role}）`, label: true }, { text: `${p.name}　　签收：` }], minLines: 2 })),
      { cells: [{ text: '送达日期', label: true }, { text: '　　　　年　　月　　日' }], minLines: 2 },
      { cells: [{ text: '送达人', label: true }, { text: '' }], minLines: 2 },
    ] }] }],
    issuer: f.committee, date: ended, meta: { subject: f.title, keywords: f.ref },
  } };
};
