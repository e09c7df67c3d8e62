import { Type } from 'typebox';
import { complaintCategories } from '@fazhi/contracts';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import { text, oneOf, closed } from '../../platform/cases/step-fields.ts';

export { complaintCategories };

/** How a complaint came in: the portal, the phone, a 12345 hotline work order, in person. */
export const complaintChannels = ['portal', 'phone', 'hotline', 'visit'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

/** How the reply reached the complainant. */
export const replyMethods = ['电话', '短信', '书面', '当面', '网上'] as const;

/** The complainant's satisfaction (12345 回访: 满意 / 基本满意 / 不满意); 未评价 when none was given. */
export const satisfactionGrades = ['满意', '基本满意', '不满意'] as const;


/** What the intake records beside the complainant (a party, phone sealed) and the category. */
const intake = Type.Object({
  channel: oneOf('投诉渠道', 'Channel', complaintChannels),
  /** The 12345 hotline's work-order number: unique in the township (migration 20261208200000). */
  workOrderNo: Type.Optional(Type.String({ title: '12345工单编号', description: '12345 work-order number', minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' })),
  /** The work order's own due date, as the hotline set it (shown beside the engine's reply clock). */
  workOrderDue: Type.Optional(Type.String({ title: '工单办理时限', description: 'Work order due date', format: 'date' })),
  subject: text('被投诉单位或事项', 'Office or matter complained about', 200),
  facts: Type.Optional(Type.String({ maxLength: 5000, title: '投诉内容', description: 'What the complaint says' })),
}, closed);

const replyFields = Type.Object({
  content: text('答复内容', 'What the complainant was told', 5000),
  method: oneOf('答复方式', 'How', replyMethods),
  office: Type.Optional(Type.String({ maxLength: 100, title: '承办单位', description: 'Office that replied' })),
}, closed);

/**
 * A complaint about the township's own work (投诉件), including 12345 hotline work orders.
 *
 * register → (转交: the engine's transfer to the responsible office of the township, at any
 * open step) → reply recorded (what, how, when) → the complainant's satisfaction: 满意 or
 * 基本满意 closes it; 不满意 reopens it once with a new reply clock (重办), and the second reply's
 * rating closes it whatever it is. The complainant may give the rating on the tracking page
 * (`citizen`), or a clerk records it from the return call (回访).
 *
 * The reply period is not set by statute: the 12345 hotline rules are administrative
 * (国务院办公厅关于进一步优化地方政务服务便民热线的指导意见, 国办发〔2020〕53号, asks for time
 * limits and timely replies and leaves the periods to local hotline rules). So the default is
 * 5 working days and a township may set its own by category, within 1 to 15 working days.
 */
export const complaintCaseType: CaseTypeDef = {
  code: 'complaint', refCode: '诉', label: { zh: '投诉件', en: 'Complaint' },
  readPermission: 'petition.read', handlePermission: 'petition.handle', citizenFacing: true,
  initial: 'registered',
  categories: complaintCategories,
  intake,
  states: {
    registered: { label: { zh: '办理中', en: 'Being handled' }, kind: 'open', publicLabel: { zh: '已受理，正在办理', en: 'Received; being handled' } },
    replied: { label: { zh: '已答复（待评价）', en: 'Replied (awaiting rating)' }, kind: 'open', publicLabel: { zh: '已答复，请评价', en: 'Replied; please rate' } },
    reopened: { label: { zh: '不满意，重新办理', en: 'Reopened' }, kind: 'open', publicLabel: { zh: '不满意，重新办理中', en: 'Reopened' } },
    rereplied: { label: { zh: '已再次答复（待评价）', en: 'Replied again (awaiting rating)' }, kind: 'open', publicLabel: { zh: '已再次答复，请评价', en: 'Replied again; please rate' } },
    closed: { label: { zh: '已办结', en: 'Closed' }, kind: 'closed', publicLabel: { zh: '已办结', en: 'Closed' } },
  },
  transitions: [
    { key: 'reply', label: { zh: '记录答复', en: 'Record the reply' }, from: ['registered'], to: 'replied', permission: 'petition.handle', public: true, fields: replyFields },
    { key: 'reopen', label: { zh: '不满意，重新办理', en: 'Not satisfied: reopen' }, from: ['replied'], to: 'reopened', permission: 'petition.handle', public: true, citizen: true,
      fields: Type.Object({ reason: text('不满意的原因', 'Why not satisfied', 2000) }, closed) },
    { key: 'reply_again', label: { zh: '记录再次答复', en: 'Record the second reply' }, from: ['reopened'], to: 'rereplied', permission: 'petition.handle', public: true, fields: replyFields },
    { key: 'close', label: { zh: '评价并办结', en: 'Rate and close' }, from: ['replied', 'rereplied'], to: 'closed', permission: 'petition.handle', public: true, citizen: true,
      fields: Type.Object({
        satisfaction: oneOf('满意度', 'Satisfaction', [...satisfactionGrades, '未评价']),
        comment: Type.Optional(Type.String({ maxLength: 1000, title: '评价意见', description: 'Comment' })),
      }, closed) },
  ],
  deadlines: [
    { key: 'reply', label: { zh: '答复期限', en: 'Reply' }, length: 5, unit: 'wd', startOn: 'created', stopOn: ['reply'],
      remindBefore: { length: 1, unit: 'wd' }, escalateTo: 'report.read', configurable: { min: 1, max: 15, byCategory: true },
      basis: '12345热线工单办理规则（行政规范，非法律规定的期限；国办发〔2020〕53号要求限时办理、及时答复，具体时限由地方热线规则规定）：默认5个工作日，乡镇可按类别在1至15个工作日内设定' },
    { key: 'reply_again', label: { zh: '重新办理答复期限', en: 'Reply after reopening' }, length: 5, unit: 'wd', startOn: 'reopen', stopOn: ['reply_again'],
      remindBefore: { length: 1, unit: 'wd' }, escalateTo: 'report.read', configurable: { min: 1, max: 15, byCategory: true },
      basis: '12345热线工单重办规则（行政规范，非法律规定的期限）：投诉人不满意的，自重新办理之日起重新计算答复期限，默认5个工作日，乡镇可按类别在1至15个工作日内设定' },
  ],
};
