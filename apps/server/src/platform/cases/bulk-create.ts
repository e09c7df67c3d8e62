import { randomUUID } from 'node:crypto';
import type { Permission } from '@fazhi/contracts';
import { orgsWithPermission } from '../access/scope.ts';
import type { Principal } from '../access/principal.ts';
import { appendAuditBatch, type AuditEntry } from '../audit/audit.ts';
import { blindIndex, sealField } from '../crypto/sm.ts';
import type { Client } from '../db/pools.ts';
import { AppError } from '../errors.ts';
import type { CaseCtx } from './context.ts';
import { requireType } from './create-case.ts';
import type { CaseType } from './definition.ts';
import { planHistoricCase, type HistoricCase, type HistoricPlan } from './historic-plan.ts';
import { clockLengths, type ClockLengths } from './deadlines.ts';
import { referenceOf } from './reference.ts';
import { caseIndexText } from './search-text.ts';
import type { LateEntry } from './step-dates.ts';

export type { HistoricCase, HistoricStep } from './historic-plan.ts';
export type HistoricResult = { ok: true; id: string; ref: string; status: string } | { ok: false; error: AppError };

type Org = { id: string; township_id: string | null; township_name: string | null };
type Planned = { i: number; row: HistoricCase; org: Org & { township_id: string; township_name: string }; plan: HistoricPlan; id: string; year: number; seq: number; ref: string };

/**
 * Orgs where the caller may use `permission` on cases they create themselves: the grants
 * that reach the org, and a `self` grant at it (the caller is the cases' creator).
 */
const orgsForOwnCases = async (c: Client, principal: Principal, permission: Permission, orgIds: readonly string[]): Promise<Set<string>> => {
  const out = await orgsWithPermission(c, principal, permission, orgIds);
  if (principal.permissions.has(permission)) {
    for (const g of principal.grants) if (g.scope === 'self' && g.permissions.includes(permission) && orgIds.includes(g.orgId)) out.add(g.orgId);
  }
  return out;
};

/** Numbers for the planned rows, in order: a kept number as asked, else the next after the counter (locked, then moved once). */
const numberRows = async (c: Client, type: CaseType, rows: Omit<Planned, 'seq' | 'ref'>[], fail: (i: number, e: AppError) => void): Promise<Planned[]> => {
  const groups = [...new Set(rows.map((r) => `${r.org.township_id}|${r.year}`))].sort();
  const { rows: locked } = await c.query<{ township_id: string; year: number; last_seq: number }>(
    // The counter rows stay locked to the end of the transaction, as nextReference's do.
    `INSERT INTO case_ref_counters (township_id, case_type, year, last_seq) SELECT g.t, $3, g.y, 0 FROM unnest($1::uuid[], $2::int[]) AS g(t, y)
     ON CONFLICT (township_id, case_type, year) DO UPDATE SET last_seq = case_ref_counters.last_seq RETURNING township_id, year, last_seq`,
    [groups.map((g) => g.split('|')[0]), groups.map((g) => Number(g.split('|')[1])), type.code]);
  const counter = new Map(locked.map((k) => [`${k.township_id}|${k.year}`, k.last_seq]));
  const taken = new Set<string>();
  const out: Planned[] = [];
  for (const r of rows) {
    const g = `${r.org.township_id}|${r.year}`;
    const last = counter.get(g) ?? 0;
    const seq = r.row.seq ?? last + 1;
    if (taken.has(`${g}|${seq}`)) { fail(r.i, new AppError('DUPLICATE', { field: 'ref' })); continue; }
    taken.add(`${g}|${seq}`);
    counter.set(g, Math.max(last, seq));
    out.push({ ...r, seq, ref: referenceOf(r.org.township_name, type.refCode, r.year, seq) });
  }
  return out;
};

/**
 * Writes many cases of one type with their whole dated history (an old register brought
 * in), as the engine would have written them one by one through createCase and
 * takeTransition: references from the township's gapless counter (or the number a row
 * keeps), parties with personal data sealed, the timeline, the clocks with their on-time
 * records, search text, and one audit row per case on the township's chain. Everything is
 * checked for the whole batch first (the caller's permission at each org and for each
 * transition, legal paths, required fields, days); a row that fails is reported in its
 * place and the others are written. Each table gets one multi-row statement per batch.
 */
export const createHistoricCases = async (ctx: CaseCtx, typeCode: string, rows: readonly HistoricCase[]): Promise<HistoricResult[]> => {
  const type = requireType(ctx, typeCode);
  const principal = ctx.principal;
  if (!principal) throw new AppError('FORBIDDEN');
  if (rows.length === 0) return [];
  const c = ctx.client;
  const today = ctx.engine.today();
  const results: (HistoricResult | null)[] = rows.map(() => null);
  const fail = (i: number, error: AppError): void => { results[i] = { ok: false, error }; };

  const orgIds = [...new Set(rows.map((r) => r.orgId))];
  const orgs = new Map((await c.query<Org>(
    `SELECT o.id, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END AS township_id, t.name AS township_name
       FROM orgs o LEFT JOIN orgs t ON t.id = CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END WHERE o.id = ANY($1::uuid[])`, [orgIds])).rows
    .map((o) => [o.id, o]));
  const mayCreate = await orgsWithPermission(c, principal, type.handlePermission, orgIds);
  const refused = orgIds.filter((o) => !mayCreate.has(o));
  // As assertCanAt: an org the caller cannot see at all is not found; a visible one is forbidden.
  const visible = new Set(refused.length === 0 ? [] : (await c.query<{ id: string }>('SELECT id FROM orgs WHERE id = ANY($1::uuid[]) AND fazhi_org_visible(id)', [refused])).rows.map((r) => r.id));
  const reach = new Map<Permission, Set<string>>();
  for (const p of new Set(type.transitions.map((t) => t.permission))) reach.set(p, await orgsForOwnCases(c, principal, p, orgIds));

  const valid: Omit<Planned, 'seq' | 'ref'>[] = [];
  const lengthsByTownship = new Map<string, ClockLengths>();
  for (const [i, row] of rows.entries()) {
    try {
      if (!mayCreate.has(row.orgId)) throw new AppError(visible.has(row.orgId) ? 'FORBIDDEN' : 'NOT_FOUND');
      const org = orgs.get(row.orgId);
      if (!org) throw new AppError('NOT_FOUND');
      if (!org.township_id || !org.township_name) throw new AppError('VALIDATION', { field: 'orgId', reason: 'cases belong to a township or an org under one' });
      const cal = await ctx.engine.calendars.forTownship(org.township_id);
      const lengthsKey = `${org.township_id}|${row.category ?? ''}`;
      let lengths = lengthsByTownship.get(lengthsKey);
      if (!lengths) lengthsByTownship.set(lengthsKey, (lengths = await clockLengths(c, org.township_id, type, row.category ?? null)));
      const plan = planHistoricCase(type, row, cal, today, (p) => reach.get(p)?.has(row.orgId) ?? false, ctx.engine.lateEntryDays, lengths);
      valid.push({ i, row, org: { ...org, township_id: org.township_id, township_name: org.township_name }, plan, id: randomUUID(), year: Number(row.receivedOn.slice(0, 4)) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      fail(i, e);
    }
  }
  const numbered = valid.length === 0 ? [] : await numberRows(c, type, valid, fail);
  const written = await insertCases(ctx, type, numbered);
  for (const p of numbered) {
    results[p.i] = written.has(p.id) ? { ok: true, id: p.id, ref: p.ref, status: p.plan.status } : { ok: false, error: new AppError('DUPLICATE', { field: 'ref', ref: p.ref }) };
  }
  const done = numbered.filter((p) => written.has(p.id));
  if (done.length > 0) {
    await moveCounters(c, type, done);
    await insertChildren(ctx, type, done);
    const actor = ctx.actor;
    await appendAuditBatch(c, done.map((p): AuditEntry => ({
      actorId: principal.userId, ip: actor.ip, requestId: actor.requestId, orgId: p.org.id, townshipId: p.org.township_id,
      action: 'case.create_historic', entity: 'case', entityId: p.id,
      after: { ref: p.ref, type: type.code, title: p.row.title, category: p.row.category ?? null, parties: p.row.parties?.length ?? 0, source: p.row.source ?? 'staff',
        status: p.plan.status, steps: p.plan.events.map((e) => ({ transition: e.transition, on: e.on, fields: e.fields })) },
    })));
  }
  return results.map((r) => r ?? { ok: false, error: new AppError('INTERNAL') });
};

/** The case rows; a number another case holds meanwhile (one the caller cannot see) skips its row. Returns the ids written. */
const insertCases = async (ctx: CaseCtx, type: CaseType, rows: readonly Planned[]): Promise<Set<string>> => {
  if (rows.length === 0) return new Set();
  const col = <T>(f: (r: Planned) => T): T[] => rows.map(f);
  const { rows: ins } = await ctx.client.query<{ id: string }>(
    `INSERT INTO cases (id, township_id, org_id, case_type, ref, year, seq, title, body, category, status, status_kind, source, data, version,
                        created_by, received_on, closed_at, search_text, steps, facts, last_step_on, ended_on)
     SELECT r.id, r.township_id, r.org_id, $1, r.ref, r.year, r.seq, r.title, r.body, r.category, r.status, r.status_kind, r.source, r.data, r.version,
            $2, r.received_on, CASE WHEN r.status_kind = 'open' THEN NULL ELSE now() END, r.search_text, r.steps, r.facts, r.last_step_on, r.ended_on
       FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                   $14::text[], $15::jsonb[], $16::int[], $17::date[], $18::text[], $19::jsonb[], $20::jsonb[], $21::date[], $22::date[])
         AS r(id, township_id, org_id, ref, year, seq, title, body, category, status, status_kind, source, data, version, received_on, search_text,
              steps, facts, last_step_on, ended_on)
     ON CONFLICT DO NOTHING RETURNING id`,
    [type.code, ctx.principal?.userId ?? null, col((r) => r.id), col((r) => r.org.township_id), col((r) => r.org.id), col((r) => r.ref), col((r) => r.year),
      col((r) => r.seq), col((r) => r.row.title), col((r) => r.row.body ?? ''), col((r) => r.row.category ?? null), col((r) => r.plan.status),
      col((r) => r.plan.state.kind), col((r) => r.row.source ?? 'staff'), col((r) => JSON.stringify(r.plan.data)), col((r) => 1 + r.plan.events.length),
      col((r) => r.row.receivedOn),
      col((r) => caseIndexText({ ...r.row, data: r.plan.data }, type.searchFields)),
      col((r) => JSON.stringify(r.plan.steps)), col((r) => JSON.stringify(r.row.facts ?? {})), col((r) => r.plan.lastStepOn), col((r) => r.plan.endedOn)]);
  return new Set(ins.map((r) => r.id));
};

/** Each counter to the highest number now used in its series (never lower than it was). */
const moveCounters = async (c: Client, type: CaseType, rows: readonly Planned[]): Promise<void> => {
  const top = new Map<string, { t: string; y: number; seq: number }>();
  for (const r of rows) {
    const k = `${r.org.township_id}|${r.year}`;
    top.set(k, { t: r.org.township_id, y: r.year, seq: Math.max(top.get(k)?.seq ?? 0, r.seq) });
  }
  const g = [...top.values()];
  await c.query(
    `UPDATE case_ref_counters k SET last_seq = GREATEST(k.last_seq, n.seq) FROM unnest($2::uuid[], $3::int[], $4::int[]) AS n(t, y, seq)
      WHERE k.township_id = n.t AND k.case_type = $1 AND k.year = n.y`, [type.code, g.map((x) => x.t), g.map((x) => x.y), g.map((x) => x.seq)]);
};

/** Parties (personal data sealed as createCase seals it), the timeline, the clocks. */
const insertChildren = async (ctx: CaseCtx, type: CaseType, rows: readonly Planned[]): Promise<void> => {
  const c = ctx.client;
  const keys = ctx.engine.keys;
  const parties = rows.flatMap((r) => (r.row.parties ?? []).map((p, i) => ({ r, p, i })));
  if (parties.length > 0) {
    const seal = (v: string | null | undefined): Buffer | null => (v ? sealField(keys, v) : null);
    const bidx = (v: string | null | undefined): Buffer | null => (v ? blindIndex(keys, v) : null);
    await c.query(
      `INSERT INTO case_parties (case_id, township_id, kind, role, name, id_number_enc, id_number_bidx, phone_enc, phone_bidx, address_enc, sort_order)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::bytea[], $8::bytea[], $9::bytea[], $10::bytea[], $11::int[])`,
      [parties.map((x) => x.r.id), parties.map((x) => x.r.org.township_id), parties.map((x) => x.p.kind), parties.map((x) => x.p.role), parties.map((x) => x.p.name),
        parties.map((x) => seal(x.p.idNumber)), parties.map((x) => bidx(x.p.idNumber)), parties.map((x) => seal(x.p.phone)), parties.map((x) => bidx(x.p.phone)),
        parties.map((x) => seal(x.p.address)), parties.map((x) => x.i)]);
  }
  const actorId = ctx.principal?.userId ?? null;
  // A register brought in is the bulk form of late entry (补录): the import is its own permission, and each step
  // it dates past the late-entry limit is marked as such on the timeline, with who entered it and when.
  const lateEntry: LateEntry = { enteredOn: ctx.engine.today(), enteredBy: actorId };
  // The creation event, then each transition in order (the timeline reads them by id).
  const events = rows.flatMap((r) => [
    { r, kind: 'created', transition: null, from: null, to: type.initial, public: true,
      payload: { source: r.row.source ?? 'staff', ref: r.ref, on: r.row.receivedOn, ...(r.plan.lateEntry ? { lateEntry: lateEntry } : {}) } },
    ...r.plan.events.map((e) => ({ r, kind: 'transition', transition: e.transition, from: e.from, to: e.to, public: e.public,
      payload: { fields: e.fields, comment: e.comment, on: e.on, deadlines: e.stopped, ...(e.lateEntry ? { lateEntry } : {}) } })),
  ]);
  await c.query(
    `INSERT INTO case_events (case_id, township_id, actor_id, kind, transition, from_status, to_status, public, payload)
     SELECT e.case_id, e.township_id, $1, e.kind, e.transition, e.from_status, e.to_status, e.public, e.payload
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::jsonb[]) WITH ORDINALITY
         AS e(case_id, township_id, kind, transition, from_status, to_status, public, payload, n) ORDER BY e.n`,
    [actorId, events.map((e) => e.r.id), events.map((e) => e.r.org.township_id), events.map((e) => e.kind), events.map((e) => e.transition),
      events.map((e) => e.from), events.map((e) => e.to), events.map((e) => e.public), events.map((e) => JSON.stringify(e.payload))]);
  const clocks = rows.flatMap((r) => r.plan.clocks.map((k) => ({ r, k })));
  if (clocks.length > 0) {
    await c.query(
      `INSERT INTO case_deadlines (case_id, township_id, key, start_date, length, unit, pauses, extensions, due_date, provisional, explanation, explanation_en,
                                   status, stopped_on, on_time)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::int[], $6::text[], $7::jsonb[], $8::jsonb[], $9::date[], $10::boolean[],
                            $11::jsonb[], $12::jsonb[], $13::text[], $14::date[], $15::boolean[])`,
      [clocks.map((x) => x.r.id), clocks.map((x) => x.r.org.township_id), clocks.map((x) => x.k.key), clocks.map((x) => x.k.start_date), clocks.map((x) => x.k.length),
        clocks.map((x) => x.k.unit), clocks.map((x) => JSON.stringify(x.k.pauses)), clocks.map((x) => JSON.stringify(x.k.extensions)), clocks.map((x) => x.k.due_date),
        clocks.map((x) => x.k.provisional), clocks.map((x) => JSON.stringify(x.k.explanation)), clocks.map((x) => JSON.stringify(x.k.explanation_en)),
        clocks.map((x) => x.k.status), clocks.map((x) => x.k.stopped_on), clocks.map((x) => x.k.on_time)]);
  }
};
