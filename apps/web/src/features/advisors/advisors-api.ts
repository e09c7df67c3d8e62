import type {
  AdvisorCandidates, AdvisorQueue, AdvisorServiceBody, AdvisorServiceCreated, AdvisorServiceList, CreateCaseBody, CreatedCase,
  LegalAdvisorBody, LegalAdvisorList, LegalAdvisorPatch, LegalAdvisorView,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export type QueueView = 'unaccepted' | 'mine' | 'overdue' | 'toResolve' | 'open';

/** The review queue of the caller (an advisor's own; an office's or a village's scope). */
export const fetchQueue = (view: QueueView, page: number, pageSize: number) => api.get<AdvisorQueue>(`/advisors/queue${toQuery({ view, page, pageSize })}`);
/** A review asked for (a case of type legal_review at the caller's org). */
export const submitReview = (body: CreateCaseBody) => api.post<CreatedCase>('/cases', body);

export const fetchAdvisors = (orgId?: string) => api.get<LegalAdvisorList>(`/advisors/advisors${toQuery({ ...(orgId ? { orgId } : {}) })}`);
export const fetchCandidates = (orgId?: string) => api.get<AdvisorCandidates>(`/advisors/candidates${toQuery({ ...(orgId ? { orgId } : {}) })}`);
export const appointAdvisor = (body: LegalAdvisorBody) => api.post<LegalAdvisorView>('/advisors/advisors', body);
export const changeAdvisor = (id: string, body: LegalAdvisorPatch) => api.patch<LegalAdvisorView>(`/advisors/advisors/${id}`, body);

export const fetchServices = (year: number, page: number, pageSize: number) => api.get<AdvisorServiceList>(`/advisors/services${toQuery({ year, page, pageSize })}`);
export const logService = (body: AdvisorServiceBody) => api.post<AdvisorServiceCreated>('/advisors/services', body);
