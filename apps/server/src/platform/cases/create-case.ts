import { randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import { named, sendTogether } from '../db/pools.ts';
import { assertCanAt, canAt, readOrgPath } from '../access/scope.ts';
import { blindIndex, sealField, sm3 } from '../crypto/sm.ts';
import type { CaseCtx } from './context.ts';
import type { CaseType } from './definition.ts';
import { clockLengths, clockWrites } from './deadlines.ts';
import { readAuditHeads, type AuditHeads } from '../audit/audit.ts';
import { nextReference } from './reference.ts';
import { caseIndexText } from './search-text.ts';
import { checkCaseData } from './case-data.ts';
import { checkStepDay, isLateEntry } from './step-dates.ts';
import { ineligibleAssignees } from './assignable-users.ts';
import { caseLink, notifyPermissionHolders } from '../notifications/notify.ts';
import { appendCaseEvent } from './events.ts';

export type PartyInput = {
  kind: 'person' | 'enterprise';
  role: string;
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  address?: string | null;
};

export type CreateCaseInput = {
  type: string;
  orgId: string;
  title: string;
  body?: string;
  category?: string | null;
  parties?: PartyInput[];
  data?: Record<string, unknown>;
  /** The day the matter was received (clocks start the day after); default today. */
  receivedOn?: string;
  source?: 'staff' | 'public' | 'grid' | 'transfer' | 'hotline';
  assigneeIds?: string[];
  /** A retried submission with the same key returns the first case instead of a second one. */
  idempotencyKey?: string | null;
  /** Give the submitter a tracking number and a query code (citizen-facing types). */
  tracking?: boolean;
};

export type CreatedCase = { id: string; ref: string; trackingNo: string | null; queryCode: string | null; replayed: boolean };

const TRACK_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const randomCode = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
export const queryCodeHash = (trackingNo: string, code: string): Buffer => sm3(`track:${trackingNo}:${code}`);

export const requireType = (ctx: CaseCtx, code: string): CaseType => {
  const t = ctx.engine.types.get(code);
  if (!t) throw new AppError('VALIDATION', { field: 'type', reason: 'unknown case type' });
  return t;
};

/**
 * Opens a case: reference, parties (personal data sealed), assignees, the creation event on
 * the timeline, the clocks that start on creation, and the audit row, in one transaction.
 */
export const createCase = async (ctx: CaseCtx, input: CreateCaseInput): Promise<CreatedCase> => {
  const type = requireType(ctx, input.type);
  const c = ctx.client;
  const scopeKey = ctx.principal ? `user:${ctx.principal.userId}` : 'public';
  // The submission key's claim, the org and its place in the tree (for the permission checks)
  // depend on nothing else: sent together (one round trip on the pipelined request pool).
  let claimed = true;
  type OrgRow = { township_id: string | null; kind: string; id: string; name: string; township_name: string | null };
  let orgFound: OrgRow | undefined;
  const principal = ctx.principal;
  await sendTogether(c, [
    ...(input.idempotencyKey ? [async () => {
      // Concurrent retries queue on this insert's unique key; the later ones find the first case.
      claimed = ((await c.query(named('INSERT INTO idempotency_keys (scope, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key', [scopeKey, input.idempotencyKey]))).rowCount ?? 0) > 0;
    }] : []),
    async () => {
      orgFound = (await c.query<OrgRow>(named(
        `SELECT o.id, o.kind, o.name, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END AS township_id, t.name AS township_name
           FROM orgs o LEFT JOIN orgs t ON t.id = CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END WHERE o.id = $1`, [input.orgId]))).rows[0];
    },
    ...(principal ? [() => readOrgPath(c, input.orgId)] : []),
  ]);
  if (!claimed) {
    const prior = await c.query<{ id: string; ref: string; tracking_no: string | null }>(
      'SELECT k.case_id AS id, c.ref, c.tracking_no FROM idempotency_keys k JOIN cases c ON c.id = k.case_id WHERE k.scope = $1 AND k.key = $2', [scopeKey, input.idempotencyKey]);
    const p = prior.rows[0];
    if (!p) throw new AppError('CONFLICT');
    return { id: p.id, ref: p.ref, trackingNo: p.tracking_no, queryCode: null, replayed: true };
  }
  if (principal) await assertCanAt(c, principal, type.handlePermission, input.orgId);
  const data = checkCaseData(type.intake, input.data, 'data');
  const org = orgFound;
  if (!org) throw new AppError('NOT_FOUND');
  if (!org.township_id || !org.township_name) throw new AppError('VALIDATION', { field: 'orgId', reason: 'cases belong to a township or an org under one' });
  // The township's own list where the type takes one (a township's "三重一大" categories), else the type's.
  const categories = (type.categoriesAt ? await type.categoriesAt(c, org.township_id) : null) ?? type.categories;
  if (input.category && categories && !categories.includes(input.category)) throw new AppError('VALIDATION', { field: 'category' });
  if (type.intakeCheck) await type.intakeCheck(ctx, { townshipId: org.township_id, orgId: org.id, title: input.title, body: input.body ?? '', parties: input.parties ?? [], data });
  const today = ctx.engine.today();
  const receivedOn = input.receivedOn ?? today;
  checkStepDay(receivedOn, null, today, 'receivedOn');
  const late = isLateEntry(receivedOn, today, ctx.engine.lateEntryDays);
  if (late && !(ctx.principal && await canAt(c, ctx.principal, 'case.late_entry', org.id, ctx.principal.userId))) throw new AppError('CASE_LATE_ENTRY_FORBIDDEN', { field: 'receivedOn' });
  const assigneeIds = [...new Set(input.assigneeIds ?? [])];
  if (assigneeIds.length > 0) {
    // As setAssignees: only people who may handle this type at the case's org receive it.
    const refused = await ineligibleAssignees(ctx, { org_id: org.id, created_by: ctx.principal?.userId ?? null }, type.handlePermission, assigneeIds);
    if (refused.length > 0) throw new AppError('ASSIGNEE_NOT_ELIGIBLE', { field: 'assigneeIds', userIds: refused });
  }
  const year = Number(receivedOn.slice(0, 4));
  const townshipId = org.township_id;
  // The reference's counter, the township's clock lengths and the head of its audit chain
  // (locked until the transaction ends) depend on the org alone: sent together.
  let numbered: { ref: string; seq: number } | undefined;
  let lengths: ReadonlyMap<string, number> = new Map();
  let heads: AuditHeads | undefined;
  const townshipName = org.township_name;
  await sendTogether(c, [
    async () => { numbered = await nextReference(c, townshipId, townshipName, type.code, type.refCode, year); },
    async () => { lengths = await clockLengths(c, townshipId, type, input.category ?? null); },
    async () => { heads = await readAuditHeads(c, [townshipId]); },
  ]);
  if (!numbered) throw new AppError('INTERNAL');
  const { ref, seq } = numbered;
  const tracking = input.tracking ?? type.citizenFacing;
  const trackingNo = tracking ? `${year}${randomCode(TRACK_ALPHABET, 8)}` : null;
  const queryCode = tracking ? randomCode('0123456789', 6) : null;
  const parties = input.parties ?? [];
  const searchText = caseIndexText({ ...input, parties, data }, type.searchFields);
  const state = type.states[type.initial];
  if (!state) throw new AppError('INTERNAL');
  // The case's id is chosen here, so that the case and every row that names it (the parties, the
  // assignees, the submission key's case, the timeline's first entry, the clocks that start) go
  // out together: one round trip on the pipelined request pool (platform/db/pools.ts), in order.
  const id = randomUUID();
  const keys = ctx.engine.keys;
  const writes: (() => Promise<unknown>)[] = [() => c.query(named(
    `INSERT INTO cases (township_id, org_id, case_type, ref, year, seq, title, body, category, status, status_kind, source, data,
                        created_by, received_on, tracking_no, query_code_hash, search_text, last_step_on, id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$15,$19)`,
    [org.township_id, org.id, type.code, ref, year, seq, input.title, input.body ?? '', input.category ?? null, type.initial, state.kind,
      input.source ?? (ctx.principal ? 'staff' : 'public'), JSON.stringify(data), ctx.principal?.userId ?? null, receivedOn,
      trackingNo, trackingNo && queryCode ? queryCodeHash(trackingNo, queryCode) : null, searchText, id]))];
  for (const [i, p] of parties.entries()) {
    writes.push(() => c.query(named(
      `INSERT INTO case_parties (case_id, township_id, kind, role, name, id_number_enc, id_number_bidx, phone_enc, phone_bidx, address_enc, sort_order)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [id, org.township_id, p.kind, p.role, p.name, p.idNumber ? sealField(keys, p.idNumber) : null, p.idNumber ? blindIndex(keys, p.idNumber) : null,
        p.phone ? sealField(keys, p.phone) : null, p.phone ? blindIndex(keys, p.phone) : null, p.address ? sealField(keys, p.address) : null, i])));
  }
  for (const userId of assigneeIds) {
    writes.push(() => c.query('INSERT INTO case_assignees (case_id, user_id, township_id) VALUES ($1,$2,$3)', [id, userId, org.township_id]));
  }
  if (input.idempotencyKey) writes.push(() => c.query(named('UPDATE idempotency_keys SET case_id = $3 WHERE scope = $1 AND key = $2', [scopeKey, input.idempotencyKey, id])));
  writes.push(() => appendCaseEvent(c, { caseId: id, townshipId, actorId: ctx.principal?.userId ?? null, kind: 'created', toStatus: type.initial, public: true, payload: ({ source: input.source ?? (ctx.principal ? 'staff' : 'public'), ref, on: receivedOn, ...(late ? { lateEntry: { enteredOn: today, enteredBy: ctx.principal?.userId ?? null } } : {}) }) }));
  // The clocks that start on creation (a new case has none running to read).
  const cal = await ctx.engine.calendars.forTownship(org.township_id);
  writes.push(...clockWrites(c, cal, type, { id, township_id: townshipId, category: input.category ?? null }, [], lengths, 'created', receivedOn, false, today, data).writes);
  // The audit row goes with them (its chain's head was read above), and so do a citizen's
  // application's notices: it reaches the office at once, everyone who may take it on there is
  // told (and finds it in 我的待办).
  writes.push(() => ctx.audit({ orgId: org.id, townshipId: org.township_id, action: 'case.create', entity: 'case', entityId: id,
    after: { ref, type: type.code, title: input.title, category: input.category ?? null, parties: parties.length, source: input.source ?? null } }, heads));
  if (!ctx.principal) {
    writes.push(() => notifyPermissionHolders(c, type.handlePermission, org.id, {
      kind: 'case.new_application', townshipId: org.township_id, caseId: id, link: caseLink(id),
      params: { township: townshipName, ref, title: input.title, type: type.label, org: org.name },
    }));
  }
  await sendTogether(c, writes);
  return { id, ref, trackingNo, queryCode, replayed: false };
};
