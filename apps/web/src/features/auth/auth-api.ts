import type { ChangePasswordBody, Me, SignInBody } from '@fazhi/contracts';
import { api } from '../../api/client.ts';

export const mePath = '/auth/me';
export const fetchMe = () => api.get<Me>(mePath, { skipAuthRedirect: true });
export const signIn = (body: SignInBody) => api.post<Me>('/auth/sign-in', body, { skipAuthRedirect: true });
export const changePassword = (body: ChangePasswordBody) => api.post<void>('/auth/change-password', body);
export const signOut = () => api.post<void>('/auth/sign-out', undefined, { skipAuthRedirect: true });
export const signOutAll = () => api.post<void>('/auth/sign-out-all', undefined, { skipAuthRedirect: true });
