import type { CreateUserBody } from '@fazhi/contracts';
import type { Platform, Tx } from '../../../platform/platform.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { isUniqueViolation } from '../../../platform/db/pools.ts';
import { blindIndex, sealField } from '../../../platform/crypto/sm.ts';
import { generateInitialPassword, hashPassword } from '../../../platform/auth/password.ts';

/**
 * Creates an account in an org the caller manages, with a generated initial password the
 * user must change at first sign-in. The phone number is stored sealed (SM4 + HMAC-SM3)
 * with a blind index for lookup; the trail records the account without either.
 */
export const createUser = async (platform: Platform, tx: Tx, input: CreateUserBody): Promise<{ userId: string; initialPassword: string }> => {
  await assertCanAt(tx.client, tx.principal, 'user.manage', input.orgId);
  const initialPassword = generateInitialPassword();
  const keys = platform.keys.fields;
  try {
    const { rows } = await tx.client.query<{ id: string; township_id: string | null }>(
      `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password, phone_enc, phone_bidx)
       SELECT o.id, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END, $2, $3, $4, true, $5, $6 FROM orgs o WHERE o.id = $1
       RETURNING id, township_id`,
      [input.orgId, input.username, input.displayName, await hashPassword(initialPassword),
        input.phone ? sealField(keys, input.phone) : null, input.phone ? blindIndex(keys, input.phone) : null]);
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    await tx.audit({ orgId: input.orgId, townshipId: row.township_id, action: 'user.create', entity: 'user', entityId: row.id,
      after: { username: input.username, displayName: input.displayName, orgId: input.orgId, phone: input.phone ? 'set' : null } });
    return { userId: row.id, initialPassword };
  } catch (e) {
    if (isUniqueViolation(e, 'users_username_key')) throw new AppError('USERNAME_TAKEN');
    throw e;
  }
};
