import { named, type Client } from '../db/pools.ts';

/**
 * One entry on a case's timeline, written in the caller's transaction. The one writer of
 * `case_events` for the engine and every module (the bulk path writes its batches itself, in
 * one statement): a module adds its own kinds (mediation's `session`, `assign`) and labels
 * them in its manifest (FazhiModule.eventLabels). The row's org is the case's (by trigger).
 */
export type CaseEventInput = {
  caseId: string;
  townshipId: string;
  /** Null for the system (a clock's expiry, an escalation) or a citizen. */
  actorId: string | null;
  kind: string;
  /** Shown on the citizen's tracking page. */
  public?: boolean;
  payload: unknown;
  transition?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
};

export const appendCaseEvent = async (c: Client, e: CaseEventInput): Promise<number> =>
  (await c.query<{ id: number }>(named(
    `INSERT INTO case_events (case_id, township_id, actor_id, kind, transition, from_status, to_status, public, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [e.caseId, e.townshipId, e.actorId, e.kind, e.transition ?? null, e.fromStatus ?? null, e.toStatus ?? null, e.public ?? false, JSON.stringify(e.payload)]))).rows[0]?.id ?? 0;
