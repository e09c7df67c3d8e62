import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { startFakeWvp, type FakeWvp } from './wvp-fake.test-support.ts';
import { isCameraDeviceId } from './identity.ts';

/**
 * The camera registry: GB/T 28181 codes checked, 备案 due 30 days after the camera is put in
 * use (条例 第十四条; 2025-06-30 for one in use before the regulation), retention of 30 days
 * or more (第十七条), and every view recorded with its reason before a stream is given
 * (第十六条) — against a local stand-in of wvp-GB28181-pro, and without any video platform.
 */
const today = '2026-11-30';
const camera = (over: Record<string, unknown> = {}) => ({
  deviceId: '41042100011320099001', name: '东营村村委会门口', orgId: '', lat: 33.935, lng: 113.061, ownerUnit: '张八桥镇人民政府',
  installedOn: '2026-11-10', retentionDays: 30, signPosted: true, signPostedOn: '2026-11-12', ...over,
});
const state = async (h: Harness): Promise<string> => JSON.stringify((await h.db.query(`SELECT
  (SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY id), '')) FROM safety_cameras c) AS cameras,
  (SELECT count(*) FROM safety_camera_views) AS views`)).rows[0]);

describe('GB/T 28181 camera codes', () => {
  it('takes 20 digits with type 131 or 132 and a province code, and refuses others', () => {
    expect(isCameraDeviceId('41042100011320099001')).toBe(true);
    expect(isCameraDeviceId('34020000001310000001')).toBe(true);
    expect(isCameraDeviceId('34020000001180000001')).toBe(false); // an NVR (118)
    expect(isCameraDeviceId('0402000000132000000')).toBe(false);
    expect(isCameraDeviceId('99020000001320000001')).toBe(false);
  });
});

describe('with a video platform', () => {
  let h: Harness;
  let wvp: FakeWvp;
  let leader: Agent;
  let center: Agent;
  let id = '';
  beforeAll(async () => {
    wvp = await startFakeWvp();
    h = await createHarness({ video: { wvpUrl: wvp.url, user: wvp.user, password: wvp.password, timeoutMs: 5000 } }, { today: () => today });
    leader = await h.signIn('wanggezhang');
    center = await h.signIn('zongzhi');
  });
  afterAll(async () => { await h.close(); await wvp.close(); });

  it('registers a camera with its 备案 due 30 days after it was put in use', async () => {
    const res = await center.post('/api/safety/cameras', camera({ orgId: await h.orgId('S01') }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    id = res.body.id;
    wvp.channels.set('41042100011320099001', { parent: '41042100011320099001', online: true });
    const list = await center.get(`/api/safety/cameras?orgId=${await h.orgId('S01')}`);
    const item = list.body.items.find((x: { id: string }) => x.id === id);
    expect(list.body.platform).toBe('connected');
    expect(item).toMatchObject({ filingDue: '2026-12-10', filedOn: null, filingOverdue: false, status: 'online', retentionDays: 30, signPosted: true });
    // Demo cameras in use before 2025-04-01 were due by 2025-06-30; those never filed are listed as overdue.
    const overdue = await center.get('/api/safety/cameras?filingOverdue=true&pageSize=200');
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((x: { filingOverdue: boolean; filedOn: string | null }) => x.filingOverdue && x.filedOn === null)).toBe(true);
    expect(overdue.body.items.some((x: { filingDue: string }) => x.filingDue === '2025-06-30')).toBe(true);
  });

  it('records the 备案 and tells whether it came on time', async () => {
    const res = await center.patch(`/api/safety/cameras/${id}`, { filedOn: '2026-11-25' });
    expect(res.status).toBe(200);
    const page = await center.get(`/api/safety/cameras/${id}`);
    expect(page.body.camera).toMatchObject({ filedOn: '2026-11-25', filedOnTime: true, filingOverdue: false });
  });

  it('gives a live stream only after the view and its reason are on record', async () => {
    const before = (await h.db.query('SELECT count(*)::int AS n FROM safety_camera_views')).rows[0].n;
    const noReason = await leader.post(`/api/safety/cameras/${id}/views`, { purpose: 'live' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VALIDATION');
    expect(wvp.calls.some((c) => c.startsWith('GET /api/play/start'))).toBe(false);
    wvp.expireToken();
    const res = await leader.post(`/api/safety/cameras/${id}/views`, { purpose: 'live', reason: '核查村委会门口电动车被盗警情' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('online');
    expect(res.body.streams.flv).toBe('http://127.0.0.1:80/rtp/41042100011320099001_41042100011320099001.live.flv');
    const rows = (await h.db.query('SELECT purpose, reason, user_id FROM safety_camera_views WHERE camera_id = $1', [id])).rows;
    expect(rows).toEqual([{ purpose: 'live', reason: '核查村委会门口电动车被盗警情', user_id: leader.me.user.id }]);
    expect((await h.db.query('SELECT count(*)::int AS n FROM safety_camera_views')).rows[0].n).toBe(before + 1);
    const audit = await h.db.query("SELECT after FROM audit_log WHERE action = 'safety.camera.view' AND entity_id = $1", [id]);
    expect(audit.rows[0]?.after).toMatchObject({ purpose: 'live', reason: '核查村委会门口电动车被盗警情' });
    const page = await center.get(`/api/safety/cameras/${id}`);
    expect(page.body.views[0]).toMatchObject({ user: '网格长 王建国', purpose: 'live', reason: '核查村委会门口电动车被盗警情' });
  });

  it('shows an offline camera as offline, and its view is still on record', async () => {
    wvp.channels.set('41042100011320099001', { parent: '41042100011320099001', online: false });
    expect((await center.get(`/api/safety/cameras/${id}`)).body.camera.status).toBe('offline');
    const res = await leader.post(`/api/safety/cameras/${id}/views`, { purpose: 'live', reason: '复查夜间画面' });
    expect(res.status).toBe(200);
    expect(res.body.streams.flv).toBeNull();
    expect((await h.db.query('SELECT count(*)::int AS n FROM safety_camera_views WHERE camera_id = $1', [id])).rows[0].n).toBe(2);
  });

  it('refuses a bad code, a retention under 30 days, a filing before installation and a taken code, changing nothing', async () => {
    const s01 = await h.orgId('S01');
    const before = await state(h);
    const bad = await center.post('/api/safety/cameras', camera({ orgId: s01, deviceId: '41042100011180099002' }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('SAFETY_DEVICE_ID_INVALID');
    const short = await center.post('/api/safety/cameras', camera({ orgId: s01, deviceId: '41042100011320099002', retentionDays: 15 }));
    expect(short.body.error.code).toBe('SAFETY_RETENTION_TOO_SHORT');
    expect(short.body.error.message).toMatch(/第十七条/);
    const early = await center.post('/api/safety/cameras', camera({ orgId: s01, deviceId: '41042100011320099002', filedOn: '2026-11-01' }));
    expect(early.body.error.code).toBe('SAFETY_FILING_BEFORE_INSTALL');
    const future = await center.post('/api/safety/cameras', camera({ orgId: s01, deviceId: '41042100011320099002', installedOn: '2026-12-02' }));
    expect(future.body.error.code).toBe('SAFETY_DATE_IN_FUTURE');
    const taken = await center.post('/api/safety/cameras', camera({ orgId: s01 }));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('SAFETY_DEVICE_ID_TAKEN');
    const shorter = await center.patch(`/api/safety/cameras/${id}`, { retentionDays: 7 });
    expect(shorter.body.error.code).toBe('SAFETY_RETENTION_TOO_SHORT');
    expect(await state(h)).toBe(before);
  });

  it('keeps another village\'s cameras out of reach, on reads, views and writes', async () => {
    const other = await h.signIn('wanggezhang2');
    const before = await state(h);
    const list = await other.get('/api/safety/cameras?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body.items.every((x: { orgName: string }) => x.orgName === '西营村')).toBe(true);
    expect((await other.get(`/api/safety/cameras/${id}`)).status).toBe(404);
    expect((await other.post(`/api/safety/cameras/${id}/views`, { purpose: 'live', reason: '越权调阅画面' })).status).toBe(404);
    expect([403, 404]).toContain((await other.patch(`/api/safety/cameras/${id}`, { filedOn: '2026-11-26' })).status);
    expect(await state(h)).toBe(before);
    const mediator = await h.signIn('tiaojie1');
    expect((await mediator.get('/api/safety/cameras')).status).toBe(403);
  });
});

describe('without a video platform', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness({ video: null }, { today: () => today }); });
  afterAll(async () => { await h.close(); });

  it('shows every camera as 未接入, and still records a view with its reason', async () => {
    const center = await h.signIn('zongzhi');
    const list = await center.get('/api/safety/cameras?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body.platform).toBe('unconnected');
    expect(list.body.items.length).toBe(30);
    expect(list.body.items.every((x: { status: string }) => x.status === 'unconnected')).toBe(true);
    const first = list.body.items[0];
    const res = await center.post(`/api/safety/cameras/${first.id}/views`, { purpose: 'export', reason: '派出所调取交通事故录像' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'unconnected', streams: { flv: null, wsFlv: null, hls: null, rtsp: null } });
    expect((await h.db.query('SELECT purpose FROM safety_camera_views WHERE camera_id = $1', [first.id])).rows).toEqual([{ purpose: 'export' }]);
  });
});
