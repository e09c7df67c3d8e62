import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnce } from 'graphile-worker';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { startFakeSms, type FakeSms } from '../../../test/fake-providers.ts';
import { installJobSchema, jobTasks, workerLogger } from '../../../platform/jobs/jobs.ts';
import { createSenders, type Senders } from '../../../platform/outbox/senders.ts';

let h: Harness;
let sms: FakeSms;
let senders: Senders;
const PHONE = '13912345678';

beforeAll(async () => {
  sms = await startFakeSms();
  h = await createHarness({ outbox: { smsGatewayUrl: sms.url, smsGatewayToken: 'gateway-token', smtpUrl: null, smtpFrom: null, maxAttempts: 3 } }, { today: () => '2026-11-26' });
  await installJobSchema(h.ownerUrl, h.platform.log);
  senders = createSenders(h.platform.config.outbox);
});
afterAll(async () => {
  senders.close();
  await h.close();
  await sms.close();
});

const application = async (applicantName: string) => ({
  villageId: await h.orgId('S01'), category: '邻里',
  applicant: { name: applicantName, phone: PHONE }, respondent: { name: '钱某' },
  facts: '邻居在共用通道上堆放杂物，影响通行，多次沟通无果。', claims: '请求清除通道杂物。', consent: true,
});
const apply = (body: unknown, key: string) =>
  h.app.inject({ method: 'POST', url: '/api/public/mediation/applications', payload: body as object, headers: { 'idempotency-key': key } });
const workQueue = (): Promise<void> =>
  runOnce({ connectionString: h.ownerUrl, taskList: jobTasks(h.platform, senders), logger: workerLogger(h.platform.log), noHandleSignals: true });

describe('online application (网上申请)', () => {
  it('texts the applicant the tracking number and query code once, however often the submission is retried', async () => {
    const body = await application('赵春燕');
    const [a, b] = await Promise.all([apply(body, 'sms-apply-000001'), apply(body, 'sms-apply-000001')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const first = a.json().replayed ? b.json() : a.json();
    const replay = a.json().replayed ? a.json() : b.json();
    expect(first).toMatchObject({ replayed: false, smsTo: '139****5678' });
    expect(replay).toMatchObject({ id: first.id, replayed: true, queryCode: null, smsTo: null });

    // One message, the number and the code sealed until sent.
    const queued = await h.db.query<{ id: string; template: string; params: string; township: string }>(
      "SELECT o.id, o.template, o.params::text AS params, t.name AS township FROM outbox o JOIN orgs t ON t.id = o.township_id WHERE o.params ->> 'trackingNo' = $1", [first.trackingNo]);
    expect(queued.rows).toHaveLength(1);
    expect(queued.rows[0]).toMatchObject({ template: 'application.received', township: '张八桥镇' });
    expect(queued.rows[0]?.params).not.toContain(first.queryCode);

    const before = sms.requests.length;
    await workQueue();
    const sent = sms.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({ to: PHONE, template: 'application.received', params: { trackingNo: first.trackingNo, queryCode: first.queryCode } });
    expect(sent[0]?.body.text).toBe(`【张八桥镇】您的人民调解申请已收到，受理编号${first.trackingNo}，查询码${first.queryCode}。凭编号和查询码可在门户网站“办件查询”查看进度，请勿将查询码告知他人。`);
    const row = (await h.db.query('SELECT status, secrets_enc IS NULL AS erased FROM outbox WHERE id = $1', [queued.rows[0]?.id])).rows[0];
    expect(row).toEqual({ status: 'sent', erased: true });

    // The code in the SMS opens the case on the tracking page.
    const track = await h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no: first.trackingNo, code: sent[0]?.body.params.queryCode } });
    expect(track.json().found).toBe(true);
  });

  it('keeps the application when the SMS cannot be queued, and says no SMS went out', async () => {
    await h.db.query('ALTER SCHEMA graphile_worker RENAME TO graphile_worker_off');
    try {
      const res = await apply(await application('孙丽'), 'sms-apply-000002');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ replayed: false, smsTo: null });
      expect(res.json().queryCode).toMatch(/^\d{6}$/);
      const kept = await h.db.query("SELECT count(*)::int AS n FROM cases WHERE id = $1 AND source = 'public'", [res.json().id]);
      expect(kept.rows[0].n).toBe(1);
      const none = await h.db.query("SELECT count(*)::int AS n FROM outbox WHERE params ->> 'trackingNo' = $1", [res.json().trackingNo]);
      expect(none.rows[0].n).toBe(0);
    } finally {
      await h.db.query('ALTER SCHEMA graphile_worker_off RENAME TO graphile_worker');
    }
  });
});
