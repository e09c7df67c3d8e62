import { Type } from 'typebox';
import { ErrorSchema, decisionDocumentKinds } from '@fazhi/contracts';
import type { FastifyReply } from 'fastify';
import type { TypedApp } from '../../../platform/http/types.ts';
import type { Platform } from '../../../platform/platform.ts';
import { signedInActor } from '../../../platform/http/access.ts';
import { contentDisposition } from '../../../platform/files/file-name.ts';
import { generateCaseDocument, type GeneratedCaseDocument } from '../../../platform/documents/case-document.ts';
import { loadDecisionFile } from './decision-file.ts';
import { decisionDocuments } from './decision-documents.ts';

const tags = ['decisions'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const Params = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union(decisionDocumentKinds.map((k) => Type.Literal(k)), { description: 'legal_opinion 合法性审查意见书 | minutes 会议纪要 | decision 决策文件' }),
});
const DocxBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const send = (reply: FastifyReply, doc: GeneratedCaseDocument): FastifyReply => reply
  .header('content-type', DOCX).header('content-disposition', contentDisposition(doc.fileName))
  .header('x-content-type-options', 'nosniff').header('x-document-sm3', doc.sm3).send(doc.bytes);

const source = { caseType: 'decision', load: loadDecisionFile };

/**
 * A decision's documents as Word files in the national layout (GB/T 9704): the legality-review
 * opinion, the meeting's minutes, the decision as published. `…/download` hands out the file;
 * the plain POST also keeps it on the case (SM3 on the timeline), for the archive (第三十三条).
 */
export const registerDecisionDocumentRoutes = (app: TypedApp, platform: Platform): void => {
  app.post('/api/decisions/cases/:id/documents/:kind/download', {
    config: { access: { permission: 'decision.read' } },
    schema: { tags, summary: '生成决策文书（.docx） A decision document', params: Params, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => send(reply, await generateCaseDocument(platform, signedInActor(req), source, decisionDocuments[req.params.kind], { caseId: req.params.id, kind: req.params.kind, keep: false })));
  app.post('/api/decisions/cases/:id/documents/:kind', {
    config: { access: { permission: 'decision.handle' } },
    schema: { tags, summary: '生成文书并存入案卷 Generate and keep on the case', params: Params, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => send(reply, await generateCaseDocument(platform, signedInActor(req), source, decisionDocuments[req.params.kind], { caseId: req.params.id, kind: req.params.kind, keep: true })));
};
