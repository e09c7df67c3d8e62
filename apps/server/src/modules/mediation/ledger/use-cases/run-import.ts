import { loadPrincipal } from '../../../../platform/access/principal.ts';
import { openField } from '../../../../platform/crypto/sm.ts';
import { AppError } from '../../../../platform/errors.ts';
import { isUniqueViolation } from '../../../../platform/db/pools.ts';
import { caseCtxOf, runScoped, runSystem, type Actor, type Platform, type Tx } from '../../../../platform/platform.ts';
import type { Principal } from '../../../../platform/access/principal.ts';
import type { CaseCtx } from '../../../../platform/cases/context.ts';
import {
  addProgress, loadImport, markRows, mediatorsByName, pendingRows, setImportStatus, type ImportStatus,
} from '../ledger-import.repository.ts';
import { orgWithTownship } from '../ledger-export.repository.ts';
import { writeLedgerRows, type RowContext, type RowToWrite } from './write-ledger-rows.ts';

/** The job that writes an accepted import (graphile-worker task name). */
export const IMPORT_TASK = 'ledger-import-accept';
export type ImportJob = { id: string; userId: string; requestId: string | null; permissions: string[] | null };

/**
 * Rows per transaction. The case engine writes a batch with one statement per table
 * (platform/cases/bulk-create.ts), so a batch of 500 takes about as long as a handful of
 * single cases did; the township's audit chain head stays locked for that long (a second
 * or two), and the screen that polls the import sees the progress move batch by batch.
 */
export const BATCH = 500;

/** Why a row could not be written, in words a clerk understands. */
const reasonOf = (e: unknown): string => {
  if (isUniqueViolation(e)) return '案件编号已被其他案件占用，未导入';
  if (e instanceof AppError) {
    switch (e.code) {
      case 'NOT_FOUND':
      case 'FORBIDDEN': return '您已无权在该村（社区）办理人民调解，未导入';
      case 'DUPLICATE': return '案件编号已被其他案件占用，未导入';
      case 'CASE_FIELDS_REQUIRED': return '缺少办理所需的内容，未导入';
      case 'VALIDATION': return '内容不符合要求，未导入';
      default: return `未导入（${e.code}）`;
    }
  }
  return '系统内部错误，未导入';
};

type Written = { seq: number } & ({ status: 'written'; caseId: string } | { status: 'failed'; message: string });

/** The rows through the engine's bulk path; each result in its row's place. */
const writeRows = async (ctx: CaseCtx, rc: RowContext, rows: readonly (RowToWrite & { seq: number })[]): Promise<Written[]> =>
  (await writeLedgerRows(ctx, rc, rows)).map((r, i): Written => {
    const seq = rows[i]?.seq ?? 0;
    return r.ok ? { seq, status: 'written', caseId: r.id } : { seq, status: 'failed', message: reasonOf(r.error) };
  });

const writeBatch = async (platform: Platform, tx: Tx, id: string): Promise<number> => {
  const pending = await pendingRows(tx.client, id, BATCH);
  if (pending.length === 0) return 0;
  const head = await loadImport(tx.client, id);
  const township = head ? await orgWithTownship(tx.client, head.township_id) : null;
  if (!head || !township) throw new AppError('NOT_FOUND');
  const rc: RowContext = { importId: id, township: { id: township.id, name: township.name }, mediators: await mediatorsByName(tx.client, township.id) };
  const ctx = caseCtxOf(platform, tx);
  const rows = pending.map((r) => ({
    seq: r.seq, orgId: r.org_id, fields: r.fields, phones: r.phones_enc ? (JSON.parse(openField(platform.keys.fields, r.phones_enc)) as string[]) : [],
  }));
  let results: Written[];
  await tx.client.query('SAVEPOINT ledger_batch');
  try {
    results = await writeRows(ctx, rc, rows);
    await tx.client.query('RELEASE SAVEPOINT ledger_batch');
  } catch (e) {
    // The engine checks every row before it writes; a batch that still fails in the database
    // is written again row by row, so only the row at fault is reported and the others stand.
    await tx.client.query('ROLLBACK TO SAVEPOINT ledger_batch');
    platform.log.error({ err: e, importId: id }, 'ledger import: a batch failed, writing its rows one by one');
    results = [];
    for (const r of rows) {
      await tx.client.query('SAVEPOINT ledger_row');
      try {
        results.push(...(await writeRows(ctx, rc, [r])));
        await tx.client.query('RELEASE SAVEPOINT ledger_row');
      } catch (rowError) {
        await tx.client.query('ROLLBACK TO SAVEPOINT ledger_row');
        if (!(rowError instanceof AppError) && !isUniqueViolation(rowError)) platform.log.error({ err: rowError, importId: id, seq: r.seq }, 'ledger import: a row failed');
        results.push({ seq: r.seq, status: 'failed', message: reasonOf(rowError) });
      }
    }
  }
  await markRows(tx.client, id, results);
  const written = results.filter((r) => r.status === 'written').length;
  await addProgress(tx.client, id, written, results.length - written);
  return pending.length;
};

/**
 * Writes an accepted import's valid rows as cases, as the user who accepted it (their data
 * scope and rights, loaded afresh), batch after batch, each batch one transaction that also
 * moves the import's progress. Rows already written are never written again: a job that is
 * retried after a crash picks up where it stopped. Ends with the import's final status and
 * an audit row of what was done.
 */
export const runLedgerImport = async (platform: Platform, job: ImportJob): Promise<void> => {
  const principal: Principal | null = await runSystem(platform, (c) =>
    loadPrincipal(c, job.userId, job.permissions ? 'token' : 'session', job.permissions ?? undefined));
  if (!principal) {
    await runSystem(platform, (c) => setImportStatus(c, job.id, 'failed', '确认导入的用户已停用或不存在'));
    return;
  }
  const actor: Actor & { principal: Principal } = { principal, ip: null, requestId: job.requestId };
  const started = await runScoped(platform, actor, async (tx) => {
    const head = await loadImport(tx.client, job.id, true);
    if (!head || !['queued', 'running', 'failed'].includes(head.status)) return false;
    await setImportStatus(tx.client, job.id, 'running');
    return true;
  });
  if (!started) return;
  try {
    while ((await runScoped(platform, actor, (tx) => writeBatch(platform, tx, job.id))) > 0) { /* next batch */ }
    await runScoped(platform, actor, async (tx) => {
      const head = await loadImport(tx.client, job.id, true);
      if (!head) return;
      const status: ImportStatus = head.failed > 0 ? 'done_with_errors' : 'done';
      await setImportStatus(tx.client, job.id, status);
      await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'mediation.ledger.import', entity: 'ledger_import', entityId: job.id,
        after: { fileName: head.file_name, written: head.written, failed: head.failed, skipped: head.total - head.valid, status } });
    });
  } catch (e) {
    const message = e instanceof AppError ? e.code : '系统内部错误';
    await runSystem(platform, (c) => setImportStatus(c, job.id, 'failed', `导入中断：${message}（已写入的行保留，重试时从中断处继续）`)).catch(() => undefined);
    throw e;
  }
};
