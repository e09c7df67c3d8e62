import type { RecusalList } from '@fazhi/contracts';
import { AppError } from '../../platform/errors.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { loadCaseHead } from '../../platform/cases/transition.ts';
import { appendCaseEvent } from '../../platform/cases/events.ts';
import { caseLink, notifyUsers } from '../../platform/notifications/notify.ts';

/** A petition the caller may see (404 otherwise, as every case read). */
export const petitionHead = async (ctx: CaseCtx, caseId: string, lock = false) => {
  const loaded = await loadCaseHead(ctx, caseId, lock);
  if (loaded.head.case_type !== 'petition') throw new AppError('NOT_FOUND');
  return loaded;
};

/**
 * 回避: records that a handler is a party's relative or otherwise conflicted. They are taken
 * off the matter and can no longer be assigned to it (a trigger on case_assignees refuses,
 * whoever assigns). On the timeline (not public) and in the audit trail.
 */
export const recordRecusal = async (ctx: CaseCtx, caseId: string, userId: string, reason: string): Promise<void> => {
  const { head, type } = await petitionHead(ctx, caseId, true);
  if (!ctx.principal) throw new AppError('FORBIDDEN');
  await assertCanAt(ctx.client, ctx.principal, type.handlePermission, head.org_id, head.created_by);
  const user = (await ctx.client.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [userId])).rows[0];
  if (!user) throw new AppError('NOT_FOUND');
  const added = await ctx.client.query(
    `INSERT INTO petition_recusals (case_id, township_id, user_id, reason, recorded_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, user_id, township_id) DO NOTHING`,
    [caseId, head.township_id, userId, reason.trim(), ctx.principal.userId]);
  if (added.rowCount === 0) return;
  await ctx.client.query('DELETE FROM case_assignees WHERE case_id = $1 AND user_id = $2', [caseId, userId]);
  await appendCaseEvent(ctx.client, { caseId, townshipId: head.township_id, actorId: ctx.principal.userId, kind: 'recusal', public: false,
    payload: { userId, name: user.display_name, reason: reason.trim() } });
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'petition.recusal', entity: 'case', entityId: caseId, after: { userId, reason: reason.trim() } });
};

export const listRecusals = async (ctx: CaseCtx, caseId: string): Promise<RecusalList> => {
  await petitionHead(ctx, caseId);
  const { rows } = await ctx.client.query<{ user_id: string; display_name: string; reason: string; created_at: Date }>(
    `SELECT r.user_id, coalesce(u.display_name, '') AS display_name, r.reason, r.created_at
       FROM petition_recusals r LEFT JOIN users u ON u.id = r.user_id WHERE r.case_id = $1 ORDER BY r.created_at`, [caseId]);
  return { items: rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, reason: r.reason, recordedAt: r.created_at.toISOString() })) };
};

/**
 * 督办: a head (petition.approve at the case's org) puts a note on a petition; it goes on the
 * timeline, the assignees are told, and the audit trail keeps it.
 */
export const supervise = async (ctx: CaseCtx, caseId: string, note: string): Promise<void> => {
  const { head } = await petitionHead(ctx, caseId);
  if (!ctx.principal) throw new AppError('FORBIDDEN');
  await assertCanAt(ctx.client, ctx.principal, 'petition.approve', head.org_id, head.created_by);
  await appendCaseEvent(ctx.client, { caseId, townshipId: head.township_id, actorId: ctx.principal.userId, kind: 'supervision', public: false, payload: { text: note.trim() } });
  const assignees = (await ctx.client.query<{ user_id: string }>('SELECT user_id FROM case_assignees WHERE case_id = $1', [caseId])).rows.map((r) => r.user_id);
  await notifyUsers(ctx.client, assignees, { kind: 'case.supervision', townshipId: head.township_id, caseId, link: caseLink(caseId), params: { ref: head.ref, title: head.title, note: note.trim() } });
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'petition.supervise', entity: 'case', entityId: caseId, after: { note: note.trim() } });
};
