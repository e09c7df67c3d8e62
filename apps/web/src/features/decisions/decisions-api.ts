import type {
  CaseList, DecisionDocumentKind, CreateCaseBody, CreatedCase, DecisionAnswerBody, DecisionCommentBody, DecisionCommentList, DecisionCommentReceipt, PublicDecision, PublicDecisionList,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

/** The decision register: the township's decisions the caller may read, in progress, awaiting the legality review, or all. */
export const fetchDecisions = (view: 'open' | 'review' | 'all', page: number, pageSize: number) =>
  api.get<CaseList>(`/cases${toQuery({ type: 'decision', ...(view === 'open' ? { statusKind: 'open' as const } : view === 'review' ? { status: 'reviewing' } : {}), page, pageSize })}`);
export const proposeDecision = (body: CreateCaseBody) => api.post<CreatedCase>('/cases', body);

/** The public's comments on a decision (name and phone masked) and the office's answer to one. */
export const fetchComments = (id: string) => api.get<DecisionCommentList>(`/decisions/${id}/comments`);
export const answerComment = (id: string, commentId: string, body: DecisionAnswerBody) => api.post<DecisionCommentList>(`/decisions/${id}/comments/${commentId}/answer`, body);

/** Public: drafts open for comment and decisions published; one of them; a comment on a draft. */
export const fetchPublicDecisions = () => api.get<PublicDecisionList>('/public/decisions', { skipAuthRedirect: true });
export const fetchPublicDecision = (id: string) => api.get<PublicDecision>(`/public/decisions/${id}`, { skipAuthRedirect: true });
export const sendComment = (id: string, body: DecisionCommentBody) => api.post<DecisionCommentReceipt>(`/public/decisions/${id}/comments`, body, { skipAuthRedirect: true });

/** A decision's document (POST with the CSRF header, like every case document). */
export const documentPath = (id: string, kind: DecisionDocumentKind) => `/decisions/cases/${id}/documents/${kind}/download`;
