import type { AuditList, AuditQuery, AuditVerifyResult } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const fetchAudit = (query: AuditQuery) => api.get<AuditList>(`/audit${toQuery(query)}`);
export const verifyAudit = () => api.get<AuditVerifyResult>('/audit/verify');
