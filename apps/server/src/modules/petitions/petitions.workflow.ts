import { Type } from 'typebox';
import { objectionOffered, objectionPrecondition } from './petitions.objection.ts';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import { checkPetitionIntake } from './petitions.repeats.ts';
import { text, oneOf, closed } from '../../platform/cases/step-fields.ts';

/** 信访渠道 (信访工作条例 第十七条: 信息网络、书信、电话、传真、走访; 第二十三条 转送、交办). */
export const petitionChannels = ['走访', '来信', '网上', '电话', '转送交办'] as const;

/** Categories of the matters a township's 信访办 registers (the county's 信访 classification, simplified). */
export const petitionCategories = [
  '土地征收', '农村土地承包', '宅基地与房屋', '村务管理', '惠民政策', '社会保障', '劳动和社会保障', '城乡建设',
  '环境保护', '涉法涉诉', '干部作风', '邻里纠纷', '婚姻家庭', '其他',
] as const;

/**
 * 第三十一条: a 申诉求决 matter is routed by its legal channel (items 1–5) or, failing all of
 * them, investigated and answered here (item 6, the 信访处理意见书).
 */
export const petitionRoutes = ['诉讼', '检察', '公安', '仲裁', '党员申诉', '行政复议', '行政裁决', '行政确认', '行政许可', '行政处罚', '履行法定职责'] as const;
/** Routes that are litigation or law-enforcement procedures: kept apart from petitions (诉访分离, 第二十八条). */
export const litigationRoutes: readonly string[] = ['诉讼', '检察', '公安'];

export const petitionOutcomes = ['支持', '解释说明', '不予支持'] as const;
export const deliveryMethods = ['直接送达', '邮寄送达', '电子送达', '留置送达'] as const;

const optText = (zh: string, en: string, maxLength: number) => Type.Optional(Type.String({ title: zh, description: en, maxLength }));

/**
 * What the register (第二十一条: every matter recorded) holds of a petition beside its title,
 * parties and category. 第二十条: several people visiting about one matter choose at most 5
 * representatives.
 */
export const petitionIntake = Type.Object({
  channel: oneOf('信访渠道', 'Channel', petitionChannels),
  villageId: Type.Optional(Type.String({ format: 'uuid', title: '事项所在村（社区）', description: 'Village the matter concerns' })),
  request: text('信访请求', 'Request', 5000),
  facts: Type.Optional(Type.String({ maxLength: 20000, title: '事实和理由', description: 'Facts and reasons' })),
  group: Type.Optional(Type.Boolean({ title: '集体访', description: 'Group visit' })),
  people: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, title: '涉及人数', description: 'People involved' })),
  representatives: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, title: '代表人数（不超过5人）', description: 'Representatives (at most 5)' })),
  referredBy: optText('转送/交办机关', 'Referred by', 200),
  newMatterReason: optText('作为新事项登记的理由', 'Why registered as a new matter', 1000),
}, closed);

/**
 * 信访工作条例 (2022) as a case type:
 * - 第二十一条: every matter is registered (the case's creation).
 * - 第二十三条: the petitioner is told in writing, on the spot or within 15 days of receipt,
 *   that it was received and how it will be handled → the `notice` clock, stopped by
 *   受理, 不予受理 or 依法分流 (each carries its written notice).
 * - 第三十一条: a matter for a legal procedure (items 1–5) is routed to it → `route`, closed as
 *   routed with the route, the body and the notice; 第二十八条 诉访分离: litigation routes are
 *   flagged apart.
 * - 第三十二条: the 信访处理意见书 (request, facts and reasons, decision, legal basis; 支持 /
 *   解释说明 / 不予支持) → `answer`; 送达 → `deliver`.
 * - 第三十四条: handled within 60 days of acceptance, extended by at most 30 days with the head's
 *   approval and the reasons told → the `handling` clock's extension (petition.approve).
 * - 第三十五条: 复查 asked within 30 days of receiving the answer, answered within 30 days.
 * - 第三十六条: 复核 likewise, hearing time not counted; after 复核 the same matter is not
 *   accepted again (the module's intake check).
 * - 第二十三条第三款: a matter transferred or assigned from above that is not ours is objected to
 *   within 5 working days of receipt (`object_transfer`, petitions.objection.ts); the sender
 *   agrees (materials returned, closed) or does not (handled here, the notice clock still runs).
 * Transfer to another office of the township (转送/交办) is the engine's transfer.
 */
export const petitionCaseType: CaseTypeDef = {
  code: 'petition', refCode: '访', label: { zh: '信访事项', en: 'Petition' },
  readPermission: 'petition.read', handlePermission: 'petition.handle', citizenFacing: true,
  initial: 'registered',
  categories: petitionCategories,
  intake: petitionIntake,
  intakeCheck: checkPetitionIntake,
  states: {
    registered: { label: { zh: '已登记', en: 'Registered' }, kind: 'open', publicLabel: { zh: '已登记，待告知受理情况', en: 'Registered' } },
    accepted: { label: { zh: '已受理（办理中）', en: 'Accepted' }, kind: 'open', publicLabel: { zh: '已受理，正在办理', en: 'Accepted, in hand' } },
    answered: { label: { zh: '已出具处理意见（待送达）', en: 'Answered (to deliver)' }, kind: 'open', publicLabel: { zh: '已出具信访处理意见书', en: 'Answered' } },
    delivered: { label: { zh: '已送达（复查请求期）', en: 'Delivered (review window)' }, kind: 'open', publicLabel: { zh: '处理意见已送达', en: 'Answer delivered' } },
    reviewing: { label: { zh: '复查中', en: 'Under review (复查)' }, kind: 'open', publicLabel: { zh: '复查中', en: 'Under review' } },
    reviewed: { label: { zh: '已复查（复核请求期）', en: 'Reviewed (recheck window)' }, kind: 'open', publicLabel: { zh: '已出具复查意见', en: 'Review answered' } },
    rechecking: { label: { zh: '复核中', en: 'Under recheck (复核)' }, kind: 'open', publicLabel: { zh: '复核中', en: 'Under recheck' } },
    hearing: { label: { zh: '复核听证中', en: 'Hearing (recheck)' }, kind: 'open', publicLabel: { zh: '复核听证中', en: 'Hearing' }, branch: true },
    concluded: { label: { zh: '已办结', en: 'Concluded' }, kind: 'closed', publicLabel: { zh: '已办结', en: 'Concluded' } },
    finalized: { label: { zh: '复核终结', en: 'Final after recheck' }, kind: 'closed', publicLabel: { zh: '已复核，信访事项终结', en: 'Final' } },
    routed: { label: { zh: '已依法分流（导入法定途径）', en: 'Routed to a legal channel' }, kind: 'closed', publicLabel: { zh: '已告知依法通过法定途径处理', en: 'Routed to a legal channel' } },
    not_accepted: { label: { zh: '不予受理', en: 'Not accepted' }, kind: 'closed', publicLabel: { zh: '不予受理（已书面告知）', en: 'Not accepted' } },
    withdrawn: { label: { zh: '信访人撤回', en: 'Withdrawn' }, kind: 'terminal', publicLabel: { zh: '已撤回', en: 'Withdrawn' } },
    objected: { label: { zh: '已提出异议（待转送机关核实）', en: 'Objected (sender checking)' }, kind: 'open', publicLabel: { zh: '正在核实有权处理的机关', en: 'Checking which body decides' }, branch: true },
    returned: { label: { zh: '异议经核实同意，已交还材料', en: 'Objection agreed, materials returned' }, kind: 'closed', publicLabel: { zh: '已交还转送机关，由有权处理的机关办理', en: 'Returned to the sender' } },
  },
  transitions: [
    { key: 'accept', label: { zh: '受理并书面告知', en: 'Accept (notice given)' }, from: ['registered'], to: 'accepted', permission: 'petition.handle', public: true, documents: ['acceptance_notice'],
      fields: Type.Object({
        kind: oneOf('事项类型', 'Kind', ['建议意见', '检举控告', '申诉求决']),
        noticeMethod: oneOf('告知方式', 'How the notice was given', ['当场书面告知', '书面告知']),
      }, closed) },
    { key: 'not_accept', label: { zh: '不予受理并书面告知', en: 'Not accepted (notice given)' }, from: ['registered'], to: 'not_accepted', permission: 'petition.handle', public: true, documents: ['routing_notice'],
      fields: Type.Object({
        ground: oneOf('不予受理的理由', 'Ground', ['已受理或正在办理的同一事项（第十九条）', '已复核终结的同一事项（第三十六条）', '不属于信访事项', '其他']),
        reason: text('具体说明', 'Explanation', 2000),
      }, closed) },
    { key: 'route', label: { zh: '依法分流（导入法定途径）', en: 'Route to a legal channel' }, from: ['registered', 'accepted'], to: 'routed', permission: 'petition.handle', public: true, documents: ['routing_notice'],
      fields: Type.Object({
        route: oneOf('法定途径', 'Legal channel', petitionRoutes),
        routedTo: text('有权处理的机关', 'Body with the power to decide', 200),
        notice: text('告知内容', 'What the petitioner was told', 2000),
      }, closed) },
    { key: 'answer', label: { zh: '出具信访处理意见书', en: 'Answer (信访处理意见书)' }, from: ['accepted'], to: 'answered', permission: 'petition.handle', public: true, documents: ['opinion'],
      fields: Type.Object({
        outcome: oneOf('处理意见', 'Outcome', petitionOutcomes),
        facts: text('查明的事实和理由', 'Facts and reasons found', 10000),
        decision: text('处理意见', 'Decision', 5000),
        legalBasis: text('法律法规依据', 'Legal basis', 2000),
      }, closed) },
    { key: 'deliver', label: { zh: '送达处理意见书', en: 'Deliver the answer' }, from: ['answered'], to: 'delivered', permission: 'petition.handle', public: true,
      fields: Type.Object({ method: oneOf('送达方式', 'Method', deliveryMethods), recipient: text('受送达人', 'Recipient', 100) }, closed) },
    { key: 'request_review', label: { zh: '信访人请求复查', en: 'Review (复查) requested' }, from: ['delivered'], to: 'reviewing', permission: 'petition.handle', public: true,
      fields: Type.Object({ reason: text('复查请求及理由', 'Request and reasons', 5000) }, closed) },
    { key: 'review_answer', label: { zh: '出具复查意见并书面答复', en: 'Review answered' }, from: ['reviewing'], to: 'reviewed', permission: 'petition.handle', public: true, documents: ['opinion'],
      fields: Type.Object({
        result: oneOf('复查结论', 'Result', ['维持', '变更', '撤销']),
        opinion: text('复查意见', 'Opinion', 5000),
        method: oneOf('送达方式', 'Method', deliveryMethods),
      }, closed) },
    { key: 'request_recheck', label: { zh: '信访人请求复核', en: 'Recheck (复核) requested' }, from: ['reviewed'], to: 'rechecking', permission: 'petition.handle', public: true,
      fields: Type.Object({ reason: text('复核请求及理由', 'Request and reasons', 5000) }, closed) },
    { key: 'hearing_start', label: { zh: '举行听证', en: 'Hearing held' }, from: ['rechecking'], to: 'hearing', permission: 'petition.handle', public: true,
      fields: Type.Object({ place: optText('听证地点', 'Place', 200) }, closed) },
    { key: 'hearing_end', label: { zh: '听证结束', en: 'Hearing ended' }, from: ['hearing'], to: 'rechecking', permission: 'petition.handle',
      fields: Type.Object({ summary: optText('听证情况', 'Summary', 5000) }, closed) },
    { key: 'recheck_answer', label: { zh: '出具复核意见（终结）', en: 'Recheck answered (final)' }, from: ['rechecking'], to: 'finalized', permission: 'petition.handle', public: true, documents: ['opinion'],
      fields: Type.Object({
        result: oneOf('复核结论', 'Result', ['维持', '变更', '撤销']),
        opinion: text('复核意见', 'Opinion', 5000),
        method: oneOf('送达方式', 'Method', deliveryMethods),
      }, closed) },
    { key: 'conclude', label: { zh: '办结（未请求复查/复核）', en: 'Conclude' }, from: ['delivered', 'reviewed'], to: 'concluded', permission: 'petition.handle', public: true,
      fields: Type.Object({ note: optText('说明', 'Note', 2000) }, closed) },
    { key: 'withdraw', label: { zh: '信访人撤回', en: 'Withdrawn' }, from: ['registered', 'accepted'], to: 'withdrawn', permission: 'petition.handle', public: true,
      fields: Type.Object({ reason: text('撤回理由', 'Reason', 2000) }, closed) },
    // 第二十三条第三款: a transferred or assigned matter that is not ours, objected to within 5 working days.
    { key: 'object_transfer', label: { zh: '对转送交办事项提出异议', en: 'Object to the transfer' }, from: ['registered'], to: 'objected', permission: 'petition.handle',
      precondition: objectionPrecondition, offered: objectionOffered,
      fields: Type.Object({ reason: text('异议理由（详细说明不属于本机关职权范围的理由）', 'Reasons in detail', 2000) }, closed) },
    { key: 'objection_agreed', label: { zh: '转送机关核实同意，交还材料', en: 'Sender agreed: materials returned' }, from: ['objected'], to: 'returned', permission: 'petition.handle', public: true,
      fields: Type.Object({ confirmedBy: text('核实同意的机关及方式', 'Who agreed, and how', 500) }, closed) },
    { key: 'objection_refused', label: { zh: '转送机关不同意异议，继续办理', en: 'Sender did not agree: handled here' }, from: ['objected'], to: 'registered', permission: 'petition.handle',
      fields: Type.Object({ note: text('转送机关意见', 'The sender\'s answer', 1000) }, closed) },
  ],
  deadlines: [
    { key: 'notice', label: { zh: '告知期限', en: 'Notice of receipt and route' }, length: 15, unit: 'cd', startOn: 'created', stopOn: ['accept', 'not_accept', 'route', 'objection_agreed'],
      remindBefore: { length: 3, unit: 'wd' }, escalateTo: 'petition.approve',
      basis: '信访工作条例 第二十三条（能够当场告知的当场书面告知；不能当场告知的，自收到之日起15日内书面告知）' },
    { key: 'handling', label: { zh: '办理期限', en: 'Handling' }, length: 60, unit: 'cd', startOn: 'accept', stopOn: ['answer', 'route'],
      extension: { max: 30, approver: 'petition.approve', notifyParty: true }, remindBefore: { length: 5, unit: 'wd' }, escalateTo: 'petition.approve',
      basis: '信访工作条例 第三十四条（自受理之日起60日内办结；经负责人批准可延长，不超过30日，并告知延期理由）' },
    { key: 'review_window', label: { zh: '复查请求期', en: 'Window to ask for review' }, length: 30, unit: 'cd', kind: 'party', startOn: 'deliver', stopOn: ['request_review'],
      onExpiry: { transition: 'conclude' }, basis: '信访工作条例 第三十五条（自收到书面答复之日起30日内请求复查）' },
    { key: 'review', label: { zh: '复查期限', en: 'Review' }, length: 30, unit: 'cd', startOn: 'request_review', stopOn: ['review_answer'],
      remindBefore: { length: 5, unit: 'wd' }, escalateTo: 'petition.approve', basis: '信访工作条例 第三十五条（自收到复查请求之日起30日内提出复查意见并书面答复）' },
    { key: 'recheck_window', label: { zh: '复核请求期', en: 'Window to ask for recheck' }, length: 30, unit: 'cd', kind: 'party', startOn: 'review_answer', stopOn: ['request_recheck'],
      onExpiry: { transition: 'conclude' }, basis: '信访工作条例 第三十六条（自收到复查书面答复之日起30日内请求复核）' },
    { key: 'recheck', label: { zh: '复核期限', en: 'Recheck' }, length: 30, unit: 'cd', startOn: 'request_recheck', stopOn: ['recheck_answer'],
      pauseOn: ['hearing_start'], resumeOn: ['hearing_end'], remindBefore: { length: 5, unit: 'wd' }, escalateTo: 'petition.approve',
      basis: '信访工作条例 第三十六条（自收到复核请求之日起30日内提出复核意见；听证所需时间不计算在内）' },
  ],
};
