import type { TaskList } from 'graphile-worker';
import type { Platform } from '../../../platform/platform.ts';
import { IMPORT_TASK, runLedgerImport, type ImportJob } from './use-cases/run-import.ts';

const isImportJob = (p: unknown): p is ImportJob => {
  if (typeof p !== 'object' || p === null) return false;
  const j = p as Record<string, unknown>;
  return typeof j.id === 'string' && typeof j.userId === 'string' && (j.requestId === null || typeof j.requestId === 'string')
    && (j.permissions === null || (Array.isArray(j.permissions) && j.permissions.every((x) => typeof x === 'string')));
};

/** The ledger's background jobs, added to the server's worker (platform/jobs/jobs.ts). */
export const ledgerJobTasks = (platform: Platform): TaskList => ({
  [IMPORT_TASK]: async (payload) => {
    // A malformed payload would fail the same way on every retry: log it and drop the job.
    if (!isImportJob(payload)) { platform.log.error({ payload }, `${IMPORT_TASK}: malformed payload`); return; }
    await runLedgerImport(platform, payload);
  },
});
