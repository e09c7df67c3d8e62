import { AppError } from '../errors.ts';
import { assertCanAt, canAt } from '../access/scope.ts';
import { openField } from '../crypto/sm.ts';
import type { CaseCtx } from './context.ts';
import { deadlineColumns, extendDeadlineRow, type DeadlineRow } from './deadlines.ts';
import { loadCaseHead } from './transition.ts';
import { ineligibleAssignees } from './assignable-users.ts';
import { appendCaseEvent } from './events.ts';

const event = (ctx: CaseCtx, caseId: string, townshipId: string, kind: string, payload: unknown, isPublic = false): Promise<number> =>
  appendCaseEvent(ctx.client, { caseId, townshipId, actorId: ctx.principal?.userId ?? null, kind, public: isPublic, payload });

const handled = async (ctx: CaseCtx, caseId: string) => {
  const loaded = await loadCaseHead(ctx, caseId, true);
  if (!ctx.principal) throw new AppError('FORBIDDEN');
  await assertCanAt(ctx.client, ctx.principal, loaded.type.handlePermission, loaded.head.org_id, loaded.head.created_by);
  return loaded;
};

export const addComment = async (ctx: CaseCtx, caseId: string, text: string, isPublic: boolean): Promise<void> => {
  const { head } = await handled(ctx, caseId);
  await event(ctx, caseId, head.township_id, 'comment', { text }, isPublic);
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.comment', entity: 'case', entityId: caseId, after: { text } });
};

/**
 * Replaces the assignees; each must be an active user the caller can see who may handle the
 * case (the people GET /api/cases/:id/assignable-users lists).
 */
export const setAssignees = async (ctx: CaseCtx, caseId: string, userIds: string[]): Promise<void> => {
  const { head, type } = await handled(ctx, caseId);
  const ids = [...new Set(userIds)];
  const refused = await ineligibleAssignees(ctx, head, type.handlePermission, ids);
  if (refused.length > 0) throw new AppError('ASSIGNEE_NOT_ELIGIBLE', { field: 'userIds', userIds: refused });
  const before = (await ctx.client.query<{ user_id: string }>('SELECT user_id FROM case_assignees WHERE case_id = $1', [caseId])).rows.map((r) => r.user_id);
  await ctx.client.query('DELETE FROM case_assignees WHERE case_id = $1', [caseId]);
  for (const id of ids) await ctx.client.query('INSERT INTO case_assignees (case_id, user_id, township_id) VALUES ($1,$2,$3)', [caseId, id, head.township_id]);
  const names = new Map((await ctx.client.query<{ id: string; display_name: string }>('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])', [ids])).rows
    .map((u) => [u.id, u.display_name]));
  await event(ctx, caseId, head.township_id, 'assign', { userIds: ids, names: ids.map((id) => names.get(id) ?? '') });
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.assign', entity: 'case', entityId: caseId, before, after: ids });
};

/**
 * Extends a running clock as its case type allows: the approver's permission at the case's
 * org, a reason, and the statutory cap on the total (信访工作条例 第三十四条: 30 days;
 * 政府信息公开条例 第三十三条: 20 working days). Where the party must be told, a public
 * notice goes on the timeline (and the notification service sends it).
 */
export const extendDeadline = async (ctx: CaseCtx, caseId: string, key: string, length: number, reason: string): Promise<void> => {
  const { head, type } = await loadCaseHead(ctx, caseId, true);
  const def = type.deadlines.find((d) => d.key === key);
  if (!def?.extension) throw new AppError('EXTENSION_NOT_ALLOWED');
  if (!ctx.principal || !(await canAt(ctx.client, ctx.principal, def.extension.approver, head.org_id, head.created_by))) throw new AppError('FORBIDDEN');
  const row = (await ctx.client.query<DeadlineRow>(`SELECT ${deadlineColumns} FROM case_deadlines WHERE case_id = $1 AND key = $2 FOR UPDATE`, [caseId, key])).rows[0];
  if (!row || (row.status !== 'running' && row.status !== 'paused')) throw new AppError('EXTENSION_NOT_ALLOWED');
  const used = row.extensions.reduce((n, e) => n + e.length, 0);
  if (used + length > def.extension.max) throw new AppError('EXTENSION_EXCEEDS_CAP', { max: def.extension.max, used });
  const extensions = [...row.extensions, { length, unit: def.unit, reason, approverId: ctx.principal.userId, at: new Date().toISOString() }];
  const cal = await ctx.engine.calendars.forTownship(head.township_id);
  const r = await extendDeadlineRow(ctx.client, cal, def, row, { extensions }, ctx.engine.today());
  await event(ctx, caseId, head.township_id, 'extend', { key, length, unit: def.unit, reason, from: row.due_date, to: r.due });
  if (def.extension.notifyParty) await event(ctx, caseId, head.township_id, 'notice', { text: `办理期限延长至${r.due}`, reason }, true);
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.extend', entity: 'case', entityId: caseId,
    before: { key, due: row.due_date }, after: { key, due: r.due, length, reason } });
};

export const linkCases = async (ctx: CaseCtx, caseId: string, otherId: string, kind: string): Promise<void> => {
  const { head } = await handled(ctx, caseId);
  if (otherId === caseId) throw new AppError('VALIDATION', { field: 'otherCaseId' });
  await loadCaseHead(ctx, otherId);
  await ctx.client.query('INSERT INTO case_links (case_id, other_case_id, township_id, kind, created_by) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING',
    [caseId, otherId, head.township_id, kind, ctx.principal?.userId ?? null]);
  await event(ctx, caseId, head.township_id, 'link', { otherCaseId: otherId, kind });
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.link', entity: 'case', entityId: caseId, after: { otherId, kind } });
};

const sealedColumn = { idNumber: 'id_number_enc', phone: 'phone_enc', address: 'address_enc' } as const;

/** One party's full ID number, phone or address, for a caller with pii.unmask at the case's org; the view is audited. */
export const revealParty = async (ctx: CaseCtx, caseId: string, partyId: string, field: keyof typeof sealedColumn): Promise<string | null> => {
  const { head } = await loadCaseHead(ctx, caseId);
  if (!ctx.principal) throw new AppError('FORBIDDEN');
  await assertCanAt(ctx.client, ctx.principal, 'pii.unmask', head.org_id, head.created_by);
  const { rows } = await ctx.client.query<{ v: Buffer | null }>(`SELECT ${sealedColumn[field]} AS v FROM case_parties WHERE id = $1 AND case_id = $2`, [partyId, caseId]);
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND');
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'pii.view', entity: 'case_party', entityId: partyId, after: { field, caseId } });
  return r.v ? openField(ctx.engine.keys, r.v) : null;
};
