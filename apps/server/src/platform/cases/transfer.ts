import { AppError } from '../errors.ts';
import { canAt } from '../access/scope.ts';
import { openField } from '../crypto/sm.ts';
import { enqueueMessage } from '../outbox/outbox.ts';
import { caseLink, notifyUsers } from '../notifications/notify.ts';
import { permissionHoldersAt } from '../notifications/recipients.ts';
import type { CaseCtx } from './context.ts';
import type { CaseType } from './definition.ts';
import { loadCaseHead } from './transition.ts';
import { appendCaseEvent } from './events.ts';

/**
 * 已转出: the cases an office in the caller's scope passed on and still reads (case_shares),
 * for the list in place of its scope filter (SCOPE_ORGS_FILTER, on the case's own org, which
 * leaves them out). Read-only: the case page offers the sender no action. Shares are few; their
 * own policy keeps them to the caller's scope, and the set below says the same for the planner.
 */
export const sentCasesFilter = (scopeAll: boolean): string => (scopeAll
  ? 'k.id IN (SELECT s.case_id FROM case_shares s)'
  : `k.id IN (SELECT s.case_id FROM case_shares s WHERE s.org_id = ANY (ARRAY(SELECT descendant_id FROM org_closure WHERE ancestor_id = ANY (fazhi_uuids('fazhi.scope_subtree'))
                         UNION ALL SELECT unnest(fazhi_uuids('fazhi.scope_org')))))`);

export type TransferTarget = {
  id: string; parentId: string | null; kind: string; name: string; reach: 'township' | 'county' | 'other'; townshipName: string | null; canHandle: boolean;
};

/** Whether a case of the type may leave its township (the type's declaration; default off). */
const beyondTownship = (type: CaseType): boolean => type.transfer?.beyondTownship ?? false;

/**
 * Where the caller may pass a case: the offices and villages of its township other than the
 * one that has it and, when the case type allows it (`transfer.beyondTownship`), the offices
 * of the county and of the county's other townships; each says whether someone there may
 * handle the case's type (else the transfer is refused, CASE_TRANSFER_NO_HANDLER). Only for
 * whoever may pass the case now. Runs on the owner connection, like the transfer: a
 * village's scope does not see the 司法所, nor a township's the county's offices.
 */
export const transferTargets = async (ctx: CaseCtx, caseId: string): Promise<TransferTarget[]> => {
  const p = ctx.principal;
  if (!p) throw new AppError('FORBIDDEN');
  const c = ctx.client;
  // Reading (here or by a share) is checked by loadCaseHead; a sender that only reads gets 403.
  const { head, type } = await loadCaseHead(ctx, caseId);
  if (!(await canAt(c, p, type.handlePermission, head.org_id, head.created_by))) throw new AppError('FORBIDDEN');
  if (head.status_kind !== 'open') throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
  const rows = (await c.query<{ id: string; parent_id: string | null; kind: string; name: string; reach: TransferTarget['reach']; township_name: string | null; can_handle: boolean }>(
    `WITH home AS (SELECT parent_id AS county_id FROM orgs WHERE id = $1)
     SELECT o.id, o.parent_id, o.kind, o.name, tw.name AS township_name,
            CASE WHEN o.township_id = $1 THEN 'township' WHEN o.township_id IS NULL THEN 'county' ELSE 'other' END AS reach,
            EXISTS (SELECT 1 FROM user_grants g JOIN roles r ON r.id = g.role_id JOIN users u ON u.id = g.user_id
                     WHERE u.status = 'active' AND $3 = ANY (r.permissions)
                       AND (g.scope = 'all' OR (g.scope = 'org' AND g.org_id = o.id)
                            OR (g.scope = 'subtree' AND EXISTS (SELECT 1 FROM org_closure oc WHERE oc.ancestor_id = g.org_id AND oc.descendant_id = o.id)))) AS can_handle
       FROM orgs o LEFT JOIN orgs tw ON tw.id = o.township_id
      WHERE o.id <> $2
        AND ((o.township_id = $1 AND o.kind IN ('office', 'village'))
          OR ($4 AND o.kind = 'office' AND (
                (o.township_id IS NULL AND o.parent_id = (SELECT county_id FROM home))
             OR (o.township_id <> $1 AND tw.parent_id = (SELECT county_id FROM home)))))
      ORDER BY CASE WHEN o.township_id = $1 THEN 0 WHEN o.township_id IS NULL THEN 1 ELSE 2 END, tw.sort_order, tw.code,
               CASE o.kind WHEN 'office' THEN 0 ELSE 1 END, o.sort_order, o.code`,
    [head.township_id, head.org_id, type.handlePermission, beyondTownship(type)])).rows;
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, kind: r.kind, name: r.name, reach: r.reach, townshipName: r.township_name, canHandle: r.can_handle }));
};

export type TransferInput = {
  toOrgId: string;
  reason: string;
  /** The sending office keeps read access to what it sent (default), or hands it over whole. */
  keepRead?: boolean;
};

/**
 * Hands a case to another office (转送/交办, 信访工作条例 第三十一条; 移送; a grid event to the
 * 司法所): of the township; or, when the case type allows it (`transfer.beyondTownship`), an
 * office of the county or of another township of the same county. The receiving office's
 * scope takes over the case and every row that hangs off it (the org, and the township when
 * it changes, move by trigger, case_child_tables), its assignees are cleared for the
 * receiving office to choose, the clocks run on, the reference stays (the township's counter
 * that gave it is not touched). A case passed to a county office keeps its township: the
 * county office has none, and the case's figures stay where it was received. The sender keeps
 * read access unless it gives it up (the request's `keepRead`, else the type's
 * `senderKeepsRead`, else yes); a case handed back to an office that shared it is that
 * office's again. Both offices are told, and so is a citizen who tracks the case (SMS, and a
 * public timeline entry naming the receiving office). One timeline event, and one audit row in
 * each township's chain it touches. Runs on the owner connection: the receiving org lies
 * outside the sender's scope, which the ordinary role could not write into; every check the
 * scoped path makes is made here against the caller's grants.
 */
export const transferCase = async (ctx: CaseCtx, caseId: string, input: TransferInput): Promise<void> => {
  const p = ctx.principal;
  if (!p) throw new AppError('FORBIDDEN');
  const c = ctx.client;
  const { head, type } = await loadCaseHead(ctx, caseId, true);
  if (!(await canAt(c, p, type.readPermission, head.org_id, head.created_by))) throw new AppError('NOT_FOUND');
  if (!(await canAt(c, p, type.handlePermission, head.org_id, head.created_by))) throw new AppError('FORBIDDEN');
  if (head.status_kind !== 'open') throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
  type OrgRow = { id: string; name: string; kind: string; parent_id: string | null; township_id: string | null; township: string | null; county_id: string | null };
  const orgs = (await c.query<OrgRow>(
    `SELECT o.id, o.name, o.kind, o.parent_id, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END AS township_id, t.name AS township,
            CASE WHEN t.id IS NULL THEN o.parent_id ELSE t.parent_id END AS county_id
       FROM orgs o LEFT JOIN orgs t ON t.id = CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END WHERE o.id = ANY ($1::uuid[])`,
    [[input.toOrgId, head.org_id, head.township_id]])).rows;
  const to = orgs.find((o) => o.id === input.toOrgId);
  const from = orgs.find((o) => o.id === head.org_id);
  const home = orgs.find((o) => o.id === head.township_id);
  if (!to || !from || !home) throw new AppError('NOT_FOUND');
  if (to.id === from.id) throw new AppError('VALIDATION', { field: 'toOrgId', reason: 'already there' });
  const within = to.township_id === head.township_id;
  if (!within) {
    // Beyond the township only where the type says so, and only to an office of the same county.
    if (!beyondTownship(type)) throw new AppError('CASE_TRANSFER_OUTSIDE_TOWNSHIP', { field: 'toOrgId' });
    const county = to.township_id === null ? to.parent_id : to.county_id;
    if (to.kind !== 'office' || county === null || county !== home.county_id) throw new AppError('CASE_TRANSFER_OUTSIDE_COUNTY', { field: 'toOrgId' });
  }
  const receivers = await permissionHoldersAt(c, type.handlePermission, to.id);
  if (receivers.length === 0) throw new AppError('CASE_TRANSFER_NO_HANDLER', { field: 'toOrgId', org: to.name });
  const senders = (await permissionHoldersAt(c, type.handlePermission, from.id)).filter((u) => !receivers.includes(u));
  // The case's township after the move: another township's, or its own (a county office has none).
  const toTownshipId = to.township_id ?? head.township_id;
  const keepRead = input.keepRead ?? type.transfer?.senderKeepsRead ?? true;

  await c.query('DELETE FROM case_assignees WHERE case_id = $1', [caseId]);
  // To another township: every row that hangs off the case moves with it (trigger
  // cases_township_moved), checked against the (township_id, case_id) keys at commit.
  if (toTownshipId !== head.township_id) await c.query('SET CONSTRAINTS ALL DEFERRED');
  await c.query('UPDATE cases SET org_id = $2, township_id = $3, version = version + 1, updated_at = now() WHERE id = $1', [caseId, to.id, toTownshipId]);
  await c.query('DELETE FROM case_shares WHERE case_id = $1 AND org_id = $2', [caseId, to.id]);
  if (keepRead) {
    await c.query(`INSERT INTO case_shares (case_id, township_id, org_id, reason, created_by) VALUES ($1, $2, $3, $4, $5)
                   ON CONFLICT (case_id, org_id, township_id) DO UPDATE SET reason = EXCLUDED.reason, created_by = EXCLUDED.created_by, created_at = now()`,
    [caseId, toTownshipId, from.id, input.reason, p.userId]);
  }
  const placeOf = (o: OrgRow): string => o.township ?? (o.township_id === null ? o.name : '');
  const across = !within ? { fromTownship: from.township ?? home.name, toTownship: placeOf(to) } : {};
  const payload = { fromOrgId: from.id, fromOrg: from.name, toOrgId: to.id, toOrg: to.name, reason: input.reason, keepRead, ...across };
  await appendCaseEvent(c, { caseId, townshipId: toTownshipId, actorId: p.userId, kind: 'transfer', public: true, payload });
  await ctx.audit({ orgId: to.id, townshipId: toTownshipId, action: 'case.transfer', entity: 'case', entityId: caseId,
    before: { orgId: from.id, townshipId: head.township_id }, after: payload });
  // The township the case left keeps the record of it in its own chain too.
  if (toTownshipId !== head.township_id) {
    await ctx.audit({ orgId: from.id, townshipId: head.township_id, action: 'case.transfer', entity: 'case', entityId: caseId,
      before: { orgId: from.id, townshipId: head.township_id }, after: payload });
  }
  const params = { township: to.township ?? home.name, ref: head.ref, title: head.title, from: from.name, to: to.name, reason: input.reason };
  await notifyUsers(c, receivers, { kind: 'case.transferred_in', params, townshipId: toTownshipId, caseId, link: caseLink(caseId) });
  await notifyUsers(c, senders, { kind: 'case.transferred_out', params, townshipId: head.township_id, caseId, link: caseLink(caseId) });
  // A citizen who tracks the case is told where it went, by SMS to the applicant's phone.
  const tracked = (await c.query<{ tracking_no: string | null; phone_enc: Buffer | null }>(
    `SELECT k.tracking_no, (SELECT cp.phone_enc FROM case_parties cp WHERE cp.case_id = k.id AND cp.role = '申请人' AND cp.phone_enc IS NOT NULL ORDER BY cp.sort_order LIMIT 1) AS phone_enc
       FROM cases k WHERE k.id = $1`, [caseId])).rows[0];
  if (tracked?.tracking_no && tracked.phone_enc) {
    await enqueueMessage(c, ctx.engine.keys, {
      channel: 'sms', to: openField(ctx.engine.keys, tracked.phone_enc), template: 'case.transferred', townshipId: head.township_id,
      params: { township: home.name, trackingNo: tracked.tracking_no, to: to.name },
    });
  }
};
