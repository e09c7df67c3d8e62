import type { SafetyPersonBody, SafetyPersonCreated } from '@fazhi/contracts';
import type { Tx } from '../../../platform/platform.ts';
import type { FieldKeys } from '../../../platform/crypto/sm.ts';
import { blindIndex, sealField } from '../../../platform/crypto/sm.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { isValidIdNumber } from '../identity.ts';

/**
 * Puts a person on a register of a village or a grid. The caller needs the register's
 * handle permission there; personal data is sealed before it reaches the database and the
 * ID number kept as a blind index too, so the same person is not registered twice under a
 * kind in the township.
 */
export const registerPerson = async (tx: Tx, keys: FieldKeys, today: string, b: SafetyPersonBody): Promise<SafetyPersonCreated> => {
  const org = (await tx.client.query<{ kind: string; township_id: string | null }>('SELECT kind, township_id FROM orgs WHERE id = $1', [b.orgId])).rows[0];
  if (!org) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'safety.register.handle', b.orgId);
  if ((org.kind !== 'village' && org.kind !== 'grid') || !org.township_id) throw new AppError('SAFETY_ORG_NOT_VILLAGE');
  const name = b.name.trim();
  if (name === '') throw new AppError('VALIDATION', { field: 'name' });
  const address = b.address?.trim() || null;
  const idNumber = b.idNumber.toUpperCase();
  if (!isValidIdNumber(idNumber)) throw new AppError('SAFETY_ID_NUMBER_INVALID', { field: 'idNumber' });
  const registeredOn = b.registeredOn ?? today;
  if (registeredOn > today) throw new AppError('SAFETY_DATE_IN_FUTURE', { field: 'registeredOn' });
  const bidx = blindIndex(keys, idNumber);
  const taken = await tx.client.query('SELECT 1 FROM safety_persons WHERE township_id = $1 AND kind = $2 AND id_number_bidx = $3', [org.township_id, b.kind, bidx]);
  if ((taken.rowCount ?? 0) > 0) throw new AppError('SAFETY_PERSON_REGISTERED');
  const { rows } = await tx.client.query<{ id: string; ref: string }>(
    `INSERT INTO safety_persons (township_id, org_id, ref, kind, name_enc, id_number_enc, id_number_bidx, phone_enc, address_enc, risk_level, registered_on, note, created_by)
     VALUES ($1, $2, 'ZD' || lpad(nextval('safety_person_ref_seq')::text, 6, '0'), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, ref`,
    [org.township_id, b.orgId, b.kind, sealField(keys, name), sealField(keys, idNumber), bidx,
      b.phone ? sealField(keys, b.phone) : null, address ? sealField(keys, address) : null,
      b.riskLevel ?? 'low', registeredOn, b.note?.trim() || null, tx.principal.userId]);
  const row = rows[0];
  if (!row) throw new AppError('INTERNAL');
  await tx.audit({ orgId: b.orgId, townshipId: org.township_id, action: 'safety.person.register', entity: 'safety_person', entityId: row.id,
    after: { kind: b.kind, ref: row.ref, riskLevel: b.riskLevel ?? 'low' } });
  return row;
};
