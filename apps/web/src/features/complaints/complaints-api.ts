import type {
  CaseList, CaseQuery, ComplaintCreated, ComplaintImportResult, ComplaintIntakeBody, PublicComplaintBody, PublicComplaintCreated,
  SatisfactionBody, SatisfactionLookup, SatisfactionOpen, SatisfactionResult,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';
import { downloadFile, uploadFile } from '../mediation/file-transfer.ts';

/** The complaint desk's lists are the engine's case list, filtered to complaints. */
export const fetchComplaints = (query: Omit<CaseQuery, 'type'>) => api.get<CaseList>(`/cases${toQuery({ ...query, type: 'complaint' })}`);

/** The key makes a double click return the first complaint instead of a second one. */
export const registerComplaint = (body: ComplaintIntakeBody, idempotencyKey: string) =>
  api.post<ComplaintCreated>('/complaints', body, { headers: { 'Idempotency-Key': idempotencyKey } });

export const importWorkOrders = (file: File, csrfToken: string, locale: string) =>
  uploadFile<ComplaintImportResult>('/complaints/work-orders/imports', file, csrfToken, locale);
export const downloadTemplate = (locale: string) => downloadFile('/complaints/work-orders/template.xlsx', '12345工单导入模板.xlsx', locale);
export const downloadExport = (year: number, locale: string) => downloadFile(`/complaints/export.xlsx${toQuery({ year })}`, `投诉件${year}.xlsx`, locale, 'POST', {});

export const submitPublicComplaint = (body: PublicComplaintBody, idempotencyKey: string) =>
  api.post<PublicComplaintCreated>('/public/complaints', body, { skipAuthRedirect: true, headers: { 'Idempotency-Key': idempotencyKey } });
export const fetchSatisfactionOpen = (body: SatisfactionLookup) =>
  api.post<SatisfactionOpen>('/public/complaints/satisfaction/open', body, { skipAuthRedirect: true });
export const giveSatisfaction = (body: SatisfactionBody) =>
  api.post<SatisfactionResult>('/public/complaints/satisfaction', body, { skipAuthRedirect: true });
