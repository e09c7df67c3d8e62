import type {
  AssignableUserList, AssigneesInput, AttachmentView, CaseList, DownloadLink, CaseQuery, CaseTypeList, CaseView, CommentBody, ExtendBody, LinkInput, PartyRevealBody, RevealResult,
  TransferBody, TransferResult, TransferTargetList, TransitionBody,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';
import { useRemote } from '../../shared/use-remote.ts';

export type RevealField = PartyRevealBody['field'];

export const caseTypesPath = '/case-types';
export const fetchCaseTypes = () => api.get<CaseTypeList>(caseTypesPath);
/** The addresses of the list, the to-do list and a case: also asked for early on a full page load (app.tsx). */
export const casesPath = (query: CaseQuery): string => `/cases${toQuery(query)}`;
export const tasksPath = (query: CaseQuery): string => `/tasks${toQuery(query)}`;
export const casePath = (id: string): string => `/cases/${id}`;
export const fetchCases = (query: CaseQuery) => api.get<CaseList>(casesPath(query));
export const fetchTasks = (query: CaseQuery) => api.get<CaseList>(tasksPath(query));
export const fetchCase = (id: string) => api.get<CaseView>(casePath(id));
export const takeTransition = (id: string, body: TransitionBody) => api.post<CaseView>(`/cases/${id}/transitions`, body);
export const addComment = (id: string, body: CommentBody) => api.post<CaseView>(`/cases/${id}/comments`, body);
export const extendDeadline = (id: string, key: string, body: ExtendBody) =>
  api.post<CaseView>(`/cases/${id}/deadlines/${encodeURIComponent(key)}/extend`, body);
/** Active users who may handle the case (the caller's scope), those assigned first, then the least loaded. */
export const fetchAssignableUsers = (id: string, q?: string) => api.get<AssignableUserList>(`/cases/${id}/assignable-users${toQuery({ q })}`);
export const setAssignees = (id: string, body: AssigneesInput) => api.put<CaseView>(`/cases/${id}/assignees`, body);
export const linkCase = (id: string, body: LinkInput) => api.post<CaseView>(`/cases/${id}/links`, body);
/** The township's offices and villages the case may be passed to, each saying whether someone there may handle it. */
export const fetchTransferTargets = (id: string) => api.get<TransferTargetList>(`/cases/${id}/transfer-targets`);
/** Passes the case to another office; the sender keeps read access unless keepRead is false. */
export const transferCase = (id: string, body: TransferBody) => api.post<TransferResult>(`/cases/${id}/transfer`, body);
/** The server writes a pii.view audit row for every reveal. */
export const revealParty = (id: string, partyId: string, field: RevealField) =>
  api.post<RevealResult>(`/cases/${id}/parties/${partyId}/reveal`, { field } satisfies PartyRevealBody);
export const uploadAttachment = (id: string, file: File) => api.upload<AttachmentView>(`/cases/${id}/attachments`, file);
export const deleteAttachment = (id: string, attachmentId: string) => api.delete<CaseView>(`/cases/${id}/attachments/${attachmentId}`);
/** A one-time link to the file (POST with the CSRF token; the download it names is logged). */
export const attachmentLink = (id: string, attachmentId: string) => api.post<DownloadLink>(`/cases/${id}/attachments/${attachmentId}/link`);

/** The case types the deployment knows (the list filters only what the caller may read). */
export const useCaseTypes = () => useRemote(fetchCaseTypes, 'case-types');
