import { addDays, isIsoDate } from '../calendar/index.ts';
import { AppError } from '../errors.ts';

/**
 * The rule every dated step keeps, on every path (registration, a transition, a register
 * brought in in bulk): a real calendar day, not before the step before it (or the day the
 * matter was received), not after today. Clocks and on-time flags follow these days, so a
 * day out of order would make a statistic up.
 */
export const checkStepDay = (day: string, previous: string | null, today: string, field: string): void => {
  if (!isIsoDate(day)) throw new AppError('VALIDATION', { field });
  if (day > today || (previous !== null && day < previous)) throw new AppError('CASE_DATE_INVALID', { field, earliest: previous, latest: today });
};

/** A step entered more than `days` days after it happened is a late entry (补录). */
export const isLateEntry = (day: string, today: string, days: number): boolean => day < addDays(today, -days);

/** What the timeline keeps of a late entry: who entered it and when, beside the day it happened. */
export type LateEntry = { enteredOn: string; enteredBy: string | null };
