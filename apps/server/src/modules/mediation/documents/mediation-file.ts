import type { Client } from '../../../platform/db/pools.ts';
import { openField, sm3, type FieldKeys } from '../../../platform/crypto/sm.ts';
import { maskAddress, maskIdNumber, maskPhone } from '../../../platform/crypto/mask.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  findCases, findCommittees, findMediators, findParties, findSessions, findSteps, type CaseRow, type PartyRow, type SessionRow, type StepTaken,
} from './mediation-file.repository.ts';
import { fromIdNumber } from '../dossier/party-facts.ts';

export type PartyFacts = {
  id: string; kind: 'person' | 'enterprise'; role: string; name: string;
  /** Full or masked, as the caller may see them; null when not recorded. */
  idNumber: string | null; phone: string | null; address: string | null;
  /** From a full 18-digit ID number (never guessed from a masked one), else as recorded; the birth date only with full personal data. */
  sex: '男' | '女' | null; birthDate: string | null;
  /** 民族 and 职业或者工作单位 as recorded (mediation_party_facts). */
  ethnicity: string | null; occupation: string | null;
  /** How and when the party was told of its rights and duties (权利义务告知), or null. */
  notice: { method: 'signed' | 'paper' | 'oral'; on: string } | null;
  /** Which sealed fields the party has: what a full-data document reveals (and audits). */
  sealedFields: ('idNumber' | 'phone' | 'address')[];
};
export type Signature = { name: string; signedAt: Date | null; method: string | null; textSm3: string | null };
export type SessionFacts = {
  id: string; kind: 'session' | 'investigation'; heldAt: Date; place: string; participants: string[]; record: string; recorder: string | null; signatures: Signature[];
  /** The record's text still hashes to what was stored and what each signer signed. */
  intact: boolean;
};
/** The fields the mediation transitions write into case.data (mediation.workflow.ts). */
export type Agreement = {
  form: 'written' | 'oral'; terms: string; performanceDeadline: string | null; responsibilities: string | null;
  /** The facts as the mediator found them and the points in dispute (人民调解法 第二十九条第二项); null on a past agreement imported without them. */
  facts: string | null; issues: string | null;
};

/** Everything a mediation document is filled from. */
export type MediationFile = {
  caseId: string; ref: string; title: string; body: string; category: string | null; source: string; status: string;
  receivedOn: string; orgId: string; orgName: string; townshipId: string; committee: string; mediators: string[]; registeredBy: string | null;
  parties: PartyFacts[];
  /** 调解笔录 (kind session) and 调查记录 (kind investigation), by time. */
  sessions: SessionFacts[]; investigations: SessionFacts[];
  /** The day each transition happened (accept, start, reach_agreement, fail, …). */
  on: ReadonlyMap<string, string>;
  /** Who entered each transition (a person's name), when a person did. */
  actors: ReadonlyMap<string, string>;
  agreement: Agreement | null;
  failure: { legalRoute: string } | null;
  transfer: { transferTo: string } | null;
  refusal: { reason: string } | null;
  followUp: { performance: string; visit: string | null; on: string | null; visitor: string | null } | null;
  confirmation: { court: string } | null;
  fullPersonalData: boolean;
};

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** "东营村 李调解" → 李调解: account names carry their office before a space. */
export const personName = (displayName: string): string => displayName.trim().split(/\s+/).pop() ?? displayName;

/** "王建国" or { name, role } → 王建国（申请人）. */
const participantName = (p: unknown): string | null => {
  const name = str(p) ?? str(obj(p)?.name);
  const role = str(obj(p)?.role);
  return name && role ? `${name}（${role}）` : name;
};
const signatureOf = (s: unknown): Signature | null => {
  const o = obj(s);
  const name = str(o?.name);
  if (!o || !name) return null;
  const at = str(o.signedAt);
  return { name, signedAt: at ? new Date(at) : null, method: str(o.method), textSm3: str(o.textSm3) };
};

/**
 * Loads a mediation case's facts for its documents. Sealed personal data is opened and
 * shown in full only when `fullPersonalData` (the caller holds pii.unmask at the case's
 * org; the use case audits the view), otherwise masked.
 */
export const loadMediationFile = async (c: Client, keys: FieldKeys, caseId: string, fullPersonalData: boolean): Promise<MediationFile> => {
  const f = (await loadMediationFiles(c, keys, [caseId], fullPersonalData))[0];
  if (!f) throw new AppError('NOT_FOUND');
  return f;
};

/**
 * The files of many cases, in the order of `caseIds` (those the caller cannot see or that do
 * not exist are left out): each table read once for all of them, not once a case.
 */
export const loadMediationFiles = async (c: Client, keys: FieldKeys, caseIds: readonly string[], fullPersonalData: boolean): Promise<MediationFile[]> => {
  if (caseIds.length === 0) return [];
  const found = new Map((await findCases(c, caseIds)).map((k) => [k.id, k]));
  const ids = caseIds.filter((id) => found.has(id));
  const partiesOf = await findParties(c, ids);
  const sessionsOf = await findSessions(c, ids);
  const stepsOf = await findSteps(c, ids);
  const mediatorsOf = await findMediators(c, ids);
  // The committee of each org the cases sit at, in one look-up.
  const orgs = new Map([...found.values()].map((k) => [k.org_id, { orgId: k.org_id, townshipId: k.township_id }]));
  const committees = await findCommittees(c, [...orgs.values()]);
  return ids.map((id) => assemble(keys, found.get(id) as CaseRow, {
    parties: partiesOf.get(id) ?? [], sessions: sessionsOf.get(id) ?? [], steps: stepsOf.get(id) ?? new Map<string, StepTaken>(),
    mediators: mediatorsOf.get(id) ?? [], committee: committees.get((found.get(id) as CaseRow).org_id) ?? null,
  }, fullPersonalData));
};

const assemble = (
  keys: FieldKeys, k: CaseRow,
  rows: { parties: PartyRow[]; sessions: SessionRow[]; steps: Map<string, StepTaken>; mediators: string[]; committee: string | null },
  fullPersonalData: boolean,
): MediationFile => {
  const open = (v: Buffer | null, mask: (s: string) => string): string | null => {
    if (!v) return null;
    const plain = openField(keys, v);
    return fullPersonalData ? plain : mask(plain);
  };
  const parties = rows.parties.map((p): PartyFacts => {
    const idNumber = open(p.id_number_enc, maskIdNumber);
    const fromId = fullPersonalData && idNumber && p.kind !== 'enterprise' ? fromIdNumber(idNumber) : { sex: null, birthDate: null };
    const typedSex = p.sex === '男' || p.sex === '女' ? p.sex : null;
    const method = p.notice_method === 'signed' || p.notice_method === 'paper' || p.notice_method === 'oral' ? p.notice_method : null;
    return {
      id: p.id, kind: p.kind === 'enterprise' ? 'enterprise' : 'person', role: p.role, name: p.name,
      idNumber, phone: open(p.phone_enc, maskPhone), address: open(p.address_enc, maskAddress),
      sex: fromId.sex ?? typedSex, birthDate: fromId.birthDate ?? (fullPersonalData ? p.birth_date : null),
      ethnicity: p.ethnicity, occupation: p.occupation,
      notice: method && p.notice_on ? { method, on: p.notice_on } : null,
      sealedFields: [...(p.id_number_enc ? ['idNumber' as const] : []), ...(p.phone_enc ? ['phone' as const] : []), ...(p.address_enc ? ['address' as const] : [])],
    };
  });
  const records = rows.sessions.map((s): SessionFacts => {
    const signatures = (Array.isArray(s.signatures) ? s.signatures : []).map(signatureOf).filter((x): x is Signature => x !== null);
    const hash = sm3(s.record).toString('hex');
    return {
      id: s.id, kind: s.kind, heldAt: s.held_at, place: s.place, record: s.record, recorder: s.recorder ? personName(s.recorder) : null, signatures,
      participants: (Array.isArray(s.participants) ? s.participants : []).map(participantName).filter((x): x is string => x !== null),
      intact: hash === s.record_sm3 && signatures.every((g) => !g.textSm3 || g.textSm3 === hash),
    };
  });
  const steps = rows.steps;
  const on = new Map([...steps].map(([t, x]) => [t, x.on]));
  const actors = new Map([...steps].flatMap(([t, x]) => (x.actor ? [[t, personName(x.actor)] as const] : [])));
  const d = k.data;
  const reach = obj(d.reach_agreement);
  const terms = str(reach?.terms);
  const fail = obj(d.fail);
  const follow = obj(d.follow_up);
  const field = (key: string, name: string): string | null => str(obj(d[key])?.[name]);
  return {
    caseId: k.id, ref: k.ref, title: k.title, body: k.body, category: k.category, source: k.source, status: k.status,
    receivedOn: k.received_on, orgId: k.org_id, orgName: k.org_name, townshipId: k.township_id,
    committee: rows.committee ?? `${k.org_name}人民调解委员会`,
    mediators: rows.mediators.map(personName),
    // 登记人: who registered the case at the counter; for an online application, who accepted it.
    registeredBy: k.registered_by ? personName(k.registered_by) : (actors.get('accept') ?? null),
    parties, sessions: records.filter((r) => r.kind === 'session'), investigations: records.filter((r) => r.kind === 'investigation'), on, actors,
    agreement: reach && terms ? {
      form: reach.agreementForm === 'oral' ? 'oral' : 'written', terms,
      performanceDeadline: str(reach.performanceDeadline), responsibilities: str(reach.responsibilities),
      facts: str(reach.facts), issues: str(reach.issues),
    } : null,
    failure: fail ? { legalRoute: str(fail.legalRoute) ?? '' } : null,
    transfer: field('transfer', 'transferTo') ? { transferTo: field('transfer', 'transferTo') ?? '' } : null,
    refusal: field('refuse', 'reason') ? { reason: field('refuse', 'reason') ?? '' } : null,
    followUp: follow && str(follow.performance)
      ? { performance: str(follow.performance) ?? '', visit: str(follow.visit), on: on.get('follow_up') ?? null, visitor: actors.get('follow_up') ?? null } : null,
    confirmation: field('apply_confirmation', 'court') ? { court: field('apply_confirmation', 'court') ?? '' } : null,
    fullPersonalData,
  };
};
