import type { Client } from '../../../platform/db/pools.ts';

/** A mediation case with what its ledger line needs, as the export cursor returns it. */
export type LedgerCaseRow = {
  id: string; ref: string; year: number; org_id: string; township_id: string; received_on: string; category: string | null;
  title: string; body: string; status: string; data: Record<string, unknown>;
  party_roles: string[] | null; party_names: string[] | null; party_phones: (Buffer | null)[] | null;
  mediators: string | null; lead_committee: string | null;
  /** The day each transition was taken (its `on`), the latest per transition. */
  dates: Record<string, string> | null;
};

const CURSOR = 'ledger_export';
/**
 * The transitions whose day a ledger shows. Filtering on them (a leakproof comparison) lets
 * PostgreSQL skip the other events before it evaluates their row-level security policy,
 * which costs a lookup of the parent case per event row.
 */
const DATED = ['reach_agreement', 'fail', 'transfer', 'refuse', 'withdraw', 'apply_confirmation', 'follow_up'];

/**
 * The mediation cases of a year (or all years) under an org (or the whole scope), in ledger
 * order: by year, then township, then reference number. Row-level security limits the rows
 * to the caller's scope. Read through a server-side cursor so that 100,000 cases stream in
 * bounded memory; parties, mediators and transition days come per row from their indexes.
 */
export const openLedgerCursor = async (c: Client, year: number | null, orgId: string | null): Promise<void> => {
  // The cases are ordered first, alone (OFFSET 0 keeps that subquery apart), and the per-case
  // lookups run on the sorted rows as the cursor is read: the first rows come at once and
  // memory stays flat on both sides, instead of every lookup running before the sort.
  await c.query(
    `DECLARE ${CURSOR} NO SCROLL CURSOR FOR
     SELECT k.id, k.ref, k.year, k.org_id, k.township_id, to_char(k.received_on, 'YYYY-MM-DD') AS received_on, k.category,
            k.title, k.body, k.status, k.data || k.steps || k.facts AS data, p.party_roles, p.party_names, p.party_phones,
            (SELECT string_agg(m.name, '、' ORDER BY x.lead DESC, m.name) FROM mediation_case_mediators x JOIN mediators m ON m.id = x.mediator_id
              WHERE x.case_id = k.id) AS mediators,
            (SELECT mc.name FROM mediation_case_mediators x JOIN mediators m ON m.id = x.mediator_id JOIN mediation_committees mc ON mc.id = m.committee_id
              WHERE x.case_id = k.id ORDER BY x.lead DESC LIMIT 1) AS lead_committee,
            (SELECT jsonb_object_agg(e.transition, e.payload ->> 'on' ORDER BY e.id) FROM case_events e
              WHERE e.case_id = k.id AND e.kind = 'transition' AND e.transition = ANY ($3::text[])) AS dates
       FROM (SELECT * FROM cases c
              WHERE c.case_type = 'mediation' AND ($1::int IS NULL OR c.year = $1)
                AND ($2::uuid IS NULL OR c.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $2))
              ORDER BY c.year, c.township_id, c.seq OFFSET 0) k
       LEFT JOIN LATERAL (SELECT array_agg(cp.role ORDER BY cp.sort_order) AS party_roles, array_agg(cp.name ORDER BY cp.sort_order) AS party_names,
                                 array_agg(cp.phone_enc ORDER BY cp.sort_order) AS party_phones
                            FROM case_parties cp WHERE cp.case_id = k.id) p ON true`, [year, orgId, DATED]);
};
export const fetchLedgerRows = async (c: Client, n: number): Promise<LedgerCaseRow[]> =>
  (await c.query<LedgerCaseRow>(`FETCH ${Math.floor(n)} FROM ${CURSOR}`)).rows;
export const closeLedgerCursor = async (c: Client): Promise<void> => { await c.query(`CLOSE ${CURSOR}`); };

/** Per org: the village it lies in, and the committee that mediates there: its own, else the nearest above it (a village's before a studio's). */
export type OrgInfo = { village: string | null; committee: string | null };
export const loadOrgInfo = async (c: Client): Promise<Map<string, OrgInfo>> => {
  const { rows } = await c.query<{ id: string; village: string | null; committee: string | null }>(
    `SELECT o.id,
            (SELECT a.name FROM org_closure oc JOIN orgs a ON a.id = oc.ancestor_id WHERE oc.descendant_id = o.id AND a.kind = 'village' LIMIT 1) AS village,
            (SELECT m.name FROM org_closure oc JOIN mediation_committees m ON m.org_id = oc.ancestor_id AND m.active WHERE oc.descendant_id = o.id
              ORDER BY oc.depth, array_position(ARRAY['village', 'township', 'professional', 'studio'], m.kind), m.created_at LIMIT 1) AS committee
       FROM orgs o`);
  return new Map(rows.map((r) => [r.id, { village: r.village, committee: r.committee }]));
};

/** The org and its township (null for a county or its offices). */
export const orgWithTownship = async (c: Client, orgId: string): Promise<{ id: string; name: string; township_id: string | null; township_name: string | null } | null> =>
  (await c.query<{ id: string; name: string; township_id: string | null; township_name: string | null }>(
    `SELECT o.id, o.name, t.id AS township_id, t.name AS township_name FROM orgs o
       LEFT JOIN orgs t ON t.id = CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END WHERE o.id = $1`, [orgId])).rows[0] ?? null;
