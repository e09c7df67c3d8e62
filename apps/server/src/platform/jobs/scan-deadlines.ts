import type { Permission } from '@fazhi/contracts';
import { addDays, addWorkingDays } from '../calendar/index.ts';
import { appendAudit } from '../audit/audit.ts';
import type { CaseTypeRegistry, DeadlineDef } from '../cases/definition.ts';
import { auditor, runSystem, type Platform } from '../platform.ts';
import { takeExpiryTransition } from '../cases/transition.ts';
import { caseLink, notifyUsers } from '../notifications/notify.ts';
import { caseHandlers, permissionHoldersAt } from '../notifications/recipients.ts';
import { appendCaseEvent } from '../cases/events.ts';

export type ScanResult = { reminded: number; escalated: number; notified: number; expired: number };

type Clock = {
  id: string; case_id: string; key: string; due_date: string; township_id: string; township_name: string;
  case_type: string; org_id: string; ref: string; title: string; reminded: boolean; escalated: boolean;
};

/**
 * An upper bound, in calendar days, of how far before the due date a reminder can fall:
 * n working days back cross weekends and at most one long holiday (春节 and 国庆 breaks are
 * 8 days). Only narrows the query; the exact day is computed on the township's calendar.
 */
const leadDays = (r: NonNullable<DeadlineDef['remindBefore']>): number => (r.unit === 'cd' ? r.length : Math.ceil(r.length / 5) * 7 + 10);

const clockKinds = (types: CaseTypeRegistry) => {
  const remind: string[] = [];
  const escalate: string[] = [];
  let lead = 0;
  for (const t of types.values()) {
    for (const d of t.deadlines) {
      if (d.remindBefore) { remind.push(`${t.code}/${d.key}`); lead = Math.max(lead, leadDays(d.remindBefore)); }
      if (d.escalateTo) escalate.push(`${t.code}/${d.key}`);
    }
  }
  return { remind, escalate, lead };
};

/** The day from which the reminder is due: the due date minus `remindBefore` on the township's calendar. */
export const reminderDay = async (platform: Platform, townshipId: string, due: string, r: NonNullable<DeadlineDef['remindBefore']>): Promise<string> =>
  r.unit === 'cd' ? addDays(due, -r.length) : addWorkingDays(await platform.cases.calendars.forTownship(townshipId), due, -r.length);

const paramsOf = (clock: Clock, def: DeadlineDef) => ({ township: clock.township_name, ref: clock.ref, title: clock.title, deadline: def.label, due: clock.due_date });

/**
 * Reminds a clock's handlers, once: the conditional update is the claim. A second scan
 * (another worker, a restart) waits on the row lock and then finds reminded_at set, so it
 * does nothing; the notices commit or roll back with the claim.
 */
const remind = (platform: Platform, clock: Clock, def: DeadlineDef): Promise<number | null> => runSystem(platform, async (c) => {
  const claimed = await c.query(
    `UPDATE case_deadlines SET reminded_at = now() WHERE id = $1 AND reminded_at IS NULL AND status = 'running' AND due_date = $2 RETURNING id`,
    [clock.id, clock.due_date]);
  if (!claimed.rowCount) return null;
  const users = await caseHandlers(c, clock.case_id);
  return notifyUsers(c, users, { kind: 'deadline.reminder', params: paramsOf(clock, def), townshipId: clock.township_id, caseId: clock.case_id, link: caseLink(clock.case_id) });
});

/**
 * Escalates an overdue clock, once (claimed like a reminder): tells every holder of the
 * deadline's `escalateTo` permission whose grant reaches the case's org, and records it on
 * the case's (internal) timeline and in the township's audit chain, in one transaction.
 */
const escalate = (platform: Platform, clock: Clock, def: DeadlineDef, permission: Permission, today: string): Promise<number | null> => runSystem(platform, async (c) => {
  const claimed = await c.query(
    `UPDATE case_deadlines SET escalated_at = now() WHERE id = $1 AND escalated_at IS NULL AND status = 'running' AND due_date < $2 RETURNING id`,
    [clock.id, today]);
  if (!claimed.rowCount) return null;
  const users = await permissionHoldersAt(c, permission, clock.org_id);
  const notified = await notifyUsers(c, users, { kind: 'deadline.escalation', params: paramsOf(clock, def), townshipId: clock.township_id, caseId: clock.case_id, link: caseLink(clock.case_id) });
  const payload = { key: clock.key, due: clock.due_date, permission, notified: users };
  await appendCaseEvent(c, { caseId: clock.case_id, townshipId: clock.township_id, actorId: null, kind: 'escalation', payload });
  await appendAudit(c, { actorId: null, orgId: clock.org_id, townshipId: clock.township_id, action: 'case.escalate', entity: 'case', entityId: clock.case_id,
    after: { key: clock.key, due: clock.due_date, permission, notified: users.length }, ip: null, requestId: null });
  return notified;
});

/**
 * Clocks that act when they run out (DeadlineDef.onExpiry): each case in its own transaction,
 * as the system, on the owner connection. A case a clerk moved on meanwhile is left alone
 * (takeExpiryTransition checks the state and the clock under the case's lock).
 */
const actOnExpiry = async (platform: Platform, today: string): Promise<number> => {
  const keys = [...platform.cases.types.values()].flatMap((t) => t.deadlines.filter((d) => d.onExpiry).map((d) => `${t.code}/${d.key}`));
  if (keys.length === 0) return 0;
  const { rows } = await platform.system.query<{ case_id: string; key: string }>(
    `SELECT d.case_id, d.key FROM case_deadlines d JOIN cases k ON k.id = d.case_id
      WHERE d.status = 'running' AND d.due_date < $1::date AND k.case_type || '/' || d.key = ANY ($2::text[]) ORDER BY d.due_date, d.id`, [today, keys]);
  let n = 0;
  for (const r of rows) {
    try {
      const actor = { principal: null, ip: null, requestId: 'scan-deadlines' };
      const done = await runSystem(platform, (c) => takeExpiryTransition(
        { client: c, actor, principal: null, audit: auditor(c, actor), engine: { ...platform.cases, today: () => today } }, r.case_id, r.key));
      if (done) n++;
    } catch (err) {
      platform.log.error({ err, caseId: r.case_id, clock: r.key }, 'deadline scan: expiry action failed');
    }
  }
  return n;
};

/**
 * The periodic deadline scan (the `scan-deadlines` job, every 5 minutes; tests call it
 * directly). For every running clock: a reminder from `remindBefore` before the due date
 * up to the due date, an escalation once the due date has passed. Each clock is handled in
 * its own transaction; a clock that fails is logged and the others go on, then the job
 * fails so that graphile-worker runs it again (what was done is not done twice).
 */
export const scanDeadlines = async (platform: Platform, opts: { today?: string } = {}): Promise<ScanResult> => {
  const today = opts.today ?? platform.cases.today();
  const kinds = clockKinds(platform.cases.types);
  const result: ScanResult = { reminded: 0, escalated: 0, notified: 0, expired: 0 };
  result.expired = await actOnExpiry(platform, today);
  if (kinds.remind.length === 0 && kinds.escalate.length === 0) return result;
  const { rows } = await platform.system.query<Clock>(
    `SELECT d.id, d.case_id, d.key, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.township_id, t.name AS township_name,
            k.case_type, k.org_id, k.ref, k.title, d.reminded_at IS NOT NULL AS reminded, d.escalated_at IS NOT NULL AS escalated
       FROM case_deadlines d JOIN cases k ON k.id = d.case_id JOIN orgs t ON t.id = d.township_id
      WHERE d.status = 'running'
        AND ((d.reminded_at IS NULL AND d.due_date >= $1::date AND d.due_date <= $1::date + $2::int AND k.case_type || '/' || d.key = ANY ($3::text[]))
          OR (d.escalated_at IS NULL AND d.due_date < $1::date AND k.case_type || '/' || d.key = ANY ($4::text[])))
      ORDER BY d.due_date, d.id`,
    [today, kinds.lead, kinds.remind, kinds.escalate]);
  let failures = 0;
  for (const clock of rows) {
    const def = platform.cases.types.get(clock.case_type)?.deadlines.find((d) => d.key === clock.key);
    if (!def) continue;
    try {
      if (clock.due_date < today) {
        if (!clock.escalated && def.escalateTo) {
          const n = await escalate(platform, clock, def, def.escalateTo, today);
          if (n !== null) { result.escalated++; result.notified += n; }
        }
      } else if (!clock.reminded && def.remindBefore && today >= (await reminderDay(platform, clock.township_id, clock.due_date, def.remindBefore))) {
        const n = await remind(platform, clock, def);
        if (n !== null) { result.reminded++; result.notified += n; }
      }
    } catch (err) {
      failures++;
      platform.log.error({ err, deadlineId: clock.id, caseId: clock.case_id }, 'deadline scan: clock failed');
    }
  }
  if (failures > 0) throw new Error(`deadline scan: ${failures} of ${rows.length} clocks failed (see the log); the others were handled`);
  return result;
};
