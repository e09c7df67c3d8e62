import type { AppliedCaseView, ApplicationBody, PortalInfo } from '@fazhi/contracts';
import { api } from '../../api/client.ts';
import { useRemote } from '../../shared/use-remote.ts';

/** The portal's landing data, with the villages a citizen can choose. */
export const useApplyPortal = () => useRemote(() => api.get<PortalInfo>('/public/portal', { skipAuthRedirect: true }), 'apply-portal');

/** The key makes a resubmission (a double tap, a retry on a poor connection) return the first application. */
export const submitApplication = (body: ApplicationBody, idempotencyKey: string) =>
  api.post<AppliedCaseView>('/public/mediation/applications', body, { skipAuthRedirect: true, headers: { 'Idempotency-Key': idempotencyKey } });
