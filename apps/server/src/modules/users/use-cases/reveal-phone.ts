import type { Platform, Tx } from '../../../platform/platform.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { openField } from '../../../platform/crypto/sm.ts';
import { findUser } from '../users.repository.ts';

/**
 * Shows one person's full phone number to a caller allowed to see it, and records that
 * view in the audit trail in the same transaction (个人信息保护法 第五十一条, 第五十四条).
 */
export const revealPhone = async (platform: Platform, tx: Tx, id: string): Promise<{ field: string; value: string | null }> => {
  const user = await findUser(tx.client, id);
  if (!user) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'pii.unmask', user.org_id);
  const value = user.phone_enc ? openField(platform.keys.fields, user.phone_enc) : null;
  await tx.audit({ orgId: user.org_id, townshipId: user.township_id, action: 'pii.view', entity: 'user', entityId: id, after: { field: 'phone' } });
  return { field: 'phone', value };
};
