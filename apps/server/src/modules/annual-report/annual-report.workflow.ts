import { Type } from 'typebox';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import { freezeFigures } from './annual-report.figures.ts';
import { text, closed } from '../../platform/cases/step-fields.ts';


/**
 * The annual report on rule-of-law government as a case type: drafted by the office, reviewed
 * by its head, signed by the principal leader (the figures are frozen as signed), reported to
 * the county in the first quarter and published by 1 April (法治政府建设与责任落实督察工作规定,
 * 2019; LAW.md "The annual report": by 1 March in provincial practice, configurable). The dates are calendar days of the next year, not
 * periods from a step, so the reminders are the module's daily job (annual-report.reminders.ts).
 */
export const annualReportCaseType: CaseTypeDef = {
  code: 'annual_report', refCode: '报', label: { zh: '法治政府建设年度报告', en: 'Annual rule-of-law report' },
  readPermission: 'report.read', handlePermission: 'report.draft', citizenFacing: false,
  initial: 'drafting',
  intake: Type.Object({ year: Type.Integer({ title: '报告年度', description: 'Year reported on', minimum: 2000, maximum: 2100 }) }, closed),
  states: {
    drafting: { label: { zh: '起草中', en: 'Drafting' }, kind: 'open' },
    reviewing: { label: { zh: '办公室审核中', en: 'Office review' }, kind: 'open' },
    approving: { label: { zh: '主要负责人审签中', en: 'Awaiting signature' }, kind: 'open' },
    approved: { label: { zh: '已签发待报送', en: 'Signed, to be reported' }, kind: 'open' },
    reported: { label: { zh: '已报送待公开', en: 'Reported, to be published' }, kind: 'open' },
    published: { label: { zh: '已公开', en: 'Published' }, kind: 'closed' },
  },
  transitions: [
    { key: 'submit_review', label: { zh: '提交审核', en: 'Submit for review' }, from: ['drafting'], to: 'reviewing', permission: 'report.draft', fields: Type.Object({}, closed) },
    { key: 'return_by_office', label: { zh: '退回修改', en: 'Return for revision' }, from: ['reviewing'], to: 'drafting', permission: 'report.review',
      fields: Type.Object({ reason: text('退回理由', 'Reason', 2000) }, closed) },
    { key: 'pass_review', label: { zh: '审核通过，呈主要负责人审签', en: 'Reviewed: to the principal leader' }, from: ['reviewing'], to: 'approving', permission: 'report.review',
      fields: Type.Object({ opinion: text('审核意见', 'Review opinion', 2000) }, closed) },
    { key: 'return_by_leader', label: { zh: '退回修改', en: 'Return for revision' }, from: ['approving'], to: 'drafting', permission: 'report.approve',
      fields: Type.Object({ reason: text('退回理由', 'Reason', 2000) }, closed) },
    // The leader signs this text with these figures: they are frozen with it (the published
    // report never changes when records change later).
    { key: 'approve', label: { zh: '签发', en: 'Sign' }, from: ['approving'], to: 'approved', permission: 'report.approve',
      fields: Type.Object({ opinion: text('签发意见', 'Opinion', 2000) }, closed), effect: (ctx, caseId) => freezeFigures(ctx, caseId) },
    { key: 'report_county', label: { zh: '报送县委、县政府', en: 'Report to the county' }, from: ['approved'], to: 'reported', permission: 'report.approve',
      fields: Type.Object({ reportedTo: text('报送单位', 'Reported to', 200), documentNo: Type.Optional(text('文号', 'Document number', 100)) }, closed) },
    { key: 'publish', label: { zh: '向社会公开', en: 'Publish' }, from: ['reported'], to: 'published', permission: 'report.approve',
      fields: Type.Object({ channel: text('公开渠道', 'Published in', 200) }, closed) },
  ],
  deadlines: [],
};
