import { AppError } from '../../platform/errors.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import type { Tx } from '../../platform/platform.ts';
import type { SessionBody } from './mediation.schemas.ts';

type Signature = { name: string; method: string; signedAt: string; textSm3: string; imageSm3?: string; image?: string };

const handledCase = async (tx: Tx, caseId: string) => {
  const k = (await tx.client.query<{ org_id: string; township_id: string; status: string; created_by: string | null }>(
    "SELECT org_id, township_id, status, created_by FROM cases WHERE id = $1 AND case_type = 'mediation'", [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'mediation.handle', k.org_id, k.created_by);
  return k;
};

/** 调解笔录 (人民调解法 第二十七条: the mediator records the mediation). */
export const recordSession = async (tx: Tx, caseId: string, body: SessionBody): Promise<string> => {
  const k = await handledCase(tx, caseId);
  if (!['accepted', 'mediating'].includes(k.status)) throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: k.status });
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO mediation_sessions (case_id, township_id, held_at, place, participants, record, record_sm3, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [caseId, k.township_id, body.heldAt, body.place, JSON.stringify(body.participants), body.record, sm3(body.record).toString('hex'), tx.principal.userId]);
  const id = rows[0]?.id ?? '';
  await tx.client.query(`INSERT INTO case_events (case_id, township_id, actor_id, kind, payload) VALUES ($1,$2,$3,'session',$4)`,
    [caseId, k.township_id, tx.principal.userId, JSON.stringify({ sessionId: id, heldAt: body.heldAt, place: body.place })]);
  await tx.audit({ orgId: k.org_id, townshipId: k.township_id, action: 'mediation.session.record', entity: 'mediation_session', entityId: id, after: { caseId, heldAt: body.heldAt, place: body.place } });
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
  const { rows } = await tx.client.query<{ id: string; held_at: Date; place: string; participants: unknown; record: string; record_sm3: string; signatures: Signature[] }>(
    'SELECT id, held_at, place, participants, record, record_sm3, signatures FROM mediation_sessions WHERE case_id = $1 ORDER BY held_at', [caseId]);
  return rows.map((r) => ({
    id: r.id, heldAt: r.held_at.toISOString(), place: r.place, participants: r.participants, record: r.record, recordSm3: r.record_sm3,
    // A signature stays valid only while the record is the text that was signed.
    signatures: r.signatures.map((x) => ({ name: x.name, method: x.method, signedAt: x.signedAt, textSm3: x.textSm3, valid: x.textSm3 === sm3(r.record).toString('hex') })),
  }));
};
