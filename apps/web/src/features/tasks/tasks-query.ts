import type { CaseQuery } from '@fazhi/contracts';
import type { PageState } from '../../shared/pagination.ts';

export type DueFilter = 'all' | 'soon' | 'overdue';
export const dueOf = (v: string | null): DueFilter => (v === 'soon' || v === 'overdue' ? v : 'all');

/** 我的待办's request: the page shown and the due filter of the address (also asked for early, app.tsx). */
export const tasksQuery = (paging: PageState, due: DueFilter): CaseQuery => ({ ...paging, due: due === 'all' ? undefined : due });
