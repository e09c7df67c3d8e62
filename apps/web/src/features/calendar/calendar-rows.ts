import type { CalendarYear, OverrideView } from '@fazhi/contracts';

/** One row of the year's list: an official day and/or an administrator's entry on that date. */
export type CalendarDayRow = {
  date: string; working: boolean; name: string | null; official: boolean; override: OverrideView | null;
};

/** Official days and entries merged by date; a township's local entry shows as its own row. */
export const dayRows = (year: CalendarYear): CalendarDayRow[] => {
  const rows = new Map<string, CalendarDayRow>();
  for (const d of year.days) {
    rows.set(d.date, { date: d.date, working: d.working, name: d.name, official: !d.reason.startsWith('override'), override: null });
  }
  for (const o of year.overrides) {
    const row = rows.get(o.day);
    if (row && o.townshipId === null) row.override = o;
    else if (!row) rows.set(o.day, { date: o.day, working: o.kind === 'workday', name: o.name, official: false, override: o });
  }
  return [...rows.values()].sort((a, b) => a.date.localeCompare(b.date));
};
