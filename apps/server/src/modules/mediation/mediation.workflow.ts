import { Type } from 'typebox';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import { agreementPrecondition } from './dossier/party-facts.ts';
import { text, oneOf, closed } from '../../platform/cases/step-fields.ts';

/** Dispute categories used in published mediation statistics (LAW.md, 人民调解法). */
export const disputeCategories = [
  '婚姻家庭', '邻里', '房屋宅基地', '合同', '生产经营', '损害赔偿', '山林土地', '征地拆迁', '环境污染',
  '劳动争议', '消费', '医疗', '道路交通事故', '物业', '村务管理', '其他',
] as const;

const day = (zh: string, en: string) => Type.String({ title: zh, description: en, format: 'date' });

/** What the registration form records of a dispute beside its facts (登记表: 涉及金额、人数、风险、当事人意愿、来源). */
const intake = Type.Object({
  amount: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()], { title: '涉及金额（元）', description: 'Amount in dispute (yuan)' })),
  people: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, title: '涉及人数', description: 'People involved' })),
  group: Type.Optional(Type.Boolean({ title: '群体性纠纷', description: 'Group dispute' })),
  risk: Type.Optional(oneOf('风险等级', 'Risk', ['low', 'medium', 'high'])),
  consent: Type.Optional(oneOf('对方当事人意愿', "The other side's consent", ['agree', 'refuse', 'unknown'])),
  intake: Type.Optional(oneOf('纠纷来源', 'How it came in', ['visit', 'room', 'grid', 'petition', 'online', 'screening', 'transfer'])),
  facts: Type.Optional(Type.String({ maxLength: 20000, title: '纠纷事实', description: 'Facts' })),
  claims: Type.Optional(Type.String({ maxLength: 20000, title: '调解请求', description: 'Claims' })),
}, closed);

/**
 * People's mediation (人民调解法) as a case type.
 *
 * - 第十七条: a party may apply, or the committee may act on its own; if one party clearly
 *   refuses, there is no mediation → `refuse` ends the case.
 * - 第二十六条: mediation that fails is ended and the parties are told of arbitration,
 *   administrative and judicial routes → `fail` requires the route told (引导走法律途径).
 * - 第二十八至三十条: a written agreement (effective when all parties and the mediator have
 *   signed and the committee has sealed) or an oral one (effective the day it is reached).
 * - 第三十一条: the committee supervises performance → `follow_up` closes an agreed case with
 *   the return visit's result.
 * - 第三十三条: both parties may apply for judicial confirmation within 30 days of the
 *   agreement taking effect → the `confirmation` clock.
 * - 三调联动: transfer to administrative or judicial mediation.
 * The month to conclude a mediation is customary, not statutory (LAW.md: unconfirmed), so
 * its clock only reminds and escalates; it is not a legal limit.
 */
export const mediationCaseType: CaseTypeDef = {
  code: 'mediation', refCode: '调', label: { zh: '人民调解', en: "People's mediation" },
  readPermission: 'mediation.read', handlePermission: 'mediation.handle', citizenFacing: true,
  initial: 'registered',
  categories: disputeCategories,
  intake,
  states: {
    registered: { label: { zh: '已登记', en: 'Registered' }, kind: 'open', publicLabel: { zh: '已收到申请', en: 'Application received' } },
    accepted: { label: { zh: '已受理', en: 'Accepted' }, kind: 'open' },
    mediating: { label: { zh: '调解中', en: 'Mediating' }, kind: 'open' },
    agreed: { label: { zh: '达成协议（履行中）', en: 'Agreed (performing)' }, kind: 'open', publicLabel: { zh: '已达成调解协议', en: 'Agreement reached' } },
    resolved: { label: { zh: '调解成功', en: 'Resolved' }, kind: 'closed', publicLabel: { zh: '调解成功，已办结', en: 'Resolved' } },
    failed: { label: { zh: '调解不成（已引导法律途径）', en: 'Failed (legal routes explained)' }, kind: 'closed', publicLabel: { zh: '调解终止，已告知其他解决途径', en: 'Ended; other routes explained' } },
    transferred: { label: { zh: '已移交', en: 'Transferred' }, kind: 'closed', publicLabel: { zh: '已移交有关部门调解', en: 'Transferred' } },
    refused: { label: { zh: '不予调解', en: 'Not mediated' }, kind: 'terminal', publicLabel: { zh: '不予调解', en: 'Not mediated' } },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, kind: 'terminal' },
  },
  transitions: [
    { key: 'accept', label: { zh: '受理', en: 'Accept' }, from: ['registered'], to: 'accepted', permission: 'mediation.handle', public: true, documents: ['registration_form'], fields: Type.Object({}, closed) },
    { key: 'refuse', label: { zh: '不予调解（当事人拒绝）', en: 'Refused by a party' }, from: ['registered', 'accepted'], to: 'refused', permission: 'mediation.handle', public: true,
      fields: Type.Object({ reason: text('不予调解的理由', 'Reason', 2000) }, closed) },
    { key: 'start', label: { zh: '开始调解', en: 'Start mediating' }, from: ['accepted'], to: 'mediating', permission: 'mediation.handle', public: true, fields: Type.Object({}, closed) },
    { key: 'reach_agreement', label: { zh: '达成调解协议', en: 'Agreement reached' }, from: ['mediating'], to: 'agreed', permission: 'mediation.handle', public: true, documents: ['agreement'],
      // 人民调解法 第二十八、二十九条: written or oral; the facts as the mediator found them, the
      // points in dispute and each party's responsibility; the terms; the performance deadline.
      // Facts, issues and responsibilities are optional here for past agreements taken from a
      // ledger; a step taken now must carry them, with every party's basic facts (precondition).
      precondition: agreementPrecondition,
      fields: Type.Object({
        agreementForm: oneOf('协议形式', 'Form', ['written', 'oral']),
        facts: Type.Optional(Type.String({ maxLength: 5000, title: '纠纷的主要事实（调解员查明）', description: 'Facts as found by the mediator' })),
        issues: Type.Optional(Type.String({ maxLength: 2000, title: '争议事项', description: 'Points in dispute' })),
        terms: text('协议内容', 'Terms', 5000),
        performanceDeadline: Type.Optional(day('履行期限', 'Performance deadline')),
        responsibilities: Type.Optional(Type.String({ maxLength: 2000, title: '各方责任', description: 'Responsibilities' })),
      }, closed) },
    { key: 'fail', label: { zh: '调解不成，终止调解', en: 'End: mediation failed' }, from: ['mediating'], to: 'failed', permission: 'mediation.handle', public: true, documents: ['termination_notice'],
      fields: Type.Object({ legalRoute: text('告知的法律途径', 'Legal route told', 500) }, closed) },
    { key: 'transfer', label: { zh: '移交行政/司法调解', en: 'Transfer (三调联动)' }, from: ['accepted', 'mediating'], to: 'transferred', permission: 'mediation.handle', public: true,
      fields: Type.Object({ transferTo: text('移交单位', 'Transferred to', 200) }, closed) },
    { key: 'apply_confirmation', label: { zh: '申请司法确认', en: 'Judicial confirmation applied for' }, from: ['agreed'], to: 'agreed', permission: 'mediation.handle',
      fields: Type.Object({ court: text('受理法院', 'Court', 100) }, closed) },
    { key: 'follow_up', label: { zh: '回访（履行情况）', en: 'Return visit' }, from: ['agreed'], to: 'resolved', permission: 'mediation.handle', public: true,
      fields: Type.Object({ performance: oneOf('履行情况', 'Performance', ['已履行', '部分履行', '未履行']), visit: Type.Optional(Type.String({ maxLength: 1000, title: '回访情况', description: 'Return visit' })) }, closed) },
    { key: 'withdraw', label: { zh: '当事人撤回申请', en: 'Withdrawn' }, from: ['registered', 'accepted', 'mediating'], to: 'withdrawn', permission: 'mediation.handle', public: true,
      fields: Type.Object({ reason: text('撤回理由', 'Reason', 2000) }, closed) },
  ],
  deadlines: [
    // Customary, not statutory: a township may set its own month within 15 to 60 days.
    { key: 'mediation', label: { zh: '调解期限', en: 'Mediation' }, length: 30, unit: 'cd', startOn: 'accept', stopOn: ['reach_agreement', 'fail', 'transfer'],
      remindBefore: { length: 3, unit: 'wd' }, escalateTo: 'report.read', configurable: { min: 15, max: 60 },
      basis: '人民调解工作惯例：一般在一个月内调结（乡镇可在15至60日内设定）' },
    // The parties' window, not the office's duty: its end is nobody's lateness.
    { key: 'confirmation', label: { zh: '司法确认申请期限', en: 'Judicial confirmation window' }, length: 30, unit: 'cd', kind: 'party', startOn: 'reach_agreement', stopOn: ['apply_confirmation'],
      remindBefore: { length: 5, unit: 'wd' }, basis: '人民调解法 第三十三条' },
  ],
};
