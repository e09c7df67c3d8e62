import { api } from '../../api/client.ts';
import { useRemote } from '../../shared/use-remote.ts';

/** A running clock past its due date (GET /api/cases/overdue): `deadline` in Chinese, `deadlineLabel` in both languages. */
export type OverdueRow = {
  caseId: string; ref: string; title: string; orgName: string; deadline: string; deadlineLabel: { zh: string; en: string };
  dueDate: string; daysOverdue: number; assignees: string[];
};

export const fetchOverdue = () => api.get<{ items: OverdueRow[] }>('/cases/overdue');
export const useOverdue = () => useRemote(fetchOverdue, 'overdue');
