import { allowedChildKinds, type OrgView } from '@fazhi/contracts';
import type { OrgRow } from './orgs.repository.ts';

/** An org as the API shows it, with the actions the caller may take on it. */
export const presentOrg = (o: OrgRow, canManage: boolean): OrgView => ({
  id: o.id, parentId: o.parent_id, kind: o.kind, name: o.name, code: o.code, townshipId: o.township_id, sortOrder: o.sort_order,
  actions: canManage ? [...(allowedChildKinds[o.kind].length > 0 ? ['create-child'] : []), 'update'] : [],
});
