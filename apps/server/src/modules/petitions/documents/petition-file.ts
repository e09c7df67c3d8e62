import type { Client } from '../../../platform/db/pools.ts';
import type { FieldKeys } from '../../../platform/crypto/sm.ts';
import { AppError } from '../../../platform/errors.ts';

type Step = Record<string, string | undefined>;

/** Everything a petition's documents are filled from (no sealed personal data: they name the petitioner only). */
export type PetitionFile = {
  caseId: string; ref: string; title: string; category: string | null; status: string; receivedOn: string;
  township: string; orgName: string;
  petitioners: string[];
  data: { channel?: string; request?: string; facts?: string; group?: boolean; representatives?: number };
  steps: Readonly<Record<string, Step>>;
  /** The day each transition happened. */
  on: ReadonlyMap<string, string>;
  handling: { due: string; startedOn: string; extensions: { length: number; reason: string; at: string }[] } | null;
  parties: { id: string; sealedFields: string[] }[];
};

/** Loads a petition for its documents, in the caller's transaction (row-level security applies). */
export const loadPetitionFile = async (c: Client, _keys: FieldKeys, caseId: string): Promise<PetitionFile> => {
  const k = (await c.query<{ id: string; ref: string; title: string; category: string | null; status: string; received_on: string; township: string; org_name: string; data: PetitionFile['data']; steps: Record<string, Step> }>(
    `SELECT k.id, k.ref, k.title, k.category, k.status, to_char(k.received_on, 'YYYY-MM-DD') AS received_on, t.name AS township, o.name AS org_name, k.data, k.steps
       FROM cases k JOIN orgs o ON o.id = k.org_id JOIN orgs t ON t.id = k.township_id WHERE k.id = $1`, [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  const parties = (await c.query<{ id: string; name: string; role: string }>('SELECT id, name, role FROM case_parties WHERE case_id = $1 ORDER BY sort_order, id', [caseId])).rows;
  const days = (await c.query<{ transition: string; on: string }>(
    `SELECT transition, coalesce(payload ->> 'on', to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS on FROM case_events WHERE case_id = $1 AND kind = 'transition' ORDER BY id`, [caseId])).rows;
  const h = (await c.query<{ due: string; start_date: string; extensions: { length: number; reason: string; at: string }[] }>(
    `SELECT to_char(due_date, 'YYYY-MM-DD') AS due, to_char(start_date, 'YYYY-MM-DD') AS start_date, extensions FROM case_deadlines WHERE case_id = $1 AND key = 'handling'`, [caseId])).rows[0];
  const petitioners = parties.filter((p) => p.role === '信访人').map((p) => p.name);
  return {
    caseId: k.id, ref: k.ref, title: k.title, category: k.category, status: k.status, receivedOn: k.received_on, township: k.township, orgName: k.org_name,
    petitioners: petitioners.length > 0 ? petitioners : parties.map((p) => p.name),
    data: k.data, steps: k.steps, on: new Map(days.map((d) => [d.transition, d.on])),
    handling: h ? { due: h.due, startedOn: h.start_date, extensions: h.extensions } : null,
    parties: parties.map((p) => ({ id: p.id, sealedFields: [] })),
  };
};
