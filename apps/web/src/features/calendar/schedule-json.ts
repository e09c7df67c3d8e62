import type { ImportScheduleBody } from '@fazhi/contracts';

export type ParsedSchedule = { ok: true; body: ImportScheduleBody } | { ok: false; reason: string };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a holiday-cn file (`{ year, days: [{ name, date, isOffDay }] }`, as published at
 * github.com/NateScarlet/holiday-cn), keeping only the fields the server takes. The reasons are
 * short technical hints (the field at fault), shown inside a Chinese sentence.
 */
export const parseSchedule = (text: string): ParsedSchedule => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : 'JSON' };
  }
  if (!isRecord(data) || !Array.isArray(data.days)) return { ok: false, reason: 'days' };
  if (data.days.length === 0 || data.days.length > 120) return { ok: false, reason: 'days (1–120)' };
  const year = typeof data.year === 'number' && Number.isInteger(data.year) ? data.year : undefined;
  const days: ImportScheduleBody['days'] = [];
  for (const [i, d] of data.days.entries()) {
    if (!isRecord(d) || typeof d.name !== 'string' || !d.name.trim() || typeof d.date !== 'string' || !isoDay.test(d.date) || typeof d.isOffDay !== 'boolean') {
      return { ok: false, reason: `days[${i}]` };
    }
    if (year !== undefined && !d.date.startsWith(String(year))) return { ok: false, reason: `days[${i}].date ≠ ${year}` };
    days.push({ name: d.name.trim().slice(0, 32), date: d.date, isOffDay: d.isOffDay });
  }
  return { ok: true, body: { ...(year !== undefined ? { year } : {}), days } };
};
