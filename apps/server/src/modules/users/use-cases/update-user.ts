import type { UpdateUserBody } from '@fazhi/contracts';
import type { Platform, Tx } from '../../../platform/platform.ts';
import { runSystem } from '../../../platform/platform.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { blindIndex, sealField } from '../../../platform/crypto/sm.ts';
import { generateInitialPassword, hashPassword } from '../../../platform/auth/password.ts';
import { revokeAllSessions } from '../../../platform/auth/sessions.ts';
import { findUser, type UserRow } from '../users.repository.ts';

const loadManaged = async (tx: Tx, id: string): Promise<UserRow> => {
  const user = await findUser(tx.client, id, true);
  if (!user) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'user.manage', user.org_id);
  return user;
};

/**
 * Ends every session of a user, in a transaction of its own on the owner pool. Callers run it
 * after the request's transaction has committed, never inside it: that transaction holds a
 * request connection and the user's row lock, and sign-ins of the same user hold owner
 * connections while they wait for that lock; waiting there for an owner connection could
 * close the circle (docs/reliability.md). The account is already disabled or its password
 * reset when this runs, so a session cannot be used in between (loadPrincipal reads only
 * active users; a reset forces a password change that needs the new password).
 */
export const endSessionsOf = (platform: Platform, userId: string): Promise<number> => runSystem(platform, (c) => revokeAllSessions(c, userId));

/** Changes name, phone or status; the caller ends the sessions of a disabled user after the commit (endSessionsOf). */
export const updateUser = async (platform: Platform, tx: Tx, id: string, patch: UpdateUserBody): Promise<void> => {
  const before = await loadManaged(tx, id);
  if (patch.status === 'disabled' && id === tx.principal.userId) throw new AppError('FORBIDDEN');
  const keys = platform.keys.fields;
  const phoneChange = patch.phone !== undefined;
  await tx.client.query(
    `UPDATE users SET display_name = coalesce($2, display_name), status = coalesce($3, status),
            phone_enc = CASE WHEN $4 THEN $5 ELSE phone_enc END, phone_bidx = CASE WHEN $4 THEN $6 ELSE phone_bidx END, updated_at = now()
      WHERE id = $1`,
    [id, patch.displayName ?? null, patch.status ?? null, phoneChange,
      patch.phone ? sealField(keys, patch.phone) : null, patch.phone ? blindIndex(keys, patch.phone) : null]);
  await tx.audit({ orgId: before.org_id, townshipId: before.township_id, action: 'user.update', entity: 'user', entityId: id,
    before: { displayName: before.display_name, status: before.status }, after: { displayName: patch.displayName, status: patch.status, phone: phoneChange ? 'changed' : undefined } });
};

/** Issues a new initial password and unlocks the account; the caller ends its sessions after the commit (endSessionsOf). */
export const resetPassword = async (platform: Platform, tx: Tx, id: string): Promise<{ userId: string; initialPassword: string }> => {
  const user = await loadManaged(tx, id);
  const initialPassword = generateInitialPassword();
  await tx.client.query(
    `UPDATE users SET password_hash = $2, must_change_password = true, updated_at = now() WHERE id = $1`,
    [id, await hashPassword(initialPassword)]);
  await tx.audit({ orgId: user.org_id, townshipId: user.township_id, action: 'user.reset-password', entity: 'user', entityId: id });
  return { userId: id, initialPassword };
};
