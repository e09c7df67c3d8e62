import type { MediationFile } from './mediation-file.ts';
import type { CaseDocumentDef } from '../../../platform/documents/case-document.ts';
import { renderDocumentPart } from '../../../platform/documents/official-document.ts';
import { applicationPart } from './application.document.ts';
import { registrationPart } from './registration.document.ts';
import { recordPart } from './record.document.ts';
import { agreementPart } from './agreement.document.ts';
import { terminationPart } from './termination.document.ts';
import { closingReportPart, followUpPart, rightsNoticePart } from './file-documents.ts';

export const mediationDocumentKinds = [
  'application', 'registration', 'rights_notice', 'investigation', 'record', 'agreement', 'follow_up', 'termination', 'closing_report',
] as const;
export type MediationDocumentKind = (typeof mediationDocumentKinds)[number];

/** A mediation document through the platform's pipeline; the part is a session's id (调解笔录, 调查记录). */
type DocumentDef = CaseDocumentDef<MediationFile>;

const closed = (f: MediationFile): boolean => ['resolved', 'failed', 'transferred', 'refused', 'withdrawn'].includes(f.status);

/**
 * The documents of people's mediation: the records the committee keeps on file
 * (人民调解法 第二十七条: 调解登记、调解工作记录、调解协议书), the application (第十七条), the
 * notice of rights and duties (第二十三、二十四条), investigation records, the return visit
 * (第三十一条), the notice that a failed mediation is ended (第二十六条) and the closing report.
 */
export const mediationDocuments: Record<MediationDocumentKind, DocumentDef> = {
  application: { title: () => '人民调解申请书', personalData: true, unavailable: () => null, render: (f) => renderDocumentPart(applicationPart(f)) },
  registration: { title: () => '人民调解受理登记表', personalData: true, unavailable: () => null, render: (f) => renderDocumentPart(registrationPart(f)) },
  rights_notice: { title: () => '人民调解当事人权利义务告知书', personalData: false, unavailable: () => null, render: (f) => renderDocumentPart(rightsNoticePart(f)) },
  investigation: {
    title: () => '调查记录', personalData: false,
    unavailable: (f, id) => (f.investigations.length === 0 ? 'no_investigations' : id && !f.investigations.some((s) => s.id === id) ? 'session_not_found' : null),
    render: (f, id) => renderDocumentPart(recordPart(f, id, 'investigation')),
  },
  record: {
    title: () => '调解笔录', personalData: false,
    unavailable: (f, sessionId) => {
      if (f.sessions.length === 0) return 'no_sessions';
      return sessionId && !f.sessions.some((s) => s.id === sessionId) ? 'session_not_found' : null;
    },
    render: (f, id) => renderDocumentPart(recordPart(f, id)),
  },
  agreement: {
    title: (f) => (f.agreement?.form === 'oral' ? '人民调解口头协议登记表' : '人民调解协议书'), personalData: true,
    unavailable: (f) => (f.agreement ? null : 'no_agreement'), render: (f) => renderDocumentPart(agreementPart(f)),
  },
  follow_up: { title: () => '人民调解回访记录', personalData: false, unavailable: (f) => (f.followUp ? null : 'no_follow_up'), render: (f) => renderDocumentPart(followUpPart(f)) },
  termination: { title: () => '终止调解告知书', personalData: false, unavailable: (f) => (f.failure ? null : 'not_failed'), render: (f) => renderDocumentPart(terminationPart(f)) },
  closing_report: { title: () => '人民调解结案报告', personalData: false, unavailable: (f) => (closed(f) ? null : 'not_closed'), render: (f) => renderDocumentPart(closingReportPart(f)) },
};
