import type pg from 'pg';
import { createCalendar, type Calendar, type CalendarOverride } from './calendar.ts';
import type { IsoDate } from './dates.ts';

/**
 * The calendar a township's deadlines are counted on: the official schedule from the
 * `chinese-days` package plus the administrators' entries (deployment-wide ones and the
 * township's own local closures). Built once and cached; every change through this process
 * drops the cache at once, and other processes pick changes up within `ttlMs`.
 */
export type CalendarStore = {
  forTownship: (townshipId: string | null) => Promise<Calendar>;
  invalidate: () => void;
};

const toIso = (d: Date | string): IsoDate => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export const createCalendarStore = (system: pg.Pool, opts: { ttlMs?: number; makeUpDaysAreWorkdays?: boolean } = {}): CalendarStore => {
  const ttl = opts.ttlMs ?? 60_000;
  const cache = new Map<string, { at: number; cal: Promise<Calendar> }>();
  const load = async (townshipId: string | null): Promise<Calendar> => {
    const { rows } = await system.query<{ day: string; kind: 'holiday' | 'workday'; name: string; note: string | null; township_id: string | null }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name, note, township_id FROM calendar_overrides
        WHERE township_id IS NULL OR township_id = $1 ORDER BY day`, [townshipId]);
    // A township's own entry wins over the deployment-wide one for the same day.
    const byDay = new Map<string, CalendarOverride>();
    for (const r of rows) {
      if (byDay.has(r.day) && r.township_id === null) continue;
      byDay.set(r.day, { date: toIso(r.day), kind: r.kind, name: r.name, ...(r.note ? { note: r.note } : {}) });
    }
    return createCalendar({ overrides: [...byDay.values()], makeUpDaysAreWorkdays: opts.makeUpDaysAreWorkdays ?? true });
  };
  return {
    forTownship: (townshipId) => {
      const key = townshipId ?? '*';
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < ttl) return hit.cal;
      const cal = load(townshipId);
      cache.set(key, { at: Date.now(), cal });
      cal.catch(() => cache.delete(key));
      return cal;
    },
    invalidate: () => cache.clear(),
  };
};
