import type { Budget, BudgetBody, BudgetItemBody, EndMembershipBody, LeadershipMember, LeadershipMemberBody, PlanBody, PlanDetail, PlanList, PlanSummary, PlanTaskRow, Roster, RosterGroupBody } from '@fazhi/contracts';
import { MONEY_PATTERN } from '@fazhi/contracts';
import type { Tx } from '../../platform/platform.ts';
import type { CaseEngine } from '../../platform/cases/context.ts';
import type { FieldKeys } from '../../platform/crypto/sm.ts';
import { openField, sealField } from '../../platform/crypto/sm.ts';
import { maskPhone } from '../../platform/crypto/mask.ts';
import { assertCanAt, canAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The rule-of-law leadership group's own records (seed 一: 以镇党委书记任组长，党政班子成员任副组长，
 * 司法所、派出所及各村委为成员的法治建设工作领导小组; 二(一): 制定《张八桥镇法治政府建设实施方案》;
 * 法治示范创建工作经费列入镇年度财政预算): its roster with history, the implementation plans
 * whose tasks are `plan_task` cases, and the budget line. Rows lie at the township; reads need
 * governance.read and writes governance.handle there, and row-level security keeps every other
 * township's rows out of reach.
 */

/** The township the request names, or the caller's own; the caller must hold the permission there. */
export const townshipFor = async (tx: Tx, townshipId: string | undefined, permission: 'governance.read' | 'governance.handle'): Promise<string> => {
  const id = townshipId ?? tx.principal.townshipId;
  if (!id) throw new AppError('VALIDATION', { field: 'townshipId' });
  const kind = (await tx.client.query<{ kind: string }>('SELECT kind FROM orgs WHERE id = $1 AND fazhi_org_visible(id)', [id])).rows[0]?.kind;
  if (!kind) throw new AppError('NOT_FOUND');
  if (kind !== 'township') throw new AppError('VALIDATION', { field: 'townshipId' });
  await assertCanAt(tx.client, tx.principal, permission, id);
  return id;
};

const canEdit = (tx: Tx, townshipId: string): Promise<boolean> => canAt(tx.client, tx.principal, 'governance.handle', townshipId);

/** An org of the township (or the township itself) for a member's unit or the office's seat. */
const orgOfTownship = async (tx: Tx, townshipId: string, orgId: string | null | undefined, field: string): Promise<string | null> => {
  if (!orgId) return null;
  const ok = (await tx.client.query('SELECT 1 FROM orgs WHERE id = $1 AND (id = $2 OR township_id = $2)', [orgId, townshipId])).rowCount;
  if (!ok) throw new AppError('VALIDATION', { field });
  return orgId;
};

// ---- The roster ----

type MemberRow = { id: string; place: LeadershipMember['place']; name: string; post: string; unit_org_id: string | null; unit_name: string | null; phone_enc: Buffer | null; from_on: string; until_on: string | null };

/**
 * The group on a day: its name, its office and who sat in it that day (a membership from its
 * first day to its last, `until_on` included), or every membership with `history`. A personal
 * phone is shown masked (个人信息保护法 第五十一条).
 */
export const readRoster = async (tx: Tx, keys: FieldKeys, townshipId: string, on: string, history: boolean): Promise<Roster> => {
  const g = (await tx.client.query<{ name: string; office_org_id: string | null; office_name: string | null }>(
    'SELECT g.name, g.office_org_id, o.name AS office_name FROM leadership_groups g LEFT JOIN orgs o ON o.id = g.office_org_id WHERE g.township_id = $1', [townshipId])).rows[0];
  const { rows } = await tx.client.query<MemberRow>(
    `SELECT m.id, m.place, m.name, m.post, m.unit_org_id, u.name AS unit_name, m.phone_enc,
            to_char(m.from_on, 'YYYY-MM-DD') AS from_on, to_char(m.until_on, 'YYYY-MM-DD') AS until_on
       FROM leadership_members m LEFT JOIN orgs u ON u.id = m.unit_org_id
      WHERE m.township_id = $1 AND ($3 OR (m.from_on <= $2::date AND (m.until_on IS NULL OR m.until_on >= $2::date)))
      ORDER BY array_position(ARRAY['组长','副组长','办公室主任','成员'], m.place), m.sort_order, m.from_on, m.name`, [townshipId, on, history]);
  const township = (await tx.client.query<{ name: string }>('SELECT name FROM orgs WHERE id = $1', [townshipId])).rows[0]?.name ?? '';
  return {
    townshipId, name: g?.name ?? `${township}法治建设工作领导小组`, officeOrgId: g?.office_org_id ?? null, officeName: g?.office_name ?? null, on,
    members: rows.map((r) => ({ id: r.id, place: r.place, name: r.name, post: r.post, unitOrgId: r.unit_org_id, unitName: r.unit_name,
      phone: r.phone_enc ? maskPhone(openField(keys, r.phone_enc)) : null, fromOn: r.from_on, untilOn: r.until_on })),
    canEdit: await canEdit(tx, townshipId),
  };
};

export const saveGroup = async (tx: Tx, body: RosterGroupBody): Promise<void> => {
  const townshipId = await townshipFor(tx, body.townshipId, 'governance.handle');
  const office = await orgOfTownship(tx, townshipId, body.officeOrgId, 'officeOrgId');
  const before = (await tx.client.query<{ name: string; office_org_id: string | null }>('SELECT name, office_org_id FROM leadership_groups WHERE township_id = $1', [townshipId])).rows[0] ?? null;
  await tx.client.query(
    `INSERT INTO leadership_groups (township_id, org_id, name, office_org_id, updated_by) VALUES ($1, $1, $2, $3, $4)
     ON CONFLICT (township_id) DO UPDATE SET name = EXCLUDED.name, office_org_id = EXCLUDED.office_org_id, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [townshipId, body.name.trim(), office, tx.principal.userId]);
  await tx.audit({ orgId: townshipId, townshipId, action: 'governance.group', entity: 'leadership_group', entityId: townshipId, before, after: { name: body.name, officeOrgId: office } });
};

export const addMember = async (tx: Tx, keys: FieldKeys, body: LeadershipMemberBody): Promise<{ id: string }> => {
  const townshipId = await townshipFor(tx, body.townshipId, 'governance.handle');
  const unit = await orgOfTownship(tx, townshipId, body.unitOrgId, 'unitOrgId');
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO leadership_members (township_id, org_id, place, name, post, unit_org_id, phone_enc, from_on, sort_order, created_by)
     VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [townshipId, body.place, body.name.trim(), body.post.trim(), unit, body.phone ? sealField(keys, body.phone) : null, body.fromOn, body.sortOrder ?? 0, tx.principal.userId]);
  const id = rows[0]?.id ?? '';
  // The phone is personal data: the audit row says one was given, never which.
  await tx.audit({ orgId: townshipId, townshipId, action: 'governance.member_add', entity: 'leadership_member', entityId: id,
    after: { place: body.place, name: body.name, post: body.post, unitOrgId: unit, fromOn: body.fromOn, phone: body.phone ? 'sealed' : null } });
  return { id };
};

/** A membership ends on a day (a change of post: the successor is added from the next day); the record stays. */
export const endMember = async (tx: Tx, id: string, body: EndMembershipBody): Promise<void> => {
  const m = (await tx.client.query<{ township_id: string; from_on: string; until_on: string | null }>(
    `SELECT township_id, to_char(from_on, 'YYYY-MM-DD') AS from_on, to_char(until_on, 'YYYY-MM-DD') AS until_on FROM leadership_members WHERE id = $1`, [id])).rows[0];
  if (!m) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'governance.handle', m.township_id);
  if (body.untilOn < m.from_on) throw new AppError('GOVERNANCE_MEMBER_DATES', { field: 'untilOn' });
  await tx.client.query('UPDATE leadership_members SET until_on = $2 WHERE id = $1', [id, body.untilOn]);
  await tx.audit({ orgId: m.township_id, townshipId: m.township_id, action: 'governance.member_end', entity: 'leadership_member', entityId: id,
    before: { untilOn: m.until_on }, after: { untilOn: body.untilOn } });
};

// ---- Implementation plans and their tasks ----

type PlanRow = { id: string; township_id: string; year: number; title: string; doc_no: string | null; adopted_on: string; meeting_case_id: string | null; meeting_ref: string | null;
  tasks: number; completed: number; overdue: number; supervisions: number };

const planSelect = `
  SELECT p.id, p.township_id, p.year, p.title, p.doc_no, to_char(p.adopted_on, 'YYYY-MM-DD') AS adopted_on, p.meeting_case_id, mk.ref AS meeting_ref,
         count(k.id) FILTER (WHERE k.status <> 'withdrawn')::int AS tasks,
         count(k.id) FILTER (WHERE k.status = 'closed')::int AS completed,
         count(k.id) FILTER (WHERE EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = k.id AND d.key = 'due' AND d.status = 'running' AND d.due_date < $2::date))::int AS overdue,
         coalesce(sum((SELECT count(*) FROM case_events e WHERE e.case_id = k.id AND e.transition = 'supervise')), 0)::int AS supervisions
    FROM governance_plans p
    LEFT JOIN cases mk ON mk.id = p.meeting_case_id
    LEFT JOIN cases k ON k.case_type = 'plan_task' AND k.township_id = p.township_id AND k.data ->> 'planId' = p.id::text`;

const summary = (r: PlanRow): PlanSummary => ({
  id: r.id, year: r.year, title: r.title, docNo: r.doc_no, adoptedOn: r.adopted_on, meetingCaseId: r.meeting_case_id, meetingRef: r.meeting_ref,
  tasks: r.tasks, completed: r.completed, overdue: r.overdue, supervisions: r.supervisions,
});

export const listPlans = async (tx: Tx, townshipId: string, year: number | undefined, today: string): Promise<PlanList> => {
  const { rows } = await tx.client.query<PlanRow>(`${planSelect}
    WHERE p.township_id = $1 AND ($3::int IS NULL OR p.year = $3) GROUP BY p.id, p.township_id, mk.ref ORDER BY p.year DESC, p.adopted_on DESC`, [townshipId, today, year ?? null]);
  return { townshipId, items: rows.map(summary), canEdit: await canEdit(tx, townshipId) };
};

export const createPlan = async (tx: Tx, body: PlanBody): Promise<{ id: string }> => {
  const townshipId = await townshipFor(tx, body.townshipId, 'governance.handle');
  if (Number(body.adoptedOn.slice(0, 4)) > body.year) throw new AppError('VALIDATION', { field: 'adoptedOn' });
  if (body.meetingCaseId) {
    // Adopted at a leadership group meeting of the township that was held (seed 二(一): 召开领导小组会议，制定实施方案).
    const ok = (await tx.client.query(
      `SELECT 1 FROM cases WHERE id = $1 AND township_id = $2 AND case_type = 'meeting' AND category = '法治建设领导小组会议' AND status IN ('held', 'filed')`,
      [body.meetingCaseId, townshipId])).rowCount;
    if (!ok) throw new AppError('GOVERNANCE_MEETING_INVALID', { field: 'meetingCaseId' });
  }
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO governance_plans (township_id, org_id, year, title, doc_no, adopted_on, meeting_case_id, created_by)
     VALUES ($1, $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (township_id, year, title) DO NOTHING RETURNING id`,
    [townshipId, body.year, body.title.trim(), body.docNo?.trim() || null, body.adoptedOn, body.meetingCaseId ?? null, tx.principal.userId]);
  const id = rows[0]?.id;
  if (!id) throw new AppError('GOVERNANCE_PLAN_EXISTS', { field: 'title' });
  await tx.audit({ orgId: townshipId, townshipId, action: 'governance.plan_create', entity: 'governance_plan', entityId: id, after: body });
  return { id };
};

type TaskRow = { id: string; ref: string; title: string; category: string | null; status: string; org_name: string; owner: string | null;
  due_on: string | null; clock_status: string | null; extended: boolean; stopped_on: string | null; on_time: boolean | null; days_left: number | null;
  notices: number; replies: number };

/** One plan with its tasks as the caller may read them (row-level security: an owner unit sees its own). */
export const readPlan = async (tx: Tx, engine: CaseEngine, id: string, today: string): Promise<PlanDetail> => {
  const p = (await tx.client.query<PlanRow>(`${planSelect}
    WHERE p.id = $1 GROUP BY p.id, p.township_id, mk.ref`, [id, today])).rows[0];
  if (!p) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'governance.read', p.township_id);
  const { rows } = await tx.client.query<TaskRow>(
    `SELECT k.id, k.ref, k.title, k.category, k.status, o.name AS org_name, k.data ->> 'owner' AS owner,
            to_char(d.due_date, 'YYYY-MM-DD') AS due_on, d.status AS clock_status, jsonb_array_length(d.extensions) > 0 AS extended,
            to_char(d.stopped_on, 'YYYY-MM-DD') AS stopped_on, d.on_time,
            CASE WHEN d.status = 'running' THEN (d.due_date - $3::date) END AS days_left,
            (SELECT count(*) FROM case_events e WHERE e.case_id = k.id AND e.transition = 'supervise')::int AS notices,
            (SELECT count(*) FROM case_events e WHERE e.case_id = k.id AND e.transition = 'reply_supervision')::int AS replies
       FROM cases k JOIN orgs o ON o.id = k.org_id
       LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'due'
      WHERE k.case_type = 'plan_task' AND k.township_id = $2 AND k.data ->> 'planId' = $1
      ORDER BY d.due_date NULLS LAST, k.ref`, [id, p.township_id, today]);
  const states = engine.types.get('plan_task')?.states ?? {};
  const tasks: PlanTaskRow[] = rows.map((r) => ({
    id: r.id, ref: r.ref, title: r.title, category: r.category, status: r.status, statusLabel: states[r.status]?.label.zh ?? r.status,
    ownerOrgName: r.org_name, owner: r.owner ?? '', dueOn: r.due_on, extended: r.extended ?? false, daysLeft: r.days_left === null ? null : Number(r.days_left),
    completedOn: r.clock_status === 'met' || r.clock_status === 'missed' ? r.stopped_on : null, onTime: r.on_time,
    supervisions: r.notices, awaitingReply: r.notices > r.replies && r.status === 'in_progress',
  }));
  return { plan: summary(p), tasks, canEdit: await canEdit(tx, p.township_id) };
};

// ---- The budget line ----

/** An amount as the ledger keeps it: an exact decimal of at most 10 digits and 2 places, never a float. */
export const checkAmount = (v: string, field: string, positive: boolean): string => {
  const s = v.trim();
  if (!new RegExp(MONEY_PATTERN).test(s) || (positive && /^0(\.0{1,2})?$/.test(s))) throw new AppError('GOVERNANCE_AMOUNT_INVALID', { field });
  return s;
};

export const readBudget = async (tx: Tx, townshipId: string, year: number): Promise<Budget> => {
  const b = (await tx.client.query<{ amount: string; note: string | null }>('SELECT amount::text, note FROM governance_budgets WHERE township_id = $1 AND year = $2', [townshipId, year])).rows[0];
  const items = (await tx.client.query<{ id: string; spent_on: string; amount: string; purpose: string; case_id: string | null; case_ref: string | null }>(
    `SELECT s.id, to_char(s.spent_on, 'YYYY-MM-DD') AS spent_on, s.amount::text, s.purpose, s.case_id, k.ref AS case_ref
       FROM governance_spending s LEFT JOIN cases k ON k.id = s.case_id WHERE s.township_id = $1 AND s.year = $2 ORDER BY s.spent_on, s.created_at`, [townshipId, year])).rows;
  // Sums in SQL numeric: exact to the fen.
  const t = (await tx.client.query<{ spent: string; remaining: string | null }>(
    `SELECT coalesce(sum(s.amount), 0)::numeric(14,2)::text AS spent, ($3::numeric - coalesce(sum(s.amount), 0))::numeric(14,2)::text AS remaining
       FROM governance_spending s WHERE s.township_id = $1 AND s.year = $2`, [townshipId, year, b?.amount ?? null])).rows[0];
  return {
    townshipId, year, budgeted: b?.amount ?? null, note: b?.note ?? null, spent: t?.spent ?? '0.00', remaining: b ? (t?.remaining ?? null) : null,
    items: items.map((i) => ({ id: i.id, spentOn: i.spent_on, amount: i.amount, purpose: i.purpose, caseId: i.case_id, caseRef: i.case_ref })),
    canEdit: await canEdit(tx, townshipId),
  };
};

export const saveBudget = async (tx: Tx, body: BudgetBody): Promise<void> => {
  const townshipId = await townshipFor(tx, body.townshipId, 'governance.handle');
  const amount = checkAmount(body.amount, 'amount', false);
  const before = (await tx.client.query<{ amount: string; note: string | null }>('SELECT amount::text, note FROM governance_budgets WHERE township_id = $1 AND year = $2', [townshipId, body.year])).rows[0] ?? null;
  await tx.client.query(
    `INSERT INTO governance_budgets (township_id, org_id, year, amount, note, updated_by) VALUES ($1, $1, $2, $3::numeric, $4, $5)
     ON CONFLICT (township_id, year) DO UPDATE SET amount = EXCLUDED.amount, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [townshipId, body.year, amount, body.note?.trim() || null, tx.principal.userId]);
  await tx.audit({ orgId: townshipId, townshipId, action: 'governance.budget', entity: 'governance_budget', entityId: townshipId, before, after: { year: body.year, amount, note: body.note ?? null } });
};

export const addSpending = async (tx: Tx, body: BudgetItemBody, today: string): Promise<{ id: string }> => {
  const townshipId = await townshipFor(tx, body.townshipId, 'governance.handle');
  const amount = checkAmount(body.amount, 'amount', true);
  if (body.spentOn > today) throw new AppError('GOVERNANCE_DATE_IN_FUTURE', { field: 'spentOn' });
  if (body.caseId) {
    const ok = (await tx.client.query('SELECT 1 FROM cases WHERE id = $1 AND township_id = $2', [body.caseId, townshipId])).rowCount;
    if (!ok) throw new AppError('VALIDATION', { field: 'caseId' });
  }
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO governance_spending (township_id, org_id, year, spent_on, amount, purpose, case_id, created_by)
     VALUES ($1, $1, $2, $3, $4::numeric, $5, $6, $7) RETURNING id`,
    [townshipId, Number(body.spentOn.slice(0, 4)), body.spentOn, amount, body.purpose.trim(), body.caseId ?? null, tx.principal.userId]);
  const id = rows[0]?.id ?? '';
  await tx.audit({ orgId: townshipId, townshipId, action: 'governance.spend', entity: 'governance_spending', entityId: id, after: { spentOn: body.spentOn, amount, purpose: body.purpose, caseId: body.caseId ?? null } });
  return { id };
};
