import { timingSafeEqual } from 'node:crypto';
import type { Client } from '../db/pools.ts';
import { AppError } from '../errors.ts';
import type { CaseEngine } from './context.ts';
import { queryCodeHash } from './create-case.ts';
import { appendCaseEvent } from './events.ts';

/** Wrong query codes for one tracking number before it locks, and for how long. */
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

type Tracked = {
  id: string; township_id: string; org_id: string; case_type: string; title: string; status: string; status_kind: string;
  received_on: string; query_code_hash: Buffer | null; locked: boolean; track_failures: number; rated: boolean; next_due: string | null;
};

/**
 * Finds a citizen's case by tracking number and query code. Every wrong code counts against
 * the number (5 wrong → locked 15 minutes, whatever the IP), on top of the per-IP rate limit,
 * so codes cannot be guessed. The failure is committed even though the request fails.
 */
const findTracked = async (system: Client, no: string, code: string): Promise<{ ok: true; row: Tracked } | { ok: false; code: 'TRACK_NOT_FOUND' | 'TRACK_LOCKED' }> => {
  const { rows } = await system.query<Tracked>(
    `SELECT id, township_id, org_id, case_type, title, status, status_kind, to_char(received_on, 'YYYY-MM-DD') AS received_on, query_code_hash,
            coalesce(track_locked_until > now(), false) AS locked, track_failures,
            EXISTS (SELECT 1 FROM case_ratings r WHERE r.case_id = cases.id) AS rated,
            (SELECT to_char(min(due_date), 'YYYY-MM-DD') FROM case_deadlines d WHERE d.case_id = cases.id AND d.status IN ('running','paused')) AS next_due
       FROM cases WHERE tracking_no = $1 FOR NO KEY UPDATE`, [no]);
  const row = rows[0];
  if (!row || !row.query_code_hash) return { ok: false, code: 'TRACK_NOT_FOUND' };
  if (row.locked) return { ok: false, code: 'TRACK_LOCKED' };
  if (!timingSafeEqual(row.query_code_hash, queryCodeHash(no, code))) {
    const failures = row.track_failures + 1;
    await system.query(
      `UPDATE cases SET track_failures = CASE WHEN $2::int >= $3::int THEN 0 ELSE $2::int END,
              track_locked_until = CASE WHEN $2::int >= $3::int THEN now() + make_interval(mins => $4::int) ELSE track_locked_until END WHERE id = $1`,
      [row.id, failures, MAX_FAILURES, LOCK_MINUTES]);
    return { ok: false, code: failures >= MAX_FAILURES ? 'TRACK_LOCKED' : 'TRACK_NOT_FOUND' };
  }
  if (row.track_failures > 0) await system.query('UPDATE cases SET track_failures = 0 WHERE id = $1', [row.id]);
  return { ok: true, row };
};

export const trackCase = async (system: Client, engine: CaseEngine, no: string, code: string) => {
  const found = await findTracked(system, no, code);
  if (!found.ok) return found;
  const row = found.row;
  const type = engine.types.get(row.case_type);
  if (!type) throw new AppError('NOT_FOUND');
  const events = (await system.query<{ at: Date; kind: string; transition: string | null; to_status: string | null; payload: { text?: string } }>(
    'SELECT at, kind, transition, to_status, payload FROM case_events WHERE case_id = $1 AND public ORDER BY id', [row.id])).rows;
  const state = type.states[row.status];
  return {
    ok: true as const,
    view: {
      trackingNo: no, typeLabel: type.label, title: row.title, statusLabel: state?.publicLabel ?? state?.label ?? { zh: row.status, en: row.status },
      closed: row.status_kind !== 'open', receivedOn: row.received_on, dueDate: row.next_due,
      // Only what the law lets the public see: the steps, never staff comments or names.
      timeline: events.map((e) => ({
        at: e.at.toISOString(),
        label: e.kind === 'created' ? { zh: '已登记', en: 'Registered' }
          : e.kind === 'transition' && e.to_status ? (type.states[e.to_status]?.publicLabel ?? type.states[e.to_status]?.label ?? { zh: e.to_status, en: e.to_status })
            : { zh: e.payload.text ?? '办理进展', en: 'Progress' },
      })),
      canRate: row.status_kind !== 'open' && !row.rated, rated: row.rated,
    },
  };
};

/** 好差评: one rating per closed case, through the tracking number and query code. */
export const rateCase = async (system: Client, no: string, code: string, rating: { score: number; officeScore?: number; comment?: string }) => {
  const found = await findTracked(system, no, code);
  if (!found.ok) return found;
  const row = found.row;
  if (row.status_kind === 'open' || row.rated) return { ok: false as const, code: 'RATING_NOT_ALLOWED' as const };
  await system.query(
    'INSERT INTO case_ratings (case_id, township_id, score, office_id, office_score, comment, channel) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [row.id, row.township_id, rating.score, rating.officeScore ? row.org_id : null, rating.officeScore ?? null, rating.comment ?? null, 'tracking']);
  await appendCaseEvent(system, { caseId: row.id, townshipId: row.township_id, actorId: null, kind: 'rating', payload: rating });
  return { ok: true as const, caseId: row.id, townshipId: row.township_id, orgId: row.org_id };
};
