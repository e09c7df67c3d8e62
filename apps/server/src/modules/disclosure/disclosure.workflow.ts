import { Type, type TSchema } from 'typebox';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import { AppError } from '../../platform/errors.ts';
import { monthOrdinal } from './documents/disclosure-file.ts';
import { disclosureFee } from './disclosure.fees.ts';
import { text, oneOf, closed, when } from '../../platform/cases/step-fields.ts';


/** How an application arrives (政府信息公开条例 第二十九条: in writing, by letter, e-mail or the online platform; orally recorded by the office). */
export const disclosureChannels = ['portal', 'in_person', 'registered_post', 'ordinary_post', 'email'] as const;
/**
 * 第三十一条: the day an application counts as received, by channel — in person: the day it is
 * handed in; by registered post: the day the office signs for it; by ordinary post, e-mail or
 * online: the day both sides confirm. The clerk records which rule gave the receipt day.
 */
export const receiptRules = ['handed_in', 'signed_for', 'both_confirmed'] as const;
export const receiptRuleOfChannel: Record<(typeof disclosureChannels)[number], (typeof receiptRules)[number]> = {
  in_person: 'handed_in', registered_post: 'signed_for', ordinary_post: 'both_confirmed', email: 'both_confirmed', portal: 'both_confirmed',
};
/** 第二十九条: 公民、法人或者其他组织; legal persons and other organisations split as the yearly report's table does (国办公开办函〔2021〕30号). */
export const applicantTypes = ['citizen', 'legal_person', 'other_org'] as const;
export const organisationKinds = ['commercial', 'research', 'public_interest', 'legal_service', 'other'] as const;

/** 第三十六条、第三十七条: what a reply may say. */
export const replyTypes = ['already_public', 'provided', 'partly_provided', 'withheld', 'not_exist', 'not_ours', 'repeat', 'special_regime'] as const;
export type ReplyType = (typeof replyTypes)[number];
/** Why information is withheld (第十四、十五、十六条; 行政执法案卷 第十六条第二款 by law's reference). */
export const withholdReasons = ['state_secret', 'prohibited_by_law', 'three_security', 'third_party', 'internal_affairs', 'process_information', 'enforcement_file'] as const;
export type WithholdReason = (typeof withholdReasons)[number];

/** What the intake form records beside the applicant (a party, identity sealed) and the information described. */
const intake = Type.Object({
  channel: oneOf('申请方式', 'Channel', disclosureChannels),
  receiptRule: oneOf('收到申请之日的认定（第三十一条）', 'Receipt-day rule (art. 31)', receiptRules),
  applicantType: oneOf('申请人类型', 'Applicant type', applicantTypes),
  organisationKind: Type.Optional(oneOf('法人或其他组织类别', 'Kind of organisation', organisationKinds)),
  information: text('所需政府信息的名称、文号或特征描述', 'Information requested', 5000),
  form: oneOf('获取信息的方式', 'Form wanted', ['paper', 'electronic']),
  delivery: oneOf('获取信息的途径', 'Delivery', ['pickup', 'post', 'email', 'online']),
  email: Type.Optional(Type.String({ title: '电子邮箱', description: 'E-mail', maxLength: 100, format: 'email' })),
}, {
  ...closed,
  // 第三十一条: the rule follows the channel; an organisation says which kind it is (the yearly report's columns).
  allOf: [
    ...disclosureChannels.map((c) => ({ if: { properties: { channel: { const: c } }, required: ['channel'] }, then: { properties: { receiptRule: { const: receiptRuleOfChannel[c] } } } })),
    when('applicantType', ['legal_person', 'other_org'], ['organisationKind']),
    when('delivery', ['email'], ['email']),
  ],
});

/**
 * The reply (第三十六条) as typed fields: its type, and what that type must say — where the
 * information is already public, why it is withheld (wholly or in part), which agency holds
 * it, which special regime governs access. Each produces its own reply document.
 */
const replyFields = Type.Object({
  replyType: oneOf('答复类型', 'Reply type', replyTypes),
  location: Type.Optional(text('获取该信息的方式和途径', 'Where it is published', 500)),
  withholdReason: Type.Optional(oneOf('不予公开的理由', 'Reason withheld', withholdReasons)),
  reason: Type.Optional(Type.String({ title: '理由说明', description: 'Reasons explained', maxLength: 5000 })),
  provided: Type.Optional(Type.String({ title: '提供的信息', description: 'Information provided', maxLength: 5000 })),
  agency: Type.Optional(text('负责公开该信息的行政机关', 'Agency that holds it', 200)),
  agencyContact: Type.Optional(Type.String({ title: '该机关的联系方式', description: "That agency's contact", maxLength: 200 })),
  regime: Type.Optional(text('查阅、获取途径（有关法律、行政法规的规定）', 'Special access regime', 500)),
  earlierRef: Type.Optional(Type.String({ title: '已答复的原申请编号', description: 'Earlier application answered', maxLength: 64 })),
  pages: Type.Optional(Type.Integer({ title: '提供信息的页数', description: 'Pages provided', minimum: 0, maximum: 1_000_000 })),
  // 国办函〔2020〕109号: by count or by pages, never both; the amount is computed, not sent.
  feeMethod: Type.Optional(oneOf('信息处理费计收方式', 'Fee method', ['none', 'count', 'pages'])),
}, {
  ...closed,
  allOf: [
    when('replyType', ['already_public'], ['location']),
    when('replyType', ['withheld', 'partly_provided'], ['withholdReason', 'reason']),
    when('replyType', ['not_ours'], ['agency']),
    when('replyType', ['special_regime'], ['regime']),
    when('feeMethod', ['pages'], ['pages']),
  ],
});

const withdrawn = { zh: '申请已撤回或视为放弃', en: 'Withdrawn' };

/**
 * A request for government information (政府信息公开条例, 2019) as a case type.
 *
 * - 第三十条: unclear applications get ONE notice to correct within 7 working days of receipt
 *   (`ask_correction`, only before the review ends); no correction within the period set =
 *   the application counts as given up (`deem_withdrawn`, taken by the system on expiry).
 * - 第三十一条: the receipt day by channel (intake `receiptRule`); after 补正 the reply period
 *   runs from the corrected application (the reply clock's `restartOn`).
 * - 第三十二条、第三十四条: third-party and co-producing agency opinions, 15 working days,
 *   not counted against the reply (the reply clock pauses on `consult`, resumes on `opinion_received`).
 * - 第三十三条: reply within 20 working days; up to 20 more with the approval of the head of
 *   the disclosure office (`disclosure.approve`) and notice to the applicant.
 * - 第三十六条、第三十七条: the reply's types (`reply`'s fields).
 * - 第四十二条 and 国办函〔2020〕109号《政府信息公开信息处理费管理办法》第七条: a request that
 *   exceeds the free count or pages may be charged; the office sends a fee notice within the
 *   reply period (`fee_notice`, the amount computed from the records by one method), the
 *   applicant pays within 20 working days of the day after receiving it (`fee_paid`), or the
 *   application counts as given up (`fee_lapsed`, taken by the system on expiry). The reply
 *   clock does not run while the applicant has the fee to pay.
 * - 第四十五条's steps: 登记 (registered), 审核 (review), 办理 (processing), 答复, 归档.
 */
export const disclosureCaseType: CaseTypeDef = {
  code: 'disclosure', refCode: '公', label: { zh: '依申请公开', en: 'Disclosure request' },
  readPermission: 'disclosure.read', handlePermission: 'disclosure.handle', citizenFacing: true,
  initial: 'registered',
  intake,
  states: {
    registered: { label: { zh: '已登记（审核中）', en: 'Registered (reviewing)' }, kind: 'open', publicLabel: { zh: '已收到申请，正在审核', en: 'Received, under review' } },
    correcting: { label: { zh: '待申请人补正', en: 'Awaiting correction' }, kind: 'open', publicLabel: { zh: '请按补正告知书补正申请', en: 'Please correct your application' } },
    processing: { label: { zh: '办理中', en: 'Processing' }, kind: 'open', publicLabel: { zh: '正在办理', en: 'In progress' } },
    consulting: { label: { zh: '征求意见中（不计入答复期限）', en: 'Consulting (clock paused)' }, kind: 'open', publicLabel: { zh: '正在征求第三方意见', en: 'Consulting a third party' } },
    awaiting_fee: { label: { zh: '待缴纳信息处理费（不计入答复期限）', en: 'Awaiting the fee (clock paused)' }, kind: 'open', publicLabel: { zh: '请按收费通知缴纳信息处理费', en: 'Please pay the fee as notified' } },
    replied: { label: { zh: '已答复', en: 'Replied' }, kind: 'closed', publicLabel: { zh: '已答复，可下载答复书', en: 'Replied' } },
    withdrawn: { label: withdrawn, kind: 'terminal', publicLabel: withdrawn },
  },
  transitions: [
    { key: 'review', label: { zh: '审核通过（无需补正）', en: 'Reviewed: complete' }, from: ['registered'], to: 'processing', permission: 'disclosure.handle', public: true,
      documents: ['receipt'], fields: Type.Object({}, closed) },
    { key: 'ask_correction', label: { zh: '一次性告知补正', en: 'Ask for a correction' }, from: ['registered'], to: 'correcting', permission: 'disclosure.handle', public: true,
      documents: ['correction_notice'],
      fields: Type.Object({ items: text('需要补正的事项', 'What to correct', 2000) }, closed) },
    { key: 'corrected', label: { zh: '收到补正后的申请', en: 'Corrected application received' }, from: ['correcting'], to: 'processing', permission: 'disclosure.handle', public: true,
      fields: Type.Object({ note: Type.Optional(Type.String({ title: '补正情况', description: 'Correction', maxLength: 2000 })) }, closed) },
    { key: 'deem_withdrawn', label: { zh: '逾期未补正，视为放弃申请', en: 'Not corrected: given up' }, from: ['correcting'], to: 'withdrawn', permission: 'disclosure.handle', public: true,
      fields: Type.Object({ expired: Type.Optional(Type.String({ title: '届满的期限', description: 'Expired clock', maxLength: 32 })) }, closed) },
    { key: 'consult', label: { zh: '书面征求第三方或其他机关意见', en: 'Consult a third party or co-producer' }, from: ['processing'], to: 'consulting', permission: 'disclosure.handle', public: true,
      fields: Type.Object({
        consulted: text('被征求意见方', 'Consulted', 200),
        consultedKind: oneOf('被征求意见方类型', 'Kind', ['third_party', 'co_producer']),
      }, closed) },
    { key: 'opinion_received', label: { zh: '收到意见或征求期满', en: 'Opinion received or period over' }, from: ['consulting'], to: 'processing', permission: 'disclosure.handle', public: true,
      fields: Type.Object({
        opinion: oneOf('意见', 'Opinion', ['agree', 'object', 'no_reply']),
        summary: Type.Optional(Type.String({ title: '意见摘要', description: 'Summary', maxLength: 2000 })),
      }, closed) },
    { key: 'fee_notice', label: { zh: '发出收费通知', en: 'Send the fee notice' }, from: ['processing'], to: 'awaiting_fee', permission: 'disclosure.handle', public: true,
      documents: ['fee_notice'],
      fields: Type.Object({
        feeMethod: oneOf('信息处理费计收方式', 'Fee method', ['count', 'pages']),
        pages: Type.Optional(Type.Integer({ title: '所需信息的页数', description: 'Pages', minimum: 0, maximum: 1_000_000 })),
      }, { ...closed, allOf: [when('feeMethod', ['pages'], ['pages'])] }),
      // 109号 第三条: one method; the amount is the server's, from the records. Nothing to charge: no notice.
      precondition: async (ctx, caseId, fields) => {
        const n = fields.feeMethod === 'count' ? await monthOrdinal(ctx.client, caseId) : Number(fields.pages ?? 0);
        if (disclosureFee(fields.feeMethod === 'count' ? 'count' : 'pages', n).amount <= 0) throw new AppError('DISCLOSURE_FEE_NONE', { field: 'feeMethod' });
      } },
    { key: 'fee_paid', label: { zh: '申请人已缴纳信息处理费', en: 'Fee paid' }, from: ['awaiting_fee'], to: 'processing', permission: 'disclosure.handle', public: true,
      fields: Type.Object({ receiptNo: Type.Optional(Type.String({ title: '缴费票据号', description: 'Receipt number', maxLength: 64 })) }, closed) },
    { key: 'fee_lapsed', label: { zh: '逾期未缴费，视为放弃申请', en: 'Fee not paid: given up' }, from: ['awaiting_fee'], to: 'withdrawn', permission: 'disclosure.handle', public: true,
      fields: Type.Object({ expired: Type.Optional(Type.String({ title: '届满的期限', description: 'Expired clock', maxLength: 32 })) }, closed) },
    { key: 'reply', label: { zh: '答复', en: 'Reply' }, from: ['registered', 'processing'], to: 'replied', permission: 'disclosure.handle', public: true,
      documents: ['reply'], fields: replyFields },
    { key: 'withdraw', label: { zh: '申请人撤回申请', en: 'Withdrawn by the applicant' }, from: ['registered', 'correcting', 'processing', 'consulting', 'awaiting_fee'], to: 'withdrawn',
      permission: 'disclosure.handle', public: true, fields: Type.Object({ reason: text('撤回理由', 'Reason', 2000) }, closed) },
  ],
  deadlines: [
    { key: 'correction_notice', label: { zh: '补正告知期限', en: 'Correction notice' }, length: 7, unit: 'wd', startOn: 'created',
      stopOn: ['ask_correction', 'review', 'reply'], remindBefore: { length: 2, unit: 'wd' },
      basis: '政府信息公开条例 第三十条（收到申请之日起7个工作日内一次性告知补正）' },
    { key: 'reply', label: { zh: '答复期限', en: 'Reply' }, length: 20, unit: 'wd', startOn: 'created', stopOn: ['reply'],
      pauseOn: ['ask_correction', 'consult', 'fee_notice'], resumeOn: ['opinion_received', 'fee_paid'], restartOn: ['corrected'],
      extension: { max: 20, approver: 'disclosure.approve', notifyParty: true },
      remindBefore: { length: 3, unit: 'wd' }, escalateTo: 'disclosure.approve',
      basis: '政府信息公开条例 第三十三条（补正后自收到补正申请之日起计算：第三十一条；征求意见时间不计入：第三十二条、第三十四条；延长不超过20个工作日须经政府信息公开工作机构负责人同意并告知申请人；缴纳信息处理费的期间不计入：国办函〔2020〕109号 第七条）' },
    { key: 'correction', label: { zh: '补正期限', en: 'Correction window' }, length: 15, unit: 'wd', kind: 'party', startOn: 'ask_correction', stopOn: ['corrected'],
      onExpiry: { transition: 'deem_withdrawn' }, remindBefore: { length: 3, unit: 'wd' }, configurable: { min: 5, max: 30 },
      basis: '政府信息公开条例 第三十条（无正当理由逾期不补正的，视为放弃申请）' },
    { key: 'fee', label: { zh: '缴费期限', en: 'Fee payment' }, length: 20, unit: 'wd', kind: 'party', startOn: 'fee_notice', stopOn: ['fee_paid', 'withdraw'],
      onExpiry: { transition: 'fee_lapsed' }, remindBefore: { length: 3, unit: 'wd' },
      basis: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》第七条（收到收费通知次日起20个工作日内缴纳，逾期未缴纳的视为放弃申请）' },
    { key: 'opinion', label: { zh: '第三方或其他机关提出意见期限', en: 'Opinion period' }, length: 15, unit: 'wd', kind: 'party', startOn: 'consult', stopOn: ['opinion_received'],
      basis: '政府信息公开条例 第三十二条、第三十四条（15个工作日，不计入答复期限）' },
  ],
};

/** The schema of a reply's fields, for the web form and the tests. */
export const disclosureReplyFields: TSchema = replyFields;
