import { Type } from 'typebox';
import { ErrorSchema, TransparencyDueBody, TransparencyDueView, TransparencyReportQuery, TransparencyReportView } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { auditor, runScoped, runScopedRead, runSystem, type Platform, type Tx } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { contentDisposition } from '../../platform/files/file-name.ts';
import { townshipsOf } from '../../platform/metrics/metrics.ts';
import type { Client } from '../../platform/db/pools.ts';
import { applicantColumns, buildTransparencyReport, renderTransparencyReport } from './transparency-report.ts';

const tags = ['disclosure'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const DocxBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const columnLabels: Record<string, string> = { citizen: 'Natural persons', commercial: 'Commercial enterprises', research: 'Research institutions',
  public_interest: 'Public-interest organisations', legal_service: 'Legal service providers', other: 'Other' };

/** 第四十九条 sets 1 月 31 日 for the departments of governments at county level and above; a township's is its county's to set. */
const DEFAULT_DUE = '01-31';
const dueKey = (orgId: string): string => `disclosure.reportBy:${orgId}`;

/** A month-day that exists in every year (no 02-29: the due day recurs). */
const realMonthDay = (md: string): boolean => {
  const d = new Date(`2001-${md}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(5, 10) === md;
};

/** The township's due day: its own setting, else its county's, else 1 月 31 日. */
const dueOf = async (c: Client, townshipId: string, parentId: string | null): Promise<{ monthDay: string; source: 'township' | 'county' | 'default' }> => {
  const { rows } = await c.query<{ key: string; value: unknown }>('SELECT key, value FROM settings WHERE key = ANY($1::text[])',
    [[dueKey(townshipId), ...(parentId ? [dueKey(parentId)] : [])]]);
  const own = rows.find((r) => r.key === dueKey(townshipId))?.value;
  if (typeof own === 'string') return { monthDay: own, source: 'township' };
  const county = rows.find((r) => parentId && r.key === dueKey(parentId))?.value;
  if (typeof county === 'string') return { monthDay: county, source: 'county' };
  return { monthDay: DEFAULT_DUE, source: 'default' };
};

/** The township the report is for: the one asked for, or the caller's own; the caller must read disclosure there. */
const townshipFor = async (tx: Tx, orgId: string | undefined): Promise<{ id: string; name: string; parent_id: string | null }> => {
  const id = orgId ?? tx.principal.townshipId;
  if (!id) throw new AppError('VALIDATION', { field: 'orgId' });
  await assertCanAt(tx.client, tx.principal, 'disclosure.read', id);
  const t = (await tx.client.query<{ id: string; name: string; kind: string; parent_id: string | null }>('SELECT id, name, kind, parent_id FROM orgs WHERE id = $1', [id])).rows[0];
  if (!t) throw new AppError('NOT_FOUND');
  if (t.kind !== 'township') throw new AppError('VALIDATION', { field: 'orgId' });
  return t;
};

const buildView = async (platform: Platform, tx: Tx, q: { year: number; orgId?: string }) => {
  const t = await townshipFor(tx, q.orgId);
  const r = await buildTransparencyReport(tx.client, platform.metrics, { year: q.year, orgId: t.id, townshipIds: await townshipsOf(tx.client, t.id) }, t.name);
  const due = await dueOf(tx.client, t.id, t.parent_id);
  return { report: r, view: {
    township: t.name, townshipId: t.id, year: q.year, dueOn: `${q.year + 1}-${due.monthDay}`, dueSource: due.source,
    proactive: { ...r.proactive, metrics: { published: 'disclosure.proactivePublished', withdrawn: 'disclosure.proactiveWithdrawn', onTime: 'disclosure.proactiveOnTimeRate' } },
    columns: [...applicantColumns.map((k) => ({ key: k.key, label: { zh: k.zh, en: columnLabels[k.key] ?? k.key } })), { key: 'total', label: { zh: '总计', en: 'Total' } }],
    // A row counted by exactly one figure drills to that figure's records.
    applications: r.rows.map((x) => ({ label: x.label, level: x.level, drill: x.metrics.length === 1 ? x.metrics[0] ?? null : null, cells: x.cells })),
    onTime: r.onTime, extended: r.extended, remedies: r.remedies,
  } };
};

/**
 * The yearly disclosure report (政府信息公开条例 第四十九、五十条) on the web and as Word, for a
 * township and a year, from the metrics registry (every number drills to its records through
 * GET /api/metrics/:code/records); and the township's due day, set by its county. The report
 * and its download are read on the replica when there is one (runScopedRead).
 */
export const registerTransparencyReportRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/disclosure/transparency-report', {
    config: { access: { permission: 'disclosure.read' } },
    schema: { tags, summary: '政府信息公开工作年度报告 The yearly disclosure report', querystring: TransparencyReportQuery, response: { 200: TransparencyReportView, ...errors } },
  }, async (req) => runScopedRead(platform, signedInActor(req), async (tx) => (await buildView(platform, tx, req.query)).view));

  app.post('/api/disclosure/transparency-report/download', {
    config: { access: { permission: 'disclosure.read' } },
    schema: { tags, summary: '下载年度报告（.docx） The yearly report as Word', querystring: TransparencyReportQuery, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => {
    const r = await runScopedRead(platform, signedInActor(req), async (tx) => (await buildView(platform, tx, req.query)).report);
    const bytes = await renderTransparencyReport(r);
    return reply.header('content-type', DOCX).header('content-disposition', contentDisposition(`${r.township}${r.year}年政府信息公开工作年度报告.docx`))
      .header('x-content-type-options', 'nosniff').send(bytes);
  });

  app.get('/api/disclosure/transparency-report/due', {
    config: { access: { permission: 'settings.manage' } },
    schema: { tags, summary: '年度报告报送日期（本级设置） The due day set at an org', querystring: Type.Object({ orgId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), response: { 200: TransparencyDueView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    await assertCanAt(tx.client, tx.principal, 'settings.manage', req.query.orgId);
    const v = (await tx.client.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [dueKey(req.query.orgId)])).rows[0]?.value;
    return { monthDay: typeof v === 'string' ? v : null };
  }));

  app.put('/api/disclosure/transparency-report/due', {
    config: { access: { permission: 'settings.manage' } },
    schema: { tags, summary: '设置年度报告报送日期（县对所属乡镇，或乡镇本级） Set the due day for a county or township', body: TransparencyDueBody, response: { 200: TransparencyDueView, ...errors } },
  }, async (req) => {
    const b = req.body;
    if (b.monthDay !== null && !realMonthDay(b.monthDay)) throw new AppError('VALIDATION', { field: 'monthDay' });
    const actor = signedInActor(req);
    const org = await runScoped(platform, actor, async (tx) => {
      await assertCanAt(tx.client, tx.principal, 'settings.manage', b.orgId);
      const o = (await tx.client.query<{ id: string; kind: string; township_id: string | null }>('SELECT id, kind, township_id FROM orgs WHERE id = $1', [b.orgId])).rows[0];
      if (!o) throw new AppError('NOT_FOUND');
      if (o.kind !== 'county' && o.kind !== 'township') throw new AppError('VALIDATION', { field: 'orgId' });
      return o;
    });
    // The settings table is the owner's to write; the caller's right was checked above, in its own scope.
    await runSystem(platform, async (c) => {
      const before = (await c.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1 FOR UPDATE', [dueKey(org.id)])).rows[0]?.value ?? null;
      if (b.monthDay === null) await c.query('DELETE FROM settings WHERE key = $1', [dueKey(org.id)]);
      else await c.query(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`, [dueKey(org.id), JSON.stringify(b.monthDay)]);
      await auditor(c, actor)({ orgId: org.id, townshipId: org.kind === 'township' ? org.id : null, action: 'disclosure.report_due', entity: 'org', entityId: org.id, before: { monthDay: before }, after: { monthDay: b.monthDay } });
    });
    return { monthDay: b.monthDay };
  });
};
