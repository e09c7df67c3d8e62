import type { Client } from '../db/pools.ts';

/**
 * Queues a background job in the caller's transaction (graphile-worker's add_job is
 * transactional: the job exists exactly when the work that asked for it commits). The one way
 * the platform and modules queue work; the job key keeps one queued job per key. Needs the
 * owner connection (runSystem): the request role has no access to the queue.
 */
export const queueJob = async (c: Client, task: string, payload: unknown, opts: { jobKey?: string; maxAttempts?: number; runAt?: Date | null } = {}): Promise<void> => {
  await c.query('SELECT graphile_worker.add_job($1, $2::json, run_at := $3::timestamptz, job_key := $4, max_attempts := $5)',
    [task, JSON.stringify(payload), opts.runAt ?? null, opts.jobKey ?? null, opts.maxAttempts ?? 25]);
};
