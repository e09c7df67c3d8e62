import type { SafetyVisitBody } from '@fazhi/contracts';
import type { Tx } from '../../../platform/platform.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadPerson } from '../registers.repository.ts';
import { assertReadable } from '../safety-access.ts';

/**
 * Records a visit (走访) to a person on a register: the day (not after today), who went (the
 * caller), what was found, and — when given — the risk level found and the day its
 * follow-up is due (not before the visit). The person's risk level and follow-up date
 * follow the latest visit.
 */
export const addVisit = async (tx: Tx, today: string, personId: string, b: SafetyVisitBody): Promise<void> => {
  const p = await loadPerson(tx.client, personId, true);
  if (!p) throw new AppError('NOT_FOUND');
  await assertReadable(tx.client, tx.principal, 'safety.register.read', p.org_id);
  await assertCanAt(tx.client, tx.principal, 'safety.register.handle', p.org_id);
  if (b.visitedOn > today) throw new AppError('SAFETY_DATE_IN_FUTURE', { field: 'visitedOn' });
  if (b.followUpDue && b.followUpDue < b.visitedOn) throw new AppError('SAFETY_FOLLOW_UP_IN_PAST', { field: 'followUpDue' });
  const findings = b.findings.trim();
  if (findings === '') throw new AppError('VALIDATION', { field: 'findings' });
  await tx.client.query(
    `INSERT INTO safety_visits (person_id, township_id, org_id, visited_on, visitor_id, visitor_name, findings, risk_level, follow_up_due)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [p.id, p.township_id, p.org_id, b.visitedOn, tx.principal.userId, tx.principal.displayName, findings, b.riskLevel ?? null, b.followUpDue ?? null]);
  // The latest visit sets the person's current risk and follow-up; a visit entered late for an earlier day does not.
  const latest = p.last_visit_on === null || b.visitedOn >= p.last_visit_on;
  await tx.client.query(
    `UPDATE safety_persons SET last_visit_on = greatest(last_visit_on, $5::date),
            risk_level = CASE WHEN $6 THEN coalesce($2, risk_level) ELSE risk_level END,
            follow_up_due = CASE WHEN $6 AND $3 THEN $4::date ELSE follow_up_due END WHERE id = $1`,
    [p.id, b.riskLevel ?? null, b.followUpDue !== undefined, b.followUpDue ?? null, b.visitedOn, latest]);
  await tx.audit({ orgId: p.org_id, townshipId: p.township_id, action: 'safety.person.visit', entity: 'safety_person', entityId: p.id,
    before: { riskLevel: p.risk_level, followUpDue: p.follow_up_due }, after: { visitedOn: b.visitedOn, riskLevel: b.riskLevel ?? null, followUpDue: b.followUpDue ?? null } });
};
