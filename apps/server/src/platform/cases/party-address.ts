import type { Client } from '../db/pools.ts';
import { sealField, type FieldKeys } from '../crypto/sm.ts';
import { AppError } from '../errors.ts';

/**
 * Records a party's address (住所) after registration: sealed like every address, on the
 * party of the given case only (404 otherwise: row-level security hides other cases' parties).
 * The caller checks its own permission on the case and writes the audit row.
 */
export const setPartyAddress = async (c: Client, keys: FieldKeys, caseId: string, partyId: string, address: string): Promise<void> => {
  const { rowCount } = await c.query('UPDATE case_parties SET address_enc = $3 WHERE id = $1 AND case_id = $2', [partyId, caseId, sealField(keys, address)]);
  if (!rowCount) throw new AppError('NOT_FOUND');
};
