import type { PartyFactsBody } from '@fazhi/contracts';
import type { Client } from '../../../platform/db/pools.ts';
import type { Tx } from '../../../platform/platform.ts';
import type { CaseCtx } from '../../../platform/cases/context.ts';
import { openField, type FieldKeys } from '../../../platform/crypto/sm.ts';
import { AppError } from '../../../platform/errors.ts';
import { handledCase } from '../mediation.sessions.ts';
import { setPartyAddress } from '../../../platform/cases/party-address.ts';

/** Sex and birth date carried by an 18-digit 公民身份号码 (GB 11643: digits 7-14, digit 17). */
export const fromIdNumber = (id: string): { sex: '男' | '女' | null; birthDate: string | null } => {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{2}(\d)[\dX]$/i.exec(id);
  if (!m) return { sex: null, birthDate: null };
  return { sex: Number(m[4]) % 2 === 1 ? '男' : '女', birthDate: `${m[1]}-${m[2]}-${m[3]}` };
};

/** What the agreement states of a party (人民调解法 第二十九条第一项), as far as recorded. */
export type BasicFacts = { sex: string | null; birthDate: string | null; ethnicity: string | null; occupation: string | null; hasAddress: boolean };

type Row = {
  id: string; kind: string; role: string; name: string; id_number_enc: Buffer | null; address_enc: Buffer | null;
  sex: string | null; birth_date: string | null; ethnicity: string | null; occupation: string | null;
};

/** The case's parties with their recorded basic facts; sex and birth date from a full ID number win over typed ones. */
export const loadBasicFacts = async (c: Client, keys: FieldKeys, caseId: string): Promise<(BasicFacts & { partyId: string; kind: string; role: string; name: string })[]> => {
  const { rows } = await c.query<Row>(
    `SELECT p.id, p.kind, p.role, p.name, p.id_number_enc, p.address_enc,
            f.sex, to_char(f.birth_date, 'YYYY-MM-DD') AS birth_date, f.ethnicity, f.occupation
       FROM case_parties p LEFT JOIN mediation_party_facts f ON f.party_id = p.id
      WHERE p.case_id = $1 ORDER BY p.sort_order, p.id`, [caseId]);
  return rows.map((r) => {
    const fromId = r.kind === 'person' && r.id_number_enc ? fromIdNumber(openField(keys, r.id_number_enc)) : { sex: null, birthDate: null };
    return {
      partyId: r.id, kind: r.kind, role: r.role, name: r.name,
      sex: fromId.sex ?? r.sex, birthDate: fromId.birthDate ?? r.birth_date, ethnicity: r.ethnicity, occupation: r.occupation, hasAddress: r.address_enc !== null,
    };
  });
};

/** The basic facts still missing for an agreement, by their Chinese names (an enterprise: its address). */
export const missingFacts = (p: BasicFacts & { kind: string }): string[] => {
  if (p.kind !== 'person') return p.hasAddress ? [] : ['住所地'];
  return [
    ...(p.sex ? [] : ['性别']), ...(p.birthDate ? [] : ['出生日期']), ...(p.ethnicity ? [] : ['民族']),
    ...(p.occupation ? [] : ['职业或者工作单位']), ...(p.hasAddress ? [] : ['住所']),
  ];
};

/**
 * The step `reach_agreement` needs (人民调解法 第二十九条): every party's basic facts, and the
 * mediator's own account of the facts, the points in dispute and each side's responsibility
 * (never the application pasted). Interactive steps only: a past agreement imported from a
 * ledger is taken as recorded, and the file review shows what it lacks.
 */
export const agreementPrecondition = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const blank = (k: string): boolean => typeof fields[k] !== 'string' || (fields[k]).trim() === '';
  const missingFields = ['facts', 'issues', 'responsibilities'].filter(blank);
  if (missingFields.length > 0) throw new AppError('CASE_FIELDS_REQUIRED', { missing: missingFields });
  const parties = (await loadBasicFacts(ctx.client, ctx.engine.keys, caseId))
    .map((p) => ({ partyId: p.partyId, name: p.name, missing: missingFacts(p) }))
    .filter((p) => p.missing.length > 0);
  if (parties.length > 0) throw new AppError('MEDIATION_PARTY_FACTS_MISSING', { parties });
};

/** Records what the clerk learned of a party's basic facts; unset fields stay as they were. */
export const setPartyFacts = async (tx: Tx, keys: FieldKeys, caseId: string, partyId: string, body: PartyFactsBody): Promise<void> => {
  const k = await handledCase(tx, caseId);
  const party = (await tx.client.query<{ id: string }>('SELECT id FROM case_parties WHERE id = $1 AND case_id = $2', [partyId, caseId])).rows[0];
  if (!party) throw new AppError('NOT_FOUND');
  await tx.client.query(
    `INSERT INTO mediation_party_facts (party_id, case_id, township_id, sex, birth_date, ethnicity, occupation, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (party_id, township_id) DO UPDATE SET sex = coalesce(EXCLUDED.sex, mediation_party_facts.sex),
       birth_date = coalesce(EXCLUDED.birth_date, mediation_party_facts.birth_date),
       ethnicity = coalesce(EXCLUDED.ethnicity, mediation_party_facts.ethnicity),
       occupation = coalesce(EXCLUDED.occupation, mediation_party_facts.occupation),
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [partyId, caseId, k.township_id, body.sex ?? null, body.birthDate ?? null, body.ethnicity?.trim() ?? null, body.occupation?.trim() ?? null, tx.principal.userId]);
  if (body.address) await setPartyAddress(tx.client, keys, caseId, partyId, body.address.trim());
  // The audit names what changed, never the address itself (it is sealed personal data).
  const { address, ...plain } = body;
  await tx.audit({ orgId: k.org_id, townshipId: k.township_id, action: 'mediation.party_facts', entity: 'case_party', entityId: partyId,
    after: { caseId, ...plain, ...(address ? { address: 'sealed' } : {}) } });
};
