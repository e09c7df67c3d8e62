import { AppError } from '../errors.ts';
import { canAt } from '../access/scope.ts';
import { openField } from '../crypto/sm.ts';
import { enqueueMessage } from '../outbox/outbox.ts';
import { caseLink, notifyUsers } from '../notifications/notify.ts';
import { permissionHoldersAt } from '../notifications/recipients.ts';
import type { CaseCtx } from './context.ts';
import { loadCaseHead } from './transition.ts';
import { appendCaseEvent } from './events.ts';

export type TransferTarget = { id: string; parentId: string | null; kind: string; name: string; canHandle: boolean };

/**
 * Where the caller may pass a case: the offices and villages of its township other than the
 * one that has it, each saying whether someone there may handle the case's type (else the
 * transfer is refused, CASE_TRANSFER_NO_HANDLER). Only for whoever may pass the case now.
 * Runs on the owner connection, like the transfer: a village's scope does not see the 司法所.
 */
export const transferTargets = async (ctx: CaseCtx, caseId: string): Promise<TransferTarget[]> => {
  const p = ctx.principal;
  if (!p) throw new AppError('FORBIDDEN');
  const c = ctx.client;
  // Reading (here or by a share) is checked by loadCaseHead; a sender that only reads gets 403.
  const { head, type } = await loadCaseHead(ctx, caseId);
  if (!(await canAt(c, p, type.handlePermission, head.org_id, head.created_by))) throw new AppError('FORBIDDEN');
  if (head.status_kind !== 'open') throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
  const rows = (await c.query<{ id: string; parent_id: string | null; kind: string; name: string; can_handle: boolean }>(
    `SELECT o.id, o.parent_id, o.kind, o.name,
            EXISTS (SELECT 1 FROM user_grants g JOIN roles r ON r.id = g.role_id JOIN users u ON u.id = g.user_id
                     WHERE u.status = 'active' AND $3 = ANY (r.permissions)
                       AND (g.scope = 'all' OR (g.scope = 'org' AND g.org_id = o.id)
                            OR (g.scope = 'subtree' AND EXISTS (SELECT 1 FROM org_closure oc WHERE oc.ancestor_id = g.org_id AND oc.descendant_id = o.id)))) AS can_handle
       FROM orgs o
      WHERE o.township_id = $1 AND o.kind IN ('office', 'village') AND o.id <> $2
      ORDER BY CASE o.kind WHEN 'office' THEN 0 ELSE 1 END, o.sort_order, o.code`,
    [head.township_id, head.org_id, type.handlePermission])).rows;
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, kind: r.kind, name: r.name, canHandle: r.can_handle }));
};

export type TransferInput = {
  toOrgId: string;
  reason: string;
  /** The sending office keeps read access to what it sent (default), or hands it over whole. */
  keepRead?: boolean;
};

/**
 * Hands a case to another office of the township (转送/交办, 信访工作条例 第三十一条; 移送; a
 * grid event to the 司法所): the receiving office's scope takes over the case and every row
 * that hangs off it (the org moves by trigger, case_child_tables), its assignees are cleared
 * for the receiving office to choose, the clocks run on. The sender keeps read access unless
 * it gives it up; a case handed back to an office that shared it is that office's again.
 * Both offices are told, and so is a citizen who tracks the case (by SMS). One timeline
 * event (public), one audit row. Runs on the owner connection: the receiving org lies
 * outside the sender's scope, which the ordinary role could not write into; every check
 * the scoped path makes is made here against the caller's grants.
 */
export const transferCase = async (ctx: CaseCtx, caseId: string, input: TransferInput): Promise<void> => {
  const p = ctx.principal;
  if (!p) throw new AppError('FORBIDDEN');
  const c = ctx.client;
  const { head, type } = await loadCaseHead(ctx, caseId, true);
  if (!(await canAt(c, p, type.readPermission, head.org_id, head.created_by))) throw new AppError('NOT_FOUND');
  if (!(await canAt(c, p, type.handlePermission, head.org_id, head.created_by))) throw new AppError('FORBIDDEN');
  if (head.status_kind !== 'open') throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
  const orgs = (await c.query<{ id: string; name: string; kind: string; township_id: string | null; township: string | null }>(
    `SELECT o.id, o.name, o.kind, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END AS township_id, t.name AS township
       FROM orgs o LEFT JOIN orgs t ON t.id = CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END WHERE o.id = ANY ($1::uuid[])`,
    [[input.toOrgId, head.org_id]])).rows;
  const to = orgs.find((o) => o.id === input.toOrgId);
  const from = orgs.find((o) => o.id === head.org_id);
  if (!to || !from) throw new AppError('NOT_FOUND');
  if (to.id === from.id) throw new AppError('VALIDATION', { field: 'toOrgId', reason: 'already there' });
  // Within the township for now: a case's reference, counter and audit chain are the township's.
  if (to.township_id !== head.township_id) throw new AppError('CASE_TRANSFER_OUTSIDE_TOWNSHIP', { field: 'toOrgId' });
  const receivers = await permissionHoldersAt(c, type.handlePermission, to.id);
  if (receivers.length === 0) throw new AppError('CASE_TRANSFER_NO_HANDLER', { field: 'toOrgId', org: to.name });
  const senders = (await permissionHoldersAt(c, type.handlePermission, from.id)).filter((u) => !receivers.includes(u));

  await c.query('DELETE FROM case_assignees WHERE case_id = $1', [caseId]);
  await c.query('UPDATE cases SET org_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [caseId, to.id]);
  await c.query('DELETE FROM case_shares WHERE case_id = $1 AND org_id = $2', [caseId, to.id]);
  if (input.keepRead ?? true) {
    await c.query(`INSERT INTO case_shares (case_id, org_id, reason, created_by) VALUES ($1, $2, $3, $4)
                   ON CONFLICT (case_id, org_id) DO UPDATE SET reason = EXCLUDED.reason, created_by = EXCLUDED.created_by, created_at = now()`,
    [caseId, from.id, input.reason, p.userId]);
  }
  const payload = { fromOrgId: from.id, fromOrg: from.name, toOrgId: to.id, toOrg: to.name, reason: input.reason, keepRead: input.keepRead ?? true };
  await appendCaseEvent(c, { caseId, townshipId: head.township_id, actorId: p.userId, kind: 'transfer', public: true, payload });
  await ctx.audit({ orgId: to.id, townshipId: head.township_id, action: 'case.transfer', entity: 'case', entityId: caseId,
    before: { orgId: from.id }, after: payload });
  const params = { township: to.township ?? '', ref: head.ref, title: head.title, from: from.name, to: to.name, reason: input.reason };
  await notifyUsers(c, receivers, { kind: 'case.transferred_in', params, townshipId: head.township_id, caseId, link: caseLink(caseId) });
  await notifyUsers(c, senders, { kind: 'case.transferred_out', params, townshipId: head.township_id, caseId, link: caseLink(caseId) });
  // A citizen who tracks the case is told where it went, by SMS to the applicant's phone.
  const tracked = (await c.query<{ tracking_no: string | null; phone_enc: Buffer | null }>(
    `SELECT k.tracking_no, (SELECT cp.phone_enc FROM case_parties cp WHERE cp.case_id = k.id AND cp.role = '申请人' AND cp.phone_enc IS NOT NULL ORDER BY cp.sort_order LIMIT 1) AS phone_enc
       FROM cases k WHERE k.id = $1`, [caseId])).rows[0];
  if (tracked?.tracking_no && tracked.phone_enc) {
    await enqueueMessage(c, ctx.engine.keys, {
      channel: 'sms', to: openField(ctx.engine.keys, tracked.phone_enc), template: 'case.transferred', townshipId: head.township_id,
      params: { township: to.township ?? '', trackingNo: tracked.tracking_no, to: to.name },
    });
  }
};
