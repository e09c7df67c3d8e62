import { describe, expect, it } from 'vitest';
import { createCalendar, loadCalendar } from './calendar.ts';
import { addDays, beijingToday, diffDays, fromDayNumber, isIsoDate, toDayNumber, weekday } from './dates.ts';
import { parseChineseDaysData } from './official-data.ts';
import { addWorkingDays, nextWorkingDay, workingDayOnOrAfter, workingDaysBetween } from './working-days.ts';

// Expected values below come from the State Council General Office notices:
// 2024: 国办发明电〔2023〕7号; 2025: 国办发明电〔2024〕12号; 2026: 国办发明电〔2025〕7号 (gov.cn, Nov 2025).
const cal = createCalendar();
const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('date helpers', () => {
  it('validates, adds and compares plain dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true); // 2024 is a leap year
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(diffDays('2025-12-20', '2026-02-18')).toBe(60);
    expect(weekday('2025-01-01')).toBe(3); // a Wednesday
    expect(weekday('2026-02-15')).toBe(0); // the notice says 2月15日（周日）
  });

  it("takes today's date in Beijing (UTC+8), whatever the server's zone", () => {
    expect(beijingToday(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(beijingToday(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
  });

  it('writes every day from 1900 to 2199 as the ISO calendar does', () => {
    for (let n = toDayNumber('1900-01-01'); n <= toDayNumber('2199-12-31'); n++) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== iso) expect(fromDayNumber(n)).toBe(iso);
    }
    expect(fromDayNumber(toDayNumber('2024-02-29'))).toBe('2024-02-29');
  });
});

describe('working days counted from each year\'s table', () => {
  it('gives the day-by-day count for spans within a year, across years and around overrides', () => {
    const withOverrides = createCalendar({ overrides: [
      { date: '2025-03-03', kind: 'holiday', name: '停电' }, { date: '2025-03-08', kind: 'workday', name: '补班' },
    ] });
    const walk = (c: typeof cal, a: string, b: string): number => {
      let n = 0;
      for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (c.dayInfo(d).working) n++;
      return n;
    };
    let seed = 7;
    const next = (): number => { seed = (seed * 48271) % 2147483647; return seed; };
    for (const c of [cal, withOverrides]) {
      for (const [a, b] of [['2025-02-27', '2025-03-10'], ['2023-12-30', '2024-01-02'], ['2019-03-01', '2026-12-07'], ['2025-01-01', '2025-01-01']] as const) {
        expect(c.countWorkingDays(a, b)).toBe(walk(c, a, b));
      }
      for (let i = 0; i < 200; i++) {
        const a = addDays('2015-01-01', next() % 4000);
        const b = addDays(a, next() % 900);
        expect(c.countWorkingDays(a, b)).toBe(walk(c, a, b));
        expect(c.isWorkingDay(b)).toBe(c.dayInfo(b).working);
      }
    }
    expect(withOverrides.isWorkingDay('2025-03-03')).toBe(false);
    expect(withOverrides.isWorkingDay('2025-03-08')).toBe(true);
    expect(cal.countWorkingDays('2025-03-10', '2025-02-27')).toBe(0);
  });
});

describe('official data from chinese-days', () => {
  it('covers 2004 to at least 2026, read from the data, not hard-coded', () => {
    const years = cal.officialYears();
    expect(years[0]).toBe(2004);
    expect(years).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(cal.isYearCovered(2030)).toBe(false);
    expect(cal.officialSource).toMatch(/^chinese-days \d+\.\d+\.\d+/);
  });

  it('2024: Spring Festival 02-10..17 off, make-up Sundays 02-04 and 02-18', () => {
    expect(range('2024-02-10', '2024-02-17').map((d) => cal.dayInfo(d).reason)).toEqual(Array(8).fill('holiday'));
    expect(cal.dayInfo('2024-02-12').name).toBe('春节');
    expect(cal.dayInfo('2024-02-04')).toMatchObject({ working: true, reason: 'makeup-workday', name: '春节' });
    expect(cal.dayInfo('2024-02-18')).toMatchObject({ working: true, reason: 'makeup-workday' });
    expect(cal.isWorkingDay('2024-02-09')).toBe(true); // Friday, eve of the block
  });

  it('2024: National Day 10-01..07 off, make-up 09-29 (Sun) and 10-12 (Sat)', () => {
    expect(range('2024-10-01', '2024-10-07').every((d) => cal.dayInfo(d).reason === 'holiday')).toBe(true);
    expect(cal.dayInfo('2024-10-05')).toMatchObject({ working: false, reason: 'holiday', name: '国庆节', nameEn: 'National Day' });
    expect(cal.dayInfo('2024-09-29')).toMatchObject({ working: true, reason: 'makeup-workday', name: '国庆节' });
    expect(cal.dayInfo('2024-10-12')).toMatchObject({ working: true, reason: 'makeup-workday' });
    expect(cal.dayInfo('2024-10-13')).toMatchObject({ working: false, reason: 'weekend' });
    expect(cal.isWorkingDay('2024-10-08')).toBe(true);
  });

  it('2025: Spring Festival 01-28..02-04 and National Day/Mid-autumn 10-01..08 off', () => {
    expect(range('2025-01-28', '2025-02-04').every((d) => !cal.isWorkingDay(d))).toBe(true);
    expect(cal.isWorkingDay('2025-01-27')).toBe(true);
    expect(cal.isWorkingDay('2025-02-05')).toBe(true);
    expect(range('2025-10-01', '2025-10-08').every((d) => cal.dayInfo(d).reason === 'holiday')).toBe(true);
    expect(cal.dayInfo('2025-10-06').name).toBe('中秋节'); // the package's 中秋, spelled out
    expect(cal.dayInfo('2025-10-08').name).toBe('国庆节');
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
  });

  it('2025: the five make-up days are working days, other weekends are not', () => {
    for (const d of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']) {
      expect(cal.dayInfo(d)).toMatchObject({ working: true, reason: 'makeup-workday', provisional: false });
    }
    expect(cal.dayInfo('2025-03-22')).toEqual({ date: '2025-03-22', working: false, reason: 'weekend', provisional: false });
    expect(cal.dayInfo('2025-03-24')).toEqual({ date: '2025-03-24', working: true, reason: 'weekday', provisional: false });
  });

  it('2026: Spring Festival 02-15..23 (make-up 02-14, 02-28), National Day 10-01..07 (make-up 09-20, 10-10)', () => {
    expect(range('2026-02-15', '2026-02-23').every((d) => cal.dayInfo(d).name === '春节' && !cal.isWorkingDay(d))).toBe(true);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(cal.dayInfo(d).reason).toBe('makeup-workday');
    }
    expect(range('2026-10-01', '2026-10-07').every((d) => !cal.isWorkingDay(d))).toBe(true);
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
  });
});

describe('settings and overrides', () => {
  it('makeUpDaysAreWorkdays=false turns make-up days back into weekend rest days', () => {
    const strict = createCalendar({ makeUpDaysAreWorkdays: false });
    expect(strict.dayInfo('2025-10-11')).toMatchObject({ working: false, reason: 'weekend', ignoredMakeUp: true, name: '国庆节' });
    expect(strict.isWorkingDay('2025-10-10')).toBe(true);
    expect(strict.isWorkingDay('2025-10-08')).toBe(false); // the holiday itself stays a holiday
  });

  it('an override beats the official schedule and the weekend, and carries its note', () => {
    const c = createCalendar({
      overrides: [
        { date: '2025-03-24', kind: 'holiday', name: '防汛停止办公', note: '县政府通知' },
        { date: '2025-03-22', kind: 'workday', name: '集中办公日' },
        { date: '2025-10-08', kind: 'workday', name: '县里通知上班' },
      ],
    });
    expect(c.dayInfo('2025-03-24')).toEqual({
      date: '2025-03-24', working: false, reason: 'override-holiday', name: '防汛停止办公', nameEn: '防汛停止办公', note: '县政府通知', provisional: false,
    });
    expect(c.dayInfo('2025-03-22')).toMatchObject({ working: true, reason: 'override-workday' });
    expect(c.dayInfo('2025-10-08')).toMatchObject({ working: true, reason: 'override-workday' });
  });

  it('a year without official data is provisional until an override is entered for it', () => {
    expect(cal.dayInfo('2030-01-01')).toEqual({ date: '2030-01-01', working: true, reason: 'weekday', provisional: true });
    expect(cal.dayInfo('2030-01-05')).toMatchObject({ working: false, reason: 'weekend', provisional: true });
    const c = createCalendar({ overrides: [{ date: '2030-01-01', kind: 'holiday', name: '元旦' }] });
    expect(c.isYearCovered(2030)).toBe(true);
    expect(c.coveredYears()).toContain(2030);
    expect(c.dayInfo('2030-01-01')).toMatchObject({ working: false, reason: 'override-holiday', provisional: false });
    expect(c.dayInfo('2030-05-06')).toMatchObject({ working: true, provisional: false });
    expect(c.dayInfo('2031-01-01').provisional).toBe(true);
  });

  it('refuses bad input rather than guessing', () => {
    expect(() => cal.dayInfo('2025-02-30')).toThrow(/YYYY-MM-DD/);
    const dup = { date: '2025-03-24', kind: 'holiday' as const, name: 'x' };
    expect(() => createCalendar({ overrides: [dup, dup] })).toThrow(/twice/);
    expect(() => createCalendar({ overrides: [{ ...dup, name: '  ' }] })).toThrow(/name/);
    expect(() => parseChineseDaysData({ holidays: { '2025-01-01': 'bad' }, workdays: {} }, 'test')).toThrow(/bad holiday/);
    expect(() => parseChineseDaysData({}, 'test')).toThrow(/lacks/);
  });

  it('loads overrides through the source interface', async () => {
    const c = await loadCalendar({ listOverrides: async () => [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }] });
    expect(c.isYearCovered(2027)).toBe(true);
    expect(c.isWorkingDay('2027-10-01')).toBe(false);
  });
});

describe('working-day arithmetic', () => {
  it('counts working days after the start day', () => {
    // 2025-09-30 (Tue) → 10-01..08 off → 10-09 (Thu) is the next working day.
    expect(nextWorkingDay(cal, '2025-09-30')).toBe('2025-10-09');
    expect(workingDayOnOrAfter(cal, '2025-09-30')).toBe('2025-09-30');
    expect(workingDayOnOrAfter(cal, '2025-10-04')).toBe('2025-10-09');
    // 2025-09-26 (Fri) → 09-28 (Sun, make-up) 1, 09-29 2, 09-30 3, [10-01..08], 10-09 4.
    expect(addWorkingDays(cal, '2025-09-26', 4)).toBe('2025-10-09');
    expect(addWorkingDays(cal, '2025-10-09', -4)).toBe('2025-09-26');
    expect(addWorkingDays(cal, '2025-10-09', 0)).toBe('2025-10-09');
    expect(workingDaysBetween(cal, '2025-09-26', '2025-10-09')).toBe(4);
    expect(workingDaysBetween(cal, '2025-10-09', '2025-09-26')).toBe(-4);
    expect(workingDaysBetween(cal, '2025-03-03', '2025-03-03')).toBe(0);
    expect(() => addWorkingDays(cal, '2025-01-01', 1.5)).toThrow(/whole number/);
  });
});
