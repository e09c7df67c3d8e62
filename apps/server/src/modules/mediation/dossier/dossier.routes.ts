import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { TypedApp } from '../../../platform/http/types.ts';
import { caseCtxOf, runScoped, type Platform } from '../../../platform/platform.ts';
import { signedInActor } from '../../../platform/http/access.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { loadCaseHead } from '../../../platform/cases/transition.ts';
import { contentDisposition } from '../../../platform/files/file-name.ts';
import { ErrorSchema, FileReview, FileReviewQuery, PartyFactsBody, RightsNoticeBody, RightsNoticeView } from '@fazhi/contracts';
import { setPartyFacts } from './party-facts.ts';
import { acknowledgeRightsNotice, readRightsNotices } from './rights-notice.ts';
import { exportYearDossiers, generateMediationDossier } from './mediation-dossier.ts';
import { runFileReview } from './file-review.ts';
import { AppError } from '../../../platform/errors.ts';

const tags = ['mediation'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 503: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PartyParams = Type.Object({ id: Type.String({ format: 'uuid' }), partyId: Type.String({ format: 'uuid' }) });
const Bytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const DossierQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('docx'), Type.Literal('pdf')], { description: 'docx（默认）或 pdf（归档用，需服务器安装LibreOffice）' })),
  masked: Type.Optional(Type.Boolean({ description: '即使有权查看，也隐去身份证号码、电话和住址' })),
}, { additionalProperties: false });
const YearBody = Type.Object({
  orgId: Type.String({ format: 'uuid' }), year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  masked: Type.Optional(Type.Boolean({ description: '默认隐去个人信息；为 false 时有权查看者得到完整信息（逐人留痕）' })),
}, { additionalProperties: false });

const MIME = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf', zip: 'application/zip' } as const;
const send = (reply: FastifyReply, type: keyof typeof MIME, fileName: string, bytes: Buffer): FastifyReply => reply
  .header('content-type', MIME[type]).header('content-disposition', contentDisposition(fileName)).header('x-content-type-options', 'nosniff').send(bytes);

/**
 * The mediation file (卷宗): the parties' basic facts and the notice of their rights and
 * duties that the file needs, one case's whole file (Word or PDF), a year's files in one
 * download, and the county's file review (卷宗评查). Downloads are POSTs: they write audit
 * rows, so no link on another site may trigger them.
 */
export const registerDossierRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/mediation/cases/:id/rights-notice', {
    config: { access: { permission: 'mediation.read' }, sessionInTransaction: true },
    schema: { tags, summary: '权利义务告知与当事人基本情况 Rights notice and parties\' basic facts', params: IdParams, response: { 200: RightsNoticeView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
    return readRightsNotices(tx, platform.keys.fields, req.params.id);
  }));

  app.post('/api/mediation/cases/:id/rights-notice', {
    config: { access: { permission: 'mediation.handle' }, sessionInTransaction: true },
    schema: { tags, summary: '当事人确认权利义务告知 A party acknowledges the rights notice', params: IdParams, body: RightsNoticeBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await runScoped(platform, signedInActor(req), (tx) => acknowledgeRightsNotice(tx, platform.cases.today(), req.params.id, req.body));
    return reply.status(204).send(null);
  });

  app.put('/api/mediation/cases/:id/parties/:partyId/facts', {
    config: { access: { permission: 'mediation.handle' }, sessionInTransaction: true },
    schema: { tags, summary: '补充当事人基本情况 A party\'s basic facts (民族、职业等)', params: PartyParams, body: PartyFactsBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    if (req.body.birthDate && (req.body.birthDate > platform.cases.today() || req.body.birthDate < '1900-01-01')) throw new AppError('VALIDATION', { field: 'birthDate' });
    await runScoped(platform, signedInActor(req), (tx) => setPartyFacts(tx, platform.keys.fields, req.params.id, req.params.partyId, req.body));
    return reply.status(204).send(null);
  });

  app.post('/api/mediation/cases/:id/dossier', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '调解卷宗（封面、卷内目录与全部文书） The whole mediation file', params: IdParams, querystring: DossierQuery, response: { 200: Bytes, ...errors } },
  }, async (req, reply) => {
    const format = req.query.format ?? 'docx';
    const doc = await generateMediationDossier(platform, signedInActor(req), { caseId: req.params.id, format, ...(req.query.masked !== undefined ? { masked: req.query.masked } : {}) });
    return send(reply, format, doc.fileName, doc.bytes).header('x-document-sm3', doc.sm3);
  });

  app.post('/api/mediation/dossiers', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '按年度批量下载调解卷宗（ZIP） A year\'s files under an org', body: YearBody, response: { 200: Bytes, ...errors } },
  }, async (req, reply) => {
    const actor = signedInActor(req);
    await runScoped(platform, actor, (tx) => assertCanAt(tx.client, tx.principal, 'mediation.read', req.body.orgId));
    const out = await exportYearDossiers(platform, actor, { orgId: req.body.orgId, year: req.body.year, masked: req.body.masked ?? true });
    return send(reply, 'zip', out.fileName, out.bytes).header('x-file-count', String(out.count));
  });

  app.get('/api/mediation/file-review', {
    config: { access: { permission: 'mediation.read' } },
    schema: { tags, summary: '卷宗评查 The file review of a year', querystring: FileReviewQuery, response: { 200: FileReview, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    // By default the org of the caller's grant that reads mediation: the county, the township, or a village.
    const orgId = req.query.orgId ?? tx.principal.grants.find((g) => g.permissions.includes('mediation.read'))?.orgId ?? tx.principal.orgId;
    await assertCanAt(tx.client, tx.principal, 'mediation.read', orgId);
    return runFileReview(tx, platform.keys.fields, platform.cases.today(), { ...req.query, orgId });
  }));
};
