import type { CreateOrgBody, OrgTree, OrgView, UpdateOrgBody } from '@fazhi/contracts';
import { api } from '../../api/client.ts';
import { useRemote } from '../../shared/use-remote.ts';

export const fetchOrgTree = () => api.get<OrgTree>('/orgs/tree');
export const createOrg = (body: CreateOrgBody) => api.post<OrgView>('/orgs', body);
export const updateOrg = (id: string, body: UpdateOrgBody) => api.patch<OrgView>(`/orgs/${id}`, body);

/** The orgs the caller may see, as the flat list the server sends. */
export const useOrgList = () => useRemote(fetchOrgTree, 'org-tree');
