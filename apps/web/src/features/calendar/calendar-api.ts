import type {
  CalendarYear, ClockLengthBody, ClockLengthList, ClockLengthView, DueQuery, DueResult, ImportResult, ImportScheduleBody, OverrideBody, OverrideDeleted, OverrideSaved,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const fetchCalendarYear = (year: number) => api.get<CalendarYear>(`/calendar/years/${year}`);
/** Each change answers with how many open deadlines the server recomputed. */
export const addOverride = (body: OverrideBody) => api.post<OverrideSaved>('/calendar/overrides', body);
export const deleteOverride = (id: string) => api.delete<OverrideDeleted>(`/calendar/overrides/${id}`);
export const importSchedule = (body: ImportScheduleBody) => api.post<ImportResult>('/calendar/import', body);
export const computeDue = (q: DueQuery) => api.get<DueResult>(`/calendar/due${toQuery({ from: q.from, days: q.days, unit: q.unit, townshipId: q.townshipId })}`);
/** Every case type's clocks a township may set, with the lengths in force: one request. */
export const fetchAllClockLengths = (townshipId: string) => api.get<ClockLengthList>(`/clock-lengths${toQuery({ townshipId })}`);
/** Sets a township's length of a clock (settings.manage there); clocks that start afterwards take it. */
export const saveClockLength = (caseType: string, clock: string, body: ClockLengthBody) =>
  api.put<ClockLengthView>(`/case-types/${encodeURIComponent(caseType)}/clocks/${encodeURIComponent(clock)}`, body);
