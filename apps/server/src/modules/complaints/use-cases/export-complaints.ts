import type { Platform, Tx } from '../../../platform/platform.ts';
import { complaintsWorkbook, type ExportRow } from '../complaints.workbook.ts';
import { complaintCaseType } from '../complaints.workflow.ts';

/** The year's complaints the caller may see (row-level security), as a workbook. */
export const exportComplaints = async (tx: Tx, _platform: Platform, year: number): Promise<Buffer> => {
  const { rows } = await tx.client.query<ExportRow>(
    `SELECT k.ref, k.data ->> 'workOrderNo' AS work_order_no, to_char(k.received_on, 'YYYY-MM-DD') AS received_on,
            CASE WHEN k.source = 'public' THEN 'portal' ELSE coalesce(k.data ->> 'channel', '') END AS channel, k.category, k.data ->> 'subject' AS subject,
            (SELECT p.name FROM case_parties p WHERE p.case_id = k.id ORDER BY p.sort_order LIMIT 1) AS complainant, k.status, o.name AS org_name,
            to_char(d.stopped_on, 'YYYY-MM-DD') AS replied_on, d.on_time, k.steps -> 'close' ->> 'satisfaction' AS satisfaction
       FROM cases k JOIN orgs o ON o.id = k.org_id LEFT JOIN case_deadlines d ON d.case_id = k.id AND d.key = 'reply' AND d.status IN ('met', 'missed')
      WHERE k.case_type = 'complaint' AND k.year = $1 ORDER BY k.received_on, k.ref`, [year]);
  await tx.audit({ orgId: tx.principal.orgId, townshipId: tx.principal.townshipId, action: 'complaint.export', entity: 'case', entityId: null, after: { year, rows: rows.length } });
  return complaintsWorkbook(year, rows, (s) => complaintCaseType.states[s]?.label.zh ?? s);
};
