import type { Client } from '../../../platform/db/pools.ts';

/**
 * The SQL behind a mediation case's documents. Runs in the caller's scoped transaction:
 * row-level security limits every table to cases the caller may see.
 */
export type CaseRow = {
  id: string; ref: string; title: string; body: string; category: string | null; source: string; status: string;
  received_on: string; org_id: string; org_name: string; township_id: string; data: Record<string, unknown>; registered_by: string | null;
};
export type PartyRow = {
  id: string; kind: string; role: string; name: string; id_number_enc: Buffer | null; phone_enc: Buffer | null; address_enc: Buffer | null;
  /** mediation_party_facts: what an ID number cannot tell. */
  sex: string | null; birth_date: string | null; ethnicity: string | null; occupation: string | null;
  /** mediation_rights_notices: how and when the party was told of its rights and duties. */
  notice_method: string | null; notice_on: string | null;
};
export type SessionRow = { id: string; kind: 'session' | 'investigation'; held_at: Date; place: string; participants: unknown; record: string; record_sm3: string; signatures: unknown; recorder: string | null };

export const findCase = async (c: Client, id: string): Promise<CaseRow | undefined> => (await c.query<CaseRow>(
  `SELECT k.id, k.ref, k.title, k.body, k.category, k.source, k.status, to_char(k.received_on, 'YYYY-MM-DD') AS received_on,
          k.org_id, o.name AS org_name, k.township_id, k.data || k.steps || k.facts AS data, u.display_name AS registered_by
     FROM cases k JOIN orgs o ON o.id = k.org_id LEFT JOIN users u ON u.id = k.created_by
    WHERE k.id = $1`, [id])).rows[0];

export const findParties = async (c: Client, caseId: string): Promise<PartyRow[]> => (await c.query<PartyRow>(
  `SELECT p.id, p.kind, p.role, p.name, p.id_number_enc, p.phone_enc, p.address_enc,
          f.sex, to_char(f.birth_date, 'YYYY-MM-DD') AS birth_date, f.ethnicity, f.occupation,
          n.method AS notice_method, to_char(n.given_on, 'YYYY-MM-DD') AS notice_on
     FROM case_parties p LEFT JOIN mediation_party_facts f ON f.party_id = p.id LEFT JOIN mediation_rights_notices n ON n.party_id = p.id
    WHERE p.case_id = $1 ORDER BY p.sort_order, p.id`, [caseId])).rows;

export const findSessions = async (c: Client, caseId: string): Promise<SessionRow[]> => (await c.query<SessionRow>(
  `SELECT s.id, s.kind, s.held_at, s.place, s.participants, s.record, s.record_sm3, s.signatures, u.display_name AS recorder
     FROM mediation_sessions s LEFT JOIN users u ON u.id = s.created_by WHERE s.case_id = $1 ORDER BY s.held_at, s.created_at`, [caseId])).rows;

/** A step taken: the day it happened and who entered it (null: the system, or an import). */
export type StepTaken = { on: string; actor: string | null };

/** Each transition's step, the last one of each: its day (its `on`, the day it happened) and its actor. */
export const findSteps = async (c: Client, caseId: string): Promise<Map<string, StepTaken>> => {
  const { rows } = await c.query<{ transition: string; on: string; actor: string | null }>(
    `SELECT e.transition, coalesce(e.payload ->> 'on', to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS on, u.display_name AS actor
       FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = $1 AND e.kind = 'transition' ORDER BY e.id`, [caseId]);
  return new Map(rows.map((r) => [r.transition, { on: r.on, actor: r.actor }]));
};

/**
 * The committee that mediates the case: the one of the case's org or the nearest above it
 * (a village's 调委会), else the township's (kept at the 司法所).
 */
export const findCommittee = async (c: Client, orgId: string, townshipId: string): Promise<string | null> => (await c.query<{ name: string }>(
  `SELECT name FROM (
     SELECT m.name, oc.depth AS rank, m.created_at FROM mediation_committees m JOIN org_closure oc ON oc.ancestor_id = m.org_id
      WHERE oc.descendant_id = $1 AND m.active AND m.kind IN ('village', 'township')
     UNION ALL
     SELECT m.name, 1000, m.created_at FROM mediation_committees m WHERE m.township_id = $2 AND m.active AND m.kind = 'township'
   ) x ORDER BY rank, created_at LIMIT 1`, [orgId, townshipId])).rows[0]?.name ?? null;

/** The case's mediators (the lead first); failing that, its assignees' names. */
export const findMediators = async (c: Client, caseId: string): Promise<string[]> => {
  const named = (await c.query<{ name: string }>(
    `SELECT m.name FROM mediation_case_mediators cm JOIN mediators m ON m.id = cm.mediator_id
      WHERE cm.case_id = $1 ORDER BY cm.lead DESC, m.name`, [caseId])).rows;
  if (named.length > 0) return named.map((r) => r.name);
  return (await c.query<{ name: string }>(
    'SELECT u.display_name AS name FROM case_assignees a JOIN users u ON u.id = a.user_id WHERE a.case_id = $1 ORDER BY a.assigned_at', [caseId])).rows
    .map((r) => r.name);
};
