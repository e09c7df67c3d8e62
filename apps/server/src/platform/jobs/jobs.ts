import { classifyDatabaseError } from '../db/db-errors.ts';
import { hearEveryConnection } from '../db/pools.ts';
import pg from 'pg';
import { Logger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type { Logger as Pino } from 'pino';
import { runSystem, type Platform } from '../platform.ts';
import { checkpointDir, writeCheckpoint } from '../audit/checkpoint.ts';
import { createSenders, type Senders } from '../outbox/senders.ts';
import { DELIVER_TASK, deliverOutbox, sweepOutbox } from '../outbox/outbox.ts';
import { scanDeadlines } from './scan-deadlines.ts';
import { warmCockpit } from '../metrics/cockpit.ts';

/**
 * Background jobs with graphile-worker on the same PostgreSQL: no broker to run. The queue
 * lives in the `graphile_worker` schema, which graphile-worker installs and migrates itself
 * on the owner connection; the request role never touches it. Cron items fire once per
 * interval however many server processes run (graphile-worker records each firing).
 *
 * - scan-deadlines, every 5 minutes: reminders and escalations (scan-deadlines.ts). One
 *   queue, so two scans never overlap; each reminder is claimed once anyway.
 * - outbox-deliver: one SMS or e-mail, queued with the outbox row (platform/outbox).
 * - outbox-sweep, every 10 minutes and at start: due messages that have no job.
 * - audit-checkpoint, daily at 01:30: every audit chain's head, signed, to the checkpoint
 *   folder outside the database (platform/audit/checkpoint.ts).
 * - cockpit-warm, at start and every 10 minutes: the cockpit's per-township figures of this
 *   year and last that a change (or a new day) made stale, counted again before a leader asks
 *   (platform/metrics/cockpit.ts).
 */
export const CRONTAB = [
  '*/5 * * * * scan-deadlines ?max=3&queue=deadline-scan',
  '*/10 * * * * outbox-sweep ?max=3',
  '30 1 * * * audit-checkpoint ?max=3',
  '45 1 * * * throttle-sweep ?max=3',
  '*/10 * * * * cockpit-warm ?max=1&queue=cockpit-warm',
].join('\n');

const idOf = (payload: unknown): string | null => {
  const id = typeof payload === 'object' && payload !== null ? (payload as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
};

export const jobTasks = (platform: Platform, senders: Senders): TaskList => ({
  // Each module's own tasks (FazhiModule.jobs), then the platform's.
  ...Object.assign({}, ...platform.modules.map((m) => m.jobs?.(platform) ?? {})) as TaskList,
  'scan-deadlines': async () => {
    const r = await scanDeadlines(platform);
    if (r.reminded + r.escalated > 0) platform.log.info(r, 'deadline scan: reminders and escalations sent');
  },
  [DELIVER_TASK]: async (payload) => {
    const id = idOf(payload);
    // A malformed payload would fail the same way on every retry: log it and drop the job.
    if (!id) { platform.log.error({ payload }, 'outbox-deliver: payload without an id'); return; }
    const outcome = await deliverOutbox(platform, senders, id);
    platform.log.debug({ outboxId: id, outcome }, 'outbox delivery');
  },
  'audit-checkpoint': async () => {
    const written = await runSystem(platform, (c) => writeCheckpoint(c, platform.keys.master, checkpointDir(platform.config.dataDir)));
    platform.log.info(written, 'audit checkpoint written');
  },
  // Counters of failed sign-ins and tracking guesses stop counting after a day (platform/auth): their rows go after two.
  'throttle-sweep': async () => {
    const { rowCount } = await platform.system.query("DELETE FROM attempt_throttle WHERE last_failure_at < now() - interval '2 days' AND (blocked_until IS NULL OR blocked_until < now())");
    if (rowCount) platform.log.info({ removed: rowCount }, 'throttle sweep: old failure counters removed');
    await platform.system.query('DELETE FROM rate_limit_hits WHERE window_ends < now()');
  },
  'cockpit-warm': async () => {
    const year = Number(platform.cases.today().slice(0, 4));
    const n = await warmCockpit(platform, [year, year - 1]);
    if (n > 0) platform.log.info({ counted: n }, 'cockpit: township-years counted again');
  },
  'outbox-sweep': async () => {
    const n = await sweepOutbox(platform, senders);
    if (n > 0) platform.log.info({ queued: n }, 'outbox sweep: queued due messages');
  },
});

/** graphile-worker's log through the server's pino; its per-job chatter only at debug. */
export const workerLogger = (log: Pino): Logger => new Logger((scope) => (level, message, meta) => {
  const fields = { ...scope, ...meta, component: 'jobs' };
  switch (String(level)) {
    case 'error': log.error(fields, message); break;
    case 'warning': log.warn(fields, message); break;
    default: log.debug(fields, message);
  }
});

/** Installs or upgrades the `graphile_worker` schema (owner connection); `run` does it too. */
export const installJobSchema = (ownerUrl: string, log: Pino): Promise<void> => runMigrations({ connectionString: ownerUrl, logger: workerLogger(log) });

export type Jobs = { runner: Runner; senders: Senders; stop: () => Promise<void> };

/** Resolves when no statement is running or waiting on the pool (or after `maxMs`). */
const settled = async (pool: pg.Pool, maxMs = 5000): Promise<void> => {
  const until = Date.now() + maxMs;
  // A turn first: the end of a job is recorded by a promise started as the runner stops.
  await new Promise((resolve) => setImmediate(resolve));
  while ((pool.totalCount > pool.idleCount || pool.waitingCount > 0) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * Starts the worker in this server process (server.ts, after the migrations). Two jobs at a
 * time: the work is database-bound and a township's server has two cores.
 */
export const startJobs = async (platform: Platform, ownerUrl: string): Promise<Jobs> => {
  const senders = createSenders(platform.config.outbox);
  // graphile-worker 0.17 records a job's end without awaiting it (worker.js calls failJob and
  // completeJob and drops the promise): when the database stays away longer than its retries,
  // that promise rejects with nobody to hear it, and Node ends the process. The PostgreSQL
  // restart test found it (docs/reliability.md, section 8). Such a rejection (the database
  // unreachable, or an error from graphile-worker's code) is logged: the
  // job stays locked and runs again when graphile-worker frees stale locks, and an outbox
  // message is claimed in its own transaction, so it is still sent once. Any other unheard
  // rejection ends the process as before.
  const onUnhandled = (reason: unknown): void => {
    const stack = reason instanceof Error ? reason.stack ?? '' : '';
    if (classifyDatabaseError(reason) === null && !stack.includes('graphile-worker')) throw reason;
    platform.log.warn({ err: reason }, 'jobs: the worker could not record a job\'s end (database unavailable); it runs again later');
  };
  process.on('unhandledRejection', onUnhandled);
  // The worker's connections come from a pool of ours, which notes a connection the server
  // ends (a restart, a dropped database) instead of letting its error end the process.
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 4, application_name: 'fazhi-jobs' });
  pool.on('error', (err) => platform.log.warn({ err }, 'jobs: a pooled connection was closed by the server'));
  hearEveryConnection(pool);
  const runner = await run({
    pgPool: pool, concurrency: 2, pollInterval: 2000,
    // The server handles SIGINT/SIGTERM itself and stops the runner in order (cli/main.ts).
    noHandleSignals: true,
    logger: workerLogger(platform.log), taskList: jobTasks(platform, senders), crontab: [CRONTAB, ...platform.modules.flatMap((m) => m.crontab ?? [])].join('\n'),
  });
  runner.promise.catch((err: unknown) => platform.log.error({ err }, 'jobs: the worker stopped unexpectedly'));
  await runner.addJob('outbox-sweep', {}, { jobKey: 'outbox-sweep' });
  // The cockpit's figures counted at start too, not only at the next ten minutes: a county's first
  // answer after a start otherwise counts every stale township-year itself (2.6 s on 200,000
  // cases, docs/performance.md). One job however many processes start (its key), outside the
  // cron's queue: a queue a stopped process left locked would hold it back for hours, and a run
  // beside the cron's only counts twice what it writes once (the cache is upserted).
  await runner.addJob('cockpit-warm', {}, { jobKey: 'cockpit-warm-at-start' });
  let stopping: Promise<void> | null = null;
  return {
    runner, senders,
    stop: () => (stopping ??= (async () => {
      await runner.stop();
      senders.close();
      // graphile-worker records a job's end without awaiting it: ending the pool at once made
      // that write fail, and the job that had just run stayed locked, with its named queue, for
      // hours (a restart during a deadline scan held back every scan after it). Its statements
      // are let finish first.
      await settled(pool);
      await pool.end();
      process.off('unhandledRejection', onUnhandled);
    })()),
  };
};
