import { AppError } from '../../platform/errors.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import type { Tx } from '../../platform/platform.ts';
import { SCOPE_ORGS_FILTER } from '../../platform/cases/case-queries.ts';
import type { ScheduledSessionList, SessionBody, SessionsQuery } from '@fazhi/contracts';
import { appendCaseEvent } from '../../platform/cases/events.ts';

type Signature = { name: string; method: string; signedAt: string; textSm3: string; imageSm3?: string; image?: string };

export const handledCase = async (tx: Tx, caseId: string) => {
  const k = (await tx.client.query<{ org_id: string; township_id: string; status: string; created_by: string | null }>(
    "SELECT org_id, township_id, status, created_by FROM cases WHERE id = $1 AND case_type = 'mediation'", [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'mediation.handle', k.org_id, k.created_by);
  return k;
};

/** Parties not yet told of their rights and duties (人民调解法 第二十三、二十四条). */
export const partiesWithoutNotice = async (tx: Tx, caseId: string): Promise<string[]> => (await tx.client.query<{ name: string }>(
  `SELECT p.name FROM case_parties p WHERE p.case_id = $1
      AND NOT EXISTS (SELECT 1 FROM mediation_rights_notices n WHERE n.party_id = p.id) ORDER BY p.sort_order, p.id`, [caseId])).rows.map((r) => r.name);

/**
 * 调解笔录 (人民调解法 第二十七条: the mediator records the mediation) or 调查记录 (the facts
 * looked into, 第二十二条). A session is recorded only once mediation has started, and only
 * after every party has been told of their rights and duties (第二十三、二十四条; 司法部
 * 《人民调解工作若干规定》第三十条: before mediating); an investigation may be recorded from
 * acceptance on.
 */
export const recordSession = async (tx: Tx, caseId: string, body: SessionBody): Promise<string> => {
  const k = await handledCase(tx, caseId);
  const kind = body.kind ?? 'session';
  if (!['accepted', 'mediating'].includes(k.status)) throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: k.status });
  if (kind === 'session') {
    if (k.status !== 'mediating') throw new AppError('MEDIATION_NOT_STARTED', { status: k.status });
    const untold = await partiesWithoutNotice(tx, caseId);
    if (untold.length > 0) throw new AppError('MEDIATION_RIGHTS_NOTICE_MISSING', { parties: untold });
  }
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO mediation_sessions (case_id, township_id, held_at, place, participants, record, record_sm3, created_by, kind)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
    [caseId, k.township_id, body.heldAt, body.place, JSON.stringify(body.participants), body.record, sm3(body.record).toString('hex'), tx.principal.userId, kind]);
  const id = rows[0]?.id ?? '';
  await appendCaseEvent(tx.client, { caseId, townshipId: k.township_id, actorId: tx.principal.userId, kind: 'session', payload: { sessionId: id, heldAt: body.heldAt, place: body.place, recordKind: kind } });
  await tx.audit({ orgId: k.org_id, townshipId: k.township_id, action: 'mediation.session.record', entity: 'mediation_session', entityId: id, after: { caseId, heldAt: body.heldAt, place: body.place, kind } });
  return id;
};

/**
 * A signature on a session record, with the time and the SM3 of the exact text signed. A
 * signer who saw an older text is refused, so no one signs what they did not read.
 */
export const signSession = async (tx: Tx, sessionId: string, sig: { name: string; method: string; image?: string; textSm3: string }): Promise<void> => {
  const s = (await tx.client.query<{ case_id: string; record_sm3: string; signatures: Signature[] }>(
    'SELECT case_id, record_sm3, signatures FROM mediation_sessions WHERE id = $1 FOR UPDATE', [sessionId])).rows[0];
  if (!s) throw new AppError('NOT_FOUND');
  const k = await handledCase(tx, s.case_id);
  if (sig.textSm3 !== s.record_sm3) throw new AppError('CASE_STALE', { reason: 'the record changed after it was shown' });
  const entry: Signature = { name: sig.name, method: sig.method, signedAt: new Date().toISOString(), textSm3: s.record_sm3,
    ...(sig.image ? { image: sig.image, imageSm3: sm3(sig.image).toString('hex') } : {}) };
  await tx.client.query('UPDATE mediation_sessions SET signatures = signatures || $2::jsonb WHERE id = $1', [sessionId, JSON.stringify([entry])]);
  await tx.audit({ orgId: k.org_id, townshipId: k.township_id, action: 'mediation.session.sign', entity: 'mediation_session', entityId: sessionId, after: { name: sig.name, method: sig.method, textSm3: s.record_sm3 } });
};

export const listSessions = async (tx: Tx, caseId: string) => {
  const { rows } = await tx.client.query<{ id: string; held_at: Date; place: string; participants: unknown; record: string; record_sm3: string; signatures: Signature[]; kind: 'session' | 'investigation' }>(
    'SELECT id, held_at, place, participants, record, record_sm3, signatures, kind FROM mediation_sessions WHERE case_id = $1 ORDER BY held_at', [caseId]);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, heldAt: r.held_at.toISOString(), place: r.place, participants: r.participants, record: r.record, recordSm3: r.record_sm3,
    // A signature stays valid only while the record is the text that was signed.
    signatures: r.signatures.map((x) => ({ name: x.name, method: x.method, signedAt: x.signedAt, textSm3: x.textSm3, valid: x.textSm3 === sm3(r.record).toString('hex') })),
  }));
};

/** The longest range the desk may ask for at once (a quarter): keeps the query on one index range. */
export const MAX_SESSION_RANGE_DAYS = 92;

/**
 * Sessions held (or scheduled) between two Beijing dates, both included, across every
 * mediation case the caller can see: the desk's "today" and a week or month ahead. Row-level
 * security decides which cases are visible; the scope filter keeps the plan on the caller's
 * orgs rather than every township's sessions in the range (see SCOPE_ORGS_FILTER).
 */
export const listSessionsInRange = async (tx: Tx, q: SessionsQuery): Promise<ScheduledSessionList> => {
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (!(days >= 0 && days < MAX_SESSION_RANGE_DAYS)) throw new AppError('DATE_RANGE_INVALID', { from: q.from, to: q.to, maxDays: MAX_SESSION_RANGE_DAYS });
  const pageSize = q.pageSize ?? 50;
  const scoped = tx.principal.grants.some((g) => g.scope === 'all') ? '' : `AND ${SCOPE_ORGS_FILTER}`;
  const { rows } = await tx.client.query<{
    id: string; held_at: Date; place: string; participants: number; signatures: number;
    case_id: string; ref: string; title: string; status: string; org_name: string; total: string;
  }>(
    `SELECT s.id, s.held_at, s.place, jsonb_array_length(s.participants) AS participants, jsonb_array_length(s.signatures) AS signatures,
            k.id AS case_id, k.ref, k.title, k.status, o.name AS org_name, count(*) OVER () AS total
       FROM mediation_sessions s JOIN cases k ON k.id = s.case_id JOIN orgs o ON o.id = k.org_id
      WHERE k.case_type = 'mediation' ${scoped}
        AND s.held_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND s.held_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
      ORDER BY s.held_at, k.ref, s.id
      LIMIT $3 OFFSET $4`,
    [q.from, q.to, pageSize, ((q.page ?? 1) - 1) * pageSize]);
  const total = rows[0] ? Number(rows[0].total)
    : q.page && q.page > 1 ? Number((await tx.client.query<{ n: string }>(
      `SELECT count(*) AS n FROM mediation_sessions s JOIN cases k ON k.id = s.case_id
        WHERE k.case_type = 'mediation' ${scoped}
          AND s.held_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND s.held_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
      [q.from, q.to])).rows[0]?.n ?? 0) : 0;
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, heldAt: r.held_at.toISOString(), place: r.place, participants: Number(r.participants), signatures: Number(r.signatures),
      caseId: r.case_id, caseRef: r.ref, caseTitle: r.title, caseStatus: r.status, orgName: r.org_name,
    })),
  };
};
