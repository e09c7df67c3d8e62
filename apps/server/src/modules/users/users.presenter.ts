import type { UserView } from '@fazhi/contracts';
import type { FieldKeys } from '../../platform/crypto/sm.ts';
import { openField } from '../../platform/crypto/sm.ts';
import { maskPhone } from '../../platform/crypto/mask.ts';
import type { UserRow } from './users.repository.ts';

export type UserRights = { manage: boolean; unmask: boolean };

export const presentUser = (u: UserRow, keys: FieldKeys, rights: UserRights): UserView => {
  const actions: string[] = [];
  if (rights.manage) actions.push('update', 'reset-password', 'set-grants', u.status === 'active' ? 'disable' : 'enable');
  if (rights.unmask && u.phone_enc) actions.push('reveal-phone');
  return {
    id: u.id, username: u.username, displayName: u.display_name, orgId: u.org_id, orgName: u.org_name,
    phoneMasked: u.phone_enc ? maskPhone(openField(keys, u.phone_enc)) : null,
    status: u.status, mustChangePassword: u.must_change_password,
    lastSignInAt: u.last_sign_in_at?.toISOString() ?? null, grants: u.grants ?? [], actions,
  };
};
