import { assertCanAt } from '../../../../platform/access/scope.ts';
import type { Principal } from '../../../../platform/access/principal.ts';
import { AppError } from '../../../../platform/errors.ts';
import { auditor, runScoped, runSystem, type Actor, type Platform } from '../../../../platform/platform.ts';
import { claimForAccept, loadImport } from '../ledger-import.repository.ts';
import { IMPORT_TASK, type ImportJob } from './run-import.ts';
import { queueJob } from '../../../../platform/jobs/queue.ts';

/**
 * The user accepts an import: nothing was written before this. The caller must see the
 * import and handle mediation at its org; only a validated import with valid rows can be
 * accepted, and only once. The writing itself runs as a background job (graphile-worker,
 * platform/jobs): the import is marked queued, the job added and the acceptance audited in
 * one transaction on the owner connection (the request role has no access to the queue),
 * right after the checks made in the caller's scope. The screen then polls the import.
 */
export const acceptImport = async (o: { platform: Platform; actor: Actor & { principal: Principal }; id: string }): Promise<void> => {
  const head = await runScoped(o.platform, o.actor, async (tx) => {
    const h = await loadImport(tx.client, o.id);
    if (!h) throw new AppError('NOT_FOUND');
    await assertCanAt(tx.client, tx.principal, 'mediation.handle', h.org_id, h.created_by);
    if (h.status !== 'validated') throw new AppError('LEDGER_IMPORT_ACCEPTED');
    if (h.valid === 0) throw new AppError('LEDGER_IMPORT_EMPTY');
    return h;
  });
  const p = o.actor.principal;
  const job: ImportJob = { id: o.id, userId: p.userId, requestId: o.actor.requestId, permissions: p.via === 'token' ? [...p.permissions] : null };
  await runSystem(o.platform, async (c) => {
    if (!(await claimForAccept(c, o.id, p.userId))) throw new AppError('LEDGER_IMPORT_ACCEPTED');
    await auditor(c, o.actor)({ orgId: head.org_id, townshipId: head.township_id, action: 'mediation.ledger.accept', entity: 'ledger_import', entityId: o.id,
      after: { fileName: head.file_name, valid: head.valid, total: head.total } });
    await queueJob(c, IMPORT_TASK, job, { jobKey: `ledger-import:${o.id}`, maxAttempts: 3 });
  });
};
