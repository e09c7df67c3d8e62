import { AppError } from '../errors.ts';
import { named, sendTogether } from '../db/pools.ts';
import { addDays, type Calendar } from '../calendar/index.ts';
import { canAt, rememberOrgPath } from '../access/scope.ts';
import type { CaseCtx } from './context.ts';
import type { CaseType, TransitionDef } from './definition.ts';
import { clockReads, clockWrites, type StoppedClock } from './deadlines.ts';
import { readAuditHeads, type AuditHeads } from '../audit/audit.ts';
import { requireType } from './create-case.ts';
import { appendCaseEvent } from './events.ts';
import { checkCaseData } from './case-data.ts';
import { requiredFieldsOf } from './definition.ts';
import { checkStepDay, isLateEntry } from './step-dates.ts';

export type CaseHead = {
  id: string; township_id: string; org_id: string; case_type: string; ref: string; status: string; status_kind: string;
  version: number; created_by: string | null; title: string; category: string | null;
  /** The day of the case's latest step (its receipt, or the last transition): the next may not come before it. */
  last_step_on: string;
};

/**
 * The head's columns, and the ancestors of the case's org (the closure look-up every
 * permission check at the case's org needs, read with the case: platform/access/scope.ts).
 */
export const caseHeadColumns = (k: string): string =>
  `${k}.id, ${k}.township_id, ${k}.org_id, ${k}.case_type, ${k}.ref, ${k}.status, ${k}.status_kind, ${k}.version, ${k}.created_by, ${k}.title, ${k}.category,
   to_char(${k}.last_step_on, 'YYYY-MM-DD') AS last_step_on, ARRAY(SELECT c.ancestor_id FROM org_closure c WHERE c.descendant_id = ${k}.org_id) AS org_path`;

/** The case as the caller may see it (row-level security), or 404. */
export const loadCaseHead = async (ctx: CaseCtx, id: string, lock = false): Promise<{ head: CaseHead; type: CaseType }> => {
  const { rows } = await ctx.client.query<CaseHead & { org_path: string[] }>({
    name: lock ? 'fazhi-case-head-lock' : 'fazhi-case-head',
    text: `SELECT ${caseHeadColumns('k')} FROM cases k WHERE k.id = $1 ${lock ? 'FOR NO KEY UPDATE OF k' : ''}`, values: [id],
  });
  const row = rows[0];
  if (!row) {
    // A row the caller may read but not change (a case its office sent on) cannot be locked: that is a 403, not a 404.
    if (lock && (await ctx.client.query('SELECT 1 FROM cases WHERE id = $1', [id])).rowCount) throw new AppError('FORBIDDEN');
    throw new AppError('NOT_FOUND');
  }
  const { org_path: path, ...head } = row;
  rememberOrgPath(ctx.client, head.org_id, path);
  return { head, type: await readableType(ctx, head) };
};

/**
 * The case's type, when the caller may read it: a case of a type the caller may not read is
 * as invisible as one outside the scope (404); one the caller's office sent on (case_shares)
 * stays readable where the caller may read.
 */
export const readableType = async (ctx: CaseCtx, head: CaseHead): Promise<CaseType> => {
  const type = requireType(ctx, head.case_type);
  if (ctx.principal && !(await canAt(ctx.client, ctx.principal, type.readPermission, head.org_id, head.created_by))) {
    const shares = (await ctx.client.query<{ org_id: string }>('SELECT org_id FROM case_shares WHERE case_id = $1', [head.id])).rows;
    let shared = false;
    for (const sh of shares) if (await canAt(ctx.client, ctx.principal, type.readPermission, sh.org_id)) { shared = true; break; }
    if (!shared) throw new AppError('NOT_FOUND');
  }
  return type;
};

/** The transitions the caller may take now: sent with the case so the UI shows only these. */
export const allowedTransitions = async (ctx: CaseCtx, head: CaseHead, type: CaseType): Promise<TransitionDef[]> => {
  if (!ctx.principal) return [];
  const out: TransitionDef[] = [];
  for (const t of type.transitions) {
    if (!t.from.includes(head.status) || !(await canAt(ctx.client, ctx.principal, t.permission, head.org_id, head.created_by))) continue;
    if (t.offered && !(await t.offered(ctx, head.id))) continue;
    out.push(t);
  }
  return out;
};

/**
 * Takes a step on a case whose head is locked, for a person (takeTransition,
 * takeCitizenTransition) or the system (takeExpiryTransition): moves its clocks
 * (`moveClocks`), and writes the case's new status and version, its fields in the engine's
 * own record (`steps`), the day it ended (`ended_on`, as the step is dated; `closed_at` is the
 * moment it was entered) and its latest step's day, then the timeline event (with the on-time
 * record of each clock stopped) and the audit row.
 *
 * Two round trips on the pipelined request pool (platform/db/pools.ts), whatever the clocks:
 * what the step needs is read together (the clocks, the township's clock lengths, the head of
 * its audit chain), and what it writes goes out together, in order. The new version is the
 * locked head's next, so the audit row is written with the case's update; a case that moved
 * all the same (with `expectVersion`: a concurrent change) is a CASE_STALE, and the
 * transaction's writes go with it. `afterClocks`: a statement of the caller's, sent after
 * the clocks' writes. Returns the new version and the clocks stopped.
 */
const takeStep = async (
  ctx: CaseCtx, cal: Calendar, type: CaseType, head: CaseHead, t: TransitionDef, kind: string, closing: boolean, today: string,
  step: {
    fields: Record<string, unknown>; on: string; actorId: string | null; expectVersion: number | null;
    /** What the clocks are given (a step's fields: a clock's length may come from them). */
    given?: Readonly<Record<string, unknown>>;
    event: (stopped: StoppedClock[]) => Record<string, unknown>; audit: Record<string, unknown>; afterClocks?: () => Promise<unknown>;
  },
): Promise<{ version: number; stopped: StoppedClock[] }> => {
  const c = ctx.client;
  const { got, reads } = clockReads(c, type, head);
  let heads: AuditHeads | undefined;
  await sendTogether(c, [...reads, async () => { heads = await readAuditHeads(c, [head.township_id]); }]);
  const { stopped, writes } = clockWrites(c, cal, type, head, got.rows, got.lengths, t.key, step.on, closing, today, step.given);
  const version = head.version + 1;
  let written: number | undefined;
  await sendTogether(c, [
    ...writes,
    ...(step.afterClocks ? [step.afterClocks] : []),
    async () => {
      written = (await c.query<{ version: number }>(named(
        `UPDATE cases SET status = $2, status_kind = $3, version = version + 1, updated_at = now(),
                closed_at = CASE WHEN $3 = 'open' THEN NULL ELSE now() END,
                ended_on = CASE WHEN $3 = 'open' THEN NULL ELSE $6::date END,
                last_step_on = GREATEST(last_step_on, $6::date),
                steps = steps || $4::jsonb
          WHERE id = $1 AND ($5::int IS NULL OR version = $5) RETURNING version`,
        [head.id, t.to, kind, JSON.stringify({ [t.key]: step.fields }), step.expectVersion, step.on]))).rows[0]?.version;
    },
    () => appendCaseEvent(c, { caseId: head.id, townshipId: head.township_id, actorId: step.actorId, kind: 'transition', transition: t.key,
      fromStatus: head.status, toStatus: t.to, public: t.public ?? false, payload: { fields: step.fields, on: step.on, ...step.event(stopped) } }),
    () => ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: `case.${t.key}`, entity: 'case', entityId: head.id,
      before: { status: head.status, version: head.version }, after: { status: t.to, version, fields: step.fields, on: step.on, ...step.audit } }, heads),
  ]);
  if (written !== version) throw new AppError('CASE_STALE');
  return { version, stopped };
};

export type TransitionInput = {
  transition: string;
  /** The version the caller saw: a concurrent change makes this a conflict, not a silent overwrite. */
  version: number;
  fields?: Record<string, unknown>;
  comment?: string;
  /** The day it happened (defaults to today); clocks count from it. */
  on?: string;
};

/**
 * Takes one transition atomically: the case row is locked, the caller's version must be
 * current (two clerks acting at once: exactly one wins, the other gets CONFLICT), the
 * permission must reach the case's org, required fields must be present. Clocks move and
 * their on-time record is kept on the timeline event; the audit row shares the transaction.
 */
export const takeTransition = async (ctx: CaseCtx, caseId: string, input: TransitionInput): Promise<{ status: string; version: number; stopped: { key: string; onTime: boolean; due: string }[] }> => {
  const { head, type } = await loadCaseHead(ctx, caseId, true);
  if (head.version !== input.version) throw new AppError('CASE_STALE', { currentVersion: head.version });
  const t = type.transitionByKey.get(input.transition);
  if (!t || !t.from.includes(head.status)) throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
  if (!ctx.principal || !(await canAt(ctx.client, ctx.principal, t.permission, head.org_id, head.created_by))) throw new AppError('FORBIDDEN');
  const fields = t.fields ? checkCaseData(t.fields, input.fields, 'fields') : (input.fields ?? {});
  const missing = requiredFieldsOf(t).filter((f) => {
    const v = fields[f];
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  });
  if (missing.length > 0) throw new AppError('CASE_FIELDS_REQUIRED', { missing });
  const to = type.states[t.to];
  if (!to) throw new AppError('INTERNAL');
  const today = ctx.engine.today();
  const on = input.on ?? today;
  checkStepDay(on, head.last_step_on, today, 'on');
  const late = isLateEntry(on, today, ctx.engine.lateEntryDays);
  if (late && !(await canAt(ctx.client, ctx.principal, 'case.late_entry', head.org_id, head.created_by))) throw new AppError('CASE_LATE_ENTRY_FORBIDDEN', { field: 'on' });
  if (t.precondition) await t.precondition(ctx, head.id, fields, on);
  const closing = to.kind !== 'open';
  const cal = await ctx.engine.calendars.forTownship(head.township_id);
  const userId = ctx.principal.userId;
  const { version, stopped } = await takeStep(ctx, cal, type, head, t, to.kind, closing, today, {
    fields, on, actorId: userId, expectVersion: head.version, given: fields,
    event: (deadlines) => ({ comment: input.comment ?? null, deadlines, ...(late ? { lateEntry: { enteredOn: today, enteredBy: userId } } : {}) }),
    audit: late ? { lateEntry: true } : {},
  });
  if (t.effect) await t.effect(ctx, head.id, fields);
  return { status: t.to, version, stopped };
};

/**
 * A step the citizen who tracks the case takes (TransitionDef.citizen: a complainant's
 * satisfaction), once the caller has checked the tracking number and query code
 * (`findTracked`, under the tracking throttle). Dated today, checked against the step's
 * schema like any other; the timeline and the audit name no actor and mark it the citizen's.
 */
export const takeCitizenTransition = async (ctx: CaseCtx, caseId: string, transition: string, input: Record<string, unknown>): Promise<{ status: string; version: number }> => {
  const { head, type } = await loadCaseHead(ctx, caseId, true);
  const t = type.transitionByKey.get(transition);
  if (!t?.citizen || !t.from.includes(head.status)) throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
  const fields = t.fields ? checkCaseData(t.fields, input, 'fields') : {};
  const missing = requiredFieldsOf(t).filter((f) => fields[f] === undefined || fields[f] === null || (typeof fields[f] === 'string' && fields[f].trim() === ''));
  if (missing.length > 0) throw new AppError('CASE_FIELDS_REQUIRED', { missing });
  const to = type.states[t.to];
  if (!to) throw new AppError('INTERNAL');
  const today = ctx.engine.today();
  checkStepDay(today, head.last_step_on, today, 'on');
  const cal = await ctx.engine.calendars.forTownship(head.township_id);
  const { version } = await takeStep(ctx, cal, type, head, t, to.kind, to.kind !== 'open', today, {
    fields, on: today, actorId: null, expectVersion: head.version, given: fields,
    event: (deadlines) => ({ comment: null, deadlines, citizen: true }), audit: { citizen: true },
  });
  return { status: t.to, version };
};

/**
 * A step the system takes because a clock ran out (DeadlineDef.onExpiry): 政府信息公开条例
 * 第三十条, an application not corrected in time counts as withdrawn. Taken on the day after
 * the clock's last day, with no permission check (no one acts), only from a state the
 * transition leaves, and only while that clock is still running (so a step taken meanwhile
 * wins). The timeline and the audit name it the system's, with the clock that caused it.
 * Returns false when there was nothing to do.
 */
export const takeExpiryTransition = async (ctx: CaseCtx, caseId: string, clockKey: string): Promise<boolean> => {
  const { head, type } = await loadCaseHead(ctx, caseId, true);
  const def = type.deadlines.find((d) => d.key === clockKey);
  const t = def?.onExpiry ? type.transitionByKey.get(def.onExpiry.transition) : undefined;
  if (!def || !t || !t.from.includes(head.status)) return false;
  const clock = (await ctx.client.query<{ due_date: string }>(
    `SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date FROM case_deadlines WHERE case_id = $1 AND key = $2 AND status = 'running' FOR UPDATE`, [caseId, clockKey])).rows[0];
  const today = ctx.engine.today();
  if (!clock || clock.due_date >= today) return false;
  const on = addDays(clock.due_date, 1);
  const to = type.states[t.to];
  if (!to) throw new AppError('INTERNAL');
  const closing = to.kind !== 'open';
  const cal = await ctx.engine.calendars.forTownship(head.township_id);
  await takeStep(ctx, cal, type, head, t, to.kind, closing, today, {
    fields: { expired: clockKey }, on, actorId: null, expectVersion: null,
    // The clock that ran out ends as run out: the window passed (nobody's lateness: no on-time flag).
    afterClocks: () => ctx.client.query(`UPDATE case_deadlines SET status = 'missed', stopped_on = $3, on_time = NULL, updated_at = now()
                                         WHERE case_id = $1 AND key = $2 AND status IN ('running','paused','cancelled')`, [caseId, clockKey, clock.due_date]),
    event: (deadlines) => ({ comment: null, deadlines, system: { expiredClock: clockKey, due: clock.due_date } }),
    audit: { system: true, expiredClock: clockKey },
  });
  return true;
};
