import type { RegisterKind, RiskLevel } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import { kindIntervalsSql } from './safety.kinds.ts';
import { permittedSql, type PermittedOrgs } from './safety-access.ts';

/** A person's row with the dates the screens need: the last visit and the next one due (by the kind's interval). */
export type PersonRow = {
  id: string; ref: string; kind: RegisterKind; org_id: string; org_name: string; township_id: string;
  name_enc: Buffer; id_number_enc: Buffer; phone_enc: Buffer | null; address_enc: Buffer | null;
  risk_level: RiskLevel; follow_up_due: string | null; registered_on: string; note: string | null;
  last_visit_on: string | null; next_visit_due: string; total: number;
};

const columns = `p.id, p.ref, p.kind, p.org_id, o.name AS org_name, p.township_id, p.name_enc, p.id_number_enc, p.phone_enc, p.address_enc,
  p.risk_level, to_char(p.follow_up_due, 'YYYY-MM-DD') AS follow_up_due, to_char(p.registered_on, 'YYYY-MM-DD') AS registered_on, p.note,
  to_char(p.last_visit_on, 'YYYY-MM-DD') AS last_visit_on, to_char(coalesce(p.last_visit_on, p.registered_on) + ki.every_days, 'YYYY-MM-DD') AS next_visit_due`;
const from = `safety_persons p JOIN orgs o ON o.id = p.org_id JOIN ${kindIntervalsSql()} ON ki.kind = p.kind`;

export type PersonFilter = { kind?: RegisterKind; orgId?: string; overdue?: boolean; today: string; limit: number; offset: number };

/** One page of the register: the caller's permitted orgs only, open entries, by village and number. */
export const listPersons = async (c: Client, allowed: PermittedOrgs, f: PersonFilter): Promise<PersonRow[]> => {
  const { rows } = await c.query<PersonRow>(
    `SELECT ${columns}, count(*) OVER ()::int AS total FROM ${from}
      WHERE p.closed_on IS NULL AND ${permittedSql('p.org_id', allowed, 1, 2)}
        AND ($3::text IS NULL OR p.kind = $3)
        AND ($4::uuid IS NULL OR p.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $4))
        AND (NOT $5 OR p.follow_up_due < $6::date OR coalesce(p.last_visit_on, p.registered_on) + ki.every_days < $6::date)
      ORDER BY o.sort_order, o.name, p.ref LIMIT $7 OFFSET $8`,
    [allowed.orgs, allowed.roots, f.kind ?? null, f.orgId ?? null, f.overdue ?? false, f.today, f.limit, f.offset]);
  return rows;
};

export const loadPerson = async (c: Client, id: string, lock = false): Promise<PersonRow | null> =>
  (await c.query<PersonRow>(`SELECT ${columns}, 1 AS total FROM ${from} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id])).rows[0] ?? null;

export type VisitRow = { id: string; visited_on: string; visitor_name: string; findings: string; risk_level: RiskLevel | null; follow_up_due: string | null; on_schedule: boolean };

/** A person's visits, newest first; each on schedule when it came within the kind's interval after the one before (or the registration). */
export const listVisits = async (c: Client, personId: string): Promise<VisitRow[]> => (await c.query<VisitRow>(
  `SELECT x.id, to_char(x.visited_on, 'YYYY-MM-DD') AS visited_on, x.visitor_name, x.findings, x.risk_level,
          to_char(x.follow_up_due, 'YYYY-MM-DD') AS follow_up_due,
          x.visited_on <= coalesce(lag(x.visited_on) OVER w, p.registered_on) + ki.every_days AS on_schedule
     FROM safety_visits x JOIN safety_persons p ON p.id = x.person_id JOIN ${kindIntervalsSql()} ON ki.kind = p.kind
    WHERE x.person_id = $1
   WINDOW w AS (ORDER BY x.visited_on, x.created_at)
    ORDER BY x.visited_on DESC, x.created_at DESC`, [personId])).rows;
