import type {
  AdvisorCandidates, AdvisorQueue, AdvisorQueueQuery, AdvisorServiceBody, AdvisorServiceList, AdvisorServiceQuery, AdvisorServiceView,
  LegalAdvisorBody, LegalAdvisorList, LegalAdvisorPatch, LegalAdvisorView,
} from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import type { FieldKeys } from '../../platform/crypto/sm.ts';
import { sealField } from '../../platform/crypto/sm.ts';
import { shownPhone } from '../../platform/crypto/mask.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { Tx } from '../../platform/platform.ts';
import { assertCanAt, canAt, defaultOrgOf } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseEngine } from '../../platform/cases/context.ts';
import { holdsPermissionAt } from '../../platform/cases/assignable-users.ts';
import { SCOPE_ORGS_FILTER } from '../../platform/cases/case-queries.ts';
import { remainingIn } from '../../platform/cases/case-view.ts';
import { validHours } from './advisors.workflow.ts';

const townshipOfOrg = async (c: Client, orgId: string): Promise<{ townshipId: string; kind: string }> => {
  const row = (await c.query<{ township_id: string | null; kind: string }>(
    "SELECT CASE WHEN kind = 'township' THEN id ELSE township_id END AS township_id, kind FROM orgs WHERE id = $1", [orgId])).rows[0];
  if (!row?.township_id) throw new AppError('NOT_FOUND');
  return { townshipId: row.township_id, kind: row.kind };
};

/**
 * The advisor a review lies with: the one who accepted it or whom the office named (the case's
 * facts, written by the steps), else the advisor appointed for the nearest org above it that has
 * one on the day (一村一法律顾问: a village's item goes to the village's advisor, an office's to
 * the township's).
 */
const queueSql = (scoped: string): string => `
  WITH routes AS (
    -- Each org's advisor on the day: the appointment of the nearest org at or above it (computed once per org, not per case).
    SELECT DISTINCT ON (c.descendant_id) c.descendant_id AS org_id, a.user_id, coalesce(u.display_name, a.name) AS name
      FROM legal_advisors a JOIN org_closure c ON c.ancestor_id = a.org_id LEFT JOIN users u ON u.id = a.user_id
     WHERE a.user_id IS NOT NULL AND a.from_on <= $1::date AND (a.until_on IS NULL OR a.until_on >= $1::date)
     ORDER BY c.descendant_id, c.depth, a.from_on DESC),
  q AS (
    SELECT k.id, k.ref, k.title, k.category, k.org_id, o.name AS org_name, k.status, k.received_on, k.created_by, k.township_id,
           coalesce(k.facts -> 'advisor' ->> 'userId', r.user_id::text) AS advisor_id,
           coalesce(k.facts -> 'advisor' ->> 'name', r.name) AS advisor_name,
           (k.facts -> 'advisor' ->> 'userId') IS NULL AND r.user_id IS NOT NULL AS routed,
           to_char(d.due_date, 'YYYY-MM-DD') AS due_on, d.unit
      FROM cases k
      JOIN orgs o ON o.id = k.org_id
      LEFT JOIN routes r ON r.org_id = k.org_id
      LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'opinion' AND d.status IN ('running', 'paused')
     WHERE k.case_type = 'legal_review' AND k.status_kind = 'open' ${scoped}),
  v AS (
    SELECT q.*,
           CASE WHEN $2 THEN q.status = 'submitted' AND q.advisor_id = $3::text ELSE q.status = 'submitted' END AS unaccepted,
           CASE WHEN $2 THEN q.status = 'reviewing' AND q.advisor_id = $3::text ELSE q.created_by = $3::uuid END AS mine,
           q.due_on IS NOT NULL AND q.due_on < to_char($1::date, 'YYYY-MM-DD') AND (NOT $2 OR q.advisor_id = $3::text) AS overdue,
           q.status IN ('opined', 'resolved') AND (NOT $2 OR q.advisor_id = $3::text) AS to_resolve
      FROM q)`;

type QueueRow = {
  id: string; ref: string; title: string; category: string | null; org_id: string; org_name: string; status: string; received_on: string; township_id: string;
  advisor_id: string | null; advisor_name: string | null; routed: boolean; due_on: string | null; unit: 'wd' | 'cd' | null;
};

/** The review queue of the caller (an advisor's own, routed to him; an office's or a village's, of its scope). */
export const reviewQueue = async (c: Client, engine: CaseEngine, p: Principal, q: AdvisorQueueQuery): Promise<AdvisorQueue> => {
  const today = engine.today();
  const advisor = p.permissions.has('advisor.review');
  const view = q.view ?? (advisor ? 'unaccepted' : 'open');
  const column = { unaccepted: 'unaccepted', mine: 'mine', overdue: 'overdue', toResolve: 'to_resolve', open: 'true' }[view];
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const params = [today, advisor, p.userId];
  // The caller's orgs as an index condition (SCOPE_ORGS_FILTER), not every township's open reviews left to row-level security.
  const QUEUE_SQL = queueSql(p.grants.some((g) => g.scope === 'all') ? '' : `AND ${SCOPE_ORGS_FILTER}`);
  const counts = (await c.query<{ unaccepted: number; mine: number; overdue: number; to_resolve: number; open: number }>(
    `${QUEUE_SQL} SELECT count(*) FILTER (WHERE unaccepted)::int AS unaccepted, count(*) FILTER (WHERE mine)::int AS mine,
            count(*) FILTER (WHERE overdue)::int AS overdue, count(*) FILTER (WHERE to_resolve)::int AS to_resolve, count(*)::int AS open FROM v`, params)).rows[0];
  const rows = (await c.query<QueueRow>(
    `${QUEUE_SQL} SELECT v.id, v.ref, v.title, v.category, v.org_id, v.org_name, v.status, to_char(v.received_on, 'YYYY-MM-DD') AS received_on, v.township_id,
            v.advisor_id, v.advisor_name, v.routed, v.due_on, v.unit
       FROM v WHERE ${column} ORDER BY v.due_on NULLS LAST, v.received_on, v.ref LIMIT $4 OFFSET $5`, [...params, pageSize, (page - 1) * pageSize])).rows;
  const type = engine.types.get('legal_review');
  const items = [];
  for (const r of rows) {
    const cal = await engine.calendars.forTownship(r.township_id);
    items.push({
      id: r.id, ref: r.ref, title: r.title, kind: r.category, orgId: r.org_id, orgName: r.org_name, status: r.status,
      statusLabel: type?.states[r.status]?.label ?? { zh: r.status, en: r.status }, receivedOn: r.received_on,
      advisorId: r.advisor_id, advisorName: r.advisor_name, routed: r.routed,
      dueOn: r.due_on, daysLeft: r.due_on ? remainingIn(cal, r.unit ?? 'wd', today, r.due_on) : null,
    });
  }
  const n = counts ?? { unaccepted: 0, mine: 0, overdue: 0, to_resolve: 0, open: 0 };
  const all = { unaccepted: n.unaccepted, mine: n.mine, overdue: n.overdue, toResolve: n.to_resolve, open: n.open };
  return { items, total: all[view], counts: all };
};

type AdvisorRow = {
  id: string; org_id: string; org_name: string; org_kind: string; user_id: string | null; name: string; firm: string | null;
  official_phone: string | null; phone_enc: Buffer | null; from_on: string; until_on: string | null; current: boolean;
};
const ADVISOR_SELECT = `SELECT a.id, a.org_id, o.name AS org_name, o.kind AS org_kind, a.user_id, a.name, a.firm, a.official_phone, a.phone_enc,
       to_char(a.from_on, 'YYYY-MM-DD') AS from_on, to_char(a.until_on, 'YYYY-MM-DD') AS until_on,
       (a.from_on <= $2::date AND (a.until_on IS NULL OR a.until_on >= $2::date)) AS current
  FROM legal_advisors a JOIN orgs o ON o.id = a.org_id`;

/** An appointment as the screen shows it: an office landline as it is, a personal mobile masked (个人信息保护法 第五十一条). */
const presentAdvisor = (keys: FieldKeys, r: AdvisorRow): LegalAdvisorView => ({
  id: r.id, orgId: r.org_id, orgName: r.org_name, orgKind: r.org_kind, userId: r.user_id, name: r.name, firm: r.firm,
  phone: shownPhone(keys, r.official_phone, r.phone_enc),
  fromOn: r.from_on, untilOn: r.until_on, current: r.current,
});

/** The advisors named under an org (the township and its villages), and each village with its current advisor. */
export const listAdvisors = async (tx: Tx, keys: FieldKeys, today: string, orgId: string): Promise<LegalAdvisorList> => {
  await assertCanAt(tx.client, tx.principal, 'advisor.read', orgId);
  const c = tx.client;
  const rows = (await c.query<AdvisorRow>(`${ADVISOR_SELECT}
     WHERE a.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)
     ORDER BY o.kind = 'village', o.sort_order, o.name, a.from_on DESC`, [orgId, today])).rows;
  const items = rows.map((r) => presentAdvisor(keys, r));
  const villages = (await c.query<{ id: string; name: string }>(
    `SELECT o.id, o.name FROM orgs o WHERE o.kind = 'village' AND o.id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1) ORDER BY o.sort_order, o.name`, [orgId])).rows;
  return {
    items,
    villages: villages.map((v) => ({ orgId: v.id, orgName: v.name, advisor: items.find((a) => a.orgId === v.id && a.current)?.name ?? null })),
    canManage: await canAt(c, tx.principal, 'advisor.manage', orgId),
  };
};

const advisorById = async (c: Client, keys: FieldKeys, today: string, id: string): Promise<LegalAdvisorView> => {
  const row = (await c.query<AdvisorRow>(`${ADVISOR_SELECT} WHERE a.id = $1`, [id, today])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return presentAdvisor(keys, row);
};

/** A phone as stored: a personal mobile sealed, an office landline as it is. */
const phoneColumns = (keys: FieldKeys, phone: string | undefined): { official: string | null; sealed: Buffer | null } =>
  !phone ? { official: null, sealed: null } : phone.startsWith('1') ? { official: null, sealed: sealField(keys, phone) } : { official: phone, sealed: null };

/** 一村一法律顾问: names a village's (or the township's) advisor, by the township office (advisor.manage there). */
export const appointAdvisor = async (tx: Tx, keys: FieldKeys, today: string, b: LegalAdvisorBody): Promise<LegalAdvisorView> => {
  const c = tx.client;
  await assertCanAt(c, tx.principal, 'advisor.manage', b.orgId);
  const org = await townshipOfOrg(c, b.orgId);
  if (org.kind !== 'village' && org.kind !== 'township') throw new AppError('VALIDATION', { field: 'orgId' });
  if (b.untilOn && b.untilOn < b.fromOn) throw new AppError('ADVISOR_DATE_INVALID');
  if (b.userId && (await reviewersAt(c, b.orgId, b.userId)).length === 0) throw new AppError('ADVISOR_NOT_ADVISOR');
  const phone = phoneColumns(keys, b.phone);
  const id = (await c.query<{ id: string }>(
    `INSERT INTO legal_advisors (township_id, org_id, user_id, name, firm, official_phone, phone_enc, from_on, until_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [org.townshipId, b.orgId, b.userId ?? null, b.name.trim(), b.firm?.trim() || null, phone.official, phone.sealed, b.fromOn, b.untilOn ?? null, tx.principal.userId])).rows[0]?.id ?? '';
  await tx.audit({ orgId: b.orgId, townshipId: org.townshipId, action: 'advisor.appoint', entity: 'legal_advisor', entityId: id,
    after: { userId: b.userId ?? null, name: b.name.trim(), firm: b.firm ?? null, fromOn: b.fromOn, untilOn: b.untilOn ?? null, phone: b.phone ? 'sealed' : null } });
  return advisorById(c, keys, today, id);
};

/** Ends an appointment or corrects its firm and phone. */
export const changeAdvisor = async (tx: Tx, keys: FieldKeys, today: string, id: string, b: LegalAdvisorPatch): Promise<LegalAdvisorView> => {
  const c = tx.client;
  const row = (await c.query<{ org_id: string; township_id: string; from_on: string }>(
    "SELECT org_id, township_id, to_char(from_on, 'YYYY-MM-DD') AS from_on FROM legal_advisors WHERE id = $1 FOR UPDATE", [id])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  await assertCanAt(c, tx.principal, 'advisor.manage', row.org_id);
  if (b.untilOn && b.untilOn < row.from_on) throw new AppError('ADVISOR_DATE_INVALID');
  const phone = phoneColumns(keys, b.phone);
  await c.query(
    `UPDATE legal_advisors SET firm = CASE WHEN $2 THEN $3 ELSE firm END,
            official_phone = CASE WHEN $4 THEN $5 ELSE official_phone END, phone_enc = CASE WHEN $4 THEN $6 ELSE phone_enc END,
            until_on = CASE WHEN $7 THEN $8::date ELSE until_on END, updated_by = $9, updated_at = now()
      WHERE id = $1`,
    [id, b.firm !== undefined, b.firm?.trim() || null, b.phone !== undefined, phone.official, phone.sealed, b.untilOn !== undefined, b.untilOn ?? null, tx.principal.userId]);
  await tx.audit({ orgId: row.org_id, townshipId: row.township_id, action: 'advisor.appointment_change', entity: 'legal_advisor', entityId: id,
    after: { ...(b.firm !== undefined ? { firm: b.firm } : {}), ...(b.phone !== undefined ? { phone: 'sealed' } : {}), ...(b.untilOn !== undefined ? { untilOn: b.untilOn } : {}) } });
  return advisorById(c, keys, today, id);
};

/** Active users the caller can see who hold advisor.review at an org (one of them, when `userId` is given). */
const reviewersAt = async (c: Client, orgId: string, userId: string | null = null) => (await c.query<{ id: string; display_name: string; org_name: string }>(
  `SELECT u.id, u.display_name, o.name AS org_name FROM users u JOIN orgs o ON o.id = u.org_id
    WHERE u.status = 'active' AND ($2::uuid IS NULL OR u.id = $2::uuid)
      -- The grant rule of canAt(), as the case's assignable users read it (no case, so no owner).
      AND ${holdsPermissionAt("'advisor.review'", '$1::uuid', 'NULL')}
    ORDER BY u.display_name LIMIT 100`, [orgId, userId])).rows;

/** The people who may give opinions at an org (advisor.review reaching it), the caller can see. */
export const advisorCandidates = async (tx: Tx, orgId: string): Promise<AdvisorCandidates> => {
  await assertCanAt(tx.client, tx.principal, 'advisor.read', orgId);
  return { items: (await reviewersAt(tx.client, orgId)).map((r) => ({ userId: r.id, displayName: r.display_name, orgName: r.org_name })) };
};

type ServiceRow = {
  id: string; served_on: string; org_id: string; org_name: string; advisor_id: string; advisor_name: string; kind: string; hours: string; summary: string;
  case_id: string | null; case_ref: string | null; source: 'entry' | 'review';
};
const SERVICE_SELECT = `SELECT s.id, to_char(s.served_on, 'YYYY-MM-DD') AS served_on, s.org_id, o.name AS org_name, s.advisor_id, s.advisor_name,
       s.kind, s.hours::text AS hours, s.summary, s.case_id, k.ref AS case_ref, s.source
  FROM advisor_services s JOIN orgs o ON o.id = s.org_id LEFT JOIN cases k ON k.id = s.case_id`;
const presentService = (r: ServiceRow): AdvisorServiceView => ({
  id: r.id, servedOn: r.served_on, orgId: r.org_id, orgName: r.org_name, advisorId: r.advisor_id, advisorName: r.advisor_name,
  kind: r.kind, hours: Number(r.hours), summary: r.summary, caseId: r.case_id, caseRef: r.case_ref, source: r.source,
});

/** The service log of a year under an org (its subtree), optionally one advisor's, with the hours totalled by advisor and by org served. */
export const listServices = async (tx: Tx, today: string, q: AdvisorServiceQuery): Promise<AdvisorServiceList> => {
  const c = tx.client;
  const orgId = q.orgId ?? defaultOrgOf(tx.principal, 'advisor.read');
  await assertCanAt(c, tx.principal, 'advisor.read', orgId);
  const year = q.year ?? Number(today.slice(0, 4));
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const where = `WHERE extract(year FROM s.served_on) = $1 AND s.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $2)
    AND ($3::uuid IS NULL OR s.advisor_id = $3::uuid)`;
  const params = [year, orgId, q.advisorId ?? null];
  const rows = (await c.query<ServiceRow>(`${SERVICE_SELECT} ${where} ORDER BY s.served_on DESC, s.created_at DESC LIMIT $4 OFFSET $5`, [...params, pageSize, (page - 1) * pageSize])).rows;
  const byAdvisor = (await c.query<{ id: string; name: string; entries: number; hours: string }>(
    `SELECT s.advisor_id AS id, min(s.advisor_name) AS name, count(*)::int AS entries, sum(s.hours)::text AS hours
       FROM advisor_services s ${where} GROUP BY 1 ORDER BY 2`, params)).rows;
  const byOrg = (await c.query<{ id: string; name: string; entries: number; hours: string }>(
    `SELECT s.org_id AS id, o.name, count(*)::int AS entries, sum(s.hours)::text AS hours
       FROM advisor_services s JOIN orgs o ON o.id = s.org_id ${where} GROUP BY 1, 2, o.kind, o.sort_order ORDER BY o.kind = 'village', o.sort_order, 2`, params)).rows;
  const entries = byAdvisor.reduce((n, r) => n + r.entries, 0);
  const hours = Math.round(byAdvisor.reduce((n, r) => n + Number(r.hours) * 10, 0)) / 10;
  return {
    year, items: rows.map(presentService), total: entries,
    totals: {
      entries, hours,
      byAdvisor: byAdvisor.map((r) => ({ advisorId: r.id, name: r.name, entries: r.entries, hours: Number(r.hours) })),
      byOrg: byOrg.map((r) => ({ orgId: r.id, name: r.name, entries: r.entries, hours: Number(r.hours) })),
    },
  };
};

/**
 * An advisor logs a service he gave (服务台账): to an org where he may give opinions, dated not
 * after today, its hours more than 0 and at most 24 with one decimal, linked if he likes to a
 * case of that org. A review's hours are logged by its opinion, not here.
 */
export const logService = async (tx: Tx, today: string, b: AdvisorServiceBody): Promise<AdvisorServiceView> => {
  const c = tx.client;
  await assertCanAt(c, tx.principal, 'advisor.review', b.orgId);
  if (!validHours(b.hours)) throw new AppError('ADVISOR_HOURS_INVALID', { hours: b.hours });
  if (b.servedOn > today) throw new AppError('ADVISOR_DATE_INVALID');
  const org = await townshipOfOrg(c, b.orgId);
  if (b.caseId) {
    const ok = await c.query('SELECT 1 FROM cases WHERE id = $1 AND org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $2)', [b.caseId, b.orgId]);
    if (!ok.rowCount) throw new AppError('ADVISOR_CASE_INVALID');
  }
  const id = (await c.query<{ id: string }>(
    `INSERT INTO advisor_services (township_id, org_id, advisor_id, advisor_name, served_on, kind, hours, summary, case_id, source, created_by)
     VALUES ($1, $2, $3, $9, $4, $5, $6, $7, $8, 'entry', $3) RETURNING id`,
    [org.townshipId, b.orgId, tx.principal.userId, b.servedOn, b.kind, b.hours, b.summary.trim(), b.caseId ?? null, tx.principal.displayName])).rows[0]?.id ?? '';
  await tx.audit({ orgId: b.orgId, townshipId: org.townshipId, action: 'advisor.service', entity: 'advisor_service', entityId: id,
    after: { servedOn: b.servedOn, kind: b.kind, hours: b.hours, caseId: b.caseId ?? null } });
  const row = (await c.query<ServiceRow>(`${SERVICE_SELECT} WHERE s.id = $1`, [id])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return presentService(row);
};
