import { randomUUID } from 'node:crypto';
import { allowedChildKinds, type CreateOrgBody, type OrgView } from '@fazhi/contracts';
import type { Tx } from '../../../platform/platform.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { isUniqueViolation } from '../../../platform/db/pools.ts';
import { findOrg, insertOrg } from '../orgs.repository.ts';
import { presentOrg } from '../orgs.presenter.ts';

/** Adds an org under a parent the caller manages; the kind must fit the tree's shape. */
export const createOrg = async (tx: Tx, input: CreateOrgBody): Promise<OrgView> => {
  const parent = await findOrg(tx.client, input.parentId);
  if (!parent) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'org.manage', parent.id);
  if (!allowedChildKinds[parent.kind].includes(input.kind)) throw new AppError('ORG_KIND_INVALID');
  const id = randomUUID();
  const townshipId = input.kind === 'township' ? id : parent.kind === 'township' ? parent.id : parent.township_id;
  try {
    const row = await insertOrg(tx.client, { id, parent_id: parent.id, kind: input.kind, name: input.name, code: input.code, township_id: townshipId });
    await tx.audit({ orgId: row.id, townshipId: row.township_id, action: 'org.create', entity: 'org', entityId: row.id, after: row });
    return presentOrg(row, true);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('DUPLICATE', { field: 'code' });
    throw e;
  }
};
