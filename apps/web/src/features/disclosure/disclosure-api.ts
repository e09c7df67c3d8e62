import type {
  AppliedCaseView, CaseList, CaseView, CreateCaseBody, CreatedCase, DisclosureApplicationBody, DisclosureFeeView, DisclosureRemedyBody, DisclosureRemedyList,
  DisclosureRemedyResultBody, DisclosureReplyQuery, PublicItemList, PublicItemsQuery, TransparencyDueBody, TransparencyDueView, TransparencyReportView,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const documentKinds = ['receipt', 'correction_notice', 'extension_notice', 'fee_notice', 'reply'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The township's disclosure requests the caller may read, open first or all. */
export const fetchRequests = (open: boolean, page: number, pageSize: number) =>
  api.get<CaseList>(`/cases${toQuery({ type: 'disclosure', ...(open ? { statusKind: 'open' as const } : {}), page, pageSize })}`);
export const registerRequest = (body: CreateCaseBody, idempotencyKey: string) =>
  api.post<CreatedCase>('/cases', body, { headers: { 'Idempotency-Key': idempotencyKey } });
export const fetchRequest = (id: string) => api.get<CaseView>(`/cases/${id}`);
export const documentPath = (id: string, kind: DocumentKind) => `/disclosure/cases/${id}/documents/${kind}/download`;
export const fetchFee = (id: string, method: 'count' | 'pages', pages?: number) =>
  api.get<DisclosureFeeView>(`/disclosure/cases/${id}/fee${toQuery({ method, ...(pages !== undefined ? { pages } : {}) })}`);

/** Public: the portal's application (the key makes a retry return the first application). */
export const applyForDisclosure = (body: DisclosureApplicationBody, idempotencyKey: string) =>
  api.post<AppliedCaseView>('/public/disclosure/applications', body, { skipAuthRedirect: true, headers: { 'Idempotency-Key': idempotencyKey } });

/** Public: the reply as a Word file, asked for with the number and query code in the body. */
export const downloadReply = async (q: DisclosureReplyQuery): Promise<void> => {
  const response = await fetch('/api/public/disclosure/reply', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(q) });
  if (!response.ok) throw new Error(String(response.status));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${q.no}-政府信息公开申请答复书.docx`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
};

/** Public: a file published with an item (a plain link: nothing personal, nothing logged). */
export const publicFilePath = (itemId: string, fileId: string) => `/api/public/disclosure/items/${itemId}/files/${fileId}`;

/** Public: the township's proactively published items, by category and search. */
export const fetchPublicItems = (q: PublicItemsQuery) => api.get<PublicItemList>(`/public/disclosure/items${toQuery(q)}`, { skipAuthRedirect: true });

/** 行政复议、行政诉讼 recorded on a request (第五十一条). */
export const fetchRemedies = (caseId: string) => api.get<DisclosureRemedyList>(`/disclosure/cases/${caseId}/remedies`);
export const addRemedy = (caseId: string, body: DisclosureRemedyBody) => api.post<DisclosureRemedyList>(`/disclosure/cases/${caseId}/remedies`, body);
export const recordRemedyResult = (caseId: string, remedyId: string, body: DisclosureRemedyResultBody) =>
  api.post<DisclosureRemedyList>(`/disclosure/cases/${caseId}/remedies/${remedyId}/result`, body);

/** The yearly disclosure report (第四十九、五十条) of a township; the Word file is a POST (see useDownload). */
export const fetchTransparencyReport = (year: number, orgId?: string) =>
  api.get<TransparencyReportView>(`/disclosure/transparency-report${toQuery({ year, ...(orgId ? { orgId } : {}) })}`);
export const transparencyReportPath = (year: number, orgId?: string) => `/disclosure/transparency-report/download${toQuery({ year, ...(orgId ? { orgId } : {}) })}`;
export const fetchReportDue = (orgId: string) => api.get<TransparencyDueView>(`/disclosure/transparency-report/due${toQuery({ orgId })}`);
export const setReportDue = (body: TransparencyDueBody) => api.put<TransparencyDueView>('/disclosure/transparency-report/due', body);
