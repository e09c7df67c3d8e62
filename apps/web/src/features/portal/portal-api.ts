import type { PortalInfo } from '@fazhi/contracts';
import { api } from '../../api/client.ts';
import { useRemote } from '../../shared/use-remote.ts';

export const fetchPortalInfo = () => api.get<PortalInfo>('/public/portal', { skipAuthRedirect: true });

export const usePortalInfo = () => useRemote(fetchPortalInfo, 'portal');
