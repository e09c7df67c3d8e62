import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';
import { auditor, runSystem } from '../platform.ts';
import { createCase } from '../cases/create-case.ts';
import { verifyAudit } from '../audit/audit.ts';
import { scanDeadlines, type ScanResult } from './scan-deadlines.ts';

/**
 * The sample type's acceptance clock: 15 calendar days from the day after receipt, a reminder
 * 3 working days before, escalation to petition.handle after (信访工作条例 第二十三条).
 */
let h: Harness;
let today = '2025-09-25';
let clerk: Agent;
let s01: string;

beforeAll(async () => {
  h = await createHarness({}, { caseTypes: [sampleCaseType], today: () => today });
  clerk = await h.signIn('xinfang');
  s01 = await h.orgId('S01');
});
afterAll(async () => { await h.close(); });

const open = async (title: string, receivedOn: string, assigneeIds: string[] = [clerk.me.user.id]): Promise<string> => {
  const res = await clerk.post('/api/cases', { type: 'sample', orgId: s01, title, receivedOn, assigneeIds });
  expect(res.status).toBe(200);
  return res.body.id;
};
const noticesOf = async (caseId: string, kind: string) =>
  (await h.db.query<{ user_id: string; title: string; body: string; link: string }>(
    'SELECT user_id, title, body, link FROM notifications WHERE case_id = $1 AND kind = $2 ORDER BY user_id', [caseId, kind])).rows;

/** Polls a condition on the database (each poll is one round trip; no timers), at most 2,000 times. */
const untilTrue = async (check: () => Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 2000; i++) if (await check()) return;
  throw new Error('condition never became true');
};

/** A user with one grant, written straight to the tables (these users never sign in). */
const addUser = async (username: string, orgId: string, role: string, scope: string): Promise<string> => {
  const { rows } = await h.db.query<{ id: string }>(
    `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password)
     SELECT id, CASE WHEN kind = 'township' THEN id ELSE township_id END, $2, $2, 'not-a-hash', false FROM orgs WHERE id = $1 RETURNING id`, [orgId, username]);
  const id = rows[0]?.id ?? '';
  await h.db.query(
    `INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope)
     SELECT $1, r.id, o.id, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END, $4 FROM roles r, orgs o WHERE r.code = $3 AND o.id = $2`,
    [id, orgId, role, scope]);
  return id;
};

describe('reminders', () => {
  it('reminds the assignees once, on the third working day before the due date, counting around the National Day holiday', async () => {
    today = '2025-09-25';
    // A second handler: the town leader, given the clerk's role (assignees must be able to handle the case).
    const other = await h.userId('leader');
    await h.db.query(`INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope)
      SELECT $1, r.id, o.id, o.id, 'subtree' FROM roles r, orgs o WHERE r.code = 'petition_clerk' AND o.code = 'zhangbaqiao' ON CONFLICT DO NOTHING`, [other]);
    const id = await open('国庆前受理的事项', '2025-09-25', [clerk.me.user.id, other]);
    // Due 2025-10-10. Three working days back: 10-09, then 10-01…10-08 are the holiday, 09-30, 09-29.
    // Calendar days would say 10-07; 09-28 is a make-up Sunday, a working day, but still too early.
    for (const day of ['2025-09-26', '2025-09-28']) {
      today = day;
      await scanDeadlines(h.platform);
      expect(await noticesOf(id, 'deadline.reminder'), day).toHaveLength(0);
    }
    today = '2025-09-29';
    const r = await scanDeadlines(h.platform);
    expect(r.reminded).toBeGreaterThanOrEqual(1);
    const notices = await noticesOf(id, 'deadline.reminder');
    expect(notices.map((n) => n.user_id).sort()).toEqual([clerk.me.user.id, other].sort());
    expect(notices[0]?.body).toMatch(/^【张八桥镇】事项张八桥-样-2025-\d{4}「国庆前受理的事项」的受理期限将于2025年10月10日届满，请及时办理。$/);
    expect(notices[0]?.link).toBe(`/console/cases/${id}`);
    today = '2025-09-30';
    await scanDeadlines(h.platform);
    expect(await noticesOf(id, 'deadline.reminder')).toHaveLength(2);
    await h.db.query("DELETE FROM user_grants WHERE user_id = $1 AND role_id = (SELECT id FROM roles WHERE code = 'petition_clerk')", [other]);
  });

  it('fires exactly once when two scans race for the same clock', async () => {
    today = '2025-12-01';
    const id = await open('并发扫描', '2025-12-01');
    today = '2025-12-11';
    // Hold the clock's row: both scans read it as not yet reminded, then both queue on the claim.
    const blocker = await h.db.connect();
    let scans: Promise<ScanResult[]>;
    try {
      await blocker.query('BEGIN');
      await blocker.query("SELECT 1 FROM case_deadlines WHERE case_id = $1 AND key = 'accept' FOR UPDATE", [id]);
      scans = Promise.all([scanDeadlines(h.platform), scanDeadlines(h.platform)]);
      await untilTrue(async () => (await h.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE case_deadlines SET reminded_at%'`)).rows[0]?.n === 2);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    const [a, b] = await scans;
    expect((a?.reminded ?? 0) + (b?.reminded ?? 0)).toBe(1);
    expect(await noticesOf(id, 'deadline.reminder')).toHaveLength(1);
    const clock = await h.db.query("SELECT reminded_at FROM case_deadlines WHERE case_id = $1 AND key = 'accept'", [id]);
    expect(clock.rows[0]?.reminded_at).toBeInstanceOf(Date);
  });

  it('tells the registering clerk when nobody is assigned, and leaves stopped clocks alone', async () => {
    today = '2025-12-01';
    const unassigned = await open('无人承办', '2025-12-01', []);
    const accepted = await open('已受理', '2025-12-01');
    expect((await clerk.post(`/api/cases/${accepted}/transitions`, { transition: 'accept', version: 1 })).status).toBe(200);
    today = '2025-12-11';
    await scanDeadlines(h.platform);
    expect((await noticesOf(unassigned, 'deadline.reminder')).map((n) => n.user_id)).toEqual([clerk.me.user.id]);
    expect(await noticesOf(accepted, 'deadline.reminder')).toHaveLength(0);
  });
});

describe('escalation', () => {
  it('reaches the supervisors whose grant covers the case, in its own township only, once, on the timeline and in the audit chain', async () => {
    const admin = await h.signIn('admin');
    const baofeng = await h.orgId('baofeng');
    const lizhuang = (await admin.post('/api/orgs', { parentId: baofeng, kind: 'township', name: '李庄乡', code: 'lizhuang' })).body.id;
    const village = (await admin.post('/api/orgs', { parentId: lizhuang, kind: 'village', name: '李庄村', code: 'L01' })).body.id;
    expect(village).toBeTruthy();
    const zhangbaqiao = await h.orgId('zhangbaqiao');
    const supervisors = {
      xinfang: clerk.me.user.id, // petition.handle over 张八桥镇 and below
      villageOrg: await addUser('s01_org', s01, 'petition_clerk', 'org'), // exactly the case's org
      lizhuang: await addUser('lizhuang_xf', lizhuang, 'petition_clerk', 'subtree'),
    };
    const bystanders = [
      await addUser('s01_self', s01, 'petition_clerk', 'self'), // own records only
      await addUser('town_org_only', zhangbaqiao, 'petition_clerk', 'org'), // the township itself, not its villages
      await h.userId('leader'), // reads petitions, does not handle them
    ];
    today = '2025-12-01';
    const here = await open('张八桥镇超期事项', '2025-12-01');
    const actor = { principal: null, ip: null, requestId: 'test' };
    const there = await runSystem(h.platform, (c) => createCase({ client: c, actor, principal: null, engine: h.platform.cases, audit: auditor(c, actor) },
      { type: 'sample', orgId: village, title: '李庄乡超期事项', receivedOn: '2025-12-01', source: 'public' }));
    // Due 2025-12-16: on the due day nothing escalates; the day after, it does.
    today = '2025-12-16';
    await scanDeadlines(h.platform);
    expect(await noticesOf(here, 'deadline.escalation')).toHaveLength(0);
    today = '2025-12-17';
    const [a, b] = await Promise.all([scanDeadlines(h.platform), scanDeadlines(h.platform)]);
    expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(2);
    const hereNotified = (await noticesOf(here, 'deadline.escalation')).map((n) => n.user_id);
    expect(hereNotified.sort()).toEqual([supervisors.xinfang, supervisors.villageOrg].sort());
    expect((await noticesOf(there.id, 'deadline.escalation')).map((n) => n.user_id)).toEqual([supervisors.lizhuang]);
    for (const u of bystanders) expect(hereNotified).not.toContain(u);
    expect((await noticesOf(here, 'deadline.escalation'))[0]?.body).toContain('已超过受理期限（届满日2025年12月16日），请督办。');
    today = '2025-12-18';
    await scanDeadlines(h.platform);
    expect(await noticesOf(here, 'deadline.escalation')).toHaveLength(2);

    const events = await h.db.query("SELECT public, payload FROM case_events WHERE case_id = $1 AND kind = 'escalation'", [here]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ public: false, payload: { key: 'accept', due: '2025-12-16', permission: 'petition.handle' } });
    const audit = await h.db.query<{ chain: string; township_id: string }>(
      "SELECT chain, township_id FROM audit_log WHERE action = 'case.escalate' AND entity_id = ANY($1) ORDER BY chain", [[here, there.id]]);
    expect(audit.rows.map((r) => r.chain).sort()).toEqual([lizhuang, zhangbaqiao].sort());
    const c = await h.platform.system.connect();
    try {
      expect((await verifyAudit(c)).ok).toBe(true);
    } finally {
      c.release();
    }
    // The clerk sees it on the case's timeline, labelled; the public tracking page does not.
    const view = (await clerk.get(`/api/cases/${here}`)).body;
    expect(view.timeline.find((e: { kind: string }) => e.kind === 'escalation')?.label).toBe('超期督办');
  });
});
