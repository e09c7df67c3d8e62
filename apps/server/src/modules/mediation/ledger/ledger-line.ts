import { openField, type FieldKeys } from '../../../platform/crypto/sm.ts';
import { maskPhone } from '../../../platform/crypto/mask.ts';
import { joinFollowUp, joinList, joinSummary } from './ledger.cells.ts';
import { agreementForms, NOT_IN_LEDGER, resultOfStatus, type LedgerLine } from './ledger.columns.ts';
import type { LedgerCaseRow, OrgInfo } from './ledger-export.repository.ts';

/**
 * What an import keeps on the case (`data.ledger`) of the ledger's own wording, so that the
 * case exports as the line it came from: the ledger's own number when it is not a Fazhi
 * reference, the committee and mediators as written, and which dates the ledger left out.
 */
export type LedgerNote = {
  importId?: string;
  originalRef?: string;
  committee?: string;
  mediators?: string;
  closedOnUnknown?: boolean;
  followUpOnUnknown?: boolean;
};

const field = (data: Record<string, unknown>, transition: string, name: string): string => {
  const t = data[transition];
  const v = t && typeof t === 'object' ? (t as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : '';
};
export const ledgerNoteOf = (data: Record<string, unknown>): LedgerNote => {
  const n = data.ledger;
  return n && typeof n === 'object' ? n : {};
};

/** The transition that ended the case (its day is the 结案日期). */
const closingTransition: Record<string, string> = {
  agreed: 'reach_agreement', resolved: 'reach_agreement', failed: 'fail', transferred: 'transfer', refused: 'refuse', withdrawn: 'withdraw',
};

/** 协议内容 carries the agreement's terms, or for the other endings the route told, the body transferred to, or the reason. */
const contentOf = (status: string, data: Record<string, unknown>): string => {
  switch (status) {
    case 'agreed':
    case 'resolved': return field(data, 'reach_agreement', 'terms');
    case 'failed': return field(data, 'fail', 'legalRoute');
    case 'transferred': return field(data, 'transfer', 'transferTo');
    case 'refused': return field(data, 'refuse', 'reason');
    case 'withdrawn': return field(data, 'withdraw', 'reason');
    default: return '';
  }
};

/**
 * A case as one ledger line. Applicants' phone numbers are masked unless `unmask` (the
 * caller holds pii.unmask at the case's org; the export is then audited as a pii.view).
 */
export const ledgerLineOf = (r: LedgerCaseRow, org: OrgInfo | undefined, unmask: boolean, keys: FieldKeys): LedgerLine => {
  const note = ledgerNoteOf(r.data);
  const dates = r.dates ?? {};
  const names = r.party_names ?? [];
  const roles = r.party_roles ?? [];
  const phones = r.party_phones ?? [];
  const applicants = names.filter((_, i) => roles[i] === '申请人');
  const applicantPhones = phones.filter((p, i): p is Buffer => roles[i] === '申请人' && p !== null)
    .map((p) => (unmask ? openField(keys, p) : maskPhone(openField(keys, p))));
  const agreed = r.status === 'agreed' || r.status === 'resolved';
  const closing = closingTransition[r.status];
  const court = field(r.data, 'apply_confirmation', 'court');
  const form = field(r.data, 'reach_agreement', 'agreementForm');
  return {
    ref: note.originalRef ?? r.ref,
    receivedOn: r.received_on,
    category: r.category ?? '',
    village: org?.village ?? '',
    committee: note.committee ?? r.lead_committee ?? org?.committee ?? '',
    applicants: joinList(applicants),
    phones: joinList(applicantPhones),
    respondents: joinList(names.filter((_, i) => roles[i] === '被申请人')),
    summary: joinSummary(r.title, r.body),
    mediators: note.mediators ?? r.mediators ?? '',
    result: resultOfStatus(r.status),
    agreementForm: agreed && (form === 'written' || form === 'oral') ? agreementForms[form] : '',
    terms: contentOf(r.status, r.data),
    performance: r.status === 'resolved' ? field(r.data, 'follow_up', 'performance') : '',
    confirmation: agreed ? (dates.apply_confirmation !== undefined ? (court && court !== NOT_IN_LEDGER ? `是（${court}）` : '是') : '否') : '',
    closedOn: closing && !note.closedOnUnknown ? (dates[closing] ?? '') : '',
    followUp: r.status === 'resolved' ? joinFollowUp(note.followUpOnUnknown ? null : (dates.follow_up ?? null), field(r.data, 'follow_up', 'visit')) : '',
  };
};
