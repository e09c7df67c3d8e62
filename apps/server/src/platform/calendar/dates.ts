import { AppError } from '../errors.ts';

/**
 * A plain Beijing calendar date, 'YYYY-MM-DD'. Statutory periods are counted in whole days
 * (民法典 第二百条: 期间按照公历年、月、日、小时计算), so dates never carry a time or a zone:
 * all arithmetic below is on day numbers (days since 1970-01-01), computed with Date.UTC,
 * which has no daylight saving and no local zone.
 */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
// China Standard Time is UTC+8 all year (no daylight saving since 1991).
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Far beyond any real deadline; keeps four-digit years and catches typos such as 20255-01-01.
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
export const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** True when `value` is a real calendar date written 'YYYY-MM-DD' (no 2025-02-30). */
export const isIsoDate = (value: string): boolean => {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  return fromDayNumber(Math.round(Date.UTC(y, mo - 1, d) / MS_PER_DAY)) === value;
};

/** Returns `value` when it is a valid date, else a VALIDATION error naming the field. */
export const assertIsoDate = (value: string, field = 'date'): IsoDate => {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new AppError('VALIDATION', { field, value }, `${field}: expected a date 'YYYY-MM-DD', got '${String(value)}'`);
  }
  return value;
};

/** Days since 1970-01-01 (the date must already be valid). */
export const toDayNumber = (date: IsoDate): number => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
};

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * The date of a day number (days since 1970-01-01), by the civil-from-days arithmetic of the
 * proleptic Gregorian calendar instead of a Date and its ISO string: the working-day counts
 * call it for every day they pass, and a clock years overdue passed thousands (issue 11).
 */
export const fromDayNumber = (n: number): IsoDate => {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
};

export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(toDayNumber(date) + days);

/** b − a in days: diffDays('2025-01-01', '2025-01-31') = 30. */
export const diffDays = (a: IsoDate, b: IsoDate): number => toDayNumber(b) - toDayNumber(a);

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (date: IsoDate): number => (((toDayNumber(date) + 4) % 7) + 7) % 7;

export const isWeekend = (date: IsoDate): boolean => {
  const w = weekday(date);
  return w === 0 || w === 6;
};

export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

/** ISO dates compare correctly as strings. */
export const compareDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** Today's date in Beijing for the instant `now` (a server in any zone gives the same answer). */
export const beijingToday = (now: Date = new Date()): IsoDate =>
  fromDayNumber(Math.floor((now.getTime() + BEIJING_OFFSET_MS) / MS_PER_DAY));

export const weekdayZh = (date: IsoDate): string => WEEKDAY_ZH[weekday(date)] ?? '';
export const weekdayEn = (date: IsoDate): string => WEEKDAY_EN[weekday(date)] ?? '';
