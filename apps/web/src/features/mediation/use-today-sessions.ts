import dayjs from 'dayjs';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchSessionsInRange } from './mediation-api.ts';

/** Sessions held today in every mediation case the caller can see, one page at a time, in one request. */
export const useTodaySessions = (page: number, pageSize: number) => {
  const today = dayjs().format('YYYY-MM-DD');
  return useRemote(() => fetchSessionsInRange({ from: today, to: today, page, pageSize }), `${today}:${page}:${pageSize}`);
};
