import type { OverdueList } from '@fazhi/contracts';
import { api } from '../../api/client.ts';
import { useRemote } from '../../shared/use-remote.ts';

/** Running duty clocks past their due dates (GET /api/cases/overdue). */
export const fetchOverdue = () => api.get<OverdueList>('/cases/overdue');
export const useOverdue = () => useRemote(fetchOverdue, 'overdue');
