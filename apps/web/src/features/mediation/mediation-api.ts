import type {
  AssignMediatorsBody, CaseList, CaseQuery, CaseView, CommitteeBody, CommitteeList, CreateCaseBody, CreatedCase, CreatedId, LedgerImportView,
  MediationCountKey, MediationStats, MediatorBody, OpenScreeningBody, ScheduledSessionList, ScreeningAnswer, ScreeningRoundList, SessionBody, SessionList,
  SessionsQuery, SignatureBody, StatsCaseList, SuggestionList, TransitionBody, RightsNoticeView, RightsNoticeBody, PartyFactsBody, FileReview, FileReviewQuery,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

// ---- cases (the engine) ----
export const fetchCases = (query: Partial<CaseQuery>) => api.get<CaseList>(`/cases${toQuery(query)}`);
export const fetchCase = (id: string) => api.get<CaseView>(`/cases/${id}`);
/** The key makes a double tap or a retry return the first case instead of a second one. */
export const createCase = (body: CreateCaseBody, idempotencyKey: string) =>
  api.post<CreatedCase>('/cases', body, { headers: { 'Idempotency-Key': idempotencyKey } });
export const takeTransition = (id: string, body: TransitionBody) =>
  api.post<CaseView>(`/cases/${id}/transitions`, body);

// ---- committees, mediators ----
export const fetchCommittees = () => api.get<CommitteeList>('/mediation/committees');
export const createCommittee = (body: CommitteeBody) => api.post<CreatedId>('/mediation/committees', body);
export const createMediator = (body: MediatorBody) => api.post<CreatedId>('/mediation/mediators', body);
export const fetchSuggestions = (caseId: string) => api.get<SuggestionList>(`/mediation/cases/${caseId}/suggested-mediators`);
export const assignMediators = (caseId: string, mediatorIds: string[], leadId: string) =>
  api.put<void>(`/mediation/cases/${caseId}/mediators`, { mediatorIds, leadId } satisfies AssignMediatorsBody);

// ---- sessions and signatures ----
export const fetchSessions = (caseId: string) => api.get<SessionList>(`/mediation/cases/${caseId}/sessions`);
/** Sessions of every case the caller can see, between two dates (both included, at most 92 days). */
export const fetchSessionsInRange = (query: SessionsQuery) =>
  api.get<ScheduledSessionList>(`/mediation/sessions${toQuery(query)}`);
export const recordSession = (caseId: string, body: SessionBody) => api.post<CreatedId>(`/mediation/cases/${caseId}/sessions`, body);
export const signSession = (sessionId: string, body: SignatureBody) => api.post<void>(`/mediation/sessions/${sessionId}/signatures`, body);

// ---- screening ----
export const fetchScreenings = (year: number) => api.get<ScreeningRoundList>(`/mediation/screenings${toQuery({ year })}`);
export const openScreening = (body: OpenScreeningBody) => api.post<CreatedId>('/mediation/screenings', body);
export const answerScreening = (roundId: string, orgId: string, body: ScreeningAnswer) =>
  api.put<void>(`/mediation/screenings/${roundId}/returns/${orgId}`, body);

// ---- statistics ----
export const fetchStats = (year: number, townshipId?: string) => api.get<MediationStats>(`/mediation/stats${toQuery({ year, townshipId })}`);
export const fetchStatsCases = (year: number, metric: MediationCountKey, townshipId?: string) =>
  api.get<StatsCaseList>(`/mediation/stats/cases${toQuery({ year, metric, townshipId })}`);

// ---- documents and the ledger ----
export const documentKinds = ['application', 'registration', 'rights_notice', 'investigation', 'record', 'agreement', 'follow_up', 'termination', 'closing_report'] as const;
export type DocumentKind = (typeof documentKinds)[number];
/** A document to download (POST with the CSRF token: printing personal data in full is audited). */
export const documentPath = (caseId: string, kind: DocumentKind) => `/mediation/cases/${caseId}/documents/${kind}/download`;
export const ledgerPath = (year: number, orgId?: string) => `/mediation/ledger.xlsx${toQuery({ year, orgId })}`;
export const fetchImport = (id: string) => api.get<LedgerImportView>(`/mediation/ledger/imports/${id}`);
export const acceptImport = (id: string) => api.post<LedgerImportView>(`/mediation/ledger/imports/${id}/accept`);

// ---- the case file (卷宗) ----
export const fetchRightsNotice = (caseId: string) => api.get<RightsNoticeView>(`/mediation/cases/${caseId}/rights-notice`);
export const acknowledgeRightsNotice = (caseId: string, body: RightsNoticeBody) => api.post<void>(`/mediation/cases/${caseId}/rights-notice`, body);
export const savePartyFacts = (caseId: string, partyId: string, body: PartyFactsBody) => api.put<void>(`/mediation/cases/${caseId}/parties/${partyId}/facts`, body);
export const dossierPath = (caseId: string, format: 'docx' | 'pdf') => `/mediation/cases/${caseId}/dossier${toQuery({ format })}`;
export const yearDossiersPath = '/mediation/dossiers';
export const fetchFileReview = (query: FileReviewQuery) =>
  api.get<FileReview>(`/mediation/file-review${toQuery({ ...query, failedOnly: query.failedOnly ? 'true' : undefined })}`);
