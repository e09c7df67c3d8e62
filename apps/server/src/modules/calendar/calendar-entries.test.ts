import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { installJobSchema } from '../../platform/jobs/jobs.ts';
import { enterableYears } from '../../platform/calendar/index.ts';

/**
 * An administrator's mistyped year (2200 for 2020) once went into the calendar, and from then
 * on every case page, creation and public application answered 400 until it was deleted.
 */
const MISTYPED = { day: '2200-01-01', kind: 'holiday', name: '录入错误' };
let h: Harness;
let admin: Agent;
let mediator: Agent;

beforeAll(async () => {
  h = await createHarness({}, { today: () => '2026-11-26' });
  await installJobSchema(h.ownerUrl, h.platform.log);
  admin = await h.signIn('admin');
  mediator = await h.signIn('tiaojie1');
});
afterAll(async () => { await h.close(); });

describe('calendar entries', () => {
  it('takes entries only in the years the calendar serves', async () => {
    // chinese-days 1.5.7 has 2004–2026; a newer package moves the end, never below 2028 in 2026.
    const { first, last } = enterableYears(2026);
    expect(first).toBeLessThanOrEqual(2004);
    expect(last).toBeGreaterThanOrEqual(2028);
    expect(last).toBeLessThan(2200);
    const refused = await admin.post('/api/calendar/overrides', MISTYPED);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'CALENDAR_DAY_OUT_OF_RANGE', message: '该日期超出日历可录入的年份范围，请检查年份是否输入有误', details: { days: ['2200-01-01'], firstYear: first, lastYear: last } });
    const imported = await admin.post('/api/calendar/import', { days: [{ name: '元旦', date: '2200-01-01', isOffDay: true }] });
    expect(imported.status).toBe(422);
    expect(imported.body.error.code).toBe('CALENDAR_DAY_OUT_OF_RANGE');
    expect((await h.db.query("SELECT 1 FROM calendar_overrides WHERE day = '2200-01-01'")).rowCount).toBe(0);
    // Next year's schedule, entered before the package has it, is still taken.
    const next = await admin.post('/api/calendar/overrides', { day: '2027-10-08', kind: 'holiday', name: '国庆节' });
    expect(next.status).toBe(200);
  });

  it('never lets a stored entry it cannot use stop case work: the entry is skipped with a warning', async () => {
    // As if stored before the check existed (or by hand in the database).
    await h.db.query('INSERT INTO calendar_overrides (day, kind, name) VALUES ($1, $2, $3)', [MISTYPED.day, MISTYPED.kind, MISTYPED.name]);
    h.platform.cases.calendars.invalidate();
    const warn = vi.spyOn(h.platform.log, 'warn');
    try {
      const created = await mediator.post('/api/cases', { type: 'mediation', orgId: await h.orgId('S01'), title: '录入错误之后登记', category: '邻里' });
      expect(created.status).toBe(200);
      expect((await mediator.get(`/api/cases/${created.body.id}`)).status).toBe(200);
      expect((await mediator.get('/api/cases')).status).toBe(200);
      const applied = await h.app.inject({
        method: 'POST', url: '/api/public/mediation/applications',
        payload: { villageId: await h.orgId('S01'), category: '邻里', applicant: { name: '赵春燕', phone: '13912345678' }, respondent: { name: '钱某' },
          facts: '邻居在共用通道上堆放杂物，影响通行。', claims: '请求清除通道杂物。', consent: true },
      });
      expect(applied.statusCode).toBe(200);
      expect((await mediator.get('/api/calendar/due?from=2026-09-30&days=5&unit=wd')).status).toBe(200);
      expect(warn.mock.calls.some(([obj]) => (obj as { day?: string }).day === '2200-01-01')).toBe(true);
    } finally {
      warn.mockRestore();
    }
    // Deleting it is an ordinary delete.
    const id = (await h.db.query<{ id: string }>("SELECT id FROM calendar_overrides WHERE day = '2200-01-01'")).rows[0]?.id;
    expect((await admin.delete(`/api/calendar/overrides/${id}`)).status).toBe(200);
  });
});
