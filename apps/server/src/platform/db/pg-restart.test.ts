import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { modules } from '../../modules/index.ts';
import { DEMO_PASSWORD } from '../../seed/demo-town.ts';
import { seedDemo, seedRoles } from '../../seed/seed.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';
import { startFakeSms, type FakeSms } from '../../test/fake-providers.ts';
import type { TypedApp } from '../http/types.ts';
import { startJobs } from '../jobs/jobs.ts';
import { createPlatform, runSystem, type Platform } from '../platform.ts';
import { appRoleUrl, ensureAppRole, ensureDatabase } from './bootstrap.ts';
import { startCluster, type ClusterOptions, type RunningCluster } from './cluster.ts';
import { migrate } from './migrate.ts';
import { freePort } from '../../test/free-port.ts';

/**
 * PostgreSQL restarting under load (docs/reliability.md): the real app and its job worker on a
 * PostgreSQL of their own, which is stopped while online applications are in flight and
 * started again. While it is down every request is answered 503 DATABASE_UNAVAILABLE (never a
 * 500) and /readyz 503; once it is back the same applications, retried with their
 * Idempotency-Keys, are taken, sign-in works, and every queued SMS is sent exactly once.
 */
let dir = '';
let options: ClusterOptions;
let cluster: RunningCluster | null = null;
let platform: Platform;
let app: TypedApp;
let jobs: Awaited<ReturnType<typeof startJobs>> | null = null;
let sms: FakeSms;
let ownerUrl = '';
let villageId = '';
const master = Buffer.from(TEST_MASTER_KEY_HEX, 'hex');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fazhi-pg-restart-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when the suite runs as root
  options = {
    dataDir: path.join(dir, 'pg'), port: await freePort(), superuser: 'postgres', password: 'restart-test',
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }, startTimeoutMs: 60_000,
  };
  cluster = await startCluster(options);
  ownerUrl = cluster.url('fazhi');
  await ensureDatabase(ownerUrl);
  await ensureAppRole(ownerUrl, master);
  await migrate(ownerUrl);
  sms = await startFakeSms();
  const base = loadConfig({ FAZHI_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' });
  const config = {
    ...base, signInRateLimitPerMinute: 100000, publicRateLimitPerMinute: 100000,
    outbox: { smsGatewayUrl: sms.url, smsGatewayToken: 't', smtpUrl: null, smtpFrom: null, maxAttempts: 5 },
    // Short waits: a request while the database is down is answered at once or within seconds.
    db: { ...base.db, acquireTimeoutMs: 5_000 },
  };
  platform = createPlatform(config, { owner: ownerUrl, app: appRoleUrl(ownerUrl, master) }, master, pino({ level: process.env.FAZHI_TEST_LOG ?? 'silent' }), { modules });
  // The town's orgs and accounts (the demo's cases are not needed here).
  await runSystem(platform, async (c) => {
    await seedRoles(c);
    await seedDemo(c, platform.keys.fields);
  });
  villageId = (await runSystem(platform, (c) => c.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'S01'"))).rows[0]!.id;
  jobs = await startJobs(platform, ownerUrl);
  app = await buildApp(platform);
  await app.ready();
}, 180_000);

afterAll(async () => {
  await app?.close();
  await jobs?.stop().catch(() => undefined);
  await platform?.close();
  await sms?.close();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const apply = (i: number) => app.inject({
  method: 'POST', url: '/api/public/mediation/applications',
  remoteAddress: `10.9.${Math.floor(i / 250)}.${(i % 250) + 1}`,
  headers: { 'idempotency-key': `restart-${String(i).padStart(4, '0')}` },
  payload: {
    villageId, category: '邻里',
    applicant: { name: `申请人${i}`, phone: `138${String(i).padStart(8, '0')}` }, respondent: { name: '孙某' },
    facts: `[restart-${i}] 邻居装修噪音扰民。`, claims: '请求停止夜间施工。', consent: true,
  },
});
const tally = (statuses: number[]): Record<string, number> => Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length]));

describe('PostgreSQL restarting under load', () => {
  it('answers 503 while it is down, takes the retried work once it is back, and sends each SMS once', async () => {
    const N = 60;
    const acked = new Map<number, string>();
    const note = (i: number, r: Awaited<ReturnType<typeof apply>>) => { if (r.statusCode === 200) acked.set(i, r.json<{ id: string }>().id); };

    // Up: the first third is taken.
    const first = await Promise.all(Array.from({ length: N / 3 }, async (_, i) => { const r = await apply(i); note(i, r); return r.statusCode; }));
    expect(tally(first)).toEqual({ 200: N / 3 });

    // PostgreSQL stops (fast shutdown) while the second third is in flight: each is taken or
    // answered 503, none 500.
    const stopping = cluster!.stop();
    const during = await Promise.all(Array.from({ length: N / 3 }, async (_, k) => {
      const i = N / 3 + k;
      const r = await apply(i);
      note(i, r);
      return r.statusCode === 503 ? `503 ${r.json<{ error: { code: string } }>().error.code}` : String(r.statusCode);
    }));
    await stopping;
    cluster = null;
    expect(during.every((s) => ['200', '503 DATABASE_UNAVAILABLE', '503 SERVICE_BUSY'].includes(s)), JSON.stringify(tally(during as never))).toBe(true);

    // Down: the last third, a sign-in and /readyz are answered 503 with the Chinese message.
    const down = await Promise.all(Array.from({ length: N / 3 }, (_, k) => apply((2 * N) / 3 + k)));
    for (const r of down) {
      expect(r.statusCode).toBe(503);
      expect(r.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/^数据库暂时无法连接/) });
      expect(r.headers['retry-after']).toBe('5');
    }
    const signInDown = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'tiaojie1', password: DEMO_PASSWORD } });
    expect(signInDown.statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);

    // Back: the same PostgreSQL on the same folder and port.
    cluster = await startCluster(options);
    // Every application not acknowledged is sent again with its key until it is (a pooled
    // connection the restart broke may fail one more request: that one is retried too).
    let left = Array.from({ length: N }, (_, i) => i).filter((i) => !acked.has(i));
    const after: number[] = [];
    for (let attempt = 0; left.length > 0 && attempt < 5; attempt++) {
      const answers = await Promise.all(left.map(async (i) => { const r = await apply(i); note(i, r); return r.statusCode; }));
      after.push(...answers);
      left = left.filter((i) => !acked.has(i));
    }
    expect(left).toEqual([]);
    expect(after.every((s) => s === 200 || s === 503)).toBe(true);
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'tiaojie1', password: DEMO_PASSWORD } });
    expect(signIn.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);

    // Stored exactly once each, the acknowledged ones.
    const db = new pg.Client({ connectionString: cluster.url('fazhi') });
    await db.connect();
    try {
      const rows = (await db.query<{ id: string; n: number }>(
        "SELECT id, count(*) OVER (PARTITION BY substring(body from '\\[restart-[0-9]+\\]'))::int AS n FROM cases WHERE body LIKE '%[restart-%'")).rows;
      expect(rows).toHaveLength(N);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(acked.values()));
      expect(rows.every((r) => r.n === 1)).toBe(true);

      // The job worker came back by itself: every receipt SMS is sent, each exactly once.
      const deadline = Date.now() + 90_000;
      let pending = -1;
      while (pending !== 0) {
        pending = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE template = 'application.received' AND status <> 'sent'")).rows[0]!.n;
        if (pending === 0) break;
        if (Date.now() > deadline) throw new Error(`${pending} receipt SMS still not sent 90 s after the restart`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const ids = (await db.query<{ id: string }>("SELECT id FROM outbox WHERE template = 'application.received'")).rows.map((r) => r.id);
      expect(ids).toHaveLength(N);
      const sent = sms.requests.map((r) => r.body.id);
      expect(ids.every((id) => sent.filter((s) => s === id).length === 1)).toBe(true);
      console.info(`PostgreSQL restart: before ${JSON.stringify(tally(first))}, while stopping ${JSON.stringify(tally(during as never))}, down ${down.length} × 503, after ${JSON.stringify(tally(after))}; ${N} stored once, ${ids.length} SMS sent once each`);
    } finally {
      await db.end();
    }
  }, 180_000);
});
