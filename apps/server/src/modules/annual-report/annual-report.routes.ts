import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import { CreateAnnualReportBody, ErrorSchema, SaveAnnualReportBody, type AnnualReportList, type AnnualReportView, type PublicAnnualReport, type PublicAnnualReportList, type ReportContent, type ReportFigureRecords, type ReportVersionText } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { caseCtxOf, runScoped, runScopedRead, runSystem, type Platform } from '../../platform/platform.ts';
import { AppError } from '../../platform/errors.ts';
import { canAt } from '../../platform/access/scope.ts';
import { contentDisposition } from '../../platform/files/file-name.ts';
import { metricRecords, requireMetric } from '../../platform/metrics/metrics.ts';
import { loadCaseHead } from '../../platform/cases/transition.ts';
import { figureCodes, frozenFigures, frozenRecords, loadReport, reportScope } from './annual-report.figures.ts';
import { createReport, listReports, publicParagraphs, REPORT_TYPE, reportDocument, reportView, saveReport } from './annual-report.service.ts';

const tags = ['annual-report'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Any = Type.Unsafe<AnnualReportView>(Type.Object({}, { additionalProperties: true }));
const DocxBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

const sendDocx = (reply: FastifyReply, doc: { fileName: string; bytes: Buffer }): FastifyReply => reply
  .header('content-type', DOCX).header('content-disposition', contentDisposition(doc.fileName)).header('x-content-type-options', 'nosniff').send(doc.bytes);

/**
 * The annual report on rule-of-law government: drafted from the registry's figures, edited as
 * versions, checked, taken through review and signature on the case engine
 * (`POST /api/cases/:id/transitions`), written as Word, and published on the portal. The
 * figures' records and the Word document are read on the replica when there is one
 * (runScopedRead); the editor's view stays on the primary it saves to (its version number is
 * what the next save is checked against).
 */
export const registerAnnualReportRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/annual-reports', {
    config: { access: { permission: 'report.read' } },
    schema: { tags, summary: '年度报告列表 Reports the caller may see', querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
      response: { 200: Type.Unsafe<AnnualReportList>(Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) })), ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => ({ items: await listReports(platform, tx.client, req.query.year ?? null) })));

  app.post('/api/annual-reports', {
    config: { access: { permission: 'report.draft' } },
    schema: { tags, summary: '起草年度报告 Draft a township\'s report for a year', body: CreateAnnualReportBody, response: { 200: Any, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    const id = await createReport(platform, ctx, req.body);
    return reportView(platform, ctx, id);
  }));

  app.get('/api/annual-reports/:id', {
    config: { access: { permission: 'report.read' } },
    schema: { tags, summary: '年度报告（正文、数字、检查结果）The report in the editor', params: Id, response: { 200: Any, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => reportView(platform, caseCtxOf(platform, tx), req.params.id)));

  app.put('/api/annual-reports/:id/content', {
    config: { access: { permission: 'report.draft' } },
    schema: { tags, summary: '保存正文（新版本）Save the text as a new version', params: Id, body: SaveAnnualReportBody, response: { 200: Any, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    await saveReport(platform, ctx, req.params.id, req.body);
    return reportView(platform, ctx, req.params.id);
  }));

  app.get('/api/annual-reports/:id/versions/:version', {
    config: { access: { permission: 'report.read' } },
    schema: { tags, summary: '某一版本的正文 The text of one version', params: Type.Object({ id: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1 }) }),
      response: { 200: Type.Unsafe<ReportVersionText>(Type.Object({}, { additionalProperties: true })), ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const { head } = await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
    if (head.case_type !== REPORT_TYPE) throw new AppError('NOT_FOUND');
    const row = (await tx.client.query<{ content: ReportContent }>('SELECT content FROM annual_report_versions WHERE case_id = $1 AND version = $2', [req.params.id, req.params.version])).rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    return { version: req.params.version, content: row.content };
  }));

  /**
   * The records behind one figure of the report: as signed (frozen), or live for a draft. A
   * reader of the report who may not read the figure's module (the 党政办 drafting it) gets
   * each record's reference only — enough to trace the figure, nothing of the case itself.
   */
  app.get('/api/annual-reports/:id/figures/:code/records', {
    config: { access: { permission: 'report.read' } },
    schema: { tags, summary: '数字背后的记录 The records behind a figure of the report', params: Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String({ maxLength: 64 }) }),
      response: { 200: Type.Unsafe<ReportFigureRecords>(Type.Object({}, { additionalProperties: true })), ...errors } },
  }, async (req) => runScopedRead(platform, signedInActor(req), async (tx) => {
    const { head } = await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
    if (head.case_type !== REPORT_TYPE) throw new AppError('NOT_FOUND');
    const m = requireMetric(platform.metrics, req.params.code);
    const full = await canAt(tx.client, tx.principal, m.readPermission, head.org_id);
    const r = await loadReport(tx.client, req.params.id);
    if (r.signedVersion !== null) {
      const items = await frozenRecords(tx.client, req.params.id, req.params.code);
      if (!items) throw new AppError('NOT_FOUND');
      return { frozen: true, items };
    }
    // Only a figure the text uses: the report is not a way round the modules' own read permissions.
    if (!figureCodes(r.content).includes(m.code)) throw new AppError('NOT_FOUND');
    const items = await metricRecords(tx.client, platform.metrics, m.code, await reportScope(tx.client, r.townshipId, r.year));
    return { frozen: false, items: full ? items : items.map((x) => ({ id: x.id, ref: x.ref })) };
  }));

  app.get('/api/annual-reports/:id/document', {
    config: { access: { permission: 'report.read' } },
    schema: { tags, summary: '年度报告 Word 文档 The report as Word (GB/T 9704)', params: Id, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => {
    const doc = await runScopedRead(platform, signedInActor(req), async (tx) => {
      const { head } = await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
      if (head.case_type !== REPORT_TYPE) throw new AppError('NOT_FOUND');
      return reportDocument(platform, tx.client, req.params.id);
    });
    return sendDocx(reply, doc);
  });

  // The public portal: published reports only, with the figures they were signed with.
  const publicReport = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.get('/api/public/annual-reports', {
    config: { access: { public: true, rateLimitPerMinute: 60 } },
    schema: { tags: ['public'], summary: '已公开的法治政府建设年度报告 Published reports', querystring: Type.Object({ township: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })) }, { additionalProperties: false }),
      response: { 200: Type.Unsafe<PublicAnnualReportList>(Type.Object({}, { additionalProperties: true })), 429: ErrorSchema } },
  }, async (req) => runSystem(platform, async (c) => ({
    items: (await c.query<{ id: string; year: number; township_name: string; title: string; published_on: string | null }>(
      `SELECT k.id, r.year, t.name AS township_name, v.content ->> 'title' AS title,
              (SELECT e.payload ->> 'on' FROM case_events e WHERE e.case_id = k.id AND e.transition = 'publish' ORDER BY e.id DESC LIMIT 1) AS published_on
         FROM annual_reports r JOIN cases k ON k.id = r.case_id JOIN orgs t ON t.id = r.township_id
         JOIN annual_report_versions v ON v.case_id = r.case_id AND v.version = r.signed_version
        WHERE k.status = 'published' AND ($1::text IS NULL OR t.code = $1) ORDER BY r.year DESC, t.sort_order`, [req.query.township ?? null])).rows
      .map((x) => ({ id: x.id, year: x.year, townshipName: x.township_name, title: x.title, publishedOn: x.published_on })),
  })));

  const published = async (c: Parameters<typeof loadReport>[0], id: string) => {
    const row = (await c.query<{ year: number; township_name: string; content: ReportContent; published_on: string | null }>(
      `SELECT r.year, t.name AS township_name, v.content,
              (SELECT e.payload ->> 'on' FROM case_events e WHERE e.case_id = k.id AND e.transition = 'publish' ORDER BY e.id DESC LIMIT 1) AS published_on
         FROM annual_reports r JOIN cases k ON k.id = r.case_id JOIN orgs t ON t.id = r.township_id
         JOIN annual_report_versions v ON v.case_id = r.case_id AND v.version = r.signed_version
        WHERE r.case_id = $1 AND k.status = 'published'`, [id])).rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  };
  app.get('/api/public/annual-reports/:id', {
    config: { access: { public: true, rateLimitPerMinute: 60 } },
    schema: { tags: ['public'], summary: '一份已公开的年度报告 One published report', params: publicReport, response: { 200: Type.Unsafe<PublicAnnualReport>(Type.Object({}, { additionalProperties: true })), 404: ErrorSchema, 429: ErrorSchema } },
  }, async (req) => runSystem(platform, async (c) => {
    const row = await published(c, req.params.id);
    const figures = await frozenFigures(c, req.params.id);
    return { id: req.params.id, year: row.year, townshipName: row.township_name, title: row.content.title, publishedOn: row.published_on, paragraphs: publicParagraphs(row.content, figures) };
  }));
  app.get('/api/public/annual-reports/:id/document', {
    config: { access: { public: true, rateLimitPerMinute: 30 } },
    schema: { tags: ['public'], summary: '下载已公开的年度报告 Download a published report', params: publicReport, response: { 200: DocxBytes, 404: ErrorSchema, 429: ErrorSchema } },
  }, async (req, reply) => {
    const doc = await runSystem(platform, async (c) => {
      await published(c, req.params.id);
      return reportDocument(platform, c, req.params.id);
    });
    return sendDocx(reply, doc);
  });
};
