import { Type } from 'typebox';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ComplaintCreated, ComplaintExportQuery, ComplaintImportQuery, ComplaintImportResult, ComplaintIntakeBody, ErrorSchema, PublicComplaintBody, PublicComplaintCreated,
  SatisfactionBody, SatisfactionLookup, SatisfactionOpen, SatisfactionResult, EmptyBody } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { caseCtxOf, runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import { contentDisposition } from '../../platform/files/file-name.ts';
import type { TrackGuard } from '../../platform/cases/tracking.ts';
import { registerComplaint } from './use-cases/register-complaint.ts';
import { defaultOrgOf } from '../../platform/access/scope.ts';
import { submitComplaintOnline } from './use-cases/submit-online.ts';
import { giveSatisfaction, satisfactionOpen } from './use-cases/give-satisfaction.ts';
import { importWorkOrders } from './use-cases/import-work-orders.ts';
import { exportComplaints } from './use-cases/export-complaints.ts';
import { workOrderTemplate } from './complaints.workbook.ts';

const tags = ['complaints'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema };
const publicErrors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 423: ErrorSchema, 429: ErrorSchema };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XlsxFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const idempotencyKeyOf = (h: unknown): string | null => {
  if (h === undefined) return null;
  if (typeof h !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(h)) throw new AppError('VALIDATION', { field: 'Idempotency-Key' });
  return h;
};

/**
 * Complaints (投诉件): the desk's intake, the 12345 work-order template, import and export,
 * and the public side (a citizen's complaint on the portal; the complainant's satisfaction
 * from the tracking page). The case itself — its page, steps, transfer to the responsible
 * office, clocks — is the engine's (`/api/cases`).
 */
export const registerComplaintRoutes = (app: TypedApp, platform: Platform): void => {
  const guardOf = (address: string): TrackGuard => ({ secret: platform.keys.master, address, now: platform.now() });

  app.post('/api/complaints', {
    config: { access: { permission: 'petition.handle' } },
    schema: { tags, summary: '登记投诉件（电话、来访、12345工单） Register a complaint (Idempotency-Key supported)', body: ComplaintIntakeBody, response: { 200: ComplaintCreated, ...errors } },
  }, async (req) => {
    const key = idempotencyKeyOf(req.headers['idempotency-key']);
    return runScoped(platform, signedInActor(req), (tx) => registerComplaint(caseCtxOf(platform, tx), req.body, key));
  });

  app.get('/api/complaints/work-orders/template.xlsx', {
    config: { access: { permission: 'petition.handle' } },
    schema: { tags, summary: '下载12345工单导入模板 The work-order template', response: { 200: XlsxFile, ...errors } },
  }, async (_req, reply) => reply.header('content-type', XLSX).header('content-disposition', contentDisposition('12345工单导入模板.xlsx')).send(await workOrderTemplate()));

  // A POST with the CSRF header, as every export that may print personal data.
  app.post('/api/complaints/export.xlsx', {
    config: { access: { permission: 'petition.read' } },
    schema: { tags, summary: '导出当年投诉件（Excel） Export the year\'s complaints', querystring: ComplaintExportQuery, body: EmptyBody, response: { 200: XlsxFile, ...errors } },
  }, async (req, reply) => {
    const file = await exportComplaints(platform, signedInActor(req), req.query.year, req.query.orgId);
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(`投诉件${req.query.year}.xlsx`)).send(file);
  });

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    await scope.register(multipart, { limits: { fileSize: platform.config.maxUploadBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 } });
    scope.post('/api/complaints/work-orders/imports', {
      config: { access: { permission: 'petition.handle' } },
      schema: {
        tags, summary: '导入12345工单（逐行检查；有问题则整个文件不导入；已导入的工单不重复登记） Import 12345 work orders (multipart, field file)',
        querystring: ComplaintImportQuery, response: { 200: ComplaintImportResult, ...errors },
      },
    }, async (req) => {
      const actor = signedInActor(req);
      // Where the work orders go is checked before the file is read: another office's is out of reach.
      const orgId = req.query.orgId ?? defaultOrgOf(actor.principal, 'petition.handle');
      await runScoped(platform, actor, (tx) => assertCanAt(tx.client, tx.principal, 'petition.handle', orgId));
      if (!req.isMultipart()) throw new AppError('FILE_REQUIRED');
      let part: Awaited<ReturnType<typeof req.file>>;
      try {
        part = await req.file();
      } catch (e) {
        throw new AppError('FILE_REQUIRED', { reason: (e as { code?: string }).code ?? 'malformed multipart' });
      }
      if (!part) throw new AppError('FILE_REQUIRED');
      let file: Buffer;
      try {
        file = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', { maxMb: Math.floor(platform.config.maxUploadBytes / 1024 / 1024) });
        throw new AppError('FILE_REQUIRED', { reason: 'the upload ended early' });
      }
      if (file.length === 0) throw new AppError('FILE_EMPTY');
      if (!file.subarray(0, 4).equals(ZIP_MAGIC)) throw new AppError('LEDGER_FILE_INVALID');
      // eslint-disable-next-line no-control-regex -- control characters are stripped from the sent name
      const fileName = [...((part.filename.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || '工单.xlsx')].slice(0, 120).join('');
      return runScoped(platform, actor, (tx) => importWorkOrders(caseCtxOf(platform, tx), orgId, fileName, file));
    });
  });

  app.post('/api/public/complaints', {
    config: { access: { public: true, rateLimitPerMinute: 10 } },
    schema: { tags: ['public'], summary: '网上投诉 A citizen\'s complaint (Idempotency-Key supported)', body: PublicComplaintBody, response: { 200: PublicComplaintCreated, ...publicErrors } },
  }, async (req) => submitComplaintOnline(platform, { principal: null, ip: req.ip, requestId: String(req.id) }, req.body, idempotencyKeyOf(req.headers['idempotency-key'])));

  // POST: the query code travels in the body. Wrong pairs count against the tracking throttle.
  app.post('/api/public/complaints/satisfaction/open', {
    config: { access: { public: true, rateLimitPerMinute: 30 } },
    schema: { tags: ['public'], summary: '投诉件是否待评价 Whether a tracked complaint awaits the complainant\'s rating', body: SatisfactionLookup, response: { 200: SatisfactionOpen, ...publicErrors } },
  }, async (req) => satisfactionOpen(platform, req.body.no, req.body.code, guardOf(req.ip)));

  app.post('/api/public/complaints/satisfaction', {
    config: { access: { public: true, rateLimitPerMinute: 30 } },
    schema: { tags: ['public'], summary: '投诉人评价满意度（不满意则重新办理一次） The complainant\'s satisfaction', body: SatisfactionBody, response: { 200: SatisfactionResult, ...publicErrors } },
  }, async (req) => giveSatisfaction(platform, { principal: null, ip: req.ip, requestId: String(req.id) }, req.body, guardOf(req.ip)));
};
