import type { CaseList, CreateCaseBody, CreatedCase } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

/** The township's meetings and study sessions the caller may read, of one kind or all. */
export const fetchMeetings = (category: string, page: number, pageSize: number) =>
  api.get<CaseList>(`/cases${toQuery({ type: 'meeting', ...(category ? { category } : {}), page, pageSize })}`);
/** A meeting called (a case of type meeting). */
export const callMeeting = (body: CreateCaseBody) => api.post<CreatedCase>('/cases', body);
