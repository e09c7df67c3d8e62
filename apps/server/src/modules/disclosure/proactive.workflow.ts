import { Type } from 'typebox';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import { text, closed } from '../../platform/cases/step-fields.ts';


/**
 * What a township must publish of its own accord: 政府信息公开条例 第二十一条 (农业农村政策、
 * 水利工程建设运营、农村土地承包经营权流转、宅基地使用情况审核、土地征收、房屋征收、筹资筹劳、
 * 社会救助), and the seed's 财权、事权、行政处罚权 and the major matters of town and villages,
 * disclosed before, during and after (事前、事中、事后).
 */
export const proactiveCategories = [
  '农业农村政策', '水利工程建设运营', '农村土地承包经营权流转', '宅基地使用情况审核', '土地征收', '房屋征收', '筹资筹劳', '社会救助',
  '财政收支', '政务事项', '行政处罚', '重大事项',
] as const;
export const majorMatterStages = ['before', 'during', 'after'] as const;

/**
 * An item of proactive disclosure (主动公开) as a case type: drafted, reviewed for secrecy
 * (保密审查, 第十七条) and published within 20 working days of the information being formed
 * or changed (第二十六条: the `publish` duty from the day it was formed, the registration's
 * receipt day); withdrawn with a reason that is itself public.
 */
export const proactiveCaseType: CaseTypeDef = {
  code: 'proactive', refCode: '主', label: { zh: '主动公开', en: 'Proactive disclosure' },
  readPermission: 'disclosure.read', handlePermission: 'disclosure.handle', citizenFacing: false,
  initial: 'drafting',
  categories: proactiveCategories,
  // The public site searches what is published: the content as well as the title.
  searchFields: ['content'],
  intake: Type.Object({
    content: text('公开内容', 'Content', 20000),
    // A major matter is published at each of its stages (事前、事中、事后); other items leave it out.
    stage: Type.Optional(Type.Union(majorMatterStages.map((s) => Type.Literal(s)), { title: '公开阶段（重大事项）', description: 'Stage of a major matter' })),
  }, closed),
  states: {
    drafting: { label: { zh: '起草中', en: 'Drafting' }, kind: 'open' },
    reviewing: { label: { zh: '保密审查中', en: 'Secrecy review' }, kind: 'open' },
    published: { label: { zh: '已公开', en: 'Published' }, kind: 'closed' },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, kind: 'terminal' },
  },
  transitions: [
    { key: 'submit_review', label: { zh: '提交保密审查', en: 'Submit for review' }, from: ['drafting'], to: 'reviewing', permission: 'disclosure.handle', fields: Type.Object({}, closed) },
    { key: 'return_draft', label: { zh: '退回修改', en: 'Return for revision' }, from: ['reviewing'], to: 'drafting', permission: 'disclosure.approve',
      fields: Type.Object({ reason: text('退回理由', 'Reason', 2000) }, closed) },
    { key: 'publish', label: { zh: '审查通过并公开', en: 'Reviewed and published' }, from: ['reviewing'], to: 'published', permission: 'disclosure.approve', public: true,
      fields: Type.Object({ review: text('保密审查意见', 'Review opinion', 2000) }, closed) },
    { key: 'withdraw', label: { zh: '撤回公开', en: 'Withdraw' }, from: ['published'], to: 'withdrawn', permission: 'disclosure.approve', public: true,
      fields: Type.Object({ reason: text('撤回理由（将公开）', 'Reason (published)', 2000) }, closed) },
  ],
  deadlines: [
    { key: 'publish', label: { zh: '主动公开期限', en: 'Publication' }, length: 20, unit: 'wd', startOn: 'created', stopOn: ['publish'],
      remindBefore: { length: 3, unit: 'wd' }, escalateTo: 'disclosure.approve',
      basis: '政府信息公开条例 第二十六条（自该政府信息形成或者变更之日起20个工作日内予以公开）' },
  ],
};
