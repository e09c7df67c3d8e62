import type { PermissionList, RoleBody, RoleList, RoleView } from '@fazhi/contracts';
import { api } from '../../api/client.ts';
import { useRemote } from '../../shared/use-remote.ts';

export const fetchRoles = () => api.get<RoleList>('/roles');
export const fetchPermissions = () => api.get<PermissionList>('/permissions');
export const createRole = (body: RoleBody) => api.post<RoleView>('/roles', body);
export const updateRole = (id: string, body: RoleBody) => api.patch<RoleView>(`/roles/${id}`, body);
export const deleteRole = (id: string) => api.delete<void>(`/roles/${id}`);

export const useRoleList = () => useRemote(fetchRoles, 'roles');
export const usePermissionList = () => useRemote(fetchPermissions, 'permissions');
