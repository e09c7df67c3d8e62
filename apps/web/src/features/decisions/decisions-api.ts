import type {
  CatalogueAgreeBody, CatalogueCreateBody, CatalogueItemRemoved, CatalogueItemBody, CatalogueList, CataloguePublishBody, CatalogueView, CatalogueWithdrawBody,
  DecidingMeetingList, DecisionLinks, DecisionSettings, DecisionSettingsBody, MeetingAgenda, PublicCatalogueList,
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

/** The township's "三重一大" categories and thresholds per body (read: decision.read; write: settings.manage). */
export const fetchDecisionSettings = () => api.get<DecisionSettings>('/decisions/settings');
export const saveDecisionSettings = (body: DecisionSettingsBody) => api.put<DecisionSettings>('/decisions/settings', body);

/** The decision catalogues (决策事项目录) and their steps: draft, agreed by the party committee, published, amended. */
export const fetchCatalogues = () => api.get<CatalogueList>('/decisions/catalogues');
export const fetchCatalogue = (id: string) => api.get<CatalogueView>(`/decisions/catalogues/${id}`);
export const createCatalogue = (body: CatalogueCreateBody) => api.post<CatalogueView>('/decisions/catalogues', body);
export const addCatalogueItem = (id: string, body: CatalogueItemBody) => api.post<CatalogueView>(`/decisions/catalogues/${id}/items`, body);
export const removeCatalogueItem = (id: string, itemId: string) => api.delete<CatalogueItemRemoved>(`/decisions/catalogues/${id}/items/${itemId}`);
export const withdrawCatalogueItem = (id: string, itemId: string, body: CatalogueWithdrawBody) => api.post<CatalogueView>(`/decisions/catalogues/${id}/items/${itemId}/withdraw`, body);
export const agreeCatalogue = (id: string, body: CatalogueAgreeBody) => api.post<CatalogueView>(`/decisions/catalogues/${id}/agree`, body);
export const publishCatalogue = (id: string, body: CataloguePublishBody) => api.post<CatalogueView>(`/decisions/catalogues/${id}/publish`, body);
/** Held 镇党委会议 records, for the party committee's agreement. */
export const fetchPartyMeetings = () => api.get<CaseList>(`/cases${toQuery({ type: 'meeting', category: '镇党委会议', pageSize: 50 })}`);
/** Open decisions of the township, for a meeting's agenda. */
export const fetchOpenDecisions = () => api.get<CaseList>(`/cases${toQuery({ type: 'decision', statusKind: 'open' as const, pageSize: 100 })}`);

/** A decision's catalogue item and meetings; the held meetings its decide step may name; a meeting's agenda. */
export const fetchDecisionLinks = (id: string) => api.get<DecisionLinks>(`/decisions/${id}/links`);
export const fetchDecidingMeetings = (id: string) => api.get<DecidingMeetingList>(`/decisions/${id}/meetings`);
export const fetchMeetingAgenda = (id: string) => api.get<MeetingAgenda>(`/decisions/meetings/${id}/agenda`);

/** Public: the published catalogues. */
export const fetchPublicCatalogues = () => api.get<PublicCatalogueList>('/public/decision-catalogues', { skipAuthRedirect: true });
/** The administrator's read of a township's setting (settings.manage). */
export const fetchDecisionSettingsToManage = (townshipId: string) => api.get<DecisionSettings>(`/decisions/settings/manage${toQuery({ townshipId })}`);
