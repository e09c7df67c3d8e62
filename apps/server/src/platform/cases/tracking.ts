import { timingSafeEqual } from 'node:crypto';
import type { Client } from '../db/pools.ts';
import { AppError } from '../errors.ts';
import type { CaseEngine } from './context.ts';
import { queryCodeHash } from './create-case.ts';
import { appendCaseEvent } from './events.ts';
import { clearThrottle, readThrottle, recordFailure, TRACK_ADDRESS, TRACK_PAIR } from '../auth/throttle.ts';

/**
 * Who is looking: the address's attempts are counted (platform/auth/throttle.ts). Null only for
 * the server's own calls (the demo seed), which are not throttled.
 */
export type TrackGuard = { secret: Buffer; address: string; now: Date } | null;

export type Tracked = {
  id: string; township_id: string; org_id: string; case_type: string; title: string; status: string; status_kind: string;
  received_on: string; query_code_hash: Buffer | null; rated: boolean; next_due: string | null;
};

type Miss = { ok: false; code: 'TRACK_NOT_FOUND' | 'TRACK_THROTTLED'; retryAfter?: number };

/**
 * Finds a citizen's case by tracking number and query code. Wrong codes slow down the address
 * that makes them, for that number and across numbers (a growing wait, 429-like TRACK_THROTTLED),
 * never the number for everyone: the citizen at home still gets in while someone else guesses.
 * An unknown number and a wrong code are the same miss, counted alike. The count is committed
 * with the (successful) lookup transaction. Modules whose citizens act on their case through
 * the tracking page (a complainant's satisfaction) check the pair here, under the same throttle.
 */
export const findTracked = async (system: Client, no: string, code: string, guard: TrackGuard): Promise<{ ok: true; row: Tracked } | Miss> => {
  const keys = guard ? [
    { scope: 'track:pair', value: `${no}\0${guard.address}`, policy: TRACK_PAIR },
    { scope: 'track:address', value: guard.address, policy: TRACK_ADDRESS },
  ] : [];
  if (guard) {
    const wait = Math.max(0, ...(await readThrottle(system, guard.secret, keys, guard.now)).map((s) => s.waitSeconds));
    if (wait > 0) return { ok: false, code: 'TRACK_THROTTLED', retryAfter: wait };
  }
  const { rows } = await system.query<Tracked>(
    `SELECT id, township_id, org_id, case_type, title, status, status_kind, to_char(received_on, 'YYYY-MM-DD') AS received_on, query_code_hash,
            EXISTS (SELECT 1 FROM case_ratings r WHERE r.case_id = cases.id) AS rated,
            (SELECT to_char(min(due_date), 'YYYY-MM-DD') FROM case_deadlines d WHERE d.case_id = cases.id AND d.status IN ('running','paused')) AS next_due
       FROM cases WHERE tracking_no = $1 FOR NO KEY UPDATE`, [no]);
  // A tracking number is unique within its township (cases_tracking_no_township_id_key): two
  // townships' cases may draw the same one, and the query code tells them apart.
  const given = queryCodeHash(no, code);
  const row = rows.find((r) => r.query_code_hash !== null && timingSafeEqual(r.query_code_hash, given));
  // An unknown number is compared against a hash all the same, so it costs what a wrong code does.
  if (rows.length === 0) timingSafeEqual(queryCodeHash(no, '\0'), given);
  if (!row) {
    if (guard) await recordFailure(system, guard.secret, keys, guard.now);
    return { ok: false, code: 'TRACK_NOT_FOUND' };
  }
  if (guard) await clearThrottle(system, guard.secret, keys.slice(0, 1));
  return { ok: true, row };
};

export const trackCase = async (system: Client, engine: CaseEngine, no: string, code: string, guard: TrackGuard) => {
  const found = await findTracked(system, no, code, guard);
  if (!found.ok) return found;
  const row = found.row;
  const type = engine.types.get(row.case_type);
  if (!type) throw new AppError('NOT_FOUND');
  const events = (await system.query<{ at: Date; kind: string; transition: string | null; to_status: string | null; payload: { text?: string; toOrg?: string } }>(
    'SELECT at, kind, transition, to_status, payload FROM case_events WHERE case_id = $1 AND public ORDER BY id', [row.id])).rows;
  const state = type.states[row.status];
  return {
    ok: true as const,
    view: {
      trackingNo: no, typeLabel: type.label, type: type.code, title: row.title, statusLabel: state?.publicLabel ?? state?.label ?? { zh: row.status, en: row.status },
      closed: row.status_kind !== 'open', receivedOn: row.received_on, dueDate: row.next_due,
      // Only what the law lets the public see: the steps, never staff comments or names.
      timeline: events.map((e) => ({
        at: e.at.toISOString(),
        label: e.kind === 'created' ? { zh: '已登记', en: 'Registered' }
          : e.kind === 'transition' && e.to_status ? (type.states[e.to_status]?.publicLabel ?? type.states[e.to_status]?.label ?? { zh: e.to_status, en: e.to_status })
            // Passed to another office (transfer.ts): the citizen is told which one, never why or by whom.
            : e.kind === 'transfer' && e.payload.toOrg ? { zh: `已转交${e.payload.toOrg}办理`, en: `Passed to ${e.payload.toOrg}` }
              : { zh: e.payload.text ?? '办理进展', en: 'Progress' },
      })),
      canRate: row.status_kind !== 'open' && !row.rated, rated: row.rated,
    },
  };
};

/** 好差评: one rating per closed case, through the tracking number and query code. */
export const rateCase = async (system: Client, no: string, code: string, rating: { score: number; officeScore?: number; comment?: string }, guard: TrackGuard) => {
  const found = await findTracked(system, no, code, guard);
  if (!found.ok) return found;
  const row = found.row;
  if (row.status_kind === 'open' || row.rated) return { ok: false as const, code: 'RATING_NOT_ALLOWED' as const };
  await system.query(
    'INSERT INTO case_ratings (case_id, township_id, score, office_id, office_score, comment, channel) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [row.id, row.township_id, rating.score, rating.officeScore ? row.org_id : null, rating.officeScore ?? null, rating.comment ?? null, 'tracking']);
  await appendCaseEvent(system, { caseId: row.id, townshipId: row.township_id, actorId: null, kind: 'rating', payload: rating });
  return { ok: true as const, caseId: row.id, townshipId: row.township_id, orgId: row.org_id };
};
