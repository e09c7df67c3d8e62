import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnce } from 'graphile-worker';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { mailText, startFakeSms, startFakeSmtp, type FakeSms, type FakeSmtp } from '../../test/fake-providers.ts';
import { loadConfig } from '../../config.ts';
import { runSystem } from '../platform.ts';
import { installJobSchema, jobTasks, workerLogger } from '../jobs/jobs.ts';
import { createSenders, type Senders } from './senders.ts';
import { deliverOutbox, enqueueMessage, sweepOutbox, untilRecorded, type Message } from './outbox.ts';

let h: Harness;
let sms: FakeSms;
let smtp: FakeSmtp;
let senders: Senders;
let admin: Agent;
let township: string;
const PHONE = '13803751234';

beforeAll(async () => {
  [sms, smtp] = await Promise.all([startFakeSms(), startFakeSmtp()]);
  h = await createHarness({
    outbox: { smsGatewayUrl: sms.url, smsGatewayToken: 'gateway-token', smtpUrl: smtp.url, smtpFrom: '张八桥镇人民政府 <noreply@zhangbaqiao.example>', maxAttempts: 3 },
  });
  await installJobSchema(h.ownerUrl, h.platform.log);
  senders = createSenders(h.platform.config.outbox);
  admin = await h.signIn('admin');
  township = await h.orgId('zhangbaqiao');
});
afterAll(async () => {
  senders.close();
  await h.close();
  await Promise.all([sms.close(), smtp.close()]);
});

const enqueue = (m: Partial<Message> = {}): Promise<string> => runSystem(h.platform, (c) => enqueueMessage(c, h.platform.keys.fields, {
  channel: 'sms', to: PHONE, template: 'case.closed', params: { township: '张八桥镇', trackingNo: '2025ABCD2345', queryCode: '482913' }, townshipId: township, ...m,
}));
/** Works the queue once, as the server's worker would, then returns (no waiting for a poll). */
const workQueue = (s: Senders = senders): Promise<void> =>
  runOnce({ connectionString: h.ownerUrl, taskList: jobTasks(h.platform, s), logger: workerLogger(h.platform.log), noHandleSignals: true });
const row = async (id: string) => (await h.db.query(
  `SELECT status, attempts, last_error, params, secrets_enc IS NOT NULL AS has_secrets, sent_at, extract(epoch FROM next_attempt_at - now()) AS wait FROM outbox WHERE id = $1`, [id])).rows[0];

describe('recording a send that already happened', () => {
  it('writes the outcome once the database is back, and gives up at once on any other error', async () => {
    let calls = 0;
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), {});
    const recorded = await untilRecorded(async () => {
      calls++;
      if (calls < 3) throw lost;
      return 'sent';
    }, 5_000, 1);
    expect({ recorded, calls }).toEqual({ recorded: 'sent', calls: 3 });
    calls = 0;
    const refused = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(untilRecorded(async () => { calls++; throw refused; }, 5_000, 1)).rejects.toBe(refused);
    expect(calls).toBe(1);
    // Past its time, the last error is thrown.
    await expect(untilRecorded(async () => { throw lost; }, 0, 1)).rejects.toBe(lost);
  });
});

describe('delivery', () => {
  it('sends an SMS through the gateway: one JSON request with the token and the text; the number and query code sealed at rest', async () => {
    sms.answer = { status: 200, body: '{"ok":true}' };
    const id = await enqueue();
    const raw = (await h.db.query('SELECT recipient_enc, secrets_enc, params::text AS params FROM outbox WHERE id = $1', [id])).rows[0];
    expect(raw.recipient_enc.toString('latin1')).not.toContain(PHONE);
    expect(raw.params).not.toContain('482913');
    const jobs = await h.db.query("SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = 'outbox:' || $1", [id]);
    expect(jobs.rows[0].n).toBe(1);
    const before = sms.requests.length;
    await workQueue();
    const sent = sms.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe('Bearer gateway-token');
    expect(sent[0]?.headers['idempotency-key']).toBe(id);
    expect(sent[0]?.body).toMatchObject({ id, to: PHONE, template: 'case.closed', params: { queryCode: '482913', trackingNo: '2025ABCD2345' } });
    expect(sent[0]?.body.text).toMatch(/^【张八桥镇】您的事项（受理编号2025ABCD2345）已办结。.*查询码482913/);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null, has_secrets: false });
    await workQueue();
    expect(sms.requests.length - before).toBe(1);
  });

  it('sends e-mail over SMTP with the outbox id in the Message-ID', async () => {
    const id = await enqueue({ channel: 'email', to: 'zhangsan@example.cn' });
    await workQueue();
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(['zhangsan@example.cn']);
    expect(mail?.from).toBe('noreply@zhangbaqiao.example');
    expect(mail?.data).toContain(`Message-ID: <${id}@outbox.fazhi>`);
    expect(mailText(mail?.data ?? '')).toContain('已办结。欢迎凭受理编号和查询码482913');
    expect((await row(id)).status).toBe('sent');
  });

  it('keeps a message of a disabled channel pending with the reason, spending no attempt, and sends it once the channel is configured', async () => {
    const noMail = createSenders({ ...h.platform.config.outbox, smtpUrl: null, smtpFrom: null });
    const id = await enqueue({ channel: 'email', to: 'lisi@example.cn' });
    expect(await deliverOutbox(h.platform, noMail, id)).toBe('disabled');
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    expect(waiting.last_error).toContain('SMTP_URL');
    expect(await sweepOutbox(h.platform, noMail)).toBe(0);
    expect(await sweepOutbox(h.platform, senders)).toBeGreaterThanOrEqual(1);
    await workQueue();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('retries and failures', () => {
  it('retries with exponential backoff, fails after the last attempt, and an administrator sends it again', async () => {
    // The gateway echoes the number: the stored error must not.
    sms.answer = { status: 500, body: `upstream error for ${PHONE}` };
    const id = await enqueue();
    const before = sms.requests.length;
    expect(await deliverOutbox(h.platform, senders, id)).toBe('retry');
    let r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r.last_error).toContain('HTTP 500');
    expect(r.last_error).toContain('138****1234');
    expect(r.last_error).not.toContain(PHONE);
    expect(Number(r.wait)).toBeGreaterThan(50);
    expect(Number(r.wait)).toBeLessThan(70);
    const job = await h.db.query("SELECT extract(epoch FROM run_at - now()) AS wait FROM graphile_worker.jobs WHERE key = 'outbox:' || $1", [id]);
    expect(Number(job.rows[0].wait)).toBeGreaterThan(50);
    // Not due yet: a second delivery does nothing.
    expect(await deliverOutbox(h.platform, senders, id)).toBe('skipped');
    expect((await row(id)).attempts).toBe(1);
    await h.db.query('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [id]);
    expect(await deliverOutbox(h.platform, senders, id)).toBe('retry');
    r = await row(id);
    expect(r.attempts).toBe(2);
    expect(Number(r.wait)).toBeGreaterThan(110);
    await h.db.query('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [id]);
    expect(await deliverOutbox(h.platform, senders, id)).toBe('failed');
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(sms.requests.length - before).toBe(3);

    const failed = await admin.get('/api/outbox?status=failed');
    expect(failed.status).toBe(200);
    const item = failed.body.items.find((x: { id: string }) => x.id === id);
    expect(item).toMatchObject({ channel: 'sms', recipientMasked: '138****1234', status: 'failed', attempts: 3 });
    expect(JSON.stringify(failed.body)).not.toContain(PHONE);
    expect(JSON.stringify(failed.body)).not.toContain('482913');
    expect((await admin.get('/api/outbox?status=sent')).body.items.some((x: { id: string }) => x.id === id)).toBe(false);

    sms.answer = { status: 200, body: '{"ok":true}' };
    const retried = await admin.post(`/api/outbox/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    const audit = await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'outbox.retry' AND entity_id = $1", [id]);
    expect(audit.rows[0].n).toBe(1);
    await workQueue();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, has_secrets: false });
    expect(sms.requests.at(-1)?.body.params.queryCode).toBe('482913');
    const again = await admin.post(`/api/outbox/${id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OUTBOX_NOT_RETRYABLE');
  });

  it('retries when the mail server answers "try again later"', async () => {
    smtp.rejectNext = 1;
    const id = await enqueue({ channel: 'email', to: 'wangwu@example.cn' });
    expect(await deliverOutbox(h.platform, senders, id)).toBe('retry');
    const r = await row(id);
    expect(r.last_error).toContain('451');
    expect(r.last_error).not.toContain('wangwu@example.cn');
    await h.db.query('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [id]);
    expect(await deliverOutbox(h.platform, senders, id)).toBe('sent');
    expect(smtp.received.at(-1)?.to).toEqual(['wangwu@example.cn']);
  });

  it('is for administrators of the whole deployment only', async () => {
    const leader = await h.signIn('leader');
    expect((await leader.get('/api/outbox')).status).toBe(403);
    const scopedRole = await admin.post('/api/roles', { code: 'town_settings', name: '乡镇设置', permissions: ['settings.manage'] });
    const user = await admin.post('/api/users', { username: 'town_settings', displayName: '乡镇设置员', orgId: township });
    await admin.put(`/api/users/${user.body.userId}/grants`, { grants: [{ roleId: scopedRole.body.id, orgId: township, scope: 'subtree' }] });
    await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [user.body.userId]);
    const townAdmin = await h.signIn('town_settings', user.body.initialPassword);
    expect((await townAdmin.get('/api/outbox')).status).toBe(403);
    expect((await admin.get('/api/outbox')).status).toBe(200);
  });
});

describe('configuration', () => {
  it('disables an unset channel, and refuses half a channel or a bad number at start', () => {
    expect(loadConfig({}).outbox).toEqual({ smtpUrl: null, smtpFrom: null, smsGatewayUrl: null, smsGatewayToken: null, maxAttempts: 5 });
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example:25' })).toThrow(/SMTP_FROM is required/);
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'https://sms.example/send' })).toThrow(/SMS_GATEWAY_TOKEN is required/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example', SMTP_FROM: 'a@b.c' })).toThrow(/SMTP_URL: expected/);
    expect(() => loadConfig({ FAZHI_OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/FAZHI_OUTBOX_MAX_ATTEMPTS=0/);
    expect(loadConfig({ FAZHI_OUTBOX_MAX_ATTEMPTS: '8' }).outbox.maxAttempts).toBe(8);
  });
});
