import { addDays, isIsoDate } from '../calendar/index.ts';
import { AppError } from '../errors.ts';
import { clockKindOf, type CaseType } from './definition.ts';

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

/**
 * A minimum period (DeadlineDef.kind 'minimum') still running bars the steps it blocks until
 * the day after its last day: a decision's public comment of at least 30 days, the legal
 * review's 7 working days (重大行政决策程序暂行条例 第十五条、第二十六条).
 */
export const checkMinimumPeriods = (type: CaseType, clocks: Iterable<{ key: string; status: string; due_date: string }>, transition: string, day: string): void => {
  for (const c of clocks) {
    if (c.status !== 'running' && c.status !== 'paused') continue;
    const def = type.deadlines.find((d) => d.key === c.key);
    if (!def || clockKindOf(def) !== 'minimum' || !def.blocks?.includes(transition)) continue;
    if (c.status === 'paused' || day <= c.due_date) {
      throw new AppError('CASE_MINIMUM_PERIOD', { clock: c.key, label: def.label, until: c.due_date, earliest: addDays(c.due_date, 1) });
    }
  }
};
