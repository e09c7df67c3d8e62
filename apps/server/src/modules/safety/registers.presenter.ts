import type { SafetyPersonItem, SafetyVisitView } from '@fazhi/contracts';
import type { FieldKeys } from '../../platform/crypto/sm.ts';
import { openField } from '../../platform/crypto/sm.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../platform/crypto/mask.ts';
import type { PersonRow, VisitRow } from './registers.repository.ts';

/** A person as every screen shows them: masked (个人信息保护法 第五十一条); the whole value only through the logged reveal. */
export const personItem = (keys: FieldKeys, r: PersonRow, today: string): SafetyPersonItem => ({
  id: r.id, ref: r.ref, kind: r.kind, orgId: r.org_id, orgName: r.org_name,
  nameMasked: maskName(openField(keys, r.name_enc)),
  idNumberMasked: maskIdNumber(openField(keys, r.id_number_enc)),
  phoneMasked: r.phone_enc ? maskPhone(openField(keys, r.phone_enc)) : null,
  addressMasked: r.address_enc ? maskAddress(openField(keys, r.address_enc)) : null,
  riskLevel: r.risk_level, followUpDue: r.follow_up_due, followUpOverdue: r.follow_up_due !== null && r.follow_up_due < today,
  registeredOn: r.registered_on, lastVisitOn: r.last_visit_on, nextVisitDue: r.next_visit_due, visitOverdue: r.next_visit_due < today,
});

export const visitView = (v: VisitRow): SafetyVisitView => ({
  id: v.id, visitedOn: v.visited_on, visitor: v.visitor_name, findings: v.findings, riskLevel: v.risk_level, followUpDue: v.follow_up_due, onSchedule: v.on_schedule,
});
