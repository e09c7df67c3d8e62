import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { recomputeOpenDeadlines } from '../../platform/cases/deadlines.ts';

/**
 * After the calendar changed on `days`: drop the cached calendars and recompute every open
 * clock whose period spans one of those days, so due dates and their explanations follow
 * the new schedule. Returns how many due dates moved.
 */
export const afterCalendarChange = async (platform: Platform, c: Client, days: string[]): Promise<number> => {
  platform.cases.calendars.invalidate();
  const typeOf = async (caseId: string) => {
    const r = (await c.query<{ case_type: string }>('SELECT case_type FROM cases WHERE id = $1', [caseId])).rows[0];
    return r ? platform.cases.types.get(r.case_type) ?? null : null;
  };
  return recomputeOpenDeadlines(c, (t) => platform.cases.calendars.forTownship(t), typeOf, days, platform.cases.today());
};
