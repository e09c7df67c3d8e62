import { AppError } from '../errors.ts';
import { assertNever, type Calendar } from './calendar.ts';
import { addDays, assertIsoDate, beijingToday, diffDays, yearOf, type IsoDate } from './dates.ts';
import { explainDeadline, type Pause, type PauseEffect, type PeriodUnit, type SegmentTrace } from './deadline-explanation.ts';
import { MAX_PERIOD_DAYS } from './working-days.ts';

export type { PeriodUnit } from './deadline-explanation.ts';

/**
 * Statutory deadlines.
 *
 * - The start day is not counted: 民法典 第二百零一条 (开始的当日不计入，自下一日开始计算);
 *   民事诉讼法 第八十五条 (期间开始的时和日，不计算在期间内).
 * - 'wd': the N-th working day after the start day (政府信息公开条例 第三十三条 "20个工作日";
 *   行政许可法 第八十二条 以工作日计算，不含法定节假日; 行政处罚法 第八十五条; 行政强制法 第六十九条).
 * - 'cd': start + N calendar days; when that day is a rest day the period ends on the next working
 *   day (民法典 第二百零三条; 民事诉讼法 第八十五条: 以法定休假日后的第一日为期间届满的日期).
 *   A make-up working day (调休上班) is a working day, so a period ending on it does not roll.
 *
 * Pauses ("所需时间不计算在期限内": 政府信息公开条例 第三十三条第三款 and 第三十二条、第三十四条
 * third-party and co-agency opinions; 信访工作条例 第三十六条 听证所需时间): the clock stops on every
 * day from `from` to `to`, both inclusive. Precisely, the count walks day by day from the start
 * day and skips paused days; for 'cd' every paused calendar day is skipped, for 'wd' every paused
 * working day (rest days are skipped anyway). So a pause lying inside the period moves the due date
 * later by its calendar days ('cd') or its working days ('wd'); a pause beginning after the period
 * has run out changes nothing (a clock that has stopped cannot be paused). The 'cd' roll-forward
 * also passes over paused days: the period ends on the first working day that is not paused.
 * An open pause (no `to`) means the clock is stopped now: it is taken to end today, and the result
 * says `paused: true` (the due date moves one day later for each further paused day).
 *
 * Extensions (信访工作条例 第三十四条 "延长期限不得超过30日"; 政府信息公开条例 第三十三条
 * "延长的期限最长不得超过20个工作日"): the law extends the *period*, so each extension counts from
 * the end of the period before it. Its anchor is the previous due date, i.e. the last day of the
 * period after any roll-forward (民法典 第二百零三条 makes that day "期间的最后一日"); like any
 * period it starts the day after its anchor (第二百零一条) and a 'cd' extension rolls forward again.
 * Caps, approval and notice are the caller's business.
 *
 * Note that after a 补正 (correction), 政府信息公开条例 第三十三条 runs 20 WD from receipt of the
 * corrected application: that is a new start date, not a pause.
 */

export type PausePeriod = {
  /** First day on which the clock does not run. */
  from: IsoDate;
  /** Last day on which the clock does not run; absent = still paused now. */
  to?: IsoDate;
  /** e.g. 征求第三方意见, 听证 */
  label?: string;
};

export type Extension = { length: number; unit: PeriodUnit; label?: string };

export type DeadlineInput = {
  /** The triggering day (receipt, 受理…); never counted itself. */
  start: IsoDate;
  length: number;
  unit: PeriodUnit;
  pausedDays?: readonly PausePeriod[];
  extensions?: readonly Extension[];
  /** For open pauses; defaults to today's date in Beijing. */
  today?: IsoDate;
  /** Names the start day in the explanation, e.g. 受理之日 / the day of acceptance. */
  startEvent?: string;
  startEventEn?: string;
};

export type DeadlineResult = {
  due: IsoDate;
  /** End of the base period, before extensions (equals `due` without extensions). */
  originalDue: IsoDate;
  /** True when a year the period touches has no holiday schedule: only weekends were rest days. */
  provisional: boolean;
  provisionalYears: number[];
  /** True when an open pause holds the clock now; `due` assumes the pause ends today. */
  paused: boolean;
  explanation: string[];
  explanationEn: string[];
};

const assertLength = (n: number, field: string): void => {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERIOD_DAYS) {
    throw new AppError('VALIDATION', { field, value: n }, `${field}: expected a whole number from 1 to ${MAX_PERIOD_DAYS}`);
  }
};

const assertUnit = (unit: string, field: string): PeriodUnit => {
  if (unit !== 'wd' && unit !== 'cd') throw new AppError('VALIDATION', { field, value: unit }, `${field}: expected 'wd' or 'cd'`);
  return unit;
};

/** Validates, closes open pauses at `today`, sorts and merges overlapping or adjacent pauses. */
const normalisePauses = (input: readonly PausePeriod[], today: IsoDate): Pause[] => {
  const pauses = input.map((p, i): Pause => {
    const from = assertIsoDate(p.from, `pausedDays[${i}].from`);
    const to = p.to === undefined ? today : assertIsoDate(p.to, `pausedDays[${i}].to`);
    if (to < from) {
      const why = p.to === undefined ? 'an open pause cannot start after today' : "'to' is before 'from'";
      throw new AppError('VALIDATION', { field: `pausedDays[${i}]`, from, to }, `pausedDays[${i}]: ${why}`);
    }
    if (diffDays(from, to) > MAX_PERIOD_DAYS) {
      throw new AppError('VALIDATION', { field: `pausedDays[${i}]`, from, to }, `pausedDays[${i}]: longer than ten years`);
    }
    return { from, to, open: p.to === undefined, labels: p.label?.trim() ? [p.label.trim()] : [] };
  });
  pauses.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Pause[] = [];
  for (const p of pauses) {
    const last = merged[merged.length - 1];
    if (last && p.from <= addDays(last.to, 1)) {
      last.to = p.to > last.to ? p.to : last.to;
      last.open ||= p.open;
      last.labels = [...new Set([...last.labels, ...p.labels])];
    } else merged.push({ ...p, labels: [...p.labels] });
  }
  return merged;
};

type Effects = Map<Pause, { wd: number; cd: number }>;

/** Walks one period (base or extension) from `anchor`, skipping paused days. */
const runSegment = (
  cal: Calendar,
  seg: Omit<SegmentTrace, 'lastCounted' | 'due' | 'rolledPastPause'>,
  pauseAt: (d: IsoDate) => Pause | undefined,
  effects: Effects,
): SegmentTrace => {
  const note = (p: Pause, unit: PeriodUnit): void => {
    const e = effects.get(p);
    if (e) e[unit] += 1;
  };
  let day = seg.anchor;
  let remaining = seg.length;
  while (remaining > 0) {
    day = addDays(day, 1);
    const counts = seg.unit === 'cd' || cal.isWorkingDay(day);
    const pause = pauseAt(day);
    if (pause) {
      if (counts) note(pause, seg.unit);
    } else if (counts) remaining--;
  }
  const lastCounted = day;
  let rolledPastPause = false;
  switch (seg.unit) {
    case 'wd':
      break; // the N-th working day is a working day: nothing to roll
    case 'cd':
      // 民法典 第二百零三条: a last day that is a rest day gives way to the next working day.
      for (let pause = pauseAt(day); !cal.isWorkingDay(day) || pause; pause = pauseAt(day)) {
        if (pause) {
          rolledPastPause = true;
          note(pause, 'cd');
        }
        day = addDays(day, 1);
      }
      break;
    default:
      assertNever(seg.unit);
  }
  return { ...seg, lastCounted, due: day, rolledPastPause };
};

export const computeDeadline = (cal: Calendar, input: DeadlineInput): DeadlineResult => {
  const start = assertIsoDate(input.start, 'start');
  const today = input.today === undefined ? beijingToday() : assertIsoDate(input.today, 'today');
  assertLength(input.length, 'length');
  const unit = assertUnit(input.unit, 'unit');
  const extensions = (input.extensions ?? []).map((e, i) => {
    assertLength(e.length, `extensions[${i}].length`);
    return { ...e, unit: assertUnit(e.unit, `extensions[${i}].unit`) };
  });

  const pauses = normalisePauses(input.pausedDays ?? [], today);
  const pauseAt = (d: IsoDate): Pause | undefined => pauses.find((p) => p.from <= d && d <= p.to);
  const effects: Effects = new Map(pauses.map((p) => [p, { wd: 0, cd: 0 }]));

  const segments: SegmentTrace[] = [];
  let anchor = start;
  const periods: { kind: SegmentTrace['kind']; length: number; unit: PeriodUnit; label?: string }[] = [
    { kind: 'base', length: input.length, unit },
    ...extensions.map((e) => ({ ...e, kind: 'extension' as const })),
  ];
  for (const p of periods) {
    const label = p.label?.trim();
    const seg = runSegment(cal, { kind: p.kind, unit: p.unit, length: p.length, anchor, ...(label ? { label } : {}) }, pauseAt, effects);
    segments.push(seg);
    anchor = seg.due;
  }
  const due = anchor;
  const originalDue = segments[0]?.due ?? due;

  // Provisional if any day counted falls in a year without a schedule (a holiday there is unknown).
  const provisionalYears: number[] = [];
  for (let y = yearOf(addDays(start, 1)); y <= yearOf(due); y++) if (!cal.isYearCovered(y)) provisionalYears.push(y);

  // Paused now only if an open pause began while the clock was still running.
  const paused = pauses.some((p) => p.open && p.from <= due);
  const pauseEffects: PauseEffect[] = pauses.map((p) => ({ pause: p, ...(effects.get(p) ?? { wd: 0, cd: 0 }) }));
  const text = explainDeadline(
    cal,
    {
      start,
      ...(input.startEvent ? { startEvent: input.startEvent } : {}),
      ...(input.startEventEn ? { startEventEn: input.startEventEn } : {}),
      segments,
      pauses: pauseEffects,
      provisionalYears,
      paused,
      today,
      due,
    },
    (d) => pauseAt(d) !== undefined,
  );
  return {
    due,
    originalDue,
    provisional: provisionalYears.length > 0,
    provisionalYears,
    paused,
    explanation: text.zh,
    explanationEn: text.en,
  };
};
