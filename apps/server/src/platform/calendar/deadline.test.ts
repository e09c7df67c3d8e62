import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';
import { computeDeadline } from './deadline.ts';
import { workingDaysBetween } from './working-days.ts';

// Every expected date is derived by hand from the State Council schedules (2024: 国庆 10-01..07,
// make-up 09-29 Sun and 10-12 Sat; 2025: 劳动节 05-01..05, 清明 04-04..06, 国庆 10-01..08, make-up
// 09-28 Sun and 10-11 Sat; 2026: 春节 02-15..23, make-up 02-14 and 02-28) and the counting rules
// (民法典 第二百零一条、第二百零三条). Fixed `today` keeps the tests independent of the clock.
const cal = createCalendar();
const today = '2026-11-26';

describe('working-day periods', () => {
  it('20 WD from 2024-09-27 (依申请公开 reply) → 2024-10-30', () => {
    // 09-28 Sat rest; 09-29 Sun make-up = 1; 09-30 = 2; 10-01..07 National Day; 10-08..11 = 3..6;
    // 10-12 Sat make-up = 7; 10-14..18 = 8..12; 10-21..25 = 13..17; 10-28, 29, 30 = 18, 19, 20.
    const r = computeDeadline(cal, { start: '2024-09-27', length: 20, unit: 'wd', today });
    expect(r.due).toBe('2024-10-30');
    expect(r.provisional).toBe(false);
    expect(r.paused).toBe(false);
    expect(r.explanation).toEqual([
      '自2024-09-27的次日起计算20个工作日，跳过国庆节假期2024-10-01至2024-10-07',
      '2024-09-29（星期日）、2024-10-12（星期六）为调休上班日，计为工作日',
      '届满日为2024-10-30（星期三）',
    ]);
    expect(r.explanationEn[0]).toBe('Counting 20 working days from the day after 2024-09-27, skipping the National Day holiday 2024-10-01 to 2024-10-07');
    expect(r.explanationEn.at(-1)).toBe('Due date: 2024-10-30 (Wednesday)');
    expect(workingDaysBetween(cal, '2024-09-27', r.due)).toBe(20);
  });

  it('15 WD from 2025-09-20 across the merged National Day / Mid-autumn block → 2025-10-16', () => {
    // 09-22..26 = 1..5; 09-28 Sun make-up = 6; 09-29, 30 = 7, 8; 10-01..08 off (10-06 中秋);
    // 10-09, 10 = 9, 10; 10-11 Sat make-up = 11; 10-13..16 = 12..15.
    const r = computeDeadline(cal, { start: '2025-09-20', length: 15, unit: 'wd', today });
    expect(r.due).toBe('2025-10-16');
    expect(r.explanation).toEqual([
      '自2025-09-20的次日起计算15个工作日，跳过国庆节、中秋节假期2025-10-01至2025-10-08',
      '2025-09-28（星期日）、2025-10-11（星期六）为调休上班日，计为工作日',
      '届满日为2025-10-16（星期四）',
    ]);
  });

  it('makeUpDaysAreWorkdays=false: the same 20 WD run to 2024-11-01', () => {
    // Without 09-29 and 10-12: 09-30 = 1; 10-08..11 = 2..5; 10-14..18 = 6..10; 10-21..25 = 11..15;
    // 10-28..31 = 16..19; 11-01 (Fri) = 20.
    const strict = createCalendar({ makeUpDaysAreWorkdays: false });
    const r = computeDeadline(strict, { start: '2024-09-27', length: 20, unit: 'wd', today });
    expect(r.due).toBe('2024-11-01');
    expect(r.explanation).toContain('2024-09-29（星期日）、2024-10-12（星期六）为调休上班日，按本机关设置不计为工作日');
  });

  it('an admin-entered holiday and an admin-entered workday change a WD result', () => {
    // A closure on 2024-10-30 (Wed) pushes the 20th working day to 10-31.
    const closed = createCalendar({ overrides: [{ date: '2024-10-30', kind: 'holiday', name: '本地停止办公' }] });
    const r1 = computeDeadline(closed, { start: '2024-09-27', length: 20, unit: 'wd', today });
    expect(r1.due).toBe('2024-10-31');
    expect(r1.explanation[0]).toBe('自2024-09-27的次日起计算20个工作日，跳过国庆节假期2024-10-01至2024-10-07、本地停止办公（管理员设定）2024-10-30');
    // Working Saturday 2024-10-26 adds one working day before 10-30: the 20th is 10-29.
    const worked = createCalendar({ overrides: [{ date: '2024-10-26', kind: 'workday', name: '集中办公日' }] });
    const r2 = computeDeadline(worked, { start: '2024-09-27', length: 20, unit: 'wd', today });
    expect(r2.due).toBe('2024-10-29');
    expect(r2.explanation).toContain('2024-10-26（星期六）为管理员设定的工作日（集中办公日），计为工作日');
  });
});

describe('calendar-day periods', () => {
  it('60 CD from 2025-12-20 (信访 第三十四条) land on 春节 and roll to 2026-02-24', () => {
    // 12-20 + 60 days = 2026-02-18 (11 days to 12-31, 31 in January, 18 in February);
    // 02-15..23 is the Spring Festival block; 02-24 (Tue) is the first working day.
    const r = computeDeadline(cal, { start: '2025-12-20', length: 60, unit: 'cd', today, startEvent: '受理之日', startEventEn: 'acceptance' });
    expect(r.due).toBe('2026-02-24');
    expect(r.explanation).toEqual([
      '自受理之日（2025-12-20）的次日起计算，期限60日',
      '第60日为2026-02-18（星期三），为法定节假日（春节），顺延至2026-02-24（星期二，首个工作日）',
      '届满日为2026-02-24（星期二）',
    ]);
    expect(r.explanationEn).toEqual([
      'Counting 60 calendar days from the day after acceptance (2025-12-20)',
      'Day 60 is 2026-02-18 (Wednesday), a public holiday (Spring Festival); the period ends on 2026-02-24 (Tuesday), the next working day',
      'Due date: 2026-02-24 (Tuesday)',
    ]);
  });

  it('15 CD ending on a Saturday roll to Monday', () => {
    // 2025-03-07 (Fri) + 15 = 03-22 (Sat) → 03-23 Sun → 03-24 (Mon).
    const r = computeDeadline(cal, { start: '2025-03-07', length: 15, unit: 'cd', today });
    expect(r.due).toBe('2025-03-24');
    expect(r.explanation[1]).toBe('第15日为2025-03-22（星期六），为休息日，顺延至2025-03-24（星期一，首个工作日）');
  });

  it('a period ending on a make-up Saturday does not roll — unless make-up days are not worked', () => {
    // 2025-09-26 + 15 = 10-11, a make-up Saturday (调休上班): a working day, so it is the due date.
    const r = computeDeadline(cal, { start: '2025-09-26', length: 15, unit: 'cd', today });
    expect(r.due).toBe('2025-10-11');
    expect(r.explanation[1]).toBe('第15日为2025-10-11（星期六），为调休上班日（国庆节），是工作日，不顺延');
    // With the setting off, 10-11 is a plain Saturday: 10-12 Sun, so 10-13 (Mon).
    const strict = computeDeadline(createCalendar({ makeUpDaysAreWorkdays: false }), { start: '2025-09-26', length: 15, unit: 'cd', today });
    expect(strict.due).toBe('2025-10-13');
  });

  it('admin overrides change a CD result both ways', () => {
    // Local closure on Monday 03-24: 03-22..24 all rest days → 03-25.
    const closed = createCalendar({ overrides: [{ date: '2025-03-24', kind: 'holiday', name: '防汛停止办公' }] });
    const r1 = computeDeadline(closed, { start: '2025-03-07', length: 15, unit: 'cd', today });
    expect(r1.due).toBe('2025-03-25');
    expect(r1.explanation[1]).toBe('第15日为2025-03-22（星期六），为休息日，顺延至2025-03-25（星期二，首个工作日）');
    // A working Saturday 03-22: the 15th day is a working day, no roll.
    const worked = createCalendar({ overrides: [{ date: '2025-03-22', kind: 'workday', name: '集中办公日' }] });
    expect(computeDeadline(worked, { start: '2025-03-07', length: 15, unit: 'cd', today }).due).toBe('2025-03-22');
  });
});

describe('provisional years', () => {
  it('a year chinese-days does not cover counts weekends only and says so', () => {
    expect(cal.isYearCovered(2030)).toBe(false);
    // 2030-09-27 (Fri): 09-30 = 1, 10-01..04 = 2..5 (National Day unknown!), then 5 a week → 10-25.
    const r = computeDeadline(cal, { start: '2030-09-27', length: 20, unit: 'wd', today });
    expect(r.due).toBe('2030-10-25');
    expect(r.provisional).toBe(true);
    expect(r.provisionalYears).toEqual([2030]);
    expect(r.explanation).toContain('2030年法定节假日安排尚未发布或尚未录入，按双休日推算，结果为暂定');
    expect(r.explanation.at(-1)).toBe('届满日为2030-10-25（星期五，暂定）');
  });

  it('a period crossing into an unentered year is provisional; an override entry for it settles it', () => {
    // 2026-12-28 (Mon): 12-29, 30, 31 = 1..3; 2027-01-01 (Fri) = 4 when guessed; 01-04 (Mon) = 5.
    const guess = computeDeadline(cal, { start: '2026-12-28', length: 5, unit: 'wd', today });
    expect(guess).toMatchObject({ due: '2027-01-04', provisional: true, provisionalYears: [2027] });
    // The administrator enters 元旦 2027-01-01: it is skipped, the 5th working day is 01-05.
    const entered = createCalendar({ overrides: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    const r = computeDeadline(entered, { start: '2026-12-28', length: 5, unit: 'wd', today });
    expect(r).toMatchObject({ due: '2027-01-05', provisional: false, provisionalYears: [] });
    expect(r.explanation.join('\n')).not.toContain('暂定');
  });
});

describe('pauses', () => {
  it('a closed pause adds its working days to a WD period', () => {
    // 2025-03-03 (Mon) + 20 WD = 03-31. Pause 03-10..14 = 5 working days → 5 more after 03-31:
    // 04-01, 02, 03 = 21..23, 04-04..06 清明, 04-07, 08 = 24, 25 → 04-08.
    const base = computeDeadline(cal, { start: '2025-03-03', length: 20, unit: 'wd', today });
    expect(base.due).toBe('2025-03-31');
    const r = computeDeadline(cal, { start: '2025-03-03', length: 20, unit: 'wd', today, pausedDays: [{ from: '2025-03-10', to: '2025-03-14', label: '征求第三方意见' }] });
    expect(r.due).toBe('2025-04-08');
    expect(r.paused).toBe(false);
    expect(r.explanation).toContain('暂停计时2025-03-10至2025-03-14（征求第三方意见），其间5个工作日不计入期限');
    // Overlapping entries merge instead of counting twice.
    const overlap = computeDeadline(cal, { start: '2025-03-03', length: 20, unit: 'wd', today, pausedDays: [{ from: '2025-03-10', to: '2025-03-12' }, { from: '2025-03-12', to: '2025-03-14' }] });
    expect(overlap.due).toBe('2025-04-08');
  });

  it('a closed pause adds its calendar days to a CD period', () => {
    // 2025-03-03 + 60 = 05-02 (劳动节 05-01..05) → 05-06. A hearing 03-10..19 (10 days, 信访 第三十六条)
    // moves the 60th day to 05-12 (Mon), a working day.
    expect(computeDeadline(cal, { start: '2025-03-03', length: 60, unit: 'cd', today }).due).toBe('2025-05-06');
    const r = computeDeadline(cal, { start: '2025-03-03', length: 60, unit: 'cd', today, pausedDays: [{ from: '2025-03-10', to: '2025-03-19', label: '听证' }] });
    expect(r.due).toBe('2025-05-12');
    expect(r.explanation).toContain('暂停计时2025-03-10至2025-03-19（听证），其间10日不计入期限');
  });

  it('an open pause is taken to end today and flags the result', () => {
    // Clock stopped since 03-24 (Mon); today 03-26: 03-24..26 = 3 working days → 03-31 + 3 WD = 04-03.
    const r = computeDeadline(cal, { start: '2025-03-03', length: 20, unit: 'wd', today: '2025-03-26', pausedDays: [{ from: '2025-03-24' }] });
    expect(r.due).toBe('2025-04-03');
    expect(r.paused).toBe(true);
    expect(r.explanation).toContain('暂停计时自2025-03-24起，尚未结束，按今日2025-03-26结束推算，其间3个工作日不计入期限');
    expect(r.explanation).toContain('计时仍在暂停中，届满日将随暂停延续而后移');
    // One day later the due date is one working day later.
    expect(computeDeadline(cal, { start: '2025-03-03', length: 20, unit: 'wd', today: '2025-03-27', pausedDays: [{ from: '2025-03-24' }] }).due).toBe('2025-04-07');
  });

  it('a pause after the period ran out changes nothing; one in the roll-forward delays the end', () => {
    const late = computeDeadline(cal, { start: '2025-03-07', length: 15, unit: 'cd', today: '2025-04-10', pausedDays: [{ from: '2025-04-01' }] });
    expect(late).toMatchObject({ due: '2025-03-24', paused: false });
    expect(late.explanation).toContain('暂停计时自2025-04-01起，尚未结束，按今日2025-04-10结束推算，不在计时期间内，不影响期限');
    // 15th day 03-22 (Sat) rolls; 03-23 Sun; 03-24..25 paused → 03-26 (Wed).
    const roll = computeDeadline(cal, { start: '2025-03-07', length: 15, unit: 'cd', today, pausedDays: [{ from: '2025-03-24', to: '2025-03-25' }] });
    expect(roll.due).toBe('2025-03-26');
    expect(roll.explanation[1]).toBe('第15日为2025-03-22（星期六），为休息日，顺延至2025-03-26（星期三，暂停结束后的首个工作日）');
  });
});

describe('extensions', () => {
  it('+20 WD (政府信息公开条例 第三十三条) counts from the original due date', () => {
    // 20 WD from 2024-09-27 = 10-30 (above); then 10-31 = 1, 11-01 = 2, 11-04..08 = 3..7,
    // 11-11..15 = 8..12, 11-18..22 = 13..17, 11-25, 26, 27 = 18..20.
    const r = computeDeadline(cal, { start: '2024-09-27', length: 20, unit: 'wd', today, extensions: [{ length: 20, unit: 'wd', label: '经负责人同意' }] });
    expect(r).toMatchObject({ originalDue: '2024-10-30', due: '2024-11-27' });
    expect(r.explanation).toContain('原期限届满日为2024-10-30（星期三）');
    expect(r.explanation).toContain('延长20个工作日（经负责人同意），自原届满日2024-10-30的次日起计算');
  });

  it('+30 CD (信访 第三十四条) counts from the rolled-forward end of the 60 days', () => {
    // 60 CD from 2025-12-20 end 2026-02-24 (rolled past 春节); + 30 = 03-26 (Thu), a working day.
    const r = computeDeadline(cal, { start: '2025-12-20', length: 60, unit: 'cd', today, extensions: [{ length: 30, unit: 'cd' }] });
    expect(r).toMatchObject({ originalDue: '2026-02-24', due: '2026-03-26' });
  });

  it('an extension that lands on a weekend rolls forward too', () => {
    // 15 CD from 2025-03-07 → 03-24; + 5 = 03-29 (Sat) → 03-31 (Mon).
    const r = computeDeadline(cal, { start: '2025-03-07', length: 15, unit: 'cd', today, extensions: [{ length: 5, unit: 'cd' }] });
    expect(r.due).toBe('2025-03-31');
    expect(r.explanation).toContain('第5日为2025-03-29（星期六），为休息日，顺延至2025-03-31（星期一，首个工作日）');
  });
});

describe('input checks', () => {
  it('rejects lengths, units and pauses that make no sense', () => {
    expect(() => computeDeadline(cal, { start: '2025-03-03', length: 0, unit: 'wd', today })).toThrow(/length/);
    expect(() => computeDeadline(cal, { start: '2025-03-03', length: 2.5, unit: 'cd', today })).toThrow(/length/);
    expect(() => computeDeadline(cal, { start: '2025-3-3', length: 5, unit: 'cd', today })).toThrow(/start/);
    const badUnit = JSON.parse('{"start":"2025-03-03","length":5,"unit":"month"}') as Parameters<typeof computeDeadline>[1];
    expect(() => computeDeadline(cal, { ...badUnit, today })).toThrow(/unit/);
    expect(() => computeDeadline(cal, { start: '2025-03-03', length: 5, unit: 'cd', today, pausedDays: [{ from: '2025-03-10', to: '2025-03-09' }] })).toThrow(/before/);
    expect(() => computeDeadline(cal, { start: '2025-03-03', length: 5, unit: 'cd', today: '2025-03-05', pausedDays: [{ from: '2025-03-10' }] })).toThrow(/after today/);
  });
});
