import { Type } from 'typebox';
import { DisclosureApplicationBody, DisclosureFeeQuery, DisclosureFeeView, DisclosureReplyQuery, ErrorSchema, AppliedCaseView } from '@fazhi/contracts';
import type { FastifyReply } from 'fastify';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, runSystem, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { contentDisposition } from '../../platform/files/file-name.ts';
import { generateCaseDocument, type GeneratedCaseDocument } from '../../platform/documents/case-document.ts';
import { AppError } from '../../platform/errors.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { findTracked } from '../../platform/cases/tracking.ts';
import { loadCaseHead } from '../../platform/cases/transition.ts';
import { caseCtxOf } from '../../platform/platform.ts';
import { disclosureDocumentKinds, disclosureDocuments } from './documents/disclosure-documents.ts';
import { loadDisclosureFile, monthOrdinal } from './documents/disclosure-file.ts';
import { disclosureFee } from './disclosure.fees.ts';
import { applyForDisclosure } from './use-cases/apply-online.ts';

const tags = ['disclosure'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Params = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union(disclosureDocumentKinds.map((k) => Type.Literal(k)), { description: 'receipt 登记回执 | correction_notice 补正告知书 | extension_notice 延期答复告知书 | fee_notice 收费通知书 | reply 答复书' }),
});
const DocxBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const send = (reply: FastifyReply, doc: Pick<GeneratedCaseDocument, 'fileName' | 'bytes' | 'sm3'>): FastifyReply => reply
  .header('content-type', DOCX).header('content-disposition', contentDisposition(doc.fileName))
  .header('x-content-type-options', 'nosniff').header('x-document-sm3', doc.sm3).send(doc.bytes);

const source = { caseType: 'disclosure', load: (c: Parameters<typeof loadDisclosureFile>[0], keys: unknown, id: string) => loadDisclosureFile(c, keys, id) };

/**
 * A disclosure request's documents (Word, GB/T 9704 layout), its fee, the portal's
 * application and the applicant's download of the reply.
 */
export const registerDisclosureRoutes = (app: TypedApp, platform: Platform): void => {
  // POSTs with the CSRF header: printing personal data in full writes a pii.view audit row, which no link elsewhere may trigger.
  app.post('/api/disclosure/cases/:id/documents/:kind/download', {
    config: { access: { permission: 'disclosure.read' } },
    schema: { tags, summary: '生成政府信息公开文书（.docx） A disclosure document', params: Params, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => send(reply, await generateCaseDocument(platform, signedInActor(req), source, disclosureDocuments[req.params.kind], { caseId: req.params.id, kind: req.params.kind, keep: false })));

  app.post('/api/disclosure/cases/:id/documents/:kind', {
    config: { access: { permission: 'disclosure.handle' } },
    schema: { tags, summary: '生成文书并存入案卷 Generate and keep on the case', params: Params, response: { 200: DocxBytes, ...errors } },
  }, async (req, reply) => send(reply, await generateCaseDocument(platform, signedInActor(req), source, disclosureDocuments[req.params.kind], { caseId: req.params.id, kind: req.params.kind, keep: true })));

  /** 国办函〔2020〕109号: what this request would cost by count (its place in the applicant's month) or by pages. */
  app.get('/api/disclosure/cases/:id/fee', {
    config: { access: { permission: 'disclosure.read' } },
    schema: { tags, summary: '信息处理费 The fee by count or by pages', params: IdParams, querystring: DisclosureFeeQuery, response: { 200: DisclosureFeeView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const { head } = await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
    if (head.case_type !== 'disclosure') throw new AppError('NOT_FOUND');
    if (req.query.method === 'pages' && req.query.pages === undefined) throw new AppError('VALIDATION', { field: 'pages' });
    return disclosureFee(req.query.method, req.query.method === 'count' ? await monthOrdinal(tx.client, head.id) : req.query.pages ?? 0);
  }));

  /** 网上申请政府信息公开: from a phone, with a tracking number and query code on screen and by SMS. */
  app.post('/api/public/disclosure/applications', {
    config: { access: { public: true, rateLimitPerMinute: 10 } },
    schema: { tags: ['public'], summary: '网上申请政府信息公开 Apply for government information (Idempotency-Key supported)',
      querystring: Type.Object({ township: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })) }),
      body: DisclosureApplicationBody, response: { 200: AppliedCaseView, 400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema } },
  }, async (req) => {
    const key = req.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(key))) throw new AppError('VALIDATION', { field: 'Idempotency-Key' });
    return applyForDisclosure(platform, { principal: null, ip: req.ip, requestId: String(req.id) }, req.body, req.query.township ?? null, key ?? null);
  });

  /**
   * The applicant downloads the reply with the tracking number and query code (POST: the code
   * stays out of URLs). Wrong pairs are throttled as tracking is; the download is audited.
   */
  app.post('/api/public/disclosure/reply', {
    config: { access: { public: true, rateLimitPerMinute: 30 } },
    schema: { tags: ['public'], summary: '下载答复书 Download the reply', body: DisclosureReplyQuery, response: { 200: DocxBytes, 404: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema } },
  }, async (req, reply) => {
    const doc = await runSystem(platform, async (c) => {
      const found = await findTracked(c, req.body.no, req.body.code, { secret: platform.keys.master, address: req.ip, now: platform.now() });
      if (!found.ok) return { miss: found };
      if (found.row.case_type !== 'disclosure') return { miss: { ok: false as const, code: 'TRACK_NOT_FOUND' as const } };
      const file = await loadDisclosureFile(c, null, found.row.id);
      const def = disclosureDocuments.reply;
      if (def.unavailable(file)) throw new AppError('DOCUMENT_NOT_AVAILABLE', { kind: 'reply', reason: 'not_replied' });
      const bytes = await def.render(file);
      const hash = sm3(bytes).toString('hex');
      await appendAudit(c, { actorId: null, orgId: found.row.org_id, townshipId: found.row.township_id, action: 'case.document_public', entity: 'case', entityId: found.row.id,
        after: { kind: 'reply', sm3: hash }, ip: req.ip, requestId: String(req.id) });
      return { miss: null, fileName: `${file.ref}-${def.title(file)}.docx`, bytes, sm3: hash };
    });
    if (doc.miss) {
      const m = doc.miss;
      throw new AppError(m.code, 'retryAfter' in m && m.retryAfter !== undefined ? { retryAfter: m.retryAfter } : undefined);
    }
    return send(reply, doc);
  });
};
