import { AppError } from '../errors.ts';
import { assertIsoDate, fromDayNumber, isIsoDate, isWeekend, MAX_YEAR, MIN_YEAR, toDayNumber, yearOf, type IsoDate } from './dates.ts';
import { chineseDaysData, type OfficialHolidayData } from './official-data.ts';

/**
 * The working-day calendar of a government office.
 *
 * Rest days: Saturday and Sunday (国务院关于职工工作时间的规定 第七条; 国家机关…实施办法 第三条: 星期六和
 * 星期日为周休息日) and the public holidays of 全国年节及纪念日放假办法 第二条 as arranged each year
 * by the State Council General Office, including its make-up working days (调休上班, 第七条).
 * An administrator's overrides come first: they enter next year's schedule before the data package
 * is updated (it is published around November), or a local closure.
 */

export type OverrideKind = 'holiday' | 'workday';

/** One administrator-entered day; the database table behind it belongs to another module. */
export type CalendarOverride = {
  date: IsoDate;
  kind: OverrideKind;
  name: string;
  note?: string;
};

/** How the database-backed override table plugs in: build a Calendar with `loadCalendar(source)`. */
export type CalendarOverrideSource = {
  listOverrides(): Promise<readonly CalendarOverride[]>;
};

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup-workday' | 'override-holiday' | 'override-workday';

export type DayInfo = {
  date: IsoDate;
  working: boolean;
  reason: DayReason;
  /** Festival or override name, e.g. 春节, 国庆节 */
  name?: string;
  nameEn?: string;
  /** The administrator's note on an override. */
  note?: string;
  /** An official make-up workday treated as a rest day because makeUpDaysAreWorkdays is false. */
  ignoredMakeUp?: boolean;
  /**
   * True when the year has neither official data nor any override: only weekends were treated as
   * rest days, so the answer is a guess until the year's schedule is entered.
   */
  provisional: boolean;
};

export type CalendarOptions = {
  overrides?: readonly CalendarOverride[];
  /**
   * Whether the official make-up days (调休上班) are working days. Offices universally work them,
   * so the default is true; an office that does not may turn it off (LAW.md "Counting time").
   */
  makeUpDaysAreWorkdays?: boolean;
  /** Defaults to the data of the installed `chinese-days` package. */
  official?: OfficialHolidayData;
};

export type Calendar = {
  readonly makeUpDaysAreWorkdays: boolean;
  /** e.g. 'chinese-days 1.5.7' */
  readonly officialSource: string;
  isWorkingDay(date: IsoDate): boolean;
  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  countWorkingDays(from: IsoDate, to: IsoDate): number;
  dayInfo(date: IsoDate): DayInfo;
  /** Years with official data or at least one override, ascending. */
  coveredYears(): number[];
  isYearCovered(year: number): boolean;
  /** Years with official data only (without overrides), ascending. */
  officialYears(): number[];
};

/**
 * Why the calendar cannot use an entry (a date it does not count, a kind it does not know, a
 * blank name), or null when it can. The override table is checked when entries are made, but
 * one that got in anyway must not stop case work: the store skips it (store.ts).
 */
export const overrideProblem = (o: CalendarOverride): string | null => {
  if (typeof o.date !== 'string' || !isIsoDate(o.date)) return `override ${String(o.date)}: expected a date 'YYYY-MM-DD' from ${MIN_YEAR} to ${MAX_YEAR}`;
  const kind: string = o.kind;
  if (kind !== 'holiday' && kind !== 'workday') return `override ${o.date}: unknown kind '${kind}'`;
  if (typeof o.name !== 'string' || !o.name.trim()) return `override ${o.date}: name required`;
  return null;
};

const validateOverrides = (overrides: readonly CalendarOverride[]): Map<IsoDate, CalendarOverride> => {
  const byDate = new Map<IsoDate, CalendarOverride>();
  for (const o of overrides) {
    assertIsoDate(o.date, 'override.date');
    const kind: string = o.kind;
    if (kind !== 'holiday' && kind !== 'workday') {
      throw new AppError('VALIDATION', { field: 'override.kind', value: kind }, `override ${o.date}: unknown kind '${kind}'`);
    }
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    if (!name) throw new AppError('VALIDATION', { field: 'override.name', date: o.date }, `override ${o.date}: name required`);
    // Two entries for one day would make the answer depend on row order; refuse instead.
    if (byDate.has(o.date)) {
      throw new AppError('VALIDATION', { field: 'override.date', value: o.date }, `override ${o.date}: entered twice`);
    }
    byDate.set(o.date, { ...o, name });
  }
  return byDate;
};

/** Years after the later of this year and the last year of official data that still take entries. */
export const ENTRY_YEARS_AHEAD = 2;

/**
 * The years an administrator may enter days in: from the first year of the official data to
 * two years past the later of this year and its last year (chinese-days 1.5.7 in 2026:
 * 2004–2028). Next year's schedule (published around November) and planned local closures
 * fit; a mistyped year (2200 for 2020) does not. Later years come with a newer package or
 * simply with time.
 */
export const enterableYears = (thisYear: number, official: OfficialHolidayData = chineseDaysData()): { first: number; last: number } => {
  const first = Math.min(official.years[0] ?? thisYear, thisYear);
  const last = Math.max(official.years[official.years.length - 1] ?? thisYear, thisYear) + ENTRY_YEARS_AHEAD;
  return { first, last };
};

export const createCalendar = (options: CalendarOptions = {}): Calendar => {
  const official = options.official ?? chineseDaysData();
  const makeUpDaysAreWorkdays = options.makeUpDaysAreWorkdays ?? true;
  const overrides = validateOverrides(options.overrides ?? []);
  const officialYears = new Set(official.years);
  const covered = new Set([...officialYears, ...[...overrides.keys()].map(yearOf)]);
  const coveredSorted = [...covered].sort((a, b) => a - b);

  // Order matters: override > official schedule > weekday/weekend.
  const dayInfo = (date: IsoDate): DayInfo => {
    assertIsoDate(date);
    const provisional = !covered.has(yearOf(date));
    const override = overrides.get(date);
    if (override) {
      const base = { date, name: override.name, nameEn: override.name, provisional };
      const withNote = override.note ? { ...base, note: override.note } : base;
      switch (override.kind) {
        case 'holiday':
          return { ...withNote, working: false, reason: 'override-holiday' };
        case 'workday':
          return { ...withNote, working: true, reason: 'override-workday' };
        default:
          return assertNever(override.kind);
      }
    }
    const off = official.days.get(date);
    const plain = (): DayInfo =>
      isWeekend(date)
        ? { date, working: false, reason: 'weekend', provisional }
        : { date, working: true, reason: 'weekday', provisional };
    if (!off) return plain();
    switch (off.kind) {
      case 'holiday':
        return { date, working: false, reason: 'holiday', name: off.name, nameEn: off.nameEn, provisional };
      case 'makeup-workday':
        if (makeUpDaysAreWorkdays) {
          return { date, working: true, reason: 'makeup-workday', name: off.name, nameEn: off.nameEn, provisional };
        }
        return { ...plain(), name: off.name, nameEn: off.nameEn, ignoredMakeUp: true };
      default:
        return assertNever(off.kind);
    }
  };

  // Each year's working days as running counts (counts[i] = working days among its first i
  // days), made from dayInfo the first time a date of the year is asked about: a day is then
  // one look-up, and the working days between two dates a subtraction per year passed, where a
  // day-by-day walk cost about 4 µs a day (a clock overdue for years: milliseconds per case).
  const years = new Map<number, { first: number; counts: Uint16Array }>();
  const yearTable = (year: number): { first: number; counts: Uint16Array } => {
    let t = years.get(year);
    if (!t) {
      const first = toDayNumber(`${String(year).padStart(4, '0')}-01-01`);
      const length = toDayNumber(`${String(year + 1).padStart(4, '0')}-01-01`) - first;
      const counts = new Uint16Array(length + 1);
      for (let i = 0; i < length; i++) counts[i + 1] = (counts[i] ?? 0) + (dayInfo(fromDayNumber(first + i)).working ? 1 : 0);
      t = { first, counts };
      years.set(year, t);
    }
    return t;
  };
  /** Working days from 1 January of the date's year up to and including the date. */
  const upTo = (date: IsoDate): { year: number; count: number } => {
    const year = yearOf(date);
    const t = yearTable(year);
    return { year, count: t.counts[toDayNumber(date) - t.first + 1] ?? 0 };
  };
  const yearTotal = (year: number): number => {
    const { counts } = yearTable(year);
    return counts[counts.length - 1] ?? 0;
  };

  return {
    makeUpDaysAreWorkdays,
    officialSource: official.source,
    isWorkingDay: (date) => {
      assertIsoDate(date);
      const t = yearTable(yearOf(date));
      const i = toDayNumber(date) - t.first;
      return (t.counts[i + 1] ?? 0) > (t.counts[i] ?? 0);
    },
    countWorkingDays: (from, to) => {
      assertIsoDate(from, 'from');
      assertIsoDate(to, 'to');
      if (to <= from) return 0;
      const a = upTo(from);
      const b = upTo(to);
      let n = b.count - a.count;
      for (let y = a.year; y < b.year; y++) n += yearTotal(y);
      return n;
    },
    dayInfo,
    coveredYears: () => [...coveredSorted],
    isYearCovered: (year) => covered.has(year),
    officialYears: () => [...official.years],
  };
};

/** Builds a Calendar from the database-backed override table (or any other source). */
export const loadCalendar = async (
  source: CalendarOverrideSource,
  options: Omit<CalendarOptions, 'overrides'> = {},
): Promise<Calendar> => createCalendar({ ...options, overrides: await source.listOverrides() });

export const assertNever = (value: never): never => {
  throw new Error(`unexpected value: ${String(value)}`);
};
