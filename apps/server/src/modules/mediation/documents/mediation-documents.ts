import type { MediationFile } from './mediation-file.ts';
import type { CaseDocumentDef } from '../../../platform/documents/case-document.ts';
import { renderApplication } from './application.document.ts';
import { renderRegistration } from './registration.document.ts';
import { renderRecord } from './record.document.ts';
import { renderAgreement } from './agreement.document.ts';
import { renderTermination } from './termination.document.ts';

export const mediationDocumentKinds = ['application', 'registration', 'record', 'agreement', 'termination'] as const;
export type MediationDocumentKind = (typeof mediationDocumentKinds)[number];

/** A mediation document through the platform's pipeline; the part is a session's id (调解笔录). */
type DocumentDef = CaseDocumentDef<MediationFile>;

/**
 * The documents of people's mediation: the records the committee keeps on file
 * (人民调解法 第二十七条: 调解登记、调解工作记录、调解协议书), the application (第十七条) and
 * the notice that a failed mediation is ended (第二十六条).
 */
export const mediationDocuments: Record<MediationDocumentKind, DocumentDef> = {
  application: { title: () => '人民调解申请书', personalData: true, unavailable: () => null, render: renderApplication },
  registration: { title: () => '人民调解受理登记表', personalData: true, unavailable: () => null, render: renderRegistration },
  record: {
    title: () => '调解笔录', personalData: false,
    unavailable: (f, sessionId) => {
      if (f.sessions.length === 0) return 'no_sessions';
      return sessionId && !f.sessions.some((s) => s.id === sessionId) ? 'session_not_found' : null;
    },
    render: renderRecord,
  },
  agreement: {
    title: (f) => (f.agreement?.form === 'oral' ? '人民调解口头协议记录' : '人民调解协议书'), personalData: true,
    unavailable: (f) => (f.agreement ? null : 'no_agreement'), render: renderAgreement,
  },
  termination: { title: () => '终止调解告知书', personalData: false, unavailable: (f) => (f.failure ? null : 'not_failed'), render: renderTermination },
};
