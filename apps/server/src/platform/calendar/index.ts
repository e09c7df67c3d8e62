/**
 * The statutory deadline calculator on the Chinese working-day calendar. Pure functions over
 * plain dates; the administrator's override table plugs in through `CalendarOverrideSource`.
 */
export {
  createCalendar,
  enterableYears,
  overrideProblem,
  loadCalendar,
  type Calendar,
  type CalendarOptions,
  type CalendarOverride,
  type CalendarOverrideSource,
  type DayInfo,
  type DayReason,
  type OverrideKind,
} from './calendar.ts';
export {
  computeDeadline,
  type DeadlineInput,
  type DeadlineResult,
  type Extension,
  type PausePeriod,
  type PeriodUnit,
} from './deadline.ts';
export { addWorkingDays, nextWorkingDay, workingDayOnOrAfter, workingDaysBetween, MAX_PERIOD_DAYS } from './working-days.ts';
export {
  chineseDaysData,
  emptyOfficialData,
  parseChineseDaysData,
  type OfficialDay,
  type OfficialDayKind,
  type OfficialHolidayData,
} from './official-data.ts';
export { addDays, beijingToday, diffDays, isIsoDate, weekday, type IsoDate } from './dates.ts';
