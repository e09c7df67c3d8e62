import { AppError } from '../errors.ts';
import type { Calendar } from './calendar.ts';
import { addDays, assertIsoDate, diffDays, type IsoDate } from './dates.ts';

/**
 * Working-day arithmetic. "N个工作日" (政府信息公开条例 第三十三条; 行政许可法 第八十二条: 以工作日
 * 计算，不含法定节假日) counts working days only, and like every period it starts on the day after
 * the triggering day (民法典 第二百零一条).
 */

/** Ten years: far beyond any statutory period, and a bound on every loop in this module. */
export const MAX_PERIOD_DAYS = 3660;

const assertCount = (n: number, field: string): void => {
  if (!Number.isInteger(n) || Math.abs(n) > MAX_PERIOD_DAYS) {
    throw new AppError('VALIDATION', { field, value: n }, `${field}: expected a whole number of at most ${MAX_PERIOD_DAYS}`);
  }
};

/** The first working day strictly after `date`. */
export const nextWorkingDay = (cal: Calendar, date: IsoDate): IsoDate => addWorkingDays(cal, date, 1);

/** `date` itself when it is a working day, else the next one (民法典 第二百零三条 roll-forward). */
export const workingDayOnOrAfter = (cal: Calendar, date: IsoDate): IsoDate =>
  cal.isWorkingDay(assertIsoDate(date)) ? date : nextWorkingDay(cal, date);

/**
 * The n-th working day after `start` (the start day itself is never counted); n = 0 gives `start`;
 * a negative n counts backwards (the |n|-th working day before `start`, e.g. for reminders).
 */
export const addWorkingDays = (cal: Calendar, start: IsoDate, n: number): IsoDate => {
  assertIsoDate(start, 'start');
  assertCount(n, 'n');
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let day = start;
  // Every week has at least one weekday that is not an official holiday, so this ends quickly;
  // the bound only guards against a pathological override table.
  for (let guard = 0; remaining > 0; guard++) {
    if (guard > MAX_PERIOD_DAYS * 2) {
      throw new AppError('VALIDATION', { start, n }, 'no working day found within ten years');
    }
    day = addDays(day, step);
    if (cal.isWorkingDay(day)) remaining--;
  }
  return day;
};

/**
 * Working days after `a` up to and including `b`: workingDaysBetween(cal, d, addWorkingDays(cal, d, n))
 * = n. Negative when b is before a (the count of working days after b up to and including a, negated).
 */
export const workingDaysBetween = (cal: Calendar, a: IsoDate, b: IsoDate): number => {
  assertIsoDate(a, 'a');
  assertIsoDate(b, 'b');
  const span = diffDays(a, b);
  assertCount(span, 'span');
  return span >= 0 ? cal.countWorkingDays(a, b) : -cal.countWorkingDays(b, a);
};
