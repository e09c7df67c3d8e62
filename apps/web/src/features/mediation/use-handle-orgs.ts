import { useMemo } from 'react';
import type { GrantView, OrgView } from '@fazhi/contracts';
import { useMe } from '../auth/session-context.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';

/**
 * The orgs under the caller's grants: a grant's own org, and its descendants when the grant's
 * scope reaches below (subtree, all). The server still checks mediation.handle on every write;
 * this keeps the pickers to the places a clerk can actually register or answer for.
 */
export const orgsUnderGrants = (orgs: readonly OrgView[], grants: readonly GrantView[]): OrgView[] => {
  const children = new Map<string, OrgView[]>();
  for (const o of orgs) {
    if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  }
  const keep = new Set<string>();
  const walk = (id: string) => {
    if (keep.has(id)) return;
    keep.add(id);
    for (const c of children.get(id) ?? []) walk(c.id);
  };
  for (const g of grants) {
    if (g.scope === 'subtree' || g.scope === 'all') walk(g.orgId);
    else keep.add(g.orgId);
  }
  return orgs.filter((o) => keep.has(o.id));
};

export const useHandleOrgs = (): { orgs: OrgView[]; all: OrgView[]; loading: boolean; error: unknown } => {
  const me = useMe();
  const list = useOrgList();
  const all = useMemo(() => list.data?.items ?? [], [list.data]);
  const orgs = useMemo(() => orgsUnderGrants(all, me.grants).filter((o) => o.kind !== 'county'), [all, me.grants]);
  return { orgs, all, loading: list.loading, error: list.error };
};
