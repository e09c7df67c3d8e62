import type {
  Budget, BudgetBody, BudgetItemBody, CreateCaseBody, GovernanceCreated, CreatedCase, EndMembershipBody, LeadershipMemberBody, PlanBody, PlanDetail, PlanList, Roster, RosterGroupBody,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

/** The leadership group on a day, or every membership. */
export const fetchRoster = (on: string, history: boolean) => api.get<Roster>(`/governance/roster${toQuery({ on, ...(history ? { history: 'true' } : {}) })}`);
export const saveGroup = (body: RosterGroupBody) => api.put<null>('/governance/roster/group', body);
export const addMember = (body: LeadershipMemberBody) => api.post<GovernanceCreated>('/governance/roster/members', body);
export const endMember = (id: string, body: EndMembershipBody) => api.post<null>(`/governance/roster/members/${id}/end`, body);

export const fetchPlans = (year?: number) => api.get<PlanList>(`/governance/plans${toQuery(year ? { year } : {})}`);
export const fetchPlan = (id: string) => api.get<PlanDetail>(`/governance/plans/${id}`);
export const createPlan = (body: PlanBody) => api.post<GovernanceCreated>('/governance/plans', body);
/** A task of the plan: a case of type plan_task, registered at its owner unit. */
export const createTask = (body: CreateCaseBody) => api.post<CreatedCase>('/cases', body);

export const fetchBudget = (year: number) => api.get<Budget>(`/governance/budget${toQuery({ year })}`);
export const saveBudget = (body: BudgetBody) => api.put<null>('/governance/budget', body);
export const addSpending = (body: BudgetItemBody) => api.post<GovernanceCreated>('/governance/budget/items', body);
