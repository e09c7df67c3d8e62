import type { Cockpit, MetricRecordList } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

/** The key figures of the caller's township or county (or of `orgId`) for a year. */
export const fetchCockpit = (year: number, orgId?: string) => api.get<Cockpit>(`/cockpit${toQuery({ year, orgId })}`);

/** The records behind any registered figure, for an org's subtree and a year. */
export const fetchMetricRecords = (code: string, year: number, orgId: string) =>
  api.get<MetricRecordList>(`/metrics/${encodeURIComponent(code)}/records${toQuery({ year, orgId })}`);
