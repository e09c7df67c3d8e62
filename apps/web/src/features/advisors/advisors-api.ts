import type {
  AdviserCandidates, AdvisorQueue, AdvisorServiceBody, AdvisorServiceCreated, AdvisorServiceList, CreateCaseBody, CreatedCase,
  LegalAdviserBody, LegalAdviserList, LegalAdviserPatch, LegalAdviserView,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export type QueueView = 'unaccepted' | 'mine' | 'overdue' | 'toResolve' | 'open';

/** The review queue of the caller (an adviser's own; an office's or a village's scope). */
export const fetchQueue = (view: QueueView, page: number, pageSize: number) => api.get<AdvisorQueue>(`/advisors/queue${toQuery({ view, page, pageSize })}`);
/** A review asked for (a case of type legal_review at the caller's org). */
export const submitReview = (body: CreateCaseBody) => api.post<CreatedCase>('/cases', body);

export const fetchAdvisers = (orgId?: string) => api.get<LegalAdviserList>(`/advisors/advisers${toQuery({ ...(orgId ? { orgId } : {}) })}`);
export const fetchCandidates = (orgId?: string) => api.get<AdviserCandidates>(`/advisors/candidates${toQuery({ ...(orgId ? { orgId } : {}) })}`);
export const appointAdviser = (body: LegalAdviserBody) => api.post<LegalAdviserView>('/advisors/advisers', body);
export const changeAdviser = (id: string, body: LegalAdviserPatch) => api.patch<LegalAdviserView>(`/advisors/advisers/${id}`, body);

export const fetchServices = (year: number, page: number, pageSize: number) => api.get<AdvisorServiceList>(`/advisors/services${toQuery({ year, page, pageSize })}`);
export const logService = (body: AdvisorServiceBody) => api.post<AdvisorServiceCreated>('/advisors/services', body);
