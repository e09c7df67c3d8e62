import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cockpit, Me } from '@fazhi/contracts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { modules } from '../../modules/index.ts';
import { DEMO_PASSWORD } from '../../seed/demo-town.ts';
import { seedDemo } from '../../seed/seed.ts';
import { DEMO_TODAY, TEST_MASTER_KEY_HEX } from '../../test/constants.ts';
import type { TypedApp } from '../http/types.ts';
import { createPlatform, runSystem, type Platform } from '../platform.ts';
import { appRoleUrl, ensureAppRole, ensureDatabase, replicaUrl } from './bootstrap.ts';
import { startCluster, startStandby, type RunningCluster } from './cluster.ts';
import { migrate } from './migrate.ts';
import { hearEveryConnection } from './pools.ts';
import { freePort } from '../../test/free-port.ts';

/**
 * Reads from a streaming replica (DATABASE_READ_URL; docs/operations.md, "Scale"; decision
 * 0014). A PostgreSQL of this test's own and a hot standby of it, made with the low-level
 * backup API (startStandby), both on 127.0.0.1; the real app built with the replica's address.
 * Replay paused on the standby is the proof of where a request read: a dispute accepted on
 * the primary meanwhile is not in the figures, and is once replay resumes.
 */
const YEAR = Number(DEMO_TODAY.slice(0, 4));
const master = Buffer.from(TEST_MASTER_KEY_HEX, 'hex');
let dir = '';
let primary: RunningCluster | null = null;
let standby: RunningCluster | null = null;
let platform: Platform;
let app: TypedApp;
/** The owner's connections: to the primary for arranging and checking, to the standby for pausing its replay. */
let onPrimary: pg.Pool;
let onStandby: pg.Pool;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fazhi-replica-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when the suite runs as root
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primaryDir = path.join(dir, 'primary');
  primary = await startCluster({
    dataDir: primaryDir, port: primaryPort, superuser: 'postgres', password: 'replica-test',
    settings: { fsync: 'off', synchronous_commit: 'off' }, startTimeoutMs: 60_000,
  });
  const ownerUrl = primary.url('fazhi');
  await ensureDatabase(ownerUrl);
  const appUrl = await ensureAppRole(ownerUrl, master);
  await migrate(ownerUrl);
  // The replica's address, without credentials: the server reads it as the request role.
  const config = {
    ...loadConfig({ FAZHI_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', DATABASE_READ_URL: `postgres://127.0.0.1:${standbyPort}/fazhi` }),
    signInRateLimitPerMinute: 100000, publicRateLimitPerMinute: 100000,
  };
  expect(appUrl).toBe(appRoleUrl(ownerUrl, master));
  platform = createPlatform(config, { owner: ownerUrl, app: appUrl, read: replicaUrl(config.databaseReadUrl ?? '', appUrl) }, master,
    pino({ level: process.env.FAZHI_TEST_LOG ?? 'silent' }), { modules, today: () => DEMO_TODAY });
  // The town's orgs and accounts, on the primary before the standby is made from it.
  await runSystem(platform, (c) => seedDemo(c, platform.keys.fields));
  standby = await startStandby({ dataDir: primaryDir, binDir: primary.binDir, url: primary.url('postgres') },
    { dataDir: path.join(dir, 'standby'), port: standbyPort, settings: { fsync: 'off' }, startTimeoutMs: 60_000 });
  onPrimary = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  onStandby = new pg.Pool({ connectionString: standby.url('fazhi'), max: 2 });
  // A connection still closing when its cluster stops hears the shutdown: nobody's error.
  for (const pool of [onPrimary, onStandby]) {
    hearEveryConnection(pool);
    pool.on('error', () => undefined);
  }
  app = await buildApp(platform, { logger: false });
  await app.ready();
}, 180_000);

afterAll(async () => {
  await app?.close();
  await platform?.close();
  await onPrimary?.end();
  if (standby) await onStandby?.end();
  await standby?.stop();
  await primary?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers of several endpoints, asserted field by field
type Body = any;
type Agent = { me: Me; get: (url: string) => Promise<{ status: number; body: Body }>; post: (url: string, body?: unknown) => Promise<{ status: number; body: Body; raw: Buffer; headers: Record<string, unknown> }> };
const signIn = async (username: string): Promise<Agent> => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: DEMO_PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = `fazhi_sid=${res.cookies.find((c) => c.name === 'fazhi_sid')?.value ?? ''}`;
  const me = res.json<Me>();
  const send = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const r = await app.inject({ method, url, headers: { cookie, 'x-csrf-token': me.csrfToken }, ...(body === undefined ? {} : { payload: body as object }) });
    const json = (r.headers['content-type'] ?? '').toString().startsWith('application/json') ? r.json() : null;
    return { status: r.statusCode, body: json, raw: r.rawPayload, headers: r.headers as Record<string, unknown> };
  };
  return { me, get: (u) => send('GET', u), post: (u, b) => send('POST', u, b ?? {}) };
};

/** Until the standby has replayed everything the primary has written so far: a bounded wait, polled. */
const replayed = async (): Promise<void> => {
  const lsn = (await onPrimary.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]?.lsn;
  const until = Date.now() + 30_000;
  for (;;) {
    const { rows } = await onStandby.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
    if (rows[0]?.done) return;
    if (Date.now() > until) throw new Error(`the standby did not replay up to ${lsn} within 30 s`);
    await onStandby.query('SELECT pg_sleep(0.02)');
  }
};
const pauseReplay = async (): Promise<void> => {
  await onStandby.query('SELECT pg_wal_replay_pause()');
  const until = Date.now() + 30_000;
  // A pause is asked for, then takes effect at the next record; wait for it.
  while ((await onStandby.query<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0]?.s !== 'paused') {
    if (Date.now() > until) throw new Error('the standby did not pause its replay within 30 s');
    await onStandby.query('SELECT pg_sleep(0.02)');
  }
};

/** A dispute registered and accepted in the mediator's village: counted by mediation.received. */
const acceptDispute = async (mediator: Agent, title: string): Promise<string> => {
  const made = await mediator.post('/api/cases', {
    type: 'mediation', orgId: mediator.me.user.orgId, title, category: '邻里', body: '两户因院墙排水发生争执。',
    parties: [{ kind: 'person', role: '申请人', name: '王建国' }, { kind: 'person', role: '被申请人', name: '李海军' }],
  });
  expect(made.status, JSON.stringify(made.body)).toBe(200);
  const accepted = await mediator.post(`/api/cases/${made.body.id}/transitions`, { transition: 'accept', version: made.body.version ?? 1 });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return made.body.id as string;
};

const received = async (agent: Agent): Promise<{ stats: number; metric: number }> => {
  const stats = await agent.get(`/api/mediation/stats?year=${YEAR}`);
  expect(stats.status, JSON.stringify(stats.body)).toBe(200);
  const metric = await agent.get(`/api/metrics/mediation.received?year=${YEAR}`);
  expect(metric.status, JSON.stringify(metric.body)).toBe(200);
  return { stats: stats.body.received as number, metric: metric.body.value as number };
};
let cockpitAsOf: string | null = null;
const cockpitReceived = async (agent: Agent): Promise<number | null> => {
  const res = await agent.get(`/api/cockpit?year=${YEAR}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  cockpitAsOf = (res.body as Cockpit).asOf;
  return (res.body as Cockpit).figures.find((f) => f.code === 'mediation.received')?.value ?? null;
};

describe('reads from a streaming replica', () => {
  it('serves the statistics, the figures and the cockpit from the replica, each user\'s own subtree there, while writes go to the primary', async () => {
    const [east, west, sifa, leader] = await Promise.all([signIn('tiaojie1'), signIn('tiaojie2'), signIn('sifa'), signIn('leader')]);
    await acceptDispute(east, '东营村排水纠纷（一）');
    // The cockpit counts its cache entries on the primary (the owner writes them), read back on the replica.
    expect(await cockpitReceived(leader)).toBe(1);
    await replayed();
    const before = { east: await received(east), west: await received(west), town: await received(sifa), cockpit: await cockpitReceived(leader) };
    expect(before).toEqual({ east: { stats: 1, metric: 1 }, west: { stats: 0, metric: 0 }, town: { stats: 1, metric: 1 }, cockpit: 1 });

    await pauseReplay();
    try {
      // Writes with the replica configured: taken by the primary, not yet on the paused standby.
      const ids = [await acceptDispute(east, '东营村排水纠纷（二）'), await acceptDispute(west, '西营村宅基地纠纷')];
      const count = "SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND status = 'accepted'";
      expect((await onPrimary.query<{ n: number }>(count, [ids])).rows[0]?.n).toBe(2);
      expect((await onStandby.query<{ n: number }>(count, [ids])).rows[0]?.n).toBe(0);
      // Every figure is as the replica has it: without the two.
      expect({ east: await received(east), west: await received(west), town: await received(sifa), cockpit: await cockpitReceived(leader) }).toEqual(before);
      // The cockpit says what its figures are as of: the replica's last replayed transaction, before the two were written.
      const written = (await onPrimary.query<{ first: Date }>('SELECT min(created_at) AS first FROM cases WHERE id = ANY($1::uuid[])', [ids])).rows[0]?.first;
      expect(cockpitAsOf).toEqual(expect.any(String));
      expect(new Date(cockpitAsOf ?? '').getTime()).toBeLessThan(written?.getTime() ?? 0);
    } finally {
      await onStandby.query('SELECT pg_wal_replay_resume()');
    }
    await replayed();
    // Replayed: each user's figure counts their own subtree's, row-level security on the replica as on the primary.
    expect({ east: await received(east), west: await received(west), town: await received(sifa), cockpit: await cockpitReceived(leader) })
      .toEqual({ east: { stats: 2, metric: 2 }, west: { stats: 1, metric: 1 }, town: { stats: 3, metric: 3 }, cockpit: 3 });
    // A village's mediator asking the replica for the township's figure: the township is out of
    // their scope there (fazhi_org_visible), so not found; and the cases behind their own figure are their village's.
    const town = (await onPrimary.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'zhangbaqiao'")).rows[0]?.id;
    expect((await east.get(`/api/metrics/mediation.received?year=${YEAR}&orgId=${town}`)).status).toBe(404);
    expect((await east.get(`/api/mediation/stats/cases?year=${YEAR}&metric=received`)).body.items.map((x: { title: string }) => x.title).sort())
      .toEqual(['东营村排水纠纷（一）', '东营村排水纠纷（二）']);

    // The replica is read as the request role (no superuser, no BYPASSRLS), in the read pool's connections.
    const readers = (await onStandby.query<{ usename: string; bypass: boolean; super: boolean }>(
      `SELECT a.usename, r.rolbypassrls AS bypass, r.rolsuper AS super FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.application_name = 'fazhi-read'`)).rows;
    expect(readers.length).toBeGreaterThan(0);
    expect(new Set(readers.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ usename: 'fazhi_app', bypass: false, super: false })]));
  });

  it('reads an export on the replica and writes its audit row on the primary', async () => {
    const xinfang = await signIn('xinfang');
    const res = await xinfang.post(`/api/complaints/export.xlsx?year=${YEAR}`);
    expect(res.status, res.raw.toString().slice(0, 300)).toBe(200);
    expect(res.raw.subarray(0, 2).toString()).toBe('PK');
    const audited = await onPrimary.query<{ after: { year: number } }>("SELECT after FROM audit_log WHERE action = 'complaint.export' AND actor_id = $1", [xinfang.me.user.id]);
    expect(audited.rows.map((r) => r.after.year)).toEqual([YEAR]);
    // The mediation ledger: its rows read on a thread from the replica, streamed as a workbook.
    const sifa = await signIn('sifa');
    const ledger = await sifa.post(`/api/mediation/ledger.xlsx?year=${YEAR}`);
    expect(ledger.status, ledger.raw.toString().slice(0, 300)).toBe(200);
    expect(ledger.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('tells the operator the replica\'s state and lag', async () => {
    const res = await app.inject({ url: '/replicaz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'streaming', lagSeconds: expect.any(Number) });
  });

  it('answers the replica\'s endpoints 503 REPLICA_UNAVAILABLE while it is down, and the primary\'s go on', async () => {
    const [sifa, leader, east] = await Promise.all([signIn('sifa'), signIn('leader'), signIn('tiaojie1')]);
    await onStandby.end();
    await standby?.stop();
    standby = null;
    for (const [agent, url] of [[sifa, `/api/mediation/stats?year=${YEAR}`], [sifa, `/api/metrics/mediation.received?year=${YEAR}`], [leader, `/api/cockpit?year=${YEAR}`]] as const) {
      const res = await agent.get(url);
      expect(res.status, url).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'REPLICA_UNAVAILABLE', message: expect.stringContaining('统计数据暂时无法读取') });
    }
    expect((await app.inject({ url: '/replicaz' })).statusCode).toBe(503);
    // The primary: ready, its lists and its writes.
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect((await east.get('/api/cases')).status).toBe(200);
    await acceptDispute(east, '东营村排水纠纷（三）');
  });
});
