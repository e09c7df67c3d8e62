import { assertNever, type Calendar, type DayInfo } from './calendar.ts';
import { addDays, weekdayEn, weekdayZh, type IsoDate } from './dates.ts';

/**
 * Turns a computed deadline into sentences a clerk can read and check by hand against a wall
 * calendar (Chinese first, English second). Rest days inside a working-day count are grouped into
 * ranges; only ranges holding a holiday are named, ordinary weekends are not worth a line.
 */

export type PeriodUnit = 'wd' | 'cd';

/** A pause after merging overlaps; `to` is today for an open one. Inclusive dates. */
export type Pause = { from: IsoDate; to: IsoDate; open: boolean; labels: string[] };

export type PauseEffect = { pause: Pause; wd: number; cd: number };

/** One counted period: the base period, then each extension. */
export type SegmentTrace = {
  kind: 'base' | 'extension';
  unit: PeriodUnit;
  length: number;
  label?: string;
  /** The day the period counts from (not itself counted, 民法典 第二百零一条). */
  anchor: IsoDate;
  /** The day the count reached `length`. */
  lastCounted: IsoDate;
  due: IsoDate;
  rolledPastPause: boolean;
};

export type DeadlineTrace = {
  start: IsoDate;
  startEvent?: string;
  startEventEn?: string;
  segments: readonly SegmentTrace[];
  pauses: readonly PauseEffect[];
  provisionalYears: readonly number[];
  paused: boolean;
  today: IsoDate;
  due: IsoDate;
};

type Lines = { zh: string[]; en: string[] };

const dayZh = (d: IsoDate): string => `${d}（${weekdayZh(d)}）`;
const dayEn = (d: IsoDate): string => `${d} (${weekdayEn(d)})`;
const rangeZh = (a: IsoDate, b: IsoDate): string => (a === b ? a : `${a}至${b}`);
const rangeEn = (a: IsoDate, b: IsoDate): string => (a === b ? a : `${a} to ${b}`);
const unitZh = (n: number, unit: PeriodUnit): string => (unit === 'wd' ? `${n}个工作日` : `${n}日`);
const unitEn = (n: number, unit: PeriodUnit): string => (unit === 'wd' ? `${n} working day${n === 1 ? '' : 's'}` : `${n} calendar day${n === 1 ? '' : 's'}`);
const distinct = (xs: readonly string[]): string[] => [...new Set(xs)];

/** Rest-day ranges in (anchor, due] that contain a holiday, e.g. 国庆节假期2024-10-01至2024-10-07. */
const holidayRanges = (cal: Calendar, seg: SegmentTrace): { zh: string[]; en: string[] } => {
  const zh: string[] = [];
  const en: string[] = [];
  let run: DayInfo[] = [];
  const flush = (): void => {
    const named = run.filter((i) => i.reason === 'holiday' || i.reason === 'override-holiday');
    const first = run[0];
    const last = run[run.length - 1];
    if (named.length > 0 && first && last) {
      // 国庆节、中秋节假期 for the official block; a local closure keeps its own name.
      const official = named.filter((i) => i.reason === 'holiday');
      const local = named.filter((i) => i.reason === 'override-holiday');
      const namesZh = [
        ...(official.length > 0 ? [`${distinct(official.map((i) => i.name ?? '')).join('、')}假期`] : []),
        ...distinct(local.map((i) => `${i.name ?? ''}（管理员设定）`)),
      ];
      const namesEn = [
        ...(official.length > 0 ? [`${distinct(official.map((i) => i.nameEn ?? '')).join(' and ')} holiday`] : []),
        ...distinct(local.map((i) => `${i.nameEn ?? ''} (set by the administrator)`)),
      ];
      zh.push(`${namesZh.join('、')}${rangeZh(first.date, last.date)}`);
      en.push(`${namesEn.join(', ')} ${rangeEn(first.date, last.date)}`);
    }
    run = [];
  };
  for (let d = addDays(seg.anchor, 1); d <= seg.due; d = addDays(d, 1)) {
    const info = cal.dayInfo(d);
    if (info.working) flush();
    else run.push(info);
  }
  flush();
  return { zh, en };
};

/** Working days that are not plain weekdays (make-up days, override workdays) or ignored make-up days. */
const unusualDays = (cal: Calendar, seg: SegmentTrace, isPaused: (d: IsoDate) => boolean, out: Lines): void => {
  const makeUp: IsoDate[] = [];
  const ignored: IsoDate[] = [];
  for (let d = addDays(seg.anchor, 1); d <= seg.due; d = addDays(d, 1)) {
    if (isPaused(d)) continue;
    const info = cal.dayInfo(d);
    if (info.reason === 'makeup-workday') makeUp.push(d);
    else if (info.reason === 'override-workday') {
      out.zh.push(`${dayZh(d)}为管理员设定的工作日（${info.name ?? ''}），计为工作日`);
      out.en.push(`${dayEn(d)} is a working day set by the administrator (${info.nameEn ?? ''}) and counts`);
    } else if (info.ignoredMakeUp && !info.working) ignored.push(d);
  }
  if (makeUp.length > 0) {
    out.zh.push(`${makeUp.map(dayZh).join('、')}为调休上班日，计为工作日`);
    out.en.push(`${makeUp.map(dayEn).join(', ')}: make-up working day${makeUp.length > 1 ? 's' : ''} (调休), counted as working day${makeUp.length > 1 ? 's' : ''}`);
  }
  if (ignored.length > 0) {
    out.zh.push(`${ignored.map(dayZh).join('、')}为调休上班日，按本机关设置不计为工作日`);
    out.en.push(`${ignored.map(dayEn).join(', ')}: make-up working day(s) (调休) not counted, as this office has set`);
  }
};

/** Why the last counted day of a calendar-day period does or does not roll forward (民法典 第二百零三条). */
const landing = (cal: Calendar, seg: SegmentTrace, out: Lines): void => {
  const info = cal.dayInfo(seg.lastCounted);
  const head = `第${seg.length}日为${dayZh(seg.lastCounted)}`;
  const headEn = `Day ${seg.length} is ${dayEn(seg.lastCounted)}`;
  if (seg.due !== seg.lastCounted) {
    const rest = ((): { zh: string; en: string } => {
      if (info.working) return { zh: '计时暂停中', en: 'within a pause' };
      switch (info.reason) {
        case 'holiday':
          return { zh: `法定节假日（${info.name ?? ''}）`, en: `a public holiday (${info.nameEn ?? ''})` };
        case 'override-holiday':
          return { zh: `管理员设定的休息日（${info.name ?? ''}）`, en: `a rest day set by the administrator (${info.nameEn ?? ''})` };
        case 'weekend':
        case 'weekday':
        case 'makeup-workday':
        case 'override-workday':
          return info.ignoredMakeUp
            ? { zh: '休息日（调休上班日，按本机关设置不计为工作日）', en: 'a rest day (a make-up working day this office does not work)' }
            : { zh: '休息日', en: 'a weekend rest day' };
        default:
          return assertNever(info.reason);
      }
    })();
    const why = seg.rolledPastPause ? '暂停结束后的首个工作日' : '首个工作日';
    const whyEn = seg.rolledPastPause ? 'the first working day after the pause' : 'the next working day';
    out.zh.push(`${head}，为${rest.zh}，顺延至${seg.due}（${weekdayZh(seg.due)}，${why}）`);
    out.en.push(`${headEn}, ${rest.en}; the period ends on ${dayEn(seg.due)}, ${whyEn}`);
    return;
  }
  if (info.reason === 'makeup-workday') {
    out.zh.push(`${head}，为调休上班日（${info.name ?? ''}），是工作日，不顺延`);
    out.en.push(`${headEn}, a make-up working day (${info.nameEn ?? ''}), so it does not roll forward`);
  } else if (info.reason === 'override-workday') {
    out.zh.push(`${head}，为管理员设定的工作日（${info.name ?? ''}），不顺延`);
    out.en.push(`${headEn}, a working day set by the administrator (${info.nameEn ?? ''}), so it does not roll forward`);
  }
};

const segmentLines = (cal: Calendar, t: DeadlineTrace, seg: SegmentTrace, isPaused: (d: IsoDate) => boolean, out: Lines): void => {
  const skipped = seg.unit === 'wd' ? holidayRanges(cal, seg) : { zh: [], en: [] };
  const skipZh = skipped.zh.length > 0 ? `，跳过${skipped.zh.join('、')}` : '';
  const skipEn = skipped.en.length > 0 ? `, skipping the ${skipped.en.join('; ')}` : '';
  const label = seg.label ? `（${seg.label}）` : '';
  const labelEn = seg.label ? ` (${seg.label})` : '';
  if (seg.kind === 'base') {
    const ev = t.startEvent ? `${t.startEvent}（${t.start}）` : t.start;
    const evEn = t.startEventEn ? `${t.startEventEn} (${t.start})` : t.start;
    out.zh.push(seg.unit === 'wd' ? `自${ev}的次日起计算${unitZh(seg.length, 'wd')}${skipZh}` : `自${ev}的次日起计算，期限${seg.length}日`);
    out.en.push(`Counting ${unitEn(seg.length, seg.unit)} from the day after ${evEn}${skipEn}`);
  } else {
    out.zh.push(`延长${unitZh(seg.length, seg.unit)}${label}，自原届满日${seg.anchor}的次日起计算${skipZh}`);
    out.en.push(`Extended by ${unitEn(seg.length, seg.unit)}${labelEn}, counted from the day after the previous due date ${seg.anchor}${skipEn}`);
  }
  switch (seg.unit) {
    case 'wd':
      unusualDays(cal, seg, isPaused, out);
      break;
    case 'cd':
      landing(cal, seg, out);
      break;
    default:
      assertNever(seg.unit);
  }
};

const pauseLines = (t: DeadlineTrace, out: Lines): void => {
  for (const { pause, wd, cd } of t.pauses) {
    const labels = pause.labels.length > 0 ? `（${pause.labels.join('、')}）` : '';
    const labelsEn = pause.labels.length > 0 ? ` (${pause.labels.join(', ')})` : '';
    const when = pause.open ? `自${pause.from}起${labels}，尚未结束，按今日${t.today}结束推算` : `${rangeZh(pause.from, pause.to)}${labels}`;
    const whenEn = pause.open
      ? `since ${pause.from}${labelsEn}, still running, assumed to end today (${t.today})`
      : `${rangeEn(pause.from, pause.to)}${labelsEn}`;
    const counts = [wd > 0 ? unitZh(wd, 'wd') : '', cd > 0 ? unitZh(cd, 'cd') : ''].filter(Boolean);
    const countsEn = [wd > 0 ? unitEn(wd, 'wd') : '', cd > 0 ? unitEn(cd, 'cd') : ''].filter(Boolean);
    if (counts.length > 0) {
      out.zh.push(`暂停计时${when}，其间${counts.join('、')}不计入期限`);
      out.en.push(`Clock stopped ${whenEn}: ${countsEn.join(' and ')} not counted`);
    } else {
      out.zh.push(`暂停计时${when}，不在计时期间内，不影响期限`);
      out.en.push(`Clock stopped ${whenEn}: outside the counted days, no effect`);
    }
  }
};

export const explainDeadline = (cal: Calendar, t: DeadlineTrace, isPaused: (d: IsoDate) => boolean): Lines => {
  const out: Lines = { zh: [], en: [] };
  t.segments.forEach((seg, i) => {
    segmentLines(cal, t, seg, isPaused, out);
    if (seg.kind === 'base' && t.segments.length > 1) {
      out.zh.push(`原期限届满日为${dayZh(seg.due)}`);
      out.en.push(`The original period ends on ${dayEn(seg.due)}`);
    } else if (seg.kind === 'extension' && i < t.segments.length - 1) {
      out.zh.push(`延长后届满日为${dayZh(seg.due)}`);
      out.en.push(`After this extension the period ends on ${dayEn(seg.due)}`);
    }
  });
  pauseLines(t, out);
  for (const y of t.provisionalYears) {
    out.zh.push(`${y}年法定节假日安排尚未发布或尚未录入，按双休日推算，结果为暂定`);
    out.en.push(`The official ${y} holiday schedule has not been published or entered yet; only weekends were treated as rest days, so the result is provisional`);
  }
  if (t.paused) {
    out.zh.push('计时仍在暂停中，届满日将随暂停延续而后移');
    out.en.push('The clock is still stopped; the due date moves later for as long as the pause lasts');
  }
  const tentative = t.provisionalYears.length > 0;
  out.zh.push(`届满日为${t.due}（${weekdayZh(t.due)}${tentative ? '，暂定' : ''}）`);
  out.en.push(`Due date: ${t.due} (${weekdayEn(t.due)}${tentative ? ', provisional' : ''})`);
  return out;
};
