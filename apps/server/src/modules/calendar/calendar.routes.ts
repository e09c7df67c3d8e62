import { Type } from 'typebox';
import { CalendarYear, DueQuery, DueResult, ErrorSchema, ImportResult, ImportScheduleBody, OverrideBody, OverrideDeleted, OverrideSaved } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, runSystem, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/db/pools.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { addDays, computeDeadline, enterableYears } from '../../platform/calendar/index.ts';
import { afterCalendarChange } from './calendar.service.ts';

const tags = ['calendar'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

type OverrideRow = { id: string; day: string; kind: string; name: string; note: string | null; township_id: string | null; created_at: Date };
const present = (r: OverrideRow) => ({ id: r.id, day: r.day, kind: r.kind, name: r.name, note: r.note, townshipId: r.township_id, createdAt: r.created_at.toISOString() });
const cols = "id, to_char(day, 'YYYY-MM-DD') AS day, kind, name, note, township_id, created_at";

/**
 * Who may change which calendar: a deployment-wide entry (the State Council schedule) needs
 * settings.manage over the whole deployment; a township's local closure needs it at that township.
 */
const assertCalendarScope = async (platform: Platform, actor: ReturnType<typeof signedInActor>, townshipId: string | null): Promise<void> => {
  if (townshipId === null) {
    if (!actor.principal.grants.some((g) => g.scope === 'all' && g.permissions.includes('settings.manage'))) throw new AppError('FORBIDDEN');
    return;
  }
  await runScoped(platform, actor, async (tx) => {
    const ok = await tx.client.query("SELECT 1 FROM orgs WHERE id = $1 AND kind = 'township' AND fazhi_org_visible(id)", [townshipId]);
    if (!ok.rowCount) throw new AppError('NOT_FOUND');
    await assertCanAt(tx.client, tx.principal, 'settings.manage', townshipId);
  });
};

/**
 * Entries only in the years the calendar serves (enterableYears: the official data's years to
 * two years ahead): a mistyped year such as 2200 is refused here with 422, before it is stored.
 */
const assertEnterable = (platform: Platform, days: readonly string[]): void => {
  const { first, last } = enterableYears(Number(platform.cases.today().slice(0, 4)));
  const outside = days.filter((d) => { const y = Number(d.slice(0, 4)); return !(y >= first && y <= last); });
  if (outside.length > 0) throw new AppError('CALENDAR_DAY_OUT_OF_RANGE', { days: outside, firstYear: first, lastYear: last });
};

export const registerCalendarRoutes = (app: TypedApp, platform: Platform): void => {
  // After the change commits, so the recomputation reads the new calendar.
  const recompute = (days: string[]): Promise<number> => runSystem(platform, (c) => afterCalendarChange(platform, c, days));

  app.get('/api/calendar/due', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: '计算法定期限届满日 Compute a due date', querystring: DueQuery, response: { 200: DueResult, ...errors } },
  }, async (req) => {
    const cal = await platform.cases.calendars.forTownship(req.query.townshipId ?? null);
    const r = computeDeadline(cal, { start: req.query.from, length: req.query.days, unit: req.query.unit });
    return { due: r.due, provisional: r.provisional, explanation: r.explanation, explanationEn: r.explanationEn };
  });

  app.get('/api/calendar/years/:year', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: '某年的节假日与调休 A year\'s rest days and make-up days', params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }), response: { 200: CalendarYear, ...errors } },
  }, async (req) => {
    const year = req.params.year;
    const cal = await platform.cases.calendars.forTownship(null);
    const days = [];
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
      const info = cal.dayInfo(d);
      if (info.reason !== 'weekday' && info.reason !== 'weekend') days.push({ date: d, working: info.working, reason: info.reason, name: info.name ?? null });
    }
    const overrides = (await platform.system.query<OverrideRow>(`SELECT ${cols} FROM calendar_overrides WHERE extract(year FROM day) = $1 ORDER BY day`, [year])).rows;
    return { year, covered: cal.isYearCovered(year), officialSource: cal.officialSource, officialYears: cal.officialYears(), days, overrides: overrides.map(present) };
  });

  app.post('/api/calendar/overrides', {
    config: { access: { permission: 'settings.manage' } },
    schema: { tags, summary: '录入节假日或调休 Enter a holiday or make-up day', body: OverrideBody, response: { 200: OverrideSaved, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    await assertCalendarScope(platform, actor, req.body.townshipId ?? null);
    assertEnterable(platform, [req.body.day]);
    const item = await runSystem(platform, async (c) => {
      try {
        const { rows } = await c.query<OverrideRow>(`INSERT INTO calendar_overrides (day, kind, name, note, township_id, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${cols}`,
          [req.body.day, req.body.kind, req.body.name, req.body.note ?? null, req.body.townshipId ?? null, actor.principal.userId]);
        const row = rows[0] as OverrideRow;
        await appendAudit(c, { actorId: actor.principal.userId, orgId: actor.principal.orgId, townshipId: row.township_id, action: 'calendar.add', entity: 'calendar_override', entityId: row.id, after: present(row), ip: actor.ip, requestId: actor.requestId });
        return present(row);
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('CALENDAR_DAY_TAKEN');
        throw e;
      }
    });
    return { item, recomputed: await recompute([item.day]) };
  });

  app.delete('/api/calendar/overrides/:id', {
    config: { access: { permission: 'settings.manage' } },
    schema: { tags, summary: '删除节假日调整 Delete an entry', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: OverrideDeleted, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    const found = (await platform.system.query<OverrideRow>(`SELECT ${cols} FROM calendar_overrides WHERE id = $1`, [req.params.id])).rows[0];
    if (!found) throw new AppError('NOT_FOUND');
    await assertCalendarScope(platform, actor, found.township_id);
    const day = await runSystem(platform, async (c) => {
      const { rows } = await c.query<OverrideRow>(`DELETE FROM calendar_overrides WHERE id = $1 RETURNING ${cols}`, [req.params.id]);
      const row = rows[0];
      if (!row) throw new AppError('NOT_FOUND');
      await appendAudit(c, { actorId: actor.principal.userId, orgId: actor.principal.orgId, townshipId: row.township_id, action: 'calendar.delete', entity: 'calendar_override', entityId: row.id, before: present(row), ip: actor.ip, requestId: actor.requestId });
      return row.day;
    });
    return { recomputed: await recompute([day]) };
  });

  app.post('/api/calendar/import', {
    config: { access: { permission: 'settings.manage' } },
    schema: { tags, summary: '导入国务院办公厅放假安排 Import a year\'s schedule (holiday-cn format)', body: ImportScheduleBody, response: { 200: ImportResult, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    await assertCalendarScope(platform, actor, null);
    const days = req.body.days;
    if (req.body.year && days.some((d) => !d.date.startsWith(String(req.body.year)))) throw new AppError('VALIDATION', { field: 'days', reason: 'a day outside the year' });
    assertEnterable(platform, days.map((d) => d.date));
    const result = await runSystem(platform, async (c) => {
      let added = 0;
      let replaced = 0;
      for (const d of days) {
        const prior = await c.query('DELETE FROM calendar_overrides WHERE day = $1 AND township_id IS NULL RETURNING id', [d.date]);
        if (prior.rowCount && !req.body.replace) throw new AppError('CALENDAR_DAY_TAKEN', { day: d.date });
        replaced += prior.rowCount ?? 0;
        await c.query('INSERT INTO calendar_overrides (day, kind, name, created_by) VALUES ($1,$2,$3,$4)', [d.date, d.isOffDay ? 'holiday' : 'workday', d.name, actor.principal.userId]);
        added++;
      }
      await appendAudit(c, { actorId: actor.principal.userId, orgId: actor.principal.orgId, townshipId: null, action: 'calendar.import', entity: 'calendar_override', entityId: null, after: { days: days.length, replaced }, ip: actor.ip, requestId: actor.requestId });
      return { added, replaced };
    });
    return { ...result, recomputed: await recompute(days.map((d) => d.date)) };
  });
};
