import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorSchema, LedgerExportQuery, LedgerImportCreated, LedgerImportQuery, LedgerImportView, LedgerUploadQuery, EmptyBody } from '@fazhi/contracts';
import type { TypedApp } from '../../../platform/http/types.ts';
import { runScoped, type Platform } from '../../../platform/platform.ts';
import { signedInActor } from '../../../platform/http/access.ts';
import { AppError } from '../../../platform/errors.ts';
import { contentDisposition } from '../../../platform/files/file-name.ts';
import { startLedgerExport } from './use-cases/export-ledger.ts';
import { importTarget, validateLedger } from './use-cases/validate-ledger.ts';
import { acceptImport } from './use-cases/accept-import.ts';
import { readImport } from './use-cases/read-import.ts';

const tags = ['mediation'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The .xlsx bytes, streamed (documented as binary; never serialised as JSON). */
const XlsxFile = Type.Unsafe<Readable>({ type: 'string', format: 'binary' });
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The uploaded ledger's bytes and its name (shown only; never used as a path). */
const receiveLedger = async (req: FastifyRequest, maxBytes: number): Promise<{ fileName: string; file: Buffer }> => {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
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
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', { maxMb: Math.floor(maxBytes / 1024 / 1024) });
    throw new AppError('FILE_REQUIRED', { reason: 'the upload ended early' });
  }
  if (file.length === 0) throw new AppError('FILE_EMPTY');
  // An .xlsx is a zip; anything else (an old .xls, a CSV, a renamed file) is refused as unreadable.
  if (!file.subarray(0, 4).equals(ZIP_MAGIC)) throw new AppError('LEDGER_FILE_INVALID');
  // eslint-disable-next-line no-control-regex -- control characters are stripped from the sent name
  const sent = (part.filename.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return { fileName: [...(sent || '台账.xlsx')].slice(0, 120).join(''), file };
};

/**
 * The mediation ledger (台账) out to and in from Excel: the export streams; an upload is
 * checked and kept as an import record without writing any case; the user's acceptance
 * writes the valid rows in the background while the record shows the progress.
 */
export const registerLedgerRoutes = (app: TypedApp, platform: Platform): void => {
  // A POST with the CSRF header: the export audits the phones it prints in full (pii.view), which no link elsewhere may trigger.
  app.post('/api/mediation/ledger.xlsx', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '导出人民调解案件登记台账（Excel，每年一个工作表） Export the mediation ledger', querystring: LedgerExportQuery, body: EmptyBody, response: { 200: XlsxFile, ...errors } },
  }, async (req, reply) => {
    const x = await startLedgerExport({ platform, actor: signedInActor(req), year: req.query.year ?? null, orgId: req.query.orgId ?? null });
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(x.fileName)).send(x.stream);
  });

  // Multipart parsing for the upload only (an encapsulated plugin), as for attachments.
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    await scope.register(multipart, { limits: { fileSize: platform.config.maxUploadBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 } });
    scope.post('/api/mediation/ledger/imports', {
      config: { access: { permission: 'mediation.handle' } },
      schema: {
        tags, summary: '上传台账并逐行检查（不写入任何案件） Upload a ledger: every row checked, nothing written (multipart, field file)',
        querystring: LedgerUploadQuery, response: { 200: LedgerImportCreated, ...errors },
      },
    }, async (req) => {
      const actor = signedInActor(req);
      const target = await importTarget({ platform, actor }, req.query.orgId ?? null);
      if (!req.isMultipart()) throw new AppError('FILE_REQUIRED');
      const { fileName, file } = await receiveLedger(req, platform.config.maxUploadBytes);
      return validateLedger({ platform, actor, target, fileName, file });
    });
  });

  app.get('/api/mediation/ledger/imports/:id', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '台账导入：问题、进度与逐行结果 An import: problems, progress, row-by-row results', params: IdParams, querystring: LedgerImportQuery, response: { 200: LedgerImportView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => readImport(tx, req.params.id, { offset: req.query.offset ?? 0, limit: req.query.limit ?? 1000 })));

  app.post('/api/mediation/ledger/imports/:id/accept', {
    config: { access: { permission: 'mediation.handle' } },
    schema: { tags, summary: '确认导入：后台逐行写入有效行 Accept: the valid rows are written in the background', params: IdParams, response: { 200: LedgerImportView, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    await acceptImport({ platform, actor, id: req.params.id });
    return runScoped(platform, actor, (tx) => readImport(tx, req.params.id, { offset: 0, limit: 1000 }));
  });
};
