import { Type } from 'typebox';
import { ErrorSchema } from '@fazhi/contracts';
import type { TypedApp } from '../../../platform/http/types.ts';
import type { Platform } from '../../../platform/platform.ts';
import { signedInActor } from '../../../platform/http/access.ts';
import { contentDisposition } from '../../../platform/files/file-name.ts';
import { generateCaseDocument } from '../../../platform/documents/case-document.ts';
import { loadReviewFile, reviewOpinionDocument } from './review-opinion.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const DocxBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A review's 法律审查意见书 as a Word file in the national layout (GB/T 9704), once the opinion is on record. */
export const registerReviewOpinionRoutes = (app: TypedApp, platform: Platform): void => {
  app.post('/api/advisors/cases/:id/opinion/download', {
    config: { access: { permission: 'advisor.read' } },
    schema: { tags: ['advisors'], summary: '法律审查意见书（.docx） The legal opinion', params: Params, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => {
    const doc = await generateCaseDocument(platform, signedInActor(req), { caseType: 'legal_review', load: loadReviewFile }, reviewOpinionDocument,
      { caseId: req.params.id, kind: 'opinion', keep: false });
    return reply.header('content-type', DOCX).header('content-disposition', contentDisposition(doc.fileName))
      .header('x-content-type-options', 'nosniff').header('x-document-sm3', doc.sm3).send(doc.bytes);
  });
};
