import type {
  AnnualReportList, AnnualReportView, CreateAnnualReportBody, MetricCatalogue, PublicAnnualReport, PublicAnnualReportList, ReportFigureRecords, ReportVersionText,
  SaveAnnualReportBody,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const fetchReports = () => api.get<AnnualReportList>('/annual-reports');
export const createReport = (body: CreateAnnualReportBody) => api.post<AnnualReportView>('/annual-reports', body);
export const fetchReport = (id: string) => api.get<AnnualReportView>(`/annual-reports/${id}`);
/** Saves the text as a new version over `baseVersion`; a newer version on the server answers 409 REPORT_VERSION_STALE. */
export const saveReport = (id: string, body: SaveAnnualReportBody) => api.put<AnnualReportView>(`/annual-reports/${id}/content`, body);
export const fetchReportVersion = (id: string, version: number) => api.get<ReportVersionText>(`/annual-reports/${id}/versions/${version}`);
export const fetchFigureRecords = (id: string, code: string) => api.get<ReportFigureRecords>(`/annual-reports/${id}/figures/${encodeURIComponent(code)}/records`);
/** The registry's figures the caller may read (what the editor offers to insert). */
export const fetchMetricCatalogue = () => api.get<MetricCatalogue>('/metrics');
export const reportDocumentPath = (id: string) => `/annual-reports/${id}/document`;

export const fetchPublicReports = (township?: string) => api.get<PublicAnnualReportList>(`/public/annual-reports${toQuery({ township })}`, { skipAuthRedirect: true });
export const fetchPublicReport = (id: string) => api.get<PublicAnnualReport>(`/public/annual-reports/${id}`, { skipAuthRedirect: true });
export const publicDocumentHref = (id: string) => `/api/public/annual-reports/${id}/document`;
