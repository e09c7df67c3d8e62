import { Type } from 'typebox';
import { ErrorSchema, petitionDocumentKinds } from '@fazhi/contracts';
import type { FastifyReply } from 'fastify';
import type { TypedApp } from '../../../platform/http/types.ts';
import type { Platform } from '../../../platform/platform.ts';
import { signedInActor } from '../../../platform/http/access.ts';
import { contentDisposition } from '../../../platform/files/file-name.ts';
import { generateCaseDocument, type GeneratedCaseDocument } from '../../../platform/documents/case-document.ts';
import { loadPetitionFile } from './petition-file.ts';
import { petitionDocuments } from './petition-documents.ts';

const tags = ['petitions'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const Params = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union(petitionDocumentKinds.map((k) => Type.Literal(k)), { description: 'acceptance_notice 受理告知书 | routing_notice 转送/不予受理告知书 | extension_notice 延期告知书 | opinion 信访处理意见书' }),
});
const DocxBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const send = (reply: FastifyReply, doc: GeneratedCaseDocument): FastifyReply => reply
  .header('content-type', DOCX).header('content-disposition', contentDisposition(doc.fileName))
  .header('x-content-type-options', 'nosniff').header('x-document-sm3', doc.sm3).send(doc.bytes);

const source = { caseType: 'petition', load: loadPetitionFile };

/**
 * A petition's documents as Word files in the national layout. Both are POSTs with the CSRF
 * header: printing personal data in full writes a pii.view audit row, which no link on another
 * site may trigger. `…/download` hands out the file; the plain POST also keeps it on the case
 * (SM3 on the timeline).
 */
export const registerPetitionDocumentRoutes = (app: TypedApp, platform: Platform): void => {
  app.post('/api/petitions/cases/:id/documents/:kind/download', {
    config: { access: { permission: 'petition.read' } },
    schema: { tags, summary: '生成信访文书（.docx） A petition document', params: Params, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => send(reply, await generateCaseDocument(platform, signedInActor(req), source, petitionDocuments[req.params.kind], { caseId: req.params.id, kind: req.params.kind, keep: false })));
  app.post('/api/petitions/cases/:id/documents/:kind', {
    config: { access: { permission: 'petition.handle' } },
    schema: { tags, summary: '生成文书并存入案卷 Generate and keep on the case', params: Params, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => send(reply, await generateCaseDocument(platform, signedInActor(req), source, petitionDocuments[req.params.kind], { caseId: req.params.id, kind: req.params.kind, keep: true })));
};
