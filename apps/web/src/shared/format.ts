import dayjs from 'dayjs';

/** Tables show 2023-01-05; times add HH:mm or HH:mm:ss. Empty values show as a dash. */
export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
export const formatTimestamp = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
/** Today shows only the clock; another day adds the date. */
export const formatUntil = (iso: string): string => {
  const at = dayjs(iso);
  return at.isSame(dayjs(), 'day') ? at.format('HH:mm') : at.format('YYYY-MM-DD HH:mm');
};
