import chineseDaysJson from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import chineseDaysPackage from 'chinese-days/package.json' with { type: 'json' };
import { StartupError } from '../errors.ts';
import { isIsoDate, yearOf, type IsoDate } from './dates.ts';

/**
 * The State Council General Office's yearly holiday schedule (国务院办公厅关于某年部分节假日安排的
 * 通知), as published machine-readably by the npm package `chinese-days`. We read its documented
 * JSON file (README: "提供了中国节假日的 JSON 文件 … chinese-days.json") rather than its functions,
 * because only the data says which years it covers: its functions answer "weekday" for an
 * unpublished year, which would make a guess look certain.
 *
 * File shape: { holidays: { 'YYYY-MM-DD': 'English,中文,天数' }, workdays: {…}, inLieuDays: {…} }.
 * `holidays` = days off (including the weekend days inside a holiday block); `workdays` = make-up
 * working days (调休上班); `inLieuDays` = weekdays off in exchange for them (already in `holidays`).
 */

export type OfficialDayKind = 'holiday' | 'makeup-workday';

export type OfficialDay = {
  kind: OfficialDayKind;
  /** Chinese festival name, e.g. 春节, 国庆节 */
  name: string;
  nameEn: string;
};

export type OfficialHolidayData = {
  /** Where the data came from, for the administrator's screen, e.g. 'chinese-days 1.5.7'. */
  source: string;
  /** Years for which the official schedule is present, ascending. */
  years: readonly number[];
  days: ReadonlyMap<IsoDate, OfficialDay>;
};

// The package abbreviates some names; a clerk reads the full festival name.
const FULL_NAME_ZH: Readonly<Record<string, string>> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 'Tomb-sweeping Day,清明,1' → names; parsed from the right in case an English name holds a comma. */
const parseLabel = (label: string): { name: string; nameEn: string } | undefined => {
  const parts = label.split(',');
  if (parts.length < 3) return undefined;
  const zh = parts[parts.length - 2]?.trim() ?? '';
  const en = parts.slice(0, -2).join(',').trim();
  if (!zh || !en) return undefined;
  return { name: FULL_NAME_ZH[zh] ?? zh, nameEn: en };
};

/**
 * Validates and indexes data in the chinese-days JSON shape. Throws StartupError on anything
 * unexpected: a silently half-read holiday table would make every deadline wrong.
 */
export const parseChineseDaysData = (json: unknown, source: string): OfficialHolidayData => {
  if (!isRecord(json) || !isRecord(json['holidays']) || !isRecord(json['workdays'])) {
    throw new StartupError(`${source}: holiday data lacks 'holidays' or 'workdays'`);
  }
  const days = new Map<IsoDate, OfficialDay>();
  const years = new Set<number>();
  const read = (table: Record<string, unknown>, kind: OfficialDayKind): void => {
    for (const [date, label] of Object.entries(table)) {
      const names = typeof label === 'string' ? parseLabel(label) : undefined;
      if (!isIsoDate(date) || !names) throw new StartupError(`${source}: bad ${kind} entry ${date}: ${String(label)}`);
      if (days.has(date)) throw new StartupError(`${source}: ${date} is both a holiday and a make-up workday`);
      days.set(date, { kind, ...names });
      years.add(yearOf(date));
    }
  };
  read(json['holidays'], 'holiday');
  read(json['workdays'], 'makeup-workday');
  return { source, years: [...years].sort((a, b) => a - b), days };
};

let bundled: OfficialHolidayData | undefined;

/** The schedule bundled with the installed `chinese-days` package (parsed once). */
export const chineseDaysData = (): OfficialHolidayData => {
  bundled ??= parseChineseDaysData(chineseDaysJson, `chinese-days ${chineseDaysPackage.version}`);
  return bundled;
};

/** No official data at all: every year is provisional unless an administrator enters it. */
export const emptyOfficialData = (): OfficialHolidayData => ({ source: 'none', years: [], days: new Map() });
