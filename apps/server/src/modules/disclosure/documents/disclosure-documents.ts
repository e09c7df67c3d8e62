import type { CaseDocumentDef } from '../../../platform/documents/case-document.ts';
import { renderOfficialDocument } from '../../../platform/documents/official-document.ts';
import type { Block } from '../../../platform/documents/blocks.ts';
import { beijingIsoDate, chineseDate } from '../../../platform/documents/chinese-text.ts';
import type { DisclosureFile } from './disclosure-file.ts';
import type { ReplyType, WithholdReason } from '../disclosure.workflow.ts';
import { yuan } from '../disclosure.fees.ts';

export const disclosureDocumentKinds = ['receipt', 'correction_notice', 'extension_notice', 'fee_notice', 'reply'] as const;
export type DisclosureDocumentKind = (typeof disclosureDocumentKinds)[number];

const channelText: Record<string, string> = { portal: '网上申请', in_person: '当面提交', registered_post: '挂号信邮寄', ordinary_post: '平常信函邮寄', email: '电子邮件' };
const receiptText: Record<string, string> = {
  in_person: '以提交之日为收到申请之日', registered_post: '以本机关签收之日为收到申请之日',
  ordinary_post: '以双方确认之日为收到申请之日', email: '以双方确认之日为收到申请之日', portal: '以双方确认之日为收到申请之日',
};
const formText: Record<string, string> = { paper: '纸质', electronic: '电子' };
const deliveryText: Record<string, string> = { pickup: '自行领取', post: '邮寄', email: '电子邮件', online: '网上获取' };

export const replyTypeLabels: Record<ReplyType, string> = {
  already_public: '已主动公开', provided: '予以公开', partly_provided: '部分公开', withheld: '不予公开', not_exist: '信息不存在',
  not_ours: '非本机关负责公开', repeat: '重复申请', special_regime: '有特别规定的查阅途径',
};
/** Each reason for withholding with what the reply says and the article it rests on. */
export const withholdReasonLabels: Record<WithholdReason, { short: string; text: string; article: string }> = {
  state_secret: { short: '属于国家秘密', text: '属于依法确定为国家秘密的政府信息', article: '第十四条' },
  prohibited_by_law: { short: '法律行政法规禁止公开', text: '属于法律、行政法规禁止公开的政府信息', article: '第十四条' },
  three_security: { short: '危及“三安全一稳定”', text: '公开后可能危及国家安全、公共安全、经济安全、社会稳定', article: '第十四条' },
  third_party: { short: '保护第三方合法权益', text: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害', article: '第十五条' },
  internal_affairs: { short: '属于三类内部事务信息', text: '属于行政机关的内部事务信息', article: '第十六条第一款' },
  process_information: { short: '属于四类过程性信息', text: '属于行政机关在履行行政管理职能过程中形成的过程性信息', article: '第十六条第二款' },
  enforcement_file: { short: '属于行政执法案卷', text: '属于行政执法案卷信息', article: '第十六条第二款' },
};

const p = (text: string): Block => ({ kind: 'paragraph', text });
const REG = '《中华人民共和国政府信息公开条例》';

const opening = (f: DisclosureFile): Block[] => {
  const corrected = f.on.get('corrected');
  return [
    p(`本机关于${chineseDate(f.receivedOn)}收到你${f.applicantType === 'citizen' || !f.applicantType ? '' : '单位'}提出的政府信息公开申请，申请获取：“${f.information}”。${corrected ? `经补正，本机关于${chineseDate(corrected)}收到补正后的申请。` : ''}`),
  ];
};

/** 第五十一条: the remedies, printed on the reply (行政复议法 第二十条 60 days; 行政诉讼法 第四十六条 6 months). */
const remedies = (f: DisclosureFile): Block =>
  p(`如对本答复不服，可以自收到本答复之日起六十日内向${f.reviewAgency}申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。`);

const replyBody = (f: DisclosureFile): Block[] => {
  const r = f.reply;
  if (!r) return [];
  const reason = r.withholdReason ? withholdReasonLabels[r.withholdReason] : null;
  const body: Record<ReplyType, () => Block[]> = {
    already_public: () => [p(`经审查，你申请获取的信息本机关已经主动公开。根据${REG}第三十六条第一项的规定，你可以通过以下方式和途径获取：${r.location ?? ''}。`)],
    provided: () => [p(`经审查，你申请获取的信息属于可以公开的政府信息。根据${REG}第三十六条第二项的规定，本机关向你提供该信息${r.provided ? `：${r.provided}` : ''}。提供形式：${formText[f.form ?? ''] ?? '纸质'}；获取方式：${deliveryText[f.delivery ?? ''] ?? '自行领取'}。`)],
    partly_provided: () => [
      p(`经审查，你申请获取的信息中，部分内容${reason?.text ?? ''}，能够作区分处理。根据${REG}第三十七条的规定，本机关向你提供可以公开的部分${r.provided ? `：${r.provided}` : ''}。`),
      p(`对不予公开的部分，依据${REG}${reason?.article ?? ''}的规定不予公开，理由如下：${r.reason ?? ''}`),
    ],
    withheld: () => [p(`经审查，你申请获取的信息${reason?.text ?? ''}。根据${REG}第三十六条第三项、${reason?.article ?? ''}的规定，本机关决定不予公开。理由如下：${r.reason ?? ''}`)],
    not_exist: () => [p(`经检索，本机关没有制作或者获取你申请获取的信息。根据${REG}第三十六条第四项的规定，告知你该政府信息不存在。${r.reason ?? ''}`)],
    not_ours: () => [p(`经审查，你申请获取的信息不属于本机关负责公开。根据${REG}第三十六条第五项的规定，告知你该信息由${r.agency ?? ''}负责公开${r.agencyContact ? `，联系方式：${r.agencyContact}` : ''}。${r.reason ?? ''}`)],
    repeat: () => [p(`本机关已就你提出的相同政府信息公开申请${r.earlierRef ? `（编号：${r.earlierRef}）` : ''}作出答复。根据${REG}第三十六条第六项的规定，本机关不予重复处理。`)],
    special_regime: () => [p(`你申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的信息。根据${REG}第三十六条第七项的规定，请你依照有关法律、行政法规的规定办理：${r.regime ?? ''}。`)],
  };
  const fee = f.fee && f.fee.amount > 0
    ? [p(`根据${REG}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），你的申请${f.fee.method === 'count' ? `为本自然月内第${f.fee.units}件，按件计收` : `所需信息共${f.fee.units}页，按量计收`}，应缴纳信息处理费${yuan(f.fee.amount)}。`)]
    : [];
  return [...body[r.replyType](), ...fee];
};

const doc = (f: DisclosureFile, title: string, sections: Block[], date: string | null | undefined) =>
  renderOfficialDocument({ title, number: `编号：${f.ref}`, addressee: f.applicant, sections, issuer: f.agency, date: date ?? null, meta: { subject: f.title, keywords: f.ref } });

type DocumentDef = CaseDocumentDef<DisclosureFile>;

/**
 * The documents of a disclosure request: the receipt (第三十一条), the one correction notice
 * (第三十条), the extension notice (第三十三条) and the reply of each type (第三十六、三十七条)
 * with the remedies (第五十一条). They print the applicant's name and no sealed data.
 */
export const disclosureDocuments: Record<DisclosureDocumentKind, DocumentDef> = {
  receipt: {
    title: () => '政府信息公开申请登记回执', personalData: false, unavailable: () => null,
    render: (f) => doc(f, '政府信息公开申请登记回执', [
      p(`你${f.channel ? `以${channelText[f.channel] ?? f.channel}方式` : ''}提出的政府信息公开申请，本机关已经收到并登记，登记编号为${f.ref}。根据${REG}第三十一条的规定，${receiptText[f.channel ?? ''] ?? ''}，本机关收到申请之日为${chineseDate(f.receivedOn)}。`),
      p(`申请获取的信息：“${f.information}”。`),
      p(`根据${REG}第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知你，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在上述期限内。`),
      p('你可以凭登记编号和查询码在本机关门户网站“依申请公开”栏目查询办理进度。'),
    ], f.receivedOn),
  },
  correction_notice: {
    title: () => '政府信息公开申请补正告知书', personalData: false, unavailable: (f) => (f.correction ? null : 'no_correction'),
    render: (f) => doc(f, '政府信息公开申请补正告知书', [
      ...opening(f),
      p(`经审查，你的申请内容不明确。根据${REG}第三十条的规定，请你对下列事项作出补正：${f.correction?.items ?? ''}`),
      p(`请于${f.correction?.due ? chineseDate(f.correction.due) : '补正期限届满'}前提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。`),
    ], f.on.get('ask_correction')),
  },
  extension_notice: {
    title: () => '延长政府信息公开答复期限告知书', personalData: false, unavailable: (f) => (f.extensions.length > 0 ? null : 'no_extension'),
    render: (f) => {
      const days = f.extensions.reduce((n, e) => n + e.length, 0);
      const last = f.extensions.at(-1);
      return doc(f, '延长政府信息公开答复期限告知书', [
        ...opening(f),
        p(`因${last?.reason ?? '情况复杂'}，本机关不能在规定期限内作出答复。根据${REG}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长${days}个工作日，本机关将于${f.replyDue ? chineseDate(f.replyDue) : ''}前作出答复。`),
        p('特此告知。'),
      ], last ? beijingIsoDate(new Date(last.at)) : null);
    },
  },
  fee_notice: {
    title: () => '政府信息公开信息处理费收费通知书', personalData: false, unavailable: (f) => (f.feeNotice ? null : 'no_fee_notice'),
    render: (f) => {
      const n = f.feeNotice;
      const basis = n?.fee.method === 'count'
        ? `你的申请为本自然月内第${n.fee.units}件，按件计收（同一申请人一个自然月内累计申请10件以下不收费，11至30件的部分每件100元，31件以上的部分以10件为一档，每增加一档每件提高100元）`
        : `你申请获取的信息共${n?.fee.units ?? 0}页，按量计收（30页以下不收费，31至100页的部分每页10元，101至200页的部分每页20元，200页以上的部分每页40元）`;
      return doc(f, '政府信息公开信息处理费收费通知书', [
        ...opening(f),
        p(`根据${REG}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，${basis}，应缴纳信息处理费${yuan(n?.fee.amount ?? 0)}。`),
        p(`请于${n?.due ? chineseDate(n.due) : '收到本通知次日起20个工作日内'}前按本机关告知的方式缴纳。逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。缴纳费用期间不计算在答复期限内。`),
        p('特此通知。'),
      ], f.on.get('fee_notice'));
    },
  },
  reply: {
    title: () => '政府信息公开申请答复书', personalData: false, unavailable: (f) => (f.reply ? null : 'not_replied'),
    render: (f) => doc(f, '政府信息公开申请答复书', [...opening(f), ...replyBody(f), remedies(f)], f.on.get('reply')),
  },
};
