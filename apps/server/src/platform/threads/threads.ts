import { parentPort, Worker, workerData } from 'node:worker_threads';
import { createPool, inTransaction, type Client } from '../db/pools.ts';
import { applyScope } from '../access/scope.ts';
import type { Principal } from '../access/principal.ts';

/**
 * Work that would otherwise grow the server's main heap (a long export parses and renders
 * hundreds of megabytes of short-lived objects) runs on a worker thread with heap limits of
 * its own: its collector then works early and often, and the server's memory stays flat. The
 * main thread keeps what must stay with the request: the checks before, the audit during,
 * the bytes to the client. See docs/performance.md, "Mediation ledger".
 */
export type ThreadLimits = { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number };

/** Starts the module at `entry` (a .ts file's URL) on a new thread; `data` is cloned to it. */
export const startThread = <D>(entry: URL, data: D, limits: ThreadLimits): Worker =>
  new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { entry: entry.href, data }, resourceLimits: limits, execArgv: [] });

/** On a thread: the data it was started with, and the port to the thread that started it. */
export const threadData = <D>(): D => (workerData as { data: D }).data;
export const threadPort = (): NonNullable<typeof parentPort> => {
  if (!parentPort) throw new Error('not on a platform thread');
  return parentPort;
};

/**
 * On a thread: one transaction in the caller's data scope on a connection of its own, as the
 * ordinary role, so row-level security limits it exactly as it limits runScoped's. The audit
 * is not here: it stays with the request (its actor, address and request id) on the main
 * thread, which the thread asks.
 */
export const runScopedOnThread = async <T>(appUrl: string, principal: Principal, fn: (c: Client) => Promise<T>): Promise<T> => {
  const pool = createPool(appUrl, 1, 'fazhi-thread');
  try {
    return await inTransaction(pool, (c) => applyScope(c, principal), fn);
  } finally {
    await pool.end();
  }
};
