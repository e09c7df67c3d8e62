import type { CreateUserBody, InitialPassword, RevealBody, RevealResult, SetGrantsBody, UpdateUserBody, UserList, UserQuery, UserView } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const fetchUsers = (query: UserQuery) => api.get<UserList>(`/users${toQuery(query)}`);
export const createUser = (body: CreateUserBody) => api.post<InitialPassword>('/users', body);
export const updateUser = (id: string, body: UpdateUserBody) => api.patch<UserView>(`/users/${id}`, body);
export const resetPassword = (id: string) => api.post<InitialPassword>(`/users/${id}/reset-password`);
/** The server records every reveal in the audit trail. */
export const revealPhone = (id: string) => api.post<RevealResult>(`/users/${id}/reveal`, { field: 'phone' } satisfies RevealBody);
export const setGrants = (id: string, body: SetGrantsBody) => api.put<void>(`/users/${id}/grants`, body);
