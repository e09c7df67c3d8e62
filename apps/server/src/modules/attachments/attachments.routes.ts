import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import multipart from '@fastify/multipart';
import { AttachmentView, CaseView, DownloadLink, ErrorSchema } from '@fazhi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TypedApp } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { contentDisposition } from '../../platform/files/file-name.ts';
import { uploadAttachment, type IncomingFile } from './use-cases/upload-attachment.ts';
import type { Download } from './use-cases/download-attachment.ts';
import { issueDownloadLink, redeemDownloadLink } from './use-cases/download-link.ts';
import { deleteAttachment } from './use-cases/delete-attachment.ts';

const tags = ['cases'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema, 422: ErrorSchema, 503: ErrorSchema };
const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FileParams = Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) });
/** The file itself (streams and buffers are sent as they are, never serialised). */
const FileBytes = Type.Unsafe<Readable>({ type: 'string', format: 'binary' });
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });
/** As the other case routes: signed in; the case engine's rules decide on each case. */
const access = { signedIn: true } as const;

/**
 * The first file part of a multipart request; anything else is the client's mistake (400).
 * Asked for only once the caller may add files to the case, so a stranger learns 404 first.
 */
const receiveFile = async (req: FastifyRequest): Promise<IncomingFile> => {
  if (!req.isMultipart()) throw new AppError('FILE_REQUIRED');
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file();
  } catch (e) {
    throw new AppError('FILE_REQUIRED', { reason: (e as { code?: string }).code ?? 'malformed multipart' });
  }
  if (!part) throw new AppError('FILE_REQUIRED');
  return { fileName: part.filename, content: part.file };
};

const sendFile = (reply: FastifyReply, file: Download): FastifyReply => reply
  .header('content-type', file.contentType)
  .header('content-length', file.size)
  .header('content-disposition', contentDisposition(file.fileName))
  .header('x-content-type-options', 'nosniff')
  // Never rendered as a page of this site, whatever a browser makes of the bytes.
  .header('content-security-policy', "default-src 'none'; sandbox")
  .header('cache-control', 'no-store')
  .send(file.stream);

/**
 * Files on cases. Multipart parsing is registered for these routes only (an encapsulated
 * plugin): everywhere else a multipart body is refused as before. The part size limit is
 * one byte over the setting, so that staging sees an oversized file and refuses it itself.
 */
export const registerAttachmentRoutes = (app: TypedApp, platform: Platform): void => {
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    await scope.register(multipart, { limits: { fileSize: platform.config.maxUploadBytes + 1, files: 1, fields: 10, parts: 11, fieldSize: 1024 } });

    scope.post('/api/cases/:id/attachments', {
      config: { access },
      schema: { tags, summary: '上传附件（multipart/form-data，字段 file） Attach a file', params: CaseParams, response: { 200: AttachmentView, ...errors } },
    }, async (req) => uploadAttachment({ platform, actor: signedInActor(req), caseId: req.params.id, receive: () => receiveFile(req) }));

    // Downloading is logged, so it is not a plain GET a link on another site could trigger:
    // a POST (with the CSRF header) issues a one-time link, the GET with it is answered once.
    scope.post('/api/cases/:id/attachments/:attachmentId/link', {
      config: { access },
      schema: { tags, summary: '申请附件下载链接（一次有效，1分钟内） A one-time download link', params: FileParams, response: { 200: DownloadLink, ...errors } },
    }, async (req) => issueDownloadLink({ platform, actor: signedInActor(req), caseId: req.params.id, attachmentId: req.params.attachmentId }));

    scope.get('/api/downloads/:token', {
      config: { access },
      schema: { tags, summary: '用下载链接下载附件（留痕） Download a file by its one-time link, logged', params: TokenParams, response: { 200: FileBytes, ...errors } },
    }, async (req, reply) => sendFile(reply, await redeemDownloadLink({ platform, actor: signedInActor(req), token: req.params.token })));

    scope.delete('/api/cases/:id/attachments/:attachmentId', {
      config: { access },
      schema: { tags, summary: '删除附件 Remove a file from a case', params: FileParams, response: { 200: CaseView, ...errors } },
    }, async (req) => deleteAttachment({ platform, actor: signedInActor(req), caseId: req.params.id, attachmentId: req.params.attachmentId }));
  });
};
