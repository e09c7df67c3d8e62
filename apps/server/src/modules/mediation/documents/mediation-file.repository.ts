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

/** Rows of many cases grouped by their case, each case's in the statement's order. */
const byCase = <T extends { case_id: string }>(rows: readonly T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.case_id);
    if (list) list.push(r);
    else out.set(r.case_id, [r]);
  }
  return out;
};

/*
 * Each of the following reads what it reads for a set of cases in one statement: a file
 * review reads up to a thousand files, and one statement per case and table made it a
 * thousand round trips per table (docs/performance.md, "The console on a clerk's office PC").
 */

export const findCases = async (c: Client, ids: readonly string[]): Promise<CaseRow[]> => (await c.query<CaseRow>(
  `SELECT k.id, k.ref, k.title, k.body, k.category, k.source, k.status, to_char(k.received_on, 'YYYY-MM-DD') AS received_on,
          k.org_id, o.name AS org_name, k.township_id, k.data || k.steps || k.facts AS data, u.display_name AS registered_by
     FROM cases k JOIN orgs o ON o.id = k.org_id LEFT JOIN users u ON u.id = k.created_by
    WHERE k.id = ANY($1::uuid[])`, [ids])).rows;

export const findParties = async (c: Client, caseIds: readonly string[]): Promise<Map<string, PartyRow[]>> => byCase((await c.query<PartyRow & { case_id: string }>(
  `SELECT p.case_id, p.id, p.kind, p.role, p.name, p.id_number_enc, p.phone_enc, p.address_enc,
          f.sex, to_char(f.birth_date, 'YYYY-MM-DD') AS birth_date, f.ethnicity, f.occupation,
          n.method AS notice_method, to_char(n.given_on, 'YYYY-MM-DD') AS notice_on
     FROM case_parties p LEFT JOIN mediation_party_facts f ON f.party_id = p.id LEFT JOIN mediation_rights_notices n ON n.party_id = p.id
    WHERE p.case_id = ANY($1::uuid[]) ORDER BY p.sort_order, p.id`, [caseIds])).rows);

export const findSessions = async (c: Client, caseIds: readonly string[]): Promise<Map<string, SessionRow[]>> => byCase((await c.query<SessionRow & { case_id: string }>(
  `SELECT s.case_id, s.id, s.kind, s.held_at, s.place, s.participants, s.record, s.record_sm3, s.signatures, u.display_name AS recorder
     FROM mediation_sessions s LEFT JOIN users u ON u.id = s.created_by WHERE s.case_id = ANY($1::uuid[]) ORDER BY s.held_at, s.created_at`, [caseIds])).rows);

/** A step taken: the day it happened and who entered it (null: the system, or an import). */
export type StepTaken = { on: string; actor: string | null };

/** Each case's steps, by transition, the last one of each: its day (its `on`, the day it happened) and its actor. */
export const findSteps = async (c: Client, caseIds: readonly string[]): Promise<Map<string, Map<string, StepTaken>>> => {
  const { rows } = await c.query<{ case_id: string; transition: string; on: string; actor: string | null }>(
    `SELECT e.case_id, e.transition, coalesce(e.payload ->> 'on', to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS on, u.display_name AS actor
       FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = ANY($1::uuid[]) AND e.kind = 'transition' ORDER BY e.id`, [caseIds]);
  return new Map([...byCase(rows)].map(([id, list]) => [id, new Map(list.map((r) => [r.transition, { on: r.on, actor: r.actor }]))]));
};

/**
 * The committee that mediates a case at each org: the one of the org or the nearest above it
 * (a village's 调委会), else the township's (kept at the 司法所). One statement for every org
 * (a county's file review meets a few hundred villages: one look-up each took 430 ms).
 */
export const findCommittees = async (c: Client, orgs: readonly { orgId: string; townshipId: string }[]): Promise<Map<string, string | null>> => new Map((await c.query<{ org_id: string; name: string | null }>(
  `SELECT o.org_id, (
     SELECT x.name FROM (
       SELECT m.name, oc.depth AS rank, m.created_at FROM mediation_committees m JOIN org_closure oc ON oc.ancestor_id = m.org_id
        WHERE oc.descendant_id = o.org_id AND m.active AND m.kind IN ('village', 'township')
       UNION ALL
       SELECT m.name, 1000, m.created_at FROM mediation_committees m WHERE m.township_id = o.township_id AND m.active AND m.kind = 'township'
     ) x ORDER BY x.rank, x.created_at LIMIT 1) AS name
     FROM unnest($1::uuid[], $2::uuid[]) AS o(org_id, township_id)`, [orgs.map((o) => o.orgId), orgs.map((o) => o.townshipId)])).rows.map((r) => [r.org_id, r.name]));

/** Each case's mediators (the lead first); for a case without any, its assignees' names. */
export const findMediators = async (c: Client, caseIds: readonly string[]): Promise<Map<string, string[]>> => {
  const named = byCase((await c.query<{ case_id: string; name: string }>(
    `SELECT cm.case_id, m.name FROM mediation_case_mediators cm JOIN mediators m ON m.id = cm.mediator_id
      WHERE cm.case_id = ANY($1::uuid[]) ORDER BY cm.lead DESC, m.name`, [caseIds])).rows);
  const rest = caseIds.filter((id) => !named.has(id));
  const assigned = rest.length === 0 ? new Map<string, { name: string }[]>() : byCase((await c.query<{ case_id: string; name: string }>(
    'SELECT a.case_id, u.display_name AS name FROM case_assignees a JOIN users u ON u.id = a.user_id WHERE a.case_id = ANY($1::uuid[]) ORDER BY a.assigned_at', [rest])).rows);
  return new Map(caseIds.map((id) => [id, (named.get(id) ?? assigned.get(id) ?? []).map((r) => r.name)]));
};
