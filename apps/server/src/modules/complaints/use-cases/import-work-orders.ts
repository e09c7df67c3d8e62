import { errorCatalogue, type ComplaintImportResult } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import type { CaseCtx } from '../../../platform/cases/context.ts';
import { readWorkOrders, type RowProblem } from '../complaints.workbook.ts';
import { writeComplaint } from './register-complaint.ts';

/** A row the engine refused, in words a clerk understands. */
const rowMessage = (e: AppError): string => {
  const field = (e.details as { field?: string } | undefined)?.field;
  if (e.code === 'CASE_LATE_ENTRY_FORBIDDEN') return '派单日期距今已超过补录期限，您没有补录权限，请联系有补录权限的人员导入';
  if (e.code === 'CASE_DATE_INVALID') return '派单日期不正确：不能晚于今天';
  return `${errorCatalogue[e.code].zh}${field ? `（${field}）` : ''}`;
};

/**
 * Imports 12345 work orders from the template's sheet into complaints of the township, in one
 * transaction: every row is checked first (readWorkOrders), then each new work order is
 * written through the case engine (writeComplaint). A work order the township already has
 * (the same file imported again) is reported and not written again; if any row fails,
 * nothing is written at all (COMPLAINT_IMPORT_INVALID with the problems by row).
 */
export const importWorkOrders = async (ctx: CaseCtx, orgId: string, fileName: string, file: Buffer): Promise<ComplaintImportResult> => {
  const { rows, problems } = await readWorkOrders(file, ctx.engine.today());
  if (problems.length > 0) throw new AppError('COMPLAINT_IMPORT_INVALID', { problems });
  const township = (await ctx.client.query<{ township_id: string | null }>(
    `SELECT CASE WHEN kind = 'township' THEN id ELSE township_id END AS township_id FROM orgs WHERE id = $1`, [orgId])).rows[0]?.township_id;
  if (!township) throw new AppError('NOT_FOUND');
  const existing: ComplaintImportResult['existing'] = [];
  const createdRefs: string[] = [];
  const failed: RowProblem[] = [];
  // The work orders the township already has, in one query (an import repeated is mostly these).
  const known = new Map((await ctx.client.query<{ no: string; ref: string }>(
    `SELECT data ->> 'workOrderNo' AS no, ref FROM cases WHERE township_id = $1 AND case_type = 'complaint' AND data ->> 'workOrderNo' = ANY($2::text[])`,
    [township, rows.map((r) => r.workOrderNo)])).rows.map((k) => [k.no, k.ref]));
  for (const r of rows) {
    const ref = known.get(r.workOrderNo);
    if (ref) { existing.push({ row: r.row, workOrderNo: r.workOrderNo, ref }); continue; }
    await ctx.client.query('SAVEPOINT work_order');
    try {
      const made = await writeComplaint(ctx, {
        orgId, channel: 'hotline', category: r.category, subject: r.subject, facts: r.facts, receivedOn: r.receivedOn,
        workOrderNo: r.workOrderNo, workOrderDue: r.workOrderDue, complainant: { name: r.name, phone: r.phone },
      }, 'hotline');
      createdRefs.push(made.ref);
      await ctx.client.query('RELEASE SAVEPOINT work_order');
    } catch (e) {
      await ctx.client.query('ROLLBACK TO SAVEPOINT work_order');
      // The unique index also holds a number the caller cannot see (a complaint another office keeps).
      if ((e as { code?: unknown }).code === '23505') { failed.push({ row: r.row, column: '工单编号', message: '本乡镇已登记过该工单编号' }); continue; }
      if (!(e instanceof AppError)) throw e;
      failed.push({ row: r.row, column: null, message: rowMessage(e) });
    }
  }
  if (failed.length > 0) throw new AppError('COMPLAINT_IMPORT_INVALID', { problems: failed });
  await ctx.audit({ orgId, townshipId: township, action: 'complaint.import', entity: 'case', entityId: null,
    after: { fileName, total: rows.length, created: createdRefs.length, existing: existing.length } });
  return { total: rows.length, created: createdRefs.length, existing, createdRefs };
};
