import { AppError } from '../../platform/errors.ts';
import { assertCanAt, orgsWithPermission } from '../../platform/access/scope.ts';
import { openField, sealField } from '../../platform/crypto/sm.ts';
import { maskPhone } from '../../platform/crypto/mask.ts';
import type { Tx, Platform } from '../../platform/platform.ts';
import { appendCaseEvent } from '../../platform/cases/events.ts';

type MediatorBase = { id: string; committee_id: string; name: string; phone_enc: Buffer | null; specialties: string[]; trainings: { hours?: number }[]; user_id: string | null };
type MediatorRow = MediatorBase & { open_cases: number; resolved_cases: number };

const mediatorColumns = 'm.id, m.committee_id, m.name, m.phone_enc, m.specialties, m.trainings, m.user_id';

/**
 * Each mediator's load: open cases and cases mediated to an agreement, among the cases the
 * caller may see, in one statement for all of them, from the status each assignment carries
 * (kept from its case by the database, migration 20261215100100): a county's 494 mediators
 * and 170,000 assignments in 78 ms on 200,000 cases, where joining each assignment to its case
 * took 440–530 ms (docs/performance.md, "A county's lists").
 */
const withLoad = async <T extends { id: string }>(tx: Tx, mediators: T[]): Promise<(T & { open_cases: number; resolved_cases: number })[]> => {
  if (mediators.length === 0) return [];
  const { rows } = await tx.client.query<{ mediator_id: string; open_cases: number; resolved_cases: number }>(
    `SELECT x.mediator_id, count(*) FILTER (WHERE x.case_status_kind = 'open')::int AS open_cases,
            count(*) FILTER (WHERE x.case_status IN ('agreed', 'resolved'))::int AS resolved_cases
       FROM mediation_case_mediators x
      WHERE x.mediator_id = ANY ($1::uuid[]) GROUP BY x.mediator_id`, [mediators.map((m) => m.id)]);
  const load = new Map(rows.map((r) => [r.mediator_id, r]));
  return mediators.map((m) => ({ ...m, open_cases: load.get(m.id)?.open_cases ?? 0, resolved_cases: load.get(m.id)?.resolved_cases ?? 0 }));
};

const presentMediator = (p: Platform, m: MediatorRow) => ({
  id: m.id, name: m.name, phoneMasked: m.phone_enc ? maskPhone(openField(p.keys.fields, m.phone_enc)) : null, specialties: m.specialties,
  trainingHours: m.trainings.reduce((n, t) => n + (t.hours ?? 0), 0), openCases: m.open_cases, resolvedCases: m.resolved_cases, userId: m.user_id,
});

/** Committees and studios the caller can see (their own and the town's), each with its mediators and their load. */
export const listCommittees = async (p: Platform, tx: Tx) => {
  const committees = (await tx.client.query<{ id: string; org_id: string; org_name: string; kind: string; name: string; specialty: string | null }>(
    `SELECT c.id, c.org_id, o.name AS org_name, c.kind, c.name, c.specialty FROM mediation_committees c JOIN orgs o ON o.id = c.org_id
      WHERE c.active ORDER BY array_position(ARRAY['township','professional','studio','village'], c.kind), o.code`)).rows;
  const mediators = await withLoad(tx, (await tx.client.query<MediatorBase>(`SELECT ${mediatorColumns} FROM mediators m WHERE m.active ORDER BY m.name`)).rows);
  const manage = await orgsWithPermission(tx.client, tx.principal, 'mediation.handle', committees.map((c) => c.org_id));
  return committees.map((c) => ({
    id: c.id, orgId: c.org_id, orgName: c.org_name, kind: c.kind, name: c.name, specialty: c.specialty, canManage: manage.has(c.org_id),
    mediators: mediators.filter((m) => m.committee_id === c.id).map((m) => presentMediator(p, m)),
  }));
};

export const createCommittee = async (tx: Tx, body: { orgId: string; kind: string; name: string; specialty?: string }) => {
  await assertCanAt(tx.client, tx.principal, 'mediation.handle', body.orgId);
  const { rows } = await tx.client.query<{ id: string; township_id: string }>(
    `INSERT INTO mediation_committees (township_id, org_id, kind, name, specialty)
     SELECT CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END, o.id, $2, $3, $4 FROM orgs o WHERE o.id = $1 AND (o.kind = 'township' OR o.township_id IS NOT NULL)
     RETURNING id, township_id`, [body.orgId, body.kind, body.name, body.specialty ?? null]);
  const row = rows[0];
  if (!row) throw new AppError('VALIDATION', { field: 'orgId' });
  await tx.audit({ orgId: body.orgId, townshipId: row.township_id, action: 'mediation.committee.create', entity: 'mediation_committee', entityId: row.id, after: body });
  return row.id;
};

export const createMediator = async (p: Platform, tx: Tx, body: { committeeId: string; name: string; phone?: string; specialties?: string[]; userId?: string; trainings?: unknown[] }) => {
  const c = (await tx.client.query<{ org_id: string; township_id: string }>('SELECT org_id, township_id FROM mediation_committees WHERE id = $1', [body.committeeId])).rows[0];
  if (!c) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'mediation.handle', c.org_id);
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO mediators (township_id, committee_id, org_id, user_id, name, phone_enc, specialties, trainings) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [c.township_id, body.committeeId, c.org_id, body.userId ?? null, body.name, body.phone ? sealField(p.keys.fields, body.phone) : null, body.specialties ?? [], JSON.stringify(body.trainings ?? [])]);
  const id = rows[0]?.id ?? '';
  await tx.audit({ orgId: c.org_id, townshipId: c.township_id, action: 'mediation.mediator.create', entity: 'mediator', entityId: id, after: { name: body.name, committeeId: body.committeeId, specialties: body.specialties ?? [] } });
  return id;
};

/**
 * Suggests mediators for a case, the way provincial apps dispatch to the nearest available
 * mediator: the case's own village first, then the town's committee and specialists;
 * specialty matching the dispute category; experience (cases resolved); current load.
 */
export const suggestMediators = async (p: Platform, tx: Tx, caseId: string) => {
  const k = (await tx.client.query<{ org_id: string; category: string | null }>("SELECT org_id, category FROM cases WHERE id = $1 AND case_type = 'mediation'", [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  const near = new Set((await tx.client.query<{ id: string }>('SELECT ancestor_id AS id FROM org_closure WHERE descendant_id = $1', [k.org_id])).rows.map((r) => r.id));
  const rows = await withLoad(tx, (await tx.client.query<MediatorBase & { committee_name: string; org_id: string; kind: string }>(
    `SELECT c.name AS committee_name, m.org_id, c.kind, ${mediatorColumns}
       FROM mediators m JOIN mediation_committees c ON c.id = m.committee_id WHERE m.active AND c.active`)).rows);
  return rows.map((m) => {
    const reasons: string[] = [];
    let score = 0;
    if (m.org_id === k.org_id || (near.has(m.org_id) && m.kind === 'village')) { score += 40; reasons.push('本村调解员'); }
    else if (near.has(m.org_id)) { score += 15; reasons.push('镇级调解组织'); }
    if (k.category && m.specialties.some((s) => k.category?.includes(s) || s.includes(k.category ?? ''))) { score += 30; reasons.push(`擅长${k.category}纠纷`); }
    score += Math.min(20, m.resolved_cases);
    if (m.resolved_cases > 0) reasons.push(`已成功调解${m.resolved_cases}件`);
    score -= m.open_cases * 5;
    reasons.push(m.open_cases === 0 ? '当前无在办案件' : `在办${m.open_cases}件`);
    return { mediator: presentMediator(p, m), committeeName: m.committee_name, score, reasons };
  }).sort((a, b) => b.score - a.score).slice(0, 8);
};

export const assignMediators = async (tx: Tx, caseId: string, mediatorIds: string[], leadId: string) => {
  const k = (await tx.client.query<{ org_id: string; township_id: string; created_by: string | null }>("SELECT org_id, township_id, created_by FROM cases WHERE id = $1 AND case_type = 'mediation'", [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'mediation.handle', k.org_id, k.created_by);
  if (!mediatorIds.includes(leadId)) throw new AppError('VALIDATION', { field: 'leadId' });
  const found = (await tx.client.query<{ id: string; name: string }>('SELECT id, name FROM mediators WHERE id = ANY($1::uuid[]) AND active', [mediatorIds])).rows;
  if (found.length !== new Set(mediatorIds).size) throw new AppError('VALIDATION', { field: 'mediatorIds' });
  // The names as they were at the time, so the timeline reads 李调解（主持）、王调解 without a lookup.
  const nameOf = new Map(found.map((m) => [m.id, m.name]));
  await tx.client.query('DELETE FROM mediation_case_mediators WHERE case_id = $1', [caseId]);
  for (const id of new Set(mediatorIds)) {
    await tx.client.query('INSERT INTO mediation_case_mediators (case_id, mediator_id, township_id, lead) VALUES ($1,$2,$3,$4)', [caseId, id, k.township_id, id === leadId]);
  }
  await appendCaseEvent(tx.client, { caseId, townshipId: k.township_id, actorId: tx.principal.userId, kind: 'assign',
    payload: { mediatorIds, leadId, names: mediatorIds.map((id) => nameOf.get(id) ?? ''), leadName: nameOf.get(leadId) ?? null } });
  await tx.audit({ orgId: k.org_id, townshipId: k.township_id, action: 'mediation.assign', entity: 'case', entityId: caseId, after: { mediatorIds, leadId } });
};
