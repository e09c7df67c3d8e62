import type { PortalInfo } from '@fazhi/contracts';
import { api } from '../../api/client.ts';
import { useRemote } from '../../shared/use-remote.ts';

export type VillageChoice = { id: string; name: string };
/**
 * The portal's landing data. A village list (`villageList`) is not part of PortalInfo yet; when
 * the server adds it, the form offers the villages, and until then the village is typed freely.
 */
export type ApplyPortal = PortalInfo & { villageList?: VillageChoice[] };

export type ApplicationBody = {
  villageId: string; category: string;
  applicant: { name: string; phone: string; idNumber?: string; address?: string };
  respondent: { name: string; phone?: string; address?: string };
  facts: string; claims: string; consent: true;
};
/** `smsTo`: the applicant's phone, masked, when the number and code were also sent by SMS. */
export type Submitted = { id: string; ref: string; trackingNo: string | null; queryCode: string | null; replayed: boolean; smsTo: string | null };

export const useApplyPortal = () => useRemote(() => api.get<ApplyPortal>('/public/portal', { skipAuthRedirect: true }), 'apply-portal');

/** The key makes a resubmission (a double tap, a retry on a poor connection) return the first application. */
export const submitApplication = (body: ApplicationBody, idempotencyKey: string) =>
  api.post<Submitted>('/public/mediation/applications', body, { skipAuthRedirect: true, headers: { 'Idempotency-Key': idempotencyKey } });
