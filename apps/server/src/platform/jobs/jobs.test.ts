import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCrontab, type Job } from 'graphile-worker';
import { createHarness, type Harness } from '../../test/harness.ts';
import { startFakeSms, type FakeSms } from '../../test/fake-providers.ts';
import { createPlatform, runSystem } from '../platform.ts';
import { enqueueMessage } from '../outbox/outbox.ts';
import { createSenders } from '../outbox/senders.ts';
import { CRONTAB, installJobSchema, jobTasks, startJobs } from './jobs.ts';
import pino from 'pino';
import { modules } from '../../modules/index.ts';
import { appRoleUrl } from '../db/bootstrap.ts';

let h: Harness;
let sms: FakeSms;

beforeAll(async () => {
  sms = await startFakeSms();
  h = await createHarness({ outbox: { smsGatewayUrl: sms.url, smsGatewayToken: 't', smtpUrl: null, smtpFrom: null, maxAttempts: 3 } });
});
afterAll(async () => {
  await h.close();
  await sms.close();
});

describe('the job queue', () => {
  it('installs its schema as a database owner that is not a superuser, and the request role cannot reach it', async () => {
    const role = `fazhi_jobs_${randomBytes(4).toString('hex')}`;
    const db = new URL(h.ownerUrl).pathname.slice(1);
    await h.db.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'owner-test'`);
    try {
      await h.db.query(`GRANT CREATE ON DATABASE ${db} TO ${role}`);
      const url = new URL(h.ownerUrl);
      url.username = role;
      url.password = 'owner-test';
      await installJobSchema(url.toString(), h.platform.log);
      const owner = await h.db.query("SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'graphile_worker'");
      expect(owner.rows[0]?.owner).toBe(role);
      await expect(h.platform.app.query("SELECT graphile_worker.add_job('outbox-sweep')")).rejects.toThrow(/permission denied/);
      await expect(h.platform.app.query('SELECT count(*) FROM graphile_worker._private_jobs')).rejects.toThrow(/permission denied/);
    } finally {
      await h.db.query('DROP SCHEMA IF EXISTS graphile_worker CASCADE');
      await h.db.query(`REVOKE CREATE ON DATABASE ${db} FROM ${role}`);
      await h.db.query(`DROP ROLE ${role}`);
    }
  });

  it('runs in the server: a message queued in a transaction is delivered without waiting for a poll, and the runner stops cleanly', async () => {
    const jobs = await startJobs(h.platform, h.ownerUrl);
    try {
      const delivered = new Promise<Job>((resolve, reject) => {
        jobs.runner.events.on('job:success', ({ job }) => { if (job.task_identifier === 'outbox-deliver') resolve(job); });
        jobs.runner.events.on('job:error', ({ job, error }) => { if (job.task_identifier === 'outbox-deliver') reject(error instanceof Error ? error : new Error(String(error))); });
      });
      const id = await runSystem(h.platform, (c) => enqueueMessage(c, h.platform.keys.fields, {
        channel: 'sms', to: '13912340000', template: 'case.closed', townshipId: null,
        params: { township: '张八桥镇', trackingNo: '2025ZZZZ2222', queryCode: '135790' },
      }));
      const job = await delivered;
      expect(job.payload).toEqual({ id });
      // The first delivery job to end may be a second one for the same row (the start-up sweep's),
      // which finds it claimed and leaves it: the row is marked sent when the sending job ends.
      await expect.poll(async () => (await h.db.query('SELECT status FROM outbox WHERE id = $1', [id])).rows[0]?.status, { timeout: 10_000 }).toBe('sent');
      expect(sms.requests.filter((r) => r.body.id === id)).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
    await expect(jobs.runner.promise).resolves.toBeUndefined();
  });

  it('counts the cockpit\'s stale township-years at start, not only at the next ten minutes', async () => {
    const year = Number(h.platform.cases.today().slice(0, 4));
    await h.db.query('DELETE FROM metric_cache WHERE year = ANY($1::int[])', [[year, year - 1]]);
    const jobs = await startJobs(h.platform, h.ownerUrl);
    try {
      await expect.poll(async () => Number((await h.db.query('SELECT count(DISTINCT (township_id, year)) AS n FROM metric_cache WHERE year = ANY($1::int[])', [[year, year - 1]])).rows[0]?.n),
        { timeout: 20_000, interval: 200 }).toBe(2 * Number((await h.db.query("SELECT count(*) AS n FROM orgs WHERE kind = 'township'")).rows[0]?.n));
    } finally {
      await jobs.stop();
    }
  });

  it('leaves no job or queue locked when it stops during a run, so that the next process runs them at once', async () => {
    const jobs = await startJobs(h.platform, h.ownerUrl);
    const started = new Set<string>();
    jobs.runner.events.on('job:start', ({ job }) => { started.add(String(job.id)); });
    const job = await jobs.runner.addJob('cockpit-warm', {}, { queueName: 'cockpit-warm' });
    await expect.poll(() => started.has(String(job.id)), { timeout: 10_000, interval: 5 }).toBe(true);
    await jobs.stop();
    // A job still marked as running, or its queue, would wait for graphile-worker's stale-lock
    // timeout (hours) before any process took it or the next of its queue (the cron's warms).
    expect((await h.db.query('SELECT queue_name FROM graphile_worker._private_job_queues WHERE locked_at IS NOT NULL')).rows).toEqual([]);
    expect((await h.db.query('SELECT id FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL')).rows).toEqual([]);
  });

  it('runs each job once when two server processes work the same queue', async () => {
    // A second process on the same database: its own platform and its own worker.
    const master = h.platform.keys.master;
    const other = createPlatform(h.platform.config, { owner: h.ownerUrl, app: appRoleUrl(h.ownerUrl, master) }, master, pino({ level: 'silent' }), { modules });
    const [a, b] = [await startJobs(h.platform, h.ownerUrl), await startJobs(other, h.ownerUrl)];
    try {
      const ids = await runSystem(h.platform, async (c) => {
        const out: string[] = [];
        for (let i = 0; i < 40; i++) {
          out.push(await enqueueMessage(c, h.platform.keys.fields, {
            channel: 'sms', to: `1391234${String(i).padStart(4, '0')}`, template: 'case.closed', townshipId: null,
            params: { township: '张八桥镇', trackingNo: `2025TWO${String(i).padStart(5, '0')}`, queryCode: '135790' },
          }));
        }
        return out;
      });
      await expect.poll(async () => Number((await h.db.query("SELECT count(*) AS n FROM outbox WHERE id = ANY($1::uuid[]) AND status = 'sent'", [ids])).rows[0]?.n),
        { timeout: 60_000, interval: 200 }).toBe(40);
      for (const id of ids) expect(sms.requests.filter((r) => r.body.id === id), id).toHaveLength(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await other.close();
    }
  }, 90_000);

  it('schedules the deadline scan every 5 minutes and the outbox sweep every 10, each for a task that exists', () => {
    const tasks = Object.keys(jobTasks(h.platform, createSenders(h.platform.config.outbox)));
    const items = parseCrontab(CRONTAB);
    expect(items.map((i) => i.task).sort()).toEqual(['audit-checkpoint', 'cockpit-warm', 'outbox-sweep', 'scan-deadlines', 'throttle-sweep']);
    for (const i of items) expect(tasks).toContain(i.task);
    const at = (min: number) => ({ min, hour: 9, date: 15, month: 6, dow: 1 });
    const scan = items.find((i) => i.task === 'scan-deadlines');
    expect([0, 5, 55].map((m) => scan?.match(at(m)))).toEqual([true, true, true]);
    expect([1, 4, 59].map((m) => scan?.match(at(m)))).toEqual([false, false, false]);
    expect(scan?.options.queueName).toBe('deadline-scan');
  });

  it('sweeps failure counters older than two days, and keeps the recent ones and those still blocking', async () => {
    await h.db.query(`INSERT INTO attempt_throttle (scope, key_hash, failures, first_failure_at, last_failure_at, blocked_until) VALUES
      ('test', '\\x01', 3, now() - interval '5 days', now() - interval '3 days', NULL),
      ('test', '\\x02', 3, now() - interval '1 hour', now() - interval '1 hour', NULL),
      ('test', '\\x03', 30, now() - interval '5 days', now() - interval '3 days', now() + interval '1 hour')`);
    await jobTasks(h.platform, createSenders(h.platform.config.outbox))['throttle-sweep']?.({}, {} as never);
    const left = (await h.db.query<{ k: string }>("SELECT encode(key_hash, 'hex') AS k FROM attempt_throttle WHERE scope = 'test' ORDER BY 1")).rows.map((r) => r.k);
    expect(left).toEqual(['02', '03']);
  });
});
