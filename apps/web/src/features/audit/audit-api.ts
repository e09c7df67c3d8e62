import type { AuditEntry, AuditVerifyResult } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export type AuditQuery = { page: number; pageSize: number; action?: string; entity?: string; from?: string; to?: string };

export const fetchAudit = (query: AuditQuery) => api.get<{ items: AuditEntry[]; total: number }>(`/audit${toQuery(query)}`);
export const verifyAudit = () => api.get<AuditVerifyResult>('/audit/verify');
