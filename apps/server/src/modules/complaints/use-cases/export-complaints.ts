import { runScoped, runScopedRead, type Actor, type Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { assertCanAt, defaultOrgOf } from '../../../platform/access/scope.ts';
import { complaintsWorkbook, type ExportRow } from '../complaints.workbook.ts';
import { complaintCaseType } from '../complaints.workflow.ts';

/**
 * The year's complaints of an org's subtree as a workbook: the caller must read complaints
 * there, and row-level security keeps the rows to the caller's scope. Audited (an export
 * carries the complainants' names out of the system). The rows are read on the replica when
 * there is one; the audit row is written on the primary afterwards, in a transaction of its
 * own, and the workbook is made only once it is committed.
 */
export const exportComplaints = async (platform: Platform, actor: Actor & { principal: Principal }, year: number, orgIdAsked: string | undefined): Promise<Buffer> => {
  const orgId = orgIdAsked ?? defaultOrgOf(actor.principal, 'petition.read');
  const rows = await runScopedRead(platform, actor, async (tx) => {
    await assertCanAt(tx.client, tx.principal, 'petition.read', orgId);
    const { rows } = await tx.client.query<ExportRow>(
      `SELECT k.ref, k.data ->> 'workOrderNo' AS work_order_no, to_char(k.received_on, 'YYYY-MM-DD') AS received_on,
              CASE WHEN k.source = 'public' THEN 'portal' ELSE coalesce(k.data ->> 'channel', '') END AS channel, k.category, k.data ->> 'subject' AS subject,
              (SELECT p.name FROM case_parties p WHERE p.case_id = k.id ORDER BY p.sort_order LIMIT 1) AS complainant, k.status, o.name AS org_name,
              to_char(d.stopped_on, 'YYYY-MM-DD') AS replied_on, d.on_time, k.steps -> 'close' ->> 'satisfaction' AS satisfaction
         FROM cases k JOIN orgs o ON o.id = k.org_id LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'reply' AND d.status IN ('met', 'missed')
        WHERE k.case_type = 'complaint' AND k.year = $1 AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $2)
        ORDER BY k.received_on, k.ref`, [year, orgId]);
    return rows;
  });
  await runScoped(platform, actor, (tx) => tx.audit({ orgId, townshipId: tx.principal.townshipId, action: 'complaint.export', entity: 'case', entityId: null, after: { year, rows: rows.length } }));
  return complaintsWorkbook(year, rows, (s) => complaintCaseType.states[s]?.label.zh ?? s);
};
