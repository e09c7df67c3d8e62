import { Type } from 'typebox';
import { ErrorSchema } from '@fazhi/contracts';
import type { FastifyReply } from 'fastify';
import type { TypedApp } from '../../../platform/http/types.ts';
import type { Platform } from '../../../platform/platform.ts';
import { signedInActor } from '../../../platform/http/access.ts';
import { contentDisposition } from '../../../platform/files/file-name.ts';
import { mediationDocumentKinds } from './mediation-documents.ts';
import { generateMediationDocument, type GeneratedDocument } from './generate-mediation-document.ts';

const tags = ['mediation'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const Params = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union(mediationDocumentKinds.map((k) => Type.Literal(k)), { description: 'application 申请书 | registration 受理登记表 | record 调解笔录 | agreement 调解协议书 | termination 终止调解告知书' }),
});
const Query = Type.Object({
  session: Type.Optional(Type.String({ format: 'uuid', description: '调解笔录：只要这一次调解的笔录' })),
  masked: Type.Optional(Type.Boolean({ description: '即使有权查看，也隐去身份证号码、电话和住址' })),
}, { additionalProperties: false });
const DocxBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const send = (reply: FastifyReply, doc: GeneratedDocument): FastifyReply => reply
  .header('content-type', DOCX)
  .header('content-disposition', contentDisposition(doc.fileName))
  .header('x-content-type-options', 'nosniff')
  .header('x-document-sm3', doc.sm3)
  .send(doc.bytes);

/**
 * A mediation case's documents as Word files in the national layout. Both are POSTs with the
 * session's CSRF header, because both may write: printing personal data in full writes a
 * pii.view audit row per party (issue 10: as a GET, a link on another site could make a
 * signed-in user's browser write them). `…/download` only hands out the file (mediation.read);
 * the plain POST also keeps it on the case's timeline (mediation.handle).
 */
export const registerMediationDocumentRoutes = (app: TypedApp, platform: Platform): void => {
  app.post('/api/mediation/cases/:id/documents/:kind/download', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '生成人民调解文书（.docx） A mediation document', params: Params, querystring: Query, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => send(reply, await generateMediationDocument(platform, signedInActor(req), {
    caseId: req.params.id, kind: req.params.kind, sessionId: req.query.session, masked: req.query.masked, keep: false,
  })));

  app.post('/api/mediation/cases/:id/documents/:kind', {
    config: { access: { permission: 'mediation.handle' } },
    schema: { tags, summary: '生成文书并存入案卷（时间线记录SM3） Generate and keep on the case', params: Params, querystring: Query, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => send(reply, await generateMediationDocument(platform, signedInActor(req), {
    caseId: req.params.id, kind: req.params.kind, sessionId: req.query.session, masked: req.query.masked, keep: true,
  })));
};
