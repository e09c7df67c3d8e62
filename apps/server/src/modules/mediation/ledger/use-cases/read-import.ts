import type { LedgerImportView } from '@fazhi/contracts';
import { canAt } from '../../../../platform/access/scope.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { Tx } from '../../../../platform/platform.ts';
import { importProblems, importResults, loadImport } from '../ledger-import.repository.ts';

/**
 * An import as a screen shows it while the user decides and while the job runs: counts,
 * status and progress, every problem, one page of per-row results (what each row became,
 * or why not), and whether the caller may accept it now.
 */
export const readImport = async (tx: Tx, id: string, page: { offset: number; limit: number }): Promise<LedgerImportView> => {
  const h = await loadImport(tx.client, id);
  if (!h || !(await canAt(tx.client, tx.principal, 'mediation.read', h.org_id, h.created_by))) throw new AppError('NOT_FOUND');
  const canAccept = h.status === 'validated' && h.valid > 0 && (await canAt(tx.client, tx.principal, 'mediation.handle', h.org_id, h.created_by));
  const results = await importResults(tx.client, id, page.offset, page.limit);
  return {
    id: h.id, fileName: h.file_name, status: h.status, total: h.total, valid: h.valid, processed: h.processed, written: h.written, failed: h.failed,
    error: h.error, createdAt: h.created_at.toISOString(), acceptedAt: h.accepted_at?.toISOString() ?? null, finishedAt: h.finished_at?.toISOString() ?? null,
    problems: [...h.file_problems, ...(await importProblems(tx.client, id))],
    results: results.map((r) => ({ sheet: r.sheet, row: r.row_no, status: r.status, caseId: r.case_id, ref: r.ref, message: r.message })),
    actions: canAccept ? ['accept'] : [],
  };
};
