import type pg from 'pg';
import { createCalendar, overrideProblem, type Calendar, type CalendarOverride } from './calendar.ts';
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

export type CalendarStoreOptions = {
  /** How long a loaded calendar is used before it is read again (default one minute). */
  ttlMs?: number;
  /** The store's clock, in milliseconds; tests move it on instead of waiting for the TTL. */
  now?: () => number;
  makeUpDaysAreWorkdays?: boolean;
  /** Where entries the calendar cannot use are reported. */
  log?: { warn: (obj: object, msg: string) => void };
};

const toIso = (d: Date | string): IsoDate => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/**
 * `pool` is the calendar's own pool (platform.ts), used for nothing else. A calendar is
 * loaded in the middle of other work — creating a case holds an owner connection and the
 * reference counter's row lock while it asks for the township's calendar — so the load must
 * never need a connection of the pool its caller is holding: when it did (it shared the owner
 * pool of five), five simultaneous applications each held one, the load waited for a sixth,
 * and the server froze (docs/reliability.md). The load is one statement that holds its
 * connection only while it runs and waits for nothing else, so this pool is always released
 * again, whatever its callers hold.
 *
 * An entry the calendar cannot use (a year beyond what dates may be, a blank name) is left
 * out with a warning instead of failing every load, and so every case page, until it is deleted.
 */
export const createCalendarStore = (pool: pg.Pool, opts: CalendarStoreOptions = {}): CalendarStore => {
  const ttl = opts.ttlMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; cal: Promise<Calendar> }>();
  const load = async (townshipId: string | null): Promise<Calendar> => {
    const { rows } = await pool.query<{ id: string; day: string; kind: 'holiday' | 'workday'; name: string; note: string | null; township_id: string | null }>(
      `SELECT id, to_char(day, 'YYYY-MM-DD') AS day, kind, name, note, township_id FROM calendar_overrides
        WHERE township_id IS NULL OR township_id = $1 ORDER BY day`, [townshipId]);
    // A township's own entry wins over the deployment-wide one for the same day.
    const byDay = new Map<string, CalendarOverride>();
    for (const r of rows) {
      if (byDay.has(r.day) && r.township_id === null) continue;
      const entry: CalendarOverride = { date: toIso(r.day), kind: r.kind, name: r.name, ...(r.note ? { note: r.note } : {}) };
      const problem = overrideProblem(entry);
      if (problem !== null) {
        opts.log?.warn({ overrideId: r.id, day: r.day, townshipId: r.township_id, problem }, 'calendar: an entry the calendar cannot use is ignored; delete or correct it');
        continue;
      }
      byDay.set(r.day, entry);
    }
    return createCalendar({ overrides: [...byDay.values()], makeUpDaysAreWorkdays: opts.makeUpDaysAreWorkdays ?? true });
  };
  return {
    forTownship: (townshipId) => {
      const key = townshipId ?? '*';
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttl) return hit.cal;
      const cal = load(townshipId);
      const entry = { at: now(), cal };
      cache.set(key, entry);
      cal.catch(() => { if (cache.get(key) === entry) cache.delete(key); });
      return cal;
    },
    invalidate: () => cache.clear(),
  };
};
