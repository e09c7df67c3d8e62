import type {
  AppliedCaseView, CaseList, CaseQuery, CreateCaseBody, CreatedCase, PetitionApplicationBody, PetitionDocumentKind, PetitionRepeatList, PetitionRepeatQuery, RecusalBody, RecusalList, SuperviseBody, MediationReferralBody, MediationReferralView,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const petitionQuery = (q: Omit<CaseQuery, 'type'>): CaseQuery => ({ ...q, type: 'petition' });
export const fetchPetitions = (q: Omit<CaseQuery, 'type'>) => api.get<CaseList>(`/cases${toQuery(petitionQuery(q))}`);
/** Registration with a tracking number and query code; the module's repeat rule answers 409 with the earlier matters. */
export const registerPetition = (body: CreateCaseBody, idempotencyKey: string) => api.post<CreatedCase>('/petitions', body, { headers: { 'Idempotency-Key': idempotencyKey } });
export const checkRepeats = (body: PetitionRepeatQuery) => api.post<PetitionRepeatList>('/petitions/repeats', body);
export const fetchRepeats = (id: string) => api.get<PetitionRepeatList>(`/petitions/${id}/repeats`);
export const fetchRecusals = (id: string) => api.get<RecusalList>(`/petitions/${id}/recusals`);
export const recordRecusal = (id: string, body: RecusalBody) => api.post<RecusalList>(`/petitions/${id}/recusals`, body);
export const referToMediation = (id: string, body: MediationReferralBody) => api.post<MediationReferralView>(`/petitions/${id}/mediation`, body);
export const supervise = (id: string, body: SuperviseBody) => api.post<null>(`/petitions/${id}/supervise`, body);
export const documentPath = (id: string, kind: PetitionDocumentKind) => `/petitions/cases/${id}/documents/${kind}/download`;
export const submitPetition = (body: PetitionApplicationBody, idempotencyKey: string) =>
  api.post<AppliedCaseView>('/public/petitions', body, { skipAuthRedirect: true, headers: { 'Idempotency-Key': idempotencyKey } });

/** Channels and categories as the case type declares them (petitions.workflow.ts). */
export const channels = ['走访', '来信', '网上', '电话', '转送交办'] as const;
export const categories = ['土地征收', '农村土地承包', '宅基地与房屋', '村务管理', '惠民政策', '社会保障', '劳动和社会保障', '城乡建设', '环境保护', '涉法涉诉', '干部作风', '邻里纠纷', '婚姻家庭', '其他'] as const;
