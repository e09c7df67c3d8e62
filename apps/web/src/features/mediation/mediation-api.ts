import type { CaseList, CaseQuery, CaseView, CreateCaseBody, LedgerImportCreated, LedgerImportView } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

/** What the server answers to an intake (POST /api/cases, the public application). */
export type CreatedCase = { id: string; ref: string; trackingNo: string | null; queryCode: string | null; replayed: boolean };

export type MediatorView = {
  id: string; name: string; phoneMasked: string | null; specialties: string[];
  trainingHours: number; openCases: number; resolvedCases: number; userId: string | null;
};
export type CommitteeKind = 'township' | 'village' | 'professional' | 'studio';
export type CommitteeView = {
  id: string; orgId: string; orgName: string; kind: string; name: string; specialty: string | null;
  mediators: MediatorView[]; canManage: boolean;
};
export type CommitteeBody = { orgId: string; kind: CommitteeKind; name: string; specialty?: string };
export type MediatorBody = {
  committeeId: string; name: string; phone?: string; specialties?: string[];
  trainings?: { date: string; title: string; hours: number }[];
};
export type Suggestion = { mediator: MediatorView; committeeName: string; score: number; reasons: string[] };

export type Participant = { name: string; role: string };
export type SignatureView = { name: string; method: string; signedAt: string; textSm3: string; valid: boolean };
export type SessionView = {
  id: string; heldAt: string; place: string; participants: unknown; record: string; recordSm3: string; signatures: SignatureView[];
};
export type SessionBody = { heldAt: string; place: string; participants: Participant[]; record: string };
export type SignatureBody = { name: string; method: 'tablet' | 'paper-scan'; image?: string; textSm3: string };

export type ScreeningReturn = { orgId: string; orgName: string; status: string; cases: number; returnedAt: string | null };
export type ScreeningRound = {
  id: string; period: string; title: string; dueOn: string; townshipId: string; townshipName: string; returns: ScreeningReturn[];
  answered: number; total: number; fullCoverage: boolean; found: number;
};
export type ScreeningAnswer = { nil: true; note?: string } | { nil: false; caseIds: string[]; note?: string };

export const metricKeys = ['received', 'resolved', 'guided', 'transferred', 'ongoing', 'performed', 'followedUp', 'confirmed', 'onTime', 'rated', 'praised'] as const;
export type MetricKey = (typeof metricKeys)[number];
export type MediationStats = Record<MetricKey, number> & {
  year: number; successRate: number | null; performanceRate: number | null; onTimeRate: number | null; praiseRate: number | null;
  byCategory: Record<string, number>; byVillage: Record<string, number>; byCommittee: Record<string, number>; byMonth: Record<string, number>;
  metrics: Record<string, { zh: string; en: string }>;
};
export type StatsCase = { id: string; ref: string; title: string; village: string; committee: string | null; category: string | null; status: string; receivedOn: string };

// ---- cases (the engine) ----
export const fetchCases = (query: Partial<CaseQuery>) => api.get<CaseList>(`/cases${toQuery(query)}`);
export const fetchCase = (id: string) => api.get<CaseView>(`/cases/${id}`);
/** The key makes a double tap or a retry return the first case instead of a second one. */
export const createCase = (body: CreateCaseBody, idempotencyKey: string) =>
  api.post<CreatedCase>('/cases', body, { headers: { 'Idempotency-Key': idempotencyKey } });
export const takeTransition = (id: string, body: { transition: string; version: number; fields?: Record<string, unknown>; comment?: string }) =>
  api.post<CaseView>(`/cases/${id}/transitions`, body);

// ---- committees, mediators ----
export const fetchCommittees = () => api.get<{ items: CommitteeView[] }>('/mediation/committees');
export const createCommittee = (body: CommitteeBody) => api.post<{ id: string }>('/mediation/committees', body);
export const createMediator = (body: MediatorBody) => api.post<{ id: string }>('/mediation/mediators', body);
export const fetchSuggestions = (caseId: string) => api.get<{ items: Suggestion[] }>(`/mediation/cases/${caseId}/suggested-mediators`);
export const assignMediators = (caseId: string, mediatorIds: string[], leadId: string) =>
  api.put<void>(`/mediation/cases/${caseId}/mediators`, { mediatorIds, leadId });

// ---- sessions and signatures ----
export const fetchSessions = (caseId: string) => api.get<{ items: SessionView[] }>(`/mediation/cases/${caseId}/sessions`);
/** One session on the desk's schedule, with its case (GET /api/mediation/sessions). */
export type ScheduledSession = {
  id: string; heldAt: string; place: string; participants: number; signatures: number;
  caseId: string; caseRef: string; caseTitle: string; caseStatus: string; orgName: string;
};
/** Sessions of every case the caller can see, between two dates (both included, at most 92 days). */
export const fetchSessionsInRange = (query: { from: string; to: string; page?: number; pageSize?: number }) =>
  api.get<{ items: ScheduledSession[]; total: number }>(`/mediation/sessions${toQuery(query)}`);
export const recordSession = (caseId: string, body: SessionBody) => api.post<{ id: string }>(`/mediation/cases/${caseId}/sessions`, body);
export const signSession = (sessionId: string, body: SignatureBody) => api.post<void>(`/mediation/sessions/${sessionId}/signatures`, body);

// ---- screening ----
export const fetchScreenings = (year: number) => api.get<{ items: ScreeningRound[] }>(`/mediation/screenings${toQuery({ year })}`);
export const openScreening = (body: { townshipId: string; period: string; dueOn: string }) => api.post<{ id: string }>('/mediation/screenings', body);
export const answerScreening = (roundId: string, orgId: string, body: ScreeningAnswer) =>
  api.put<void>(`/mediation/screenings/${roundId}/returns/${orgId}`, body);

// ---- statistics ----
export const fetchStats = (year: number, townshipId?: string) => api.get<MediationStats>(`/mediation/stats${toQuery({ year, townshipId })}`);
export const fetchStatsCases = (year: number, metric: MetricKey, townshipId?: string) =>
  api.get<{ items: StatsCase[] }>(`/mediation/stats/cases${toQuery({ year, metric, townshipId })}`);

// ---- documents and the ledger ----
export const documentKinds = ['application', 'registration', 'record', 'agreement', 'termination'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentPath = (caseId: string, kind: DocumentKind) => `/mediation/cases/${caseId}/documents/${kind}`;
export const ledgerPath = (year: number, orgId?: string) => `/mediation/ledger.xlsx${toQuery({ year, orgId })}`;
export const fetchImport = (id: string) => api.get<LedgerImportView>(`/mediation/ledger/imports/${id}`);
export const acceptImport = (id: string) => api.post<LedgerImportView>(`/mediation/ledger/imports/${id}/accept`);
export type { LedgerImportCreated, LedgerImportView };
