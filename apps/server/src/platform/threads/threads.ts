import { parentPort, Worker, workerData } from 'node:worker_threads';
import { createPool, inTransaction, type Client } from '../db/pools.ts';
import { applyScope } from '../access/scope.ts';
import type { Principal } from '../access/principal.ts';
import { AppError } from '../errors.ts';

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

type Outcome<O> = { ok: true; value: O } | { ok: false; code?: AppError['code']; details?: unknown; message: string };

/**
 * Runs a thread that computes one result (with `threadResult`) and ends; its memory goes with
 * it. An AppError thrown on the thread is thrown here with its code and details, so the
 * caller answers a clerk as if the work had run in the request. `transfer` moves buffers
 * to the thread instead of copying them.
 */
export const runThread = <I, O>(entry: URL, data: I, limits: ThreadLimits, transfer: ArrayBuffer[] = []): Promise<O> => new Promise<O>((resolve, reject) => {
  const thread = new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { entry: entry.href, data }, resourceLimits: limits, execArgv: [], transferList: transfer });
  let outcome: Outcome<O> | null = null;
  thread.once('message', (m: Outcome<O>) => { outcome = m; });
  thread.once('error', reject);
  thread.once('exit', (code) => {
    if (!outcome) reject(new Error(`thread ${entry.pathname} ended without a result (exit code ${code})`));
    else if (outcome.ok) resolve(outcome.value);
    else reject(outcome.code ? new AppError(outcome.code, outcome.details) : new Error(outcome.message));
  });
});

/** On a thread started by runThread: computes the result and sends it (or the failure) back. */
export const threadResult = async <O>(compute: () => Promise<O>): Promise<void> => {
  let outcome: Outcome<O>;
  try {
    outcome = { ok: true, value: await compute() };
  } catch (e) {
    outcome = e instanceof AppError ? { ok: false, code: e.code, details: e.details, message: e.message } : { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  threadPort().postMessage(outcome);
};

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
 * thread, which the thread asks. `readOnly`: a READ ONLY transaction, as runScopedRead's (the
 * URL is then Platform.readUrl: the replica's, when there is one).
 */
export const runScopedOnThread = async <T>(appUrl: string, principal: Principal, fn: (c: Client) => Promise<T>, opts: { readOnly?: boolean } = {}): Promise<T> => {
  const pool = createPool(appUrl, 1, 'fazhi-thread');
  try {
    return await inTransaction(pool, async (c) => {
      if (opts.readOnly) await c.query('SET TRANSACTION READ ONLY');
      await applyScope(c, principal);
    }, fn);
  } finally {
    await pool.end();
  }
};
